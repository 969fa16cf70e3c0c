// Two real sessions (a customer and an agent) against the real emulator on one manual clock, built for the security
// suite: every socket the customer opens is kept (so a test can push frames into its real message path), each
// side's participant-API adapter can be swapped (fetch or AWS SDK, with loggers), and helpers prove the two things
// every security test ends with: what reached the wire, and that the chat still works.
import {
  type ChatSession,
  type ChatSessionOptions,
  type ConnectionStatus,
  createChatSession,
  type ParticipantApi,
  reconnectDelay,
} from '@connect-chat/core';
import { vi } from 'vitest';
import { WebSocket } from 'ws';
import { createFetchParticipantApi, createWebSocketFactory } from '../../src';
import type {
  ActivityLogEntry,
  AddedParticipant,
  CreatedContact,
  Emulator,
  EmulatorOptions,
  HttpLogEntry,
} from '../../src/testing';
import { TestPlatform } from '../connection/connection-fixture';
import { ManualClock, startEmulatorOnClock } from '../connection/manual-clock';

/** A `ws` WebSocket whose instances (and the URLs they were opened with) a test can reach. */
export interface SocketCapture {
  /** The constructor to hand to `createWebSocketFactory`. */
  readonly WebSocket: typeof WebSocket;
  /** Every socket opened, oldest first. */
  readonly sockets: WebSocket[];
  /** The URL of every socket opened (they carry the socket token in their query). */
  readonly urls: string[];
}

/** A `WebSocket` subclass that remembers every instance, so frames can be pushed into a live socket's own path. */
export function captureSockets(): SocketCapture {
  const sockets: WebSocket[] = [];
  const urls: string[] = [];
  class CapturedWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
      urls.push(url);
    }
  }
  return { WebSocket: CapturedWebSocket as typeof WebSocket, sockets, urls };
}

/** Session options a test may set for one side (the fixture owns the chat, the adapter and the socket slot). */
export type SideOptions = Partial<
  Omit<ChatSessionOptions, 'chatDetails' | 'participantApi' | 'sockets' | 'managedSocket'>
>;

/** Builds a side's participant-API adapter for the emulator. */
export type AdapterFactory = (endpoint: string) => ParticipantApi;

/** One participant of the chat. */
export interface SecuritySide {
  readonly session: ChatSession;
  readonly participantId: string;
  readonly platform: TestPlatform;
  readonly capture: SocketCapture;
  /** The socket the session currently chats on (the newest one opened). */
  liveSocket(): WebSocket;
}

/** The chat, its two sides and the helpers. */
export interface SecurityChat extends AsyncDisposable {
  readonly emulator: Emulator;
  readonly contact: CreatedContact;
  readonly agentParticipant: AddedParticipant;
  readonly clock: ManualClock;
  readonly customer: SecuritySide;
  readonly agent: SecuritySide;
  /** Connects both sides and waits until the work each does on its own when connecting is over. */
  connectBoth(): Promise<void>;
  /** Waits until `side` has loaded its history and its first deep heartbeat was answered. */
  settle(side: SecuritySide): Promise<void>;
  /** Resolves once `side`'s status is `status`. */
  untilStatus(side: SecuritySide, status: ConnectionStatus): Promise<void>;
  /** Waits for `side`'s scheduled reconnection and fires it. */
  fireRetry(side: SecuritySide): Promise<void>;
  /**
   * One message each way: the customer's goes out over REST and must reach the agent's socket; the agent's reply
   * must reach the customer's socket. Returns the two ids.
   */
  exchange(label: string): Promise<{ fromCustomer: string; fromAgent: string }>;
  /** The emulator's whole activity log so far (a copy). */
  activity(): ActivityLogEntry[];
}

/** Emulator HTTP entries (operation names) of `participantId` among `entries`. */
export function httpOperations(entries: readonly ActivityLogEntry[], participantId?: string): string[] {
  return entries
    .filter((entry): entry is HttpLogEntry => entry.kind === 'http')
    .filter((entry) => participantId === undefined || entry.participantId === participantId)
    .map((entry) => entry.operation);
}

/** The default adapter: the fetch participant API with no retries (the outbox does the retrying). */
export const fetchAdapter: AdapterFactory = (endpoint) =>
  createFetchParticipantApi({ endpoint, maxAttempts: 1 });

const settleTimeout = { timeout: 5_000, interval: 2 };

