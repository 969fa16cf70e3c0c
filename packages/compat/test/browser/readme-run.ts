/**
 * One README page of one library, opened in Chromium against the emulator: its static server, its chat backend,
 * its contact, the agent who joins it, and the recorder that watches it. Scenarios (`scenarios.ts`) drive it.
 */
import type { CreatedContact, Emulator } from '@connect-chat/transport/testing';
import type { Page } from 'playwright-core';
import type { ChromiumSession } from '../../../transport/test/browser/chromium';
import type { Agent, ControlApi } from '../../../transport/test/browser/emulator-peers';
import { type StaticServer, startStaticServer } from '../../../transport/test/browser/static-server';
import { type ChatBackend, type HeldRequest, routeChatBackend } from './chat-backend';
import {
  type DistScripts,
  type Library,
  type PageKind,
  type ReadmeSamples,
  readmePageRoutes,
} from './readme-pages';
import { type RecorderDriver, recorderOf } from './recorder-driver';

/** What every run shares: the browser, the emulator and the README samples. */
export interface RunEnvironment {
  chromium: ChromiumSession;
  emulator: Emulator;
  control: ControlApi;
  samples: ReadmeSamples;
  /** The script file each library ships, for the HTML sample. */
  scripts: DistScripts;
}

/** Ids and handles the scenarios pass along (filled in as they run). */
export interface RunState {
  agent?: Agent;
  /** The agent's first message, which the customer acknowledges in the receipts scenario. */
  agentMessageId?: string;
  /** The customer's first message after the README code's own, which the agent acknowledges. */
  customerMessageId?: string;
  /**
   * The ESM snippet's "Hello World!" request, held until the socket is subscribed. ChatJS resolves `connect()`
   * before its socket is open, so without this the echo of the message would be lost or not, by timing.
   */
  heldFirstMessage?: HeldRequest;
}

/** One README page of one library, ready to be driven. */
export interface ReadmeRun extends AsyncDisposable {
  readonly library: Library;
  readonly kind: PageKind;
  /** E.g. `chatjs/esm`, used in failure messages. */
  readonly label: string;
  /** The page's address on its own static server. */
  readonly url: string;
  readonly page: Page;
  readonly recorder: RecorderDriver;
  readonly backend: ChatBackend;
  /** The contact of the session being driven (the README code's own first, see {@link ReadmeRun.startContact}). */
  readonly contact: CreatedContact;
  /** Starts another contact, which becomes {@link ReadmeRun.contact}. */
  startContact(): CreatedContact;
  readonly environment: RunEnvironment;
  readonly state: RunState;
}

/**
 * Starts a contact and a static server for the page and routes its network; for the ESM snippet, its first message
 * is held (see {@link RunState.heldFirstMessage}). The page is not loaded yet.
 */
export async function prepareReadmeRun(
  environment: RunEnvironment,
  kind: PageKind,
  library: Library,
): Promise<ReadmeRun> {
  const server: StaticServer = await startStaticServer(
    await readmePageRoutes(environment.samples, kind, library, environment.scripts),
  );
  const page = await environment.chromium.newPage();
  const startContact = () => environment.emulator.createContact({ DisplayName: 'Customer Jane' });
  let contact = startContact();
  const backend = await routeChatBackend(page, {
    pageOrigin: server.origin,
    emulatorEndpoint: environment.emulator.endpoint,
    chatDetails: contact,
  });
  const label = `${library}/${kind}`;
  const state: RunState = {};
  if (kind === 'esm') state.heldFirstMessage = backend.hold('SendMessage');
  return {
    library,
    kind,
    label,
    page,
    recorder: recorderOf(page, label),
    backend,
    get contact() {
      return contact;
    },
    startContact() {
      contact = startContact();
      return contact;
    },
    environment,
    state,
    url: server.url('/'),
    async [Symbol.asyncDispose]() {
      state.heldFirstMessage?.release();
      await state.agent?.[Symbol.asyncDispose]();
      await page.close();
      await server[Symbol.asyncDispose]();
    },
  };
}
