/**
 * Node-side driver for `chatjs-page.js`: serves the unmodified ChatJS dist next to the harness script and calls the
 * harness through `page.evaluate`. Waits poll the page's event counters (playwright's waits), never the clock.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { resolvePackageFile, type StaticRoute } from './static-server';

/** The callbacks the page records, by ChatJS's session method name. */
export type ChatJsCallback =
  | 'onConnectionEstablished'
  | 'onConnectionLost'
  | 'onConnectionBroken'
  | 'onMessage'
  | 'onTyping'
  | 'onReadReceipt'
  | 'onDeliveredReceipt'
  | 'onEnded';

/** One recorded callback: its name and the event's `data` (the item, for item events). */
export interface ChatJsEvent {
  name: ChatJsCallback;
  data: unknown;
}

/** What `chatjs-page.js` installs as `globalThis.chatHarness`. */
interface ChatHarness {
  events: ChatJsEvent[];
  count(name: ChatJsCallback): number;
  configure(endpoint: string): string;
  start(chatDetails: ChatDetails): Promise<{ connectSuccess: boolean }>;
  sendMessage(text: string): Promise<{ id: string; absoluteTime: string }>;
  sendTyping(): Promise<{ id: string }>;
  sendReadReceipt(messageId: string): Promise<void>;
  sendAttachment(name: string, type: string, bytes: number[]): Promise<{ status: number }>;
  downloadAttachment(attachmentId: string): Promise<{ type: string; bytes: number[] }>;
  disconnect(): Promise<{ status: number }>;
}

type HarnessGlobal = { chatHarness: ChatHarness };

/** What ChatJS needs to create a customer session. */
export interface ChatDetails {
  ContactId: string;
  ParticipantId: string;
  ParticipantToken: string;
}

const page = `<!doctype html>
<html>
  <head><meta charset="utf-8"><title>ChatJS fidelity</title></head>
  <body>
    <script src="/amazon-connect-chat.js"></script>
    <script src="/chatjs-page.js"></script>
  </body>
</html>
`;

/** Static routes for the fidelity page: `/` loads the ChatJS dist by `<script>` tag, then the harness. */
export function chatJsRoutes(): Record<string, StaticRoute> {
  return {
    '/': { contentType: 'text/html; charset=utf-8', body: page },
    '/amazon-connect-chat.js': {
      contentType: 'text/javascript; charset=utf-8',
      file: resolvePackageFile('amazon-connect-chatjs/dist/amazon-connect-chat.js'),
    },
    '/chatjs-page.js': {
      contentType: 'text/javascript; charset=utf-8',
      file: fileURLToPath(new URL('./chatjs-page.js', import.meta.url)),
    },
  };
}

/** How long a wait on the page may take before the test fails with a description of what was awaited. */
const waitTimeoutMs = 15_000;

/** Typed calls into the page's harness. */
export function driveChatJs(target: Page) {
  return {
    configure: (endpoint: string) =>
      target.evaluate(
        (value) => (globalThis as unknown as HarnessGlobal).chatHarness.configure(value),
        endpoint,
      ),
    start: (details: ChatDetails) =>
      target.evaluate((value) => (globalThis as unknown as HarnessGlobal).chatHarness.start(value), details),
    sendMessage: (text: string) =>
      target.evaluate(
        (value) => (globalThis as unknown as HarnessGlobal).chatHarness.sendMessage(value),
        text,
      ),
    sendTyping: () =>
      target.evaluate(() => (globalThis as unknown as HarnessGlobal).chatHarness.sendTyping()),
    sendReadReceipt: (messageId: string) =>
      target.evaluate(
        (value) => (globalThis as unknown as HarnessGlobal).chatHarness.sendReadReceipt(value),
        messageId,
      ),
    sendAttachment: (name: string, type: string, bytes: Uint8Array) =>
      target.evaluate(
        ([fileName, fileType, content]) =>
          (globalThis as unknown as HarnessGlobal).chatHarness.sendAttachment(fileName, fileType, content),
        [name, type, Array.from(bytes)] as const,
      ),
    downloadAttachment: (attachmentId: string) =>
      target.evaluate(
        (value) => (globalThis as unknown as HarnessGlobal).chatHarness.downloadAttachment(value),
        attachmentId,
      ),
    disconnect: () =>
      target.evaluate(() => (globalThis as unknown as HarnessGlobal).chatHarness.disconnect()),
    /** Every recorded event of one callback, in order. */
    events: (name: ChatJsCallback) =>
      target.evaluate(
        (value) =>
          (globalThis as unknown as HarnessGlobal).chatHarness.events.filter((event) => event.name === value),
        name,
      ),
    /** Resolves once `name` has fired at least `count` times. */
    async waitForCount(name: ChatJsCallback, count: number): Promise<void> {
      try {
        await target.waitForFunction(
          ([callback, expected]) =>
            (globalThis as unknown as HarnessGlobal).chatHarness.count(callback) >= expected,
          [name, count] as const,
          { timeout: waitTimeoutMs },
        );
      } catch (error) {
        throw new Error(`ChatJS did not fire ${name} ${count} time(s) within ${waitTimeoutMs} ms`, {
          cause: error,
        });
      }
    },
    /** Resolves with the first `name` event whose item has all of `fields`. */
    async waitForItem(
      name: ChatJsCallback,
      fields: Readonly<Record<string, string>>,
    ): Promise<Record<string, unknown>> {
      try {
        const handle = await target.waitForFunction(
          ([callback, wanted]) =>
            (globalThis as unknown as HarnessGlobal).chatHarness.events.find(
              (event) =>
                event.name === callback &&
                Object.entries(wanted).every(
                  ([key, value]) => (event.data as Record<string, unknown> | null)?.[key] === value,
                ),
            )?.data,
          [name, fields] as const,
          { timeout: waitTimeoutMs },
        );
        return (await handle.jsonValue()) as Record<string, unknown>;
      } catch (error) {
        throw new Error(
          `ChatJS did not fire ${name} with ${JSON.stringify(fields)} within ${waitTimeoutMs} ms`,
          {
            cause: error,
          },
        );
      }
    },
  };
}
