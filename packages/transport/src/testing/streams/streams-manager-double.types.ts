/** The StreamsJS WebSocket-manager test double: its options, states and control surface. */
import type {
  StreamsDeepHeartbeatFailurePayload,
  StreamsTopicFailurePayload,
  StreamsWebSocketManager,
} from '../../streams';

/** Options of `createStreamsWebSocketManagerDouble`. */
export interface StreamsManagerDoubleOptions {
  /**
   * The clock stamped on payloads (`timestamp`, `closeTimestamp`, ...). Inject one to make payloads exact.
   *
   * @defaultValue `Date.now`
   */
  now?: (() => number) | undefined;
}

/**
 * Where the double is, in StreamsJS's own terms.
 *
 * - `idle`: no socket has opened yet (StreamsJS's `null` connection state), e.g. while `init` is fetching a
 *   transport or opening the real socket.
 * - `connected`: a socket is open; `onConnectionGain` replays at once.
 * - `disconnected`: the socket was lost; `onConnectionLost` replays at once. The double never reconnects by
 *   itself: call `gainConnection()` (controlled) or `reconnect()` (emulator-backed).
 * - `closed`: `closeWebSocket()` was called; reconnection is disabled.
 * - `terminated`: `failInit`/`terminateWebSocketManager` or an invalid transport; `onInitFailure` replays at
 *   once.
 */
export type StreamsManagerDoubleState = 'idle' | 'connected' | 'disconnected' | 'closed' | 'terminated';

/** The callback Sets of the manager, by registration method (`message` counts every topic). */
export type StreamsCallbackKind =
  | 'message'
  | 'allMessage'
  | 'connectionGain'
  | 'connectionLost'
  | 'connectionOpen'
  | 'connectionClose'
  | 'initFailure'
  | 'subscriptionUpdate'
  | 'subscriptionFailure'
  | 'deepHeartbeatSuccess'
  | 'deepHeartbeatFailure'
  | 'topicFailure';

/** How a test closes the connection: the code and reason StreamsJS would report. */
export interface StreamsLoseConnectionInput {
  /** @defaultValue 1006 */
  code?: number;
  /** @defaultValue `''` */
  reason?: string;
}

/**
 * An in-process stand-in for StreamsJS's WebSocket manager, with its exact public contract (callbacks in
 * Sets, unsubscribe functions, the replay-at-registration rules) plus control methods a test drives it with.
 *
 * Two ways to drive it:
 * - **Controlled**: never call `init`; step it with `gainConnection`, `loseConnection`, `failInit`,
 *   `deliver`, `confirmSubscription`, `deepHeartbeatSucceeded`, ... Everything happens synchronously.
 * - **Emulator-backed**: `init(transportHandle)` like the real manager. The double fetches the transport,
 *   checks it like StreamsJS (`wss://` or `ws://127.0.0.1:<port>`, lifetime at least 300 s), opens a real
 *   `ws` socket, sends `aws/subscribe` for pending topics and routes every frame it receives as `deliver`
 *   does. It sends nothing else by itself: no heartbeat timers and no reconnects, so a test steps `ping()`,
 *   `heartbeat()` and `reconnect()` explicitly and nothing waits on real time. Wait for it with
 *   `connected()`, never by sleeping.
 *
 * Either way, close it (`await close()` or `await using`) so its socket never outlives the test.
 */
export interface StreamsWebSocketManagerDouble extends StreamsWebSocketManager, AsyncDisposable {
  /** The manager's state; see {@link StreamsManagerDoubleState}. */
  readonly state: StreamsManagerDoubleState;
  /** Topics waiting for a subscribe answer, in the order they were added. */
  readonly pendingTopics: readonly string[];
  /** Topics the server confirmed. */
  readonly subscribedTopics: readonly string[];
  /** Every frame the double sent (or, when controlled, would have sent), oldest first. */
  readonly sentFrames: readonly Readonly<Record<string, unknown>>[];
  /** How many callbacks are registered, of one kind or in all. */
  callbackCount(kind?: StreamsCallbackKind): number;

  /**
   * Opens the (virtual) socket: `onConnectionGain` if not connected yet, `onConnectionOpen`, then
   * `aws/subscribe`.
   */
  gainConnection(): void;
  /**
   * Closes the socket: `onConnectionClose`, then `onConnectionLost` once per outage. Subscribed topics go
   * back to pending.
   */
  loseConnection(input?: StreamsLoseConnectionInput): void;
  /**
   * Terminates the manager: `onInitFailure` callbacks get
   * `{ connectWebSocketRetryCount, connectionAttemptStartTime, reason }`.
   */
  failInit(reason?: unknown): void;
  /**
   * Routes one server frame like the manager: `aws/subscribe` answers update the topics and fire the
   * subscription callbacks, `aws/ping` fires a deep-heartbeat callback by its `statusCode`, `aws/heartbeat`
   * is absorbed, a frame without a topic but with a `message` is a topic failure, and every other topic goes
   * to `onAllMessage` and `onMessage(topic)` callbacks with the same frame object.
   */
  deliver(frame: Readonly<Record<string, unknown>>): void;
  /** Delivers a subscribe `success` answer for `topics`. @defaultValue the pending topics */
  confirmSubscription(topics?: string[]): void;
  /** Delivers a subscribe `failure` answer (StreamsJS reports it after 5 retries; the double at once). */
  rejectSubscription(topics?: string[]): void;
  /** Fires `onDeepHeartbeatSuccess({ timestamp })`. */
  deepHeartbeatSucceeded(): void;
  /** Fires `onDeepHeartbeatFailure`. @defaultValue `{ error: 'aws/ping response is not received' }` */
  deepHeartbeatFailed(failure?: DeepHeartbeatFailureInput): void;
  /** Fires `onTopicFailure({ timestamp, errorMessage, connectionId, requestId })`. */
  failTopic(failure: Omit<StreamsTopicFailurePayload, 'timestamp'>): void;

  /**
   * Sends `aws/ping` on the real socket; returns whether it was sent. The answer arrives as a deep heartbeat.
   */
  ping(): boolean;
  /** Sends `aws/heartbeat` on the real socket; returns whether it was sent. */
  heartbeat(): boolean;
  /**
   * Fetches a new transport with the `init` handle and opens a new socket (after a loss). Resolves like
   * `connected()`.
   */
  reconnect(): Promise<void>;
  /**
   * Resolves when a socket is open (at once if it is), rejects when the manager terminates, closes, or loses
   * the connection first.
   */
  connected(): Promise<void>;
  /** Closes the real socket (if any) and waits for it to be closed; the double is `closed` afterwards. */
  close(): Promise<void>;
}

/** A deep-heartbeat failure to report, in either of StreamsJS's shapes. */
export type DeepHeartbeatFailureInput =
  | { error: string }
  | Omit<Extract<StreamsDeepHeartbeatFailurePayload, { statusCode: unknown }>, 'timestamp'>;
