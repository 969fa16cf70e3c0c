/**
 * The library-neutral side of every benchmark page: sessions are made by a per-library factory and report back
 * through the same hooks, so core, compat, ChatJS and the floor pay the same bookkeeping per message.
 */
import type {
  BenchGlobals,
  BenchPage,
  ConnectTiming,
  DispatchOutcome,
  PageChatDetails,
  PageLibrary,
  RecoveryOutcome,
} from './page-api';

/** What a library calls back with. */
export interface SessionHooks {
  /** The session is connected (first connection or a reconnection). */
  connected(): void;
  /** The library scheduled a reconnection attempt this many milliseconds away. */
  retryScheduled(retryInMs: number): void;
  /** An incoming item reached the app's message callback. */
  message(item: { Type?: string | undefined; Content?: string | undefined } | null | undefined): void;
}

/** A session as the page drives it. */
export interface PageSession {
  connect(): Promise<unknown>;
}

/** Makes one session of the page's library. */
export type PageSessionFactory = (
  endpoint: string,
  chat: PageChatDetails,
  hooks: SessionHooks,
) => PageSession;

/** Installs `globalThis.benchPage` for `library`. */
export function installBenchPage(library: PageLibrary, factory: PageSessionFactory): void {
  const timings: ConnectTiming[] = [];
  const waiters = new Set<() => void>();
  const wake = (): void => {
    for (const waiter of [...waiters]) waiter();
  };
  let received = 0;
  let expected = Number.POSITIVE_INFINITY;
  let finishedAt: number | undefined;
  let watched: string | undefined;
  let watchedAt: number | undefined;
  (globalThis as unknown as BenchGlobals).benchProbe.listen(wake);

  const hooksFor = (timing: ConnectTiming): SessionHooks => ({
    connected() {
      timing.connectedAt.push(performance.now());
      wake();
    },
    retryScheduled(retryInMs) {
      timing.retries.push({ at: performance.now(), retryInMs });
    },
    message(item) {
      if (item?.Type !== 'MESSAGE') return;
      received += 1;
      if (received === expected) {
        finishedAt = performance.now();
        wake();
      }
      if (watched !== undefined && watchedAt === undefined && item.Content === watched) {
        watchedAt = performance.now();
        wake();
      }
    },
  });

  /** Resolves with `outcome()` once it returns something, or with `fallback()` (which may throw) after `timeoutMs`. */
  const until = <T>(outcome: () => T | undefined, fallback: () => T, timeoutMs: number): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const check = (): void => {
        const value = outcome();
        if (value === undefined) return;
        finish();
        resolve(value);
      };
      const deadline = setTimeout(() => {
        finish();
        try {
          resolve(fallback());
        } catch (error) {
          reject(error);
        }
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(deadline);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  const page: BenchPage = {
    library,
    connectAll(endpoint, chats) {
      return Promise.all(
        chats.map((chat) => {
          const timing: ConnectTiming = { startedAt: performance.now(), connectedAt: [], retries: [] };
          timings.push(timing);
          const session = factory(endpoint, chat, hooksFor(timing));
          const connected = until(
            () => (timing.connectedAt.length > 0 ? timing : undefined),
            () => timing,
            60_000,
          );
          return Promise.all([session.connect(), connected]).then(() => {
            if (timing.connectedAt.length === 0) throw new Error(`${library} did not report connected`);
            return timing;
          });
        }),
      );
    },
    timings: () => timings,
    awaitSubscribed(timeoutMs) {
      const probe = (globalThis as unknown as BenchGlobals).benchProbe;
      return until(
        () => probe.subscribeAnswers[0],
        () => {
          throw new Error(`${library} was not subscribed within ${timeoutMs} ms`);
        },
        timeoutMs,
      );
    },
    expectMessages(count) {
      received = 0;
      expected = count;
      finishedAt = undefined;
    },
    awaitMessages(timeoutMs) {
      const probe = (globalThis as unknown as BenchGlobals).benchProbe;
      const outcome = (): DispatchOutcome | undefined =>
        finishedAt === undefined
          ? undefined
          : {
              heldMs: (probe.holdEndedAt ?? Number.NaN) - (probe.holdStartedAt ?? Number.NaN),
              startedAt: probe.holdEndedAt ?? Number.NaN,
              finishedAt,
              received,
            };
      return until(
        outcome,
        () => {
          throw new Error(`${library} delivered ${received} of ${expected} messages within ${timeoutMs} ms`);
        },
        timeoutMs,
      );
    },
    watchMessage(content) {
      watched = content;
      watchedAt = undefined;
    },
    awaitRecovery(awaitGap, timeoutMs) {
      const probe = (globalThis as unknown as BenchGlobals).benchProbe;
      const current = (): RecoveryOutcome => {
        const closedAt = probe.socketCloses.at(-1) ?? Number.NaN;
        const reconnectedAt = timings[0]?.connectedAt.find((at) => at > closedAt);
        const resubscribedAt = probe.subscribeAnswers.find((at) => at > closedAt);
        const firstRetryInMs = timings[0]?.retries.find((retry) => retry.at >= closedAt)?.retryInMs;
        return { closedAt, reconnectedAt, resubscribedAt, gapFilledAt: watchedAt, firstRetryInMs };
      };
      return until(
        () => {
          const outcome = current();
          const done =
            outcome.reconnectedAt !== undefined &&
            outcome.resubscribedAt !== undefined &&
            (!awaitGap || outcome.gapFilledAt !== undefined);
          return done ? outcome : undefined;
        },
        current,
        timeoutMs,
      );
    },
  };
  (globalThis as unknown as BenchGlobals).benchPage = page;
}
