/**
 * Node-side view of `recorder.js`: typed reads of what the page recorded, calls on the app's session, and waits that
 * poll the page's records through playwright (never the clock).
 */
import type { Page } from 'playwright-core';

/** A recorded callback: which one, and its payload (`chatDetails` reduced to its keys, see recorder.js). */
export interface RecordedEvent {
  session: number;
  name: string;
  /** Set when the session has no such `on*` method. */
  missing?: true;
  payload?: unknown;
}

/** A recorded method call and how it ended so far. */
export interface RecordedCall {
  session: number;
  method: string;
  args: unknown;
  outcome: 'pending' | 'resolved' | 'rejected' | 'threw' | 'returned';
  value?: unknown;
}

/** One call of a handler the app registered. */
export interface RecordedAppHandlerCall {
  session: number;
  name: string;
}

/** Everything recorded so far. */
export interface Recording {
  events: RecordedEvent[];
  calls: RecordedCall[];
  appHandlerCalls: RecordedAppHandlerCall[];
}

interface RecorderGlobal {
  connectChatRecorder: {
    events: RecordedEvent[];
    calls: RecordedCall[];
    appHandlerCalls: RecordedAppHandlerCall[];
    version(): string | null;
    sessionCount(): number;
    create(
      chatDetails: { contactId: string; participantId: string; participantToken: string },
      options?: { transcript?: boolean },
    ): number;
    invoke(method: string, args: unknown): number;
    blobBytes(index: number): Promise<number[]>;
  };
}

/** A test-readable description of an event to wait for: its callback and fields its item must have. */
export interface EventMatch {
  name: string;
  /** Top-level fields of `payload.data` that must be equal. */
  data?: Readonly<Record<string, string | null>>;
  /** How many matching events must have been recorded. @defaultValue 1 */
  count?: number;
}

/** Stands for an `undefined` argument (playwright cannot pass `undefined` inside an argument list). */
export const undefinedArgument = { $undefined: true } as const;

/** How long a wait on the page may take before failing with what it waited for. */
export const pageWaitTimeoutMs = 20_000;

/** Typed access to the recorder in `page`. */
export function recorderOf(page: Page, label: string) {
  const recorded = () =>
    page.evaluate((): Recording => {
      const { events, calls, appHandlerCalls } = (globalThis as unknown as RecorderGlobal)
        .connectChatRecorder;
      return { events, calls, appHandlerCalls };
    });

  async function waitUntil<T>(what: string, check: () => Promise<T>): Promise<T> {
    try {
      return await check();
    } catch (error) {
      const recording = await recorded().catch(() => undefined);
      const lastEvents = recording?.events.slice(-8).map((event) => event.name) ?? [];
      throw new Error(
        `${label}: ${what} did not happen within ${pageWaitTimeoutMs} ms (last callbacks: ${lastEvents.join(', ')})`,
        { cause: error },
      );
    }
  }

  /**
   * Starts `method` on the app's session; returns the call's index for `waitForCall`. `args` is passed as given
   * ({@link undefinedArgument} stands for `undefined`; leaving it out passes `{}`).
   */
  const invoke = (method: string, args?: unknown) =>
    page.evaluate(
      ([name, value]) => (globalThis as unknown as RecorderGlobal).connectChatRecorder.invoke(name, value),
      [method, args ?? {}] as const,
    );

  /** Resolves with call `index` once it has settled. */
  const waitForCall = (index: number) =>
    waitUntil(`call #${index} settling`, async () => {
      const handle = await page.waitForFunction(
        (value) => {
          const call = (globalThis as unknown as RecorderGlobal).connectChatRecorder.calls[value];
          return call && call.outcome !== 'pending' ? call : undefined;
        },
        index,
        { timeout: pageWaitTimeoutMs },
      );
      return (await handle.jsonValue()) as RecordedCall;
    });

  return {
    recorded,
    version: () =>
      page.evaluate(() => (globalThis as unknown as RecorderGlobal).connectChatRecorder.version()),
    blobBytes: (index: number) =>
      page.evaluate(
        (value) => (globalThis as unknown as RecorderGlobal).connectChatRecorder.blobBytes(value),
        index,
      ),
    invoke,
    waitForCall,
    /** Invokes `method` and waits for it to settle. */
    async call(method: string, args?: unknown): Promise<RecordedCall & { index: number }> {
      const index = await invoke(method, args);
      return { ...(await waitForCall(index)), index };
    },
    /** Resolves once the app has created a session. */
    waitForSession: () =>
      waitUntil('the app creating a session', async () => {
        await page.waitForFunction(
          () =>
            ((globalThis as unknown as Partial<RecorderGlobal>).connectChatRecorder?.sessionCount?.() ?? 0) >
            0,
          undefined,
          { timeout: pageWaitTimeoutMs },
        );
      }),
    /**
     * Creates another customer session on the page, as the README creates one; it becomes the driven one. With
     * `transcript`, its `onTranscriptUpdated` is recorded too.
     */
    createSession: (
      chatDetails: { contactId: string; participantId: string; participantToken: string },
      options: { transcript?: boolean } = {},
    ) =>
      page.evaluate(
        ([details, createOptions]) =>
          (globalThis as unknown as RecorderGlobal).connectChatRecorder.create(details, createOptions),
        [chatDetails, options] as const,
      ),
    /** Resolves with the matching event of the latest session once it (or `count` of them) has been recorded. */
    waitForEvent: (match: EventMatch) =>
      waitUntil(`${match.name} ${JSON.stringify(match.data ?? {})} ×${match.count ?? 1}`, async () => {
        const handle = await page.waitForFunction(
          (wanted) => {
            const recorder = (globalThis as unknown as RecorderGlobal).connectChatRecorder;
            const latest = recorder.sessionCount() - 1;
            const found = recorder.events.filter(
              (event) =>
                event.session === latest &&
                event.name === wanted.name &&
                Object.entries(wanted.data ?? {}).every(
                  ([key, value]) =>
                    (event.payload as { data?: Record<string, unknown> } | undefined)?.data?.[key] === value,
                ),
            );
            return found.length >= (wanted.count ?? 1) ? found.at(-1) : undefined;
          },
          match,
          { timeout: pageWaitTimeoutMs },
        );
        return (await handle.jsonValue()) as RecordedEvent;
      }),
  };
}

/** What {@link recorderOf} returns. */
export type RecorderDriver = ReturnType<typeof recorderOf>;
