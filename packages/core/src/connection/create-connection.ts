/** The public connection API: a thin object over a running connection machine. */
import { type Actor, createActor, type InspectionEvent, type Observer } from 'xstate';
import { ChatError, ChatErrorCode } from '../errors';
import { createTypedEmitter } from '../events/typed-emitter';
import type { DeepHeartbeatFailure } from '../heartbeat/heartbeat.types';
import type { Item } from '../protocol/item.types';
import type { ChatSocketFactory } from '../socket/chat-socket.types';
import type { ManagedSocket } from '../socket/managed-socket.types';
import {
  type ConnectionDiagnostics,
  type ConnectionSnapshot,
  connectionSnapshotOf,
  diagnosticsOf,
  type StatusChange,
  statusChangeBetween,
} from './connection.connect';
import { connectionMachine } from './connection.machine';
import type {
  ConnectionInput,
  ConnectionReason,
  ConnectionSettings,
  ConnectionSocketSlot,
  ConnectionStatus,
} from './connection.types';
import { redactedInspector } from './redacted-inspection';

/** Where a connection reports what it does. `console` fits. Entries never carry a token or a URL. */
export interface ConnectionLogger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** A clock the connection's timers run on; XState's `SimulatedClock` fits. */
export interface ConnectionClock {
  setTimeout(callback: (...args: unknown[]) => void, timeout: number): unknown;
  clearTimeout(id: unknown): void;
  now(): number;
}

/** How a connection runs and reports: its clock, an inspector, a logger. */
export interface ConnectionRuntimeOptions {
  /** Runs every timer (heartbeats, back-off, refreshes). @defaultValue the platform's timers and `Date.now` */
  clock?: ConnectionClock | undefined;
  /** An XState inspector (e.g. `createBrowserInspector().inspect` from `@statelyai/inspect`). */
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void) | undefined;
  logger?: ConnectionLogger | undefined;
}

/**
 * Options of {@link createConnection}: the settings, exactly one socket slot (`sockets` for a connection that owns
 * its sockets, `managedSocket` in an agent desktop), and the runtime options.
 */
export type ConnectionOptions = Omit<ConnectionSettings, 'now'> &
  ConnectionSocketSlot &
  ConnectionRuntimeOptions;

/** The typed events of a {@link Connection}. */
export interface ConnectionEventMap {
  /**
   * The status changed, or a new retry was scheduled while it stayed the same (each back-off step while
   * `connecting` or `reconnecting`): then `previous === current` and `retryIn` is the new wait.
   */
  status: StatusChange;
  /** An `aws/chat` item arrived (once, even across a socket rotation). */
  item: Item;
  /** The connection became `connected` (once per real transition). */
  established: Record<string, never>;
  /** A `connected` connection was lost and is being restored (once per real transition). */
  lost: { reason: ConnectionReason };
  /** One deep-heartbeat (`aws/ping`) outcome. */
  deepHeartbeat: { ok: true } | { ok: false; failure: DeepHeartbeatFailure };
  /** The connection token was refreshed without a drop. */
  tokenRefreshed: Record<string, never>;
}

/** A participant's real-time connection. */
export interface Connection {
  /**
   * Connects. Idempotent while in flight (one CreateParticipantConnection); resolves once `connected`, rejects with
   * a `ChatError` if the connection `failed` or `ended` first. May be called again after a failure.
   */
  connect(): Promise<void>;
  /** Closes the connection for good (status `ended`, reason `clientDisconnected`). */
  disconnect(): void;
  /**
   * Reports that a participant-API call was refused (403) with the current connection token. While connected, the
   * token is fetched again at once (`tokenRefreshed` follows); a 403 on that fetch ends the connection.
   */
  tokenRejected(): void;
  /** The current status. */
  readonly status: ConnectionStatus;
  /** A synchronous view of the connection. */
  getSnapshot(): ConnectionSnapshot;
  /** Listens to an event; returns a function that stops listening. */
  on<K extends keyof ConnectionEventMap>(
    type: K,
    listener: (event: ConnectionEventMap[K]) => void,
  ): () => void;
  /** The connection token for participant-API calls, once connected. Never log it. */
  readonly connectionToken: string | undefined;
  /** A support report: state, attempts, last heartbeat, time connected, versions. No tokens, no URLs. */
  diagnostics(): ConnectionDiagnostics;
  /** The underlying actor, for inspection and advanced use. */
  readonly actor: Actor<typeof connectionMachine>;
}

