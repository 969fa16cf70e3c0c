// Compat sessions against the real emulator: the real fetch adapter, real `ws` sockets, one manual clock for the
// sessions and the emulator. Tests step the clock and wait for real I/O through events (vi.waitFor polls; nothing
// sleeps).
import type {
  AddedParticipant,
  CreatedContact,
  Emulator,
  EmulatorOptions,
} from '@connect-chat/transport/testing';
import { vi } from 'vitest';
import { WebSocket } from 'ws';
import { ManualClock, startEmulatorOnClock } from '../../../transport/test/connection/manual-clock';
import { createChatSessionApi } from '../../src/chat-session-api';
import type { ChatSessionApi, LegacyChatSession } from '../../src/legacy.types';
import { subscriptionMethods } from '../../src/legacy-session';
import type { CompatRuntime } from '../../src/runtime.types';

/** The name of an `on*` method. */
export type SubscriptionName = keyof typeof subscriptionMethods;

/** Every payload each `on*` callback received, in order. */
export type EventLog = { [K in SubscriptionName]: Record<string, unknown>[] };

/** Subscribes to every callback of a session and records the payloads. */
export function recordEvents(session: LegacyChatSession): EventLog {
  const log = {} as Record<SubscriptionName, Record<string, unknown>[]>;
  for (const name of Object.keys(subscriptionMethods) as SubscriptionName[]) {
    if (name === 'onTranscriptUpdated') {
      log[name] = [];
      continue;
    }
    log[name] = [];
    (session[name] as unknown as (handler: (event: Record<string, unknown>) => void) => void)((event) =>
      log[name].push(event),
    );
  }
  return log as EventLog;
}

export interface CompatFixture extends AsyncDisposable {
  emulator: Emulator;
  contact: CreatedContact;
  agent: AddedParticipant;
  clock: ManualClock;
  ChatSession: ChatSessionApi;
  /** A customer session for the fixture's contact. */
  customer(options?: { region?: string }): LegacyChatSession & {
    disconnectParticipant(): Promise<unknown>;
  };
  /** The JSON bodies the sessions sent to a participant-API path (e.g. `/participant/message`), oldest first. */
  bodies(path: string): Record<string, unknown>[];
  /** The headers of every participant-API request, oldest first. */
  headers(): Record<string, string>[];
  /** The emulator's log entries of an operation for a participant. */
  requests(operation: string, participantId?: string): Record<string, unknown>[];
  /** Sends a message from the agent (through the emulator). */
  agentSays(content: string, contentType?: string): string;
  advance(ms: number): void;
}

/** Starts an emulator and a `connect.ChatSession` object bound to it. */
export async function compatFixture(
  options: {
    emulator?: Partial<EmulatorOptions>;
    runtime?: Partial<CompatRuntime>;
    /**
     * Called when the service has answered a participant-API request (by path, e.g. `/participant/message`) and
     * before the session sees the answer: return a promise to hold the answer until it settles.
     */
    holdAnswer?: (path: string) => Promise<void> | undefined;
  } = {},
): Promise<CompatFixture> {
  const clock = new ManualClock();
  const emulator = await startEmulatorOnClock(clock, options.emulator);
  const contact = emulator.createContact({ DisplayName: 'Casey' });
  const agent = emulator.addParticipant(contact.ContactId, { Role: 'AGENT', DisplayName: 'Ada' });
  const sent: { path: string; body: Record<string, unknown> }[] = [];
  const sentHeaders: Record<string, string>[] = [];
  const ChatSession = createChatSessionApi({
    clock,
    // The real fetch, watched through the runtime slot (nothing global is patched).
    fetch: async (url, init) => {
      sentHeaders.push({ ...init.headers });
      const path = new URL(url).pathname;
      if (init.body !== undefined)
        sent.push({ path, body: JSON.parse(init.body) as Record<string, unknown> });
      const response = await fetch(url, init);
      await options.holdAnswer?.(path);
      return response;
    },
    WebSocket,
    random: () => 0.5,
    maxAttempts: 1,
    // Heartbeats are exercised on their own; elsewhere they must not race the steps of the manual clock.
    delays: { heartbeatInterval: 600_000 },
    ...options.runtime,
  });
  ChatSession.setGlobalConfig({ endpoint: emulator.endpoint, region: 'us-west-2' });
  const sessions: LegacyChatSession[] = [];

  return {
    emulator,
    contact,
    agent,
    clock,
    ChatSession,
    customer(customerOptions = {}) {
      const session = ChatSession.create({
        chatDetails: {
          ContactId: contact.ContactId,
          ParticipantId: contact.ParticipantId,
          ParticipantToken: contact.ParticipantToken,
        },
        type: 'CUSTOMER',
        ...(customerOptions.region ? { options: { region: customerOptions.region } } : {}),
      });
      sessions.push(session);
      return session;
    },
    headers: () => [...sentHeaders],
    bodies: (path) => sent.filter((request) => request.path === path).map((request) => request.body),
    requests: (operation, participantId) =>
      emulator
        .getContactState(contact.ContactId)
        .Log.filter(
          (entry) =>
            (entry as { operation?: string }).operation === operation &&
            (participantId === undefined ||
              (entry as { participantId?: string }).participantId === participantId),
        ) as unknown as Record<string, unknown>[],
    agentSays(content, contentType = 'text/plain') {
      const item = emulator.injectItem(contact.ContactId, {
        AsParticipantId: agent.ParticipantId,
        Type: 'MESSAGE',
        ContentType: contentType,
        Content: content,
      });
      return item.Id as string;
    },
    advance: (ms) => clock.increment(ms),
    async [Symbol.asyncDispose]() {
      await emulator.close();
    },
  };
}

/** Waits until `check` stops throwing (polls real I/O; never a fixed sleep). */
export const until = (check: () => void): Promise<void> => vi.waitFor(check, { timeout: 5_000, interval: 5 });

/**
 * Connects and waits for the socket. `connect()` resolves as soon as the connection details are fetched, as in
 * ChatJS; tests that go on to chat wait for `onConnectionEstablished` too.
 */
export async function connectFully(session: LegacyChatSession): Promise<unknown> {
  let established = false;
  session.onConnectionEstablished(() => {
    established = true;
  });
  const result = await session.connect();
  await until(() => {
    if (!established) throw new Error('the connection is not established yet');
  });
  return result;
}
