/**
 * Everything a browser test of the examples needs: the emulator (on a holding scheduler), the examples server with a
 * `startChat` that creates a contact and adds an agent who listens on his own socket, and Chromium. Pages open with
 * a CSP watch already in place.
 */
import type { CreatedContact, Emulator } from '@connect-chat/transport/testing';
import { startEmulator } from '@connect-chat/transport/testing';
import type { Page } from 'playwright-core';
import {
  type ChromiumSession,
  launchChromium,
} from '../../../../../packages/transport/test/browser/chromium';
import {
  type Agent,
  controlApi,
  joinAgent,
} from '../../../../../packages/transport/test/browser/emulator-peers';
import {
  type ExamplesServer,
  type StartChatRequest,
  startExamplesServer,
} from '../../../src/examples-server';
import { type CspWatch, watchCsp } from './csp-watch';
import { type HoldingScheduler, holdingScheduler } from './holding-scheduler';

/** How long any wait on a page or the emulator may take before the test fails saying what it waited for. */
export const waitTimeoutMs = 15_000;

/** A chat the examples server started for a page. */
export interface StartedChat {
  readonly displayName: string;
  readonly contact: CreatedContact;
  /** The agent, already joined and listening on his own socket. */
  readonly agent: Agent;
}

/** A page under test. */
export interface OpenedPage {
  readonly page: Page;
  readonly csp: CspWatch;
}

/** What {@link startExamplesFixture} returns. */
export interface ExamplesFixture extends AsyncDisposable {
  readonly emulator: Emulator;
  readonly server: ExamplesServer;
  readonly chromium: ChromiumSession;
  readonly hold: HoldingScheduler;
  /** Chats in the order pages started them. */
  readonly chats: readonly StartedChat[];
  /** The `count`-th chat started (1-based), waiting for it if need be. */
  chat(count: number): Promise<StartedChat>;
  /** A new page on an example (by name, e.g. `customer-widget`, or `''` for the page list), loaded. */
  openPage(name: string): Promise<OpenedPage>;
}

/** Rejects with a readable error when `promise` takes longer than {@link waitTimeoutMs}. */
export function withDeadline<T>(promise: Promise<T>, what: string, ms = waitTimeoutMs): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A deadline, not a pause: it only turns a wait that never ends into a failure that says what was awaited.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Starts the emulator, the examples server and Chromium. */
export async function startExamplesFixture(): Promise<ExamplesFixture> {
  const hold = holdingScheduler();
  const emulator = await startEmulator({ scheduler: hold.scheduler });
  const control = controlApi(emulator.endpoint);
  const chats: StartedChat[] = [];
  const waiters = new Set<() => void>();
  const startChat = async ({ displayName }: StartChatRequest) => {
    const contact = emulator.createContact({ DisplayName: displayName });
    const agent = await joinAgent(emulator.endpoint, control, contact.ContactId);
    chats.push({ displayName, contact, agent });
    for (const waiter of [...waiters]) waiter();
    return contact;
  };
  let server: ExamplesServer | undefined;
  let chromium: ChromiumSession | undefined;
  try {
    [server, chromium] = await Promise.all([
      startExamplesServer({ emulatorEndpoint: emulator.endpoint, startChat }),
      launchChromium(),
    ]);
  } catch (error) {
    await server?.close();
    await emulator.close();
    throw error;
  }
  const browser = chromium;
  const examples = server;
  const pages: Page[] = [];

  return {
    emulator,
    server: examples,
    chromium: browser,
    hold,
    chats,
    chat(count) {
      const started = new Promise<StartedChat>((resolve) => {
        const check = () => {
          const chat = chats[count - 1];
          if (!chat) return;
          waiters.delete(check);
          resolve(chat);
        };
        waiters.add(check);
        check();
      });
      return withDeadline(started, `chat #${count} to start`);
    },
    async openPage(name) {
      const page = await browser.newPage();
      pages.push(page);
      const csp = await watchCsp(page);
      await page.goto(new URL(name === '' ? '/' : `/${name}/`, examples.url).href);
      return { page, csp };
    },
    async [Symbol.asyncDispose]() {
      hold.release();
      for (const page of pages) await page.close().catch(() => undefined);
      for (const chat of chats) await chat.agent[Symbol.asyncDispose]();
      await browser[Symbol.asyncDispose]();
      await examples.close();
      await emulator.close();
    },
  };
}