/** Starts the emulator and builds both sessions (not connected). */
export async function securityChat(
  options: {
    emulator?: Partial<EmulatorOptions>;
    customer?: SideOptions;
    agent?: SideOptions;
    customerAdapter?: AdapterFactory;
    agentAdapter?: AdapterFactory;
  } = {},
): Promise<SecurityChat> {
  const clock = new ManualClock();
  const emulator = await startEmulatorOnClock(clock, options.emulator);
  const contact = emulator.createContact({ DisplayName: 'Casey' });
  const agentParticipant = emulator.addParticipant(contact.ContactId, { Role: 'AGENT', DisplayName: 'Ada' });
  const settled = new Map<ChatSession, { history: boolean; heartbeat: boolean }>();

  const side = (
    participantId: string,
    participantToken: string,
    role: 'CUSTOMER' | 'AGENT',
    adapter: AdapterFactory,
    extra: SideOptions | undefined,
  ): SecuritySide => {
    const capture = captureSockets();
    const platform = new TestPlatform();
    const session = createChatSession({
      chatDetails: { contactId: contact.ContactId, participantId, participantToken },
      role,
      participantApi: adapter(emulator.endpoint),
      sockets: createWebSocketFactory({ WebSocket: capture.WebSocket }),
      platform,
      clock,
      reconnectDelay: (attempt) => reconnectDelay(attempt, () => 0.5),
      ...extra,
    });
    const state = { history: extra?.transcript?.loadOnConnect === false, heartbeat: false };
    settled.set(session, state);
    session.on('historyLoaded', () => {
      state.history = true;
    });
    session.on('deepHeartbeat', () => {
      state.heartbeat = true;
    });
    return {
      session,
      participantId,
      platform,
      capture,
      liveSocket() {
        const socket = capture.sockets.at(-1);
        if (!socket) throw new Error('no socket was opened yet');
        return socket;
      },
    };
  };
  const customer = side(
    contact.ParticipantId,
    contact.ParticipantToken,
    'CUSTOMER',
    options.customerAdapter ?? fetchAdapter,
    options.customer,
  );
  const agent = side(
    agentParticipant.ParticipantId,
    agentParticipant.ParticipantToken,
    'AGENT',
    options.agentAdapter ?? fetchAdapter,
    options.agent,
  );

  const settle = (target: SecuritySide): Promise<void> =>
    vi.waitFor(() => {
      const state = settled.get(target.session);
      if (!state?.history || !state.heartbeat) throw new Error('the session is still connecting');
    }, settleTimeout);

  const untilStatus = (target: SecuritySide, status: ConnectionStatus): Promise<void> =>
    new Promise((resolve) => {
      if (target.session.status === status) return resolve();
      const stop = target.session.on('status', ({ current }) => {
        if (current !== status) return;
        stop();
        resolve();
      });
    });

  const arrived = (target: SecuritySide, id: string): Promise<void> =>
    vi.waitFor(() => {
      if (!target.session.transcript.some((entry) => entry.id === id))
        throw new Error(`message ${id} has not arrived yet`);
    }, settleTimeout);

  return {
    emulator,
    contact,
    agentParticipant,
    clock,
    customer,
    agent,
    async connectBoth() {
      await Promise.all([customer.session.connect(), agent.session.connect()]);
      await Promise.all([settle(customer), settle(agent)]);
    },
    settle,
    untilStatus,
    async fireRetry(target) {
      await vi.waitFor(() => {
        if (target.session.getSnapshot().retryIn === undefined) throw new Error('no retry scheduled yet');
      }, settleTimeout);
      clock.increment(target.session.getSnapshot().retryIn ?? 0);
    },
    async exchange(label) {
      const out = await customer.session.sendMessage(`${label}: from the customer`);
      await arrived(agent, out.id);
      // The clock stays put: a step would start the receipts' and heartbeats' timers, and their requests would
      // blur what a test wants to see on the wire.
      const back = await agent.session.sendMessage(`${label}: from the agent`);
      await arrived(customer, back.id);
      return { fromCustomer: out.id, fromAgent: back.id };
    },
    activity: () => [...emulator.activity()],
    async [Symbol.asyncDispose]() {
      customer.session.close();
      agent.session.close();
      await emulator.close();
    },
  };
}

/** How a call ended: returned or resolved, threw synchronously, or rejected. */
export type CallOutcome =
  | { kind: 'returned'; value: unknown }
  | { kind: 'threw'; error: unknown }
  | { kind: 'rejected'; error: unknown };

/** Runs a call that may throw, return a value, or return a promise, and reports how it ended. */
export async function outcomeOf(call: () => unknown): Promise<CallOutcome> {
  let value: unknown;
  try {
    value = call();
  } catch (error) {
    return { kind: 'threw', error };
  }
  if (typeof (value as { then?: unknown } | null)?.then !== 'function') return { kind: 'returned', value };
  try {
    return { kind: 'returned', value: await value };
  } catch (error) {
    return { kind: 'rejected', error };
  }
}