/**
 * Creates a connection for one participant over the participant-API and chat-socket slots.
 *
 * @example
 * ```ts
 * import { createConnection } from '@connect-chat/core';
 * import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';
 *
 * const connection = createConnection({
 *   participantApi: createFetchParticipantApi({ region: 'us-west-2' }),
 *   sockets: createWebSocketFactory(),
 *   credentials: { participantToken },
 * });
 * connection.on('status', ({ current, retryIn }) => render(current, retryIn));
 * connection.on('item', (item) => transcript.add(item));
 * await connection.connect();
 * ```
 *
 * @example
 * In an agent desktop, StreamsJS owns the socket: pass it as `managedSocket` and give the agent's token provider.
 * ```ts
 * import { createStreamsManagedSocket } from '@connect-chat/transport';
 *
 * const connection = createConnection({
 *   participantApi,
 *   managedSocket: createStreamsManagedSocket(connect.core.getWebSocketManager()),
 *   credentials: { participantToken, getConnectionToken },
 * });
 * ```
 */
export function createConnection(options: ConnectionOptions): Connection {
  const { clock, inspect, logger, sockets, managedSocket, ...settings } = options;
  const now = clock ? () => clock.now() : () => Date.now();
  const events = createTypedEmitter<ConnectionEventMap>();
  const dispatch = events.emit;
  const input: ConnectionInput = {
    ...settings,
    ...socketSlotOf(sockets, managedSocket),
    now,
    deliverItem: (item) => dispatch('item', item),
  };
  const actor = createActor(connectionMachine, {
    input,
    ...(clock ? { clock } : {}),
    ...(inspect ? { inspect: redactedInspector(inspect, input) } : {}),
  });

  let previous = actor.getSnapshot();
  actor.subscribe((machineSnapshot) => {
    const change = statusChangeBetween(previous, machineSnapshot);
    previous = machineSnapshot;
    if (!change) return;
    logger?.info(
      change.current === change.previous ? 'connection retry scheduled' : 'connection status changed',
      {
        current: change.current,
        previous: change.previous,
        reason: change.reason?.code,
        retryIn: change.retryIn,
      },
    );
    dispatch('status', change);
  });
  actor.on('connection.established', () => dispatch('established', {}));
  actor.on('connection.lost', ({ reason }) => {
    logger?.warn('connection lost', { reason: reason.code });
    dispatch('lost', { reason });
  });
  actor.on('chat.itemReceived', ({ item }) => dispatch('item', item));
  actor.on('heartbeat.deepSucceeded', () => dispatch('deepHeartbeat', { ok: true }));
  actor.on('heartbeat.deepFailed', ({ failure }) => dispatch('deepHeartbeat', { ok: false, failure }));
  actor.on('connectionToken.refreshed', () => dispatch('tokenRefreshed', {}));
  actor.on('connection.acknowledgeFailed', ({ error }) =>
    logger?.warn('connection acknowledgement failed', { code: error.code, status: error.status }),
  );
  actor.start();

  let pending: Promise<void> | undefined;
  const settle = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const check = (): boolean => {
        const { status, reason } = connectionSnapshotOf(actor.getSnapshot());
        if (status === 'connected') resolve();
        else if (status === 'failed' || status === 'ended') reject(connectError(status, reason));
        else return false;
        return true;
      };
      if (check()) return;
      const subscription = actor.subscribe(() => {
        if (check()) subscription.unsubscribe();
      });
    });

  return {
    actor,
    connect() {
      const status = connectionSnapshotOf(actor.getSnapshot()).status;
      if (status === 'connected') return Promise.resolve();
      if (status === 'ended') return settle();
      if (!pending) {
        actor.send({ type: 'session.connect' });
        pending = settle().finally(() => {
          pending = undefined;
        });
      }
      return pending;
    },
    disconnect() {
      // Once the machine has reached a final state there is nothing to close (and XState would warn).
      if (actor.getSnapshot().status === 'active') actor.send({ type: 'session.disconnect' });
    },
    tokenRejected() {
      if (actor.getSnapshot().status === 'active') actor.send({ type: 'session.tokenRejected' });
    },
    get status() {
      return connectionSnapshotOf(actor.getSnapshot()).status;
    },
    getSnapshot: () => connectionSnapshotOf(actor.getSnapshot()),
    on: events.on,
    get connectionToken() {
      return actor.getSnapshot().context.connectionToken?.reveal();
    },
    diagnostics: () => diagnosticsOf(actor.getSnapshot(), now()),
  };
}

function socketSlotOf(
  sockets: ChatSocketFactory | undefined,
  managedSocket: ManagedSocket | undefined,
): ConnectionSocketSlot {
  if (sockets && !managedSocket) return { sockets };
  if (managedSocket && !sockets) return { managedSocket };
  throw new ChatError(
    ChatErrorCode.validation,
    'unable to create connection; give exactly one of sockets and managedSocket',
  );
}

function connectError(status: 'failed' | 'ended', reason: ConnectionReason | undefined): ChatError {
  if (status === 'failed' && reason?.error) return reason.error;
  const detail =
    reason?.message ?? (status === 'ended' ? 'the connection has ended' : 'the connection failed');
  return new ChatError(
    status === 'ended' ? ChatErrorCode.ended : ChatErrorCode.unknown,
    `unable to connect; ${detail}`,
    {
      cause: reason?.error,
    },
  );
}
