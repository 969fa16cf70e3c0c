/**
 * Types of the connection machine: the lifecycle of one participant's real-time link to the Participant Service,
 * from CreateParticipantConnection through the socket and its subscription to `connected`, and back through
 * `reconnecting` whenever the link is lost, until the chat `ended` or the connection `failed`.
 */
import type { ChatError } from '../errors';
import type { DeepHeartbeatFailure } from '../heartbeat/heartbeat.types';
import type { ConnectionPlatform } from '../platform/platform.types';
import type { Item } from '../protocol/item.types';
import type { ParticipantApi } from '../protocol/participant-api.types';
import type { ChatSocketFactory, OutgoingFrame } from '../socket/chat-socket.types';
import type { ManagedSocket } from '../socket/managed-socket.types';
import type { ReconnectDelay } from './reconnect-delay';
import type { Secret } from './secret';

/**
 * What a connection is doing, as users see it.
 * - `idle`: `connect()` was not called yet.
 * - `connecting`: the first connection is being made (retrying transient failures, with `retryIn` while waiting).
 * - `connected`: the socket is open and subscribed; messages arrive in real time.
 * - `reconnecting`: the link was lost and is being restored (`retryIn` while waiting; none while offline/hidden).
 * - `ended`: the chat ended, the participant left, or `disconnect()` was called. Final.
 * - `failed`: a non-retryable error; `connect()` may be called again.
 */
export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'ended' | 'failed';

/** What a {@link ConnectionTokenProvider} resolves. */
export interface ProvidedConnectionToken {
  /** The connection token. Never logged. */
  connectionToken: string;
  /** ISO-8601 expiry of the token, when known. */
  expiresAt?: string | undefined;
}

/**
 * Resolves the agent's connection token (StreamsJS media info gives it). Resolving nothing (or an empty token)
 * counts as a failure: the CreateParticipantConnection fallback is used.
 */
export type ConnectionTokenProvider = () => Promise<ProvidedConnectionToken | undefined>;

/**
 * Who connects.
 * - Customer: the participant token from StartChatContact; CreateParticipantConnection gives the socket URL and
 *   the connection token.
 * - Agent: a `getConnectionToken` provider; if it fails, CreateParticipantConnection with the participant token and
 *   `ConnectParticipant: true` is the fallback. After a provider token, the connection is acknowledged once with
 *   `ConnectParticipant: true` (when a participant token is known).
 */
export type ConnectionCredentials =
  | { participantToken: string; getConnectionToken?: undefined }
  | { participantToken?: string | undefined; getConnectionToken: ConnectionTokenProvider };

/** Why a connection is where it is. */
export type ConnectionReasonCode =
  /** A `chat.ended` event arrived. */
  | 'chatEnded'
  /** CreateParticipantConnection answered 403: the chat ended or the participant left. */
  | 'accessDenied'
  /** `disconnect()` was called. */
  | 'clientDisconnected'
  /** The socket closed or could not be opened. */
  | 'socketClosed'
  /** The socket did not open in time. */
  | 'socketOpenTimedOut'
  /** A heartbeat went unanswered for a whole interval. */
  | 'heartbeatTimedOut'
  /** `aws/subscribe` kept failing or went unanswered. */
  | 'subscribeFailed'
  /** CreateParticipantConnection failed transiently (network, 5xx, 429). */
  | 'connectionRequestFailed'
  /** A non-retryable error (validation, unsupported platform, missing token, managed socket init failure). */
  | 'nonRetryable';

/** A status reason: a code, a message without secrets, and the error behind it when there is one. */
export interface ConnectionReason {
  code: ConnectionReasonCode;
  message: string;
  error?: ChatError | undefined;
}

/** Timings of the connection, in milliseconds (and one count). */
export interface ConnectionDelays {
  /** Heartbeat cadence; a heartbeat unanswered by the next tick drops the socket. @defaultValue 10000 */
  heartbeatInterval: number;
  /** How long a new socket may take to open. @defaultValue 10000 */
  socketOpenTimeout: number;
  /** How long to wait for an `aws/subscribe` answer before sending it again. @defaultValue 1000 */
  subscribeTimeout: number;
  /** Pause before re-sending `aws/subscribe` after a `failure` answer. @defaultValue 500 */
  subscribeRetryDelay: number;
  /** `aws/subscribe` requests per socket before giving up on it and reconnecting. @defaultValue 5 */
  maxSubscribeAttempts: number;
  /** A connection up this long resets the back-off. @defaultValue 30000 */
  stablePeriod: number;
  /** Age at which a socket is replaced seamlessly (the service closes sockets after 2 h). @defaultValue 3540000 */
  socketLifetime: number;
  /** Pause before trying a failed seamless replacement again. @defaultValue 30000 */
  rotationRetryDelay: number;
  /** The connection token is refreshed this long before it expires. @defaultValue 60000 */
  tokenRefreshLead: number;
  /** Pause before retrying a failed token refresh. @defaultValue 30000 */
  tokenRefreshRetryDelay: number;
}

/** The default timings. */
export const defaultConnectionDelays: Readonly<ConnectionDelays> = {
  heartbeatInterval: 10_000,
  socketOpenTimeout: 10_000,
  subscribeTimeout: 1_000,
  subscribeRetryDelay: 500,
  maxSubscribeAttempts: 5,
  stablePeriod: 30_000,
  socketLifetime: 3_540_000,
  rotationRetryDelay: 30_000,
  tokenRefreshLead: 60_000,
  tokenRefreshRetryDelay: 30_000,
};

/**
 * Where real-time frames come from. Exactly one is given.
 * - `sockets`: the connection opens, heartbeats, rotates and reconnects its own chat sockets (customers).
 * - `managedSocket`: a socket someone else owns, such as StreamsJS's manager in an agent desktop. The connection
 *   only subscribes `aws/chat` and listens: it never opens, heartbeats, rotates, reconnects or closes it.
 */
export type ConnectionSocketSlot =
  | { sockets: ChatSocketFactory; managedSocket?: undefined }
  | { managedSocket: ManagedSocket; sockets?: undefined };

/** Which socket slot a connection runs on: its own sockets, or a managed socket. */
export type ConnectionMode = 'ownSocket' | 'managedSocket';

/** The settings of a connection, apart from its socket slot. */
export interface ConnectionSettings {
  participantApi: ParticipantApi;
  credentials: ConnectionCredentials;
  platform?: ConnectionPlatform | undefined;
  delays?: Partial<ConnectionDelays> | undefined;
  /** @defaultValue {@link reconnectDelay} */
  reconnectDelay?: ReconnectDelay | undefined;
  /**
   * Whether the first `connect()` keeps retrying while the service cannot be reached (network errors, 5xx,
   * throttling). With `false` it fails at once instead, as ChatJS's `connect()` rejects; once connected, drops are
   * always retried.
   *
   * @defaultValue true
   */
  retryFirstConnect?: boolean | undefined;
  /** Milliseconds since the epoch; give the same clock the actor runs on. @defaultValue `Date.now` */
  now?: (() => number) | undefined;
}

/** What the connection machine is created with. */
export type ConnectionInput = ConnectionSettings &
  ConnectionSocketSlot & {
    /**
     * Receives the chat items of the own socket directly (`createConnection` passes its `item` listeners), so a
     * burst of messages runs no macrostep per item. Without it they are emitted as `chat.itemReceived`.
     */
    deliverItem?: ((item: Item) => void) | undefined;
  };

/** Credentials as the machine keeps them: the participant token wrapped so no snapshot shows it. */
export interface HeldCredentials {
  participantToken: Secret | undefined;
  getConnectionToken: ConnectionTokenProvider | undefined;
}

/** The collaborators a connection was created with. They serialise as `"[dependencies]"`. */
export interface ConnectionDependencies {
  participantApi: ParticipantApi;
  sockets: ChatSocketFactory | undefined;
  managedSocket: ManagedSocket | undefined;
  credentials: HeldCredentials;
  platform: ConnectionPlatform | undefined;
  reconnectDelay: ReconnectDelay;
  retryFirstConnect: boolean;
  now: () => number;
  deliverItem: ((item: Item) => void) | undefined;
}

/** What one successful CreateParticipantConnection (or token provider call) gave. */
export interface ConnectionDetails {
  connectionToken: Secret | undefined;
  /** Epoch milliseconds. */
  connectionTokenExpiresAt: number | undefined;
  socketUrl: Secret | undefined;
  /** `ConnectParticipant: true` was sent with this call. */
  acknowledged: boolean;
}

/** Why connection details are fetched: a new socket needs a URL; a token refresh needs only credentials. */
export type FetchPurpose = 'socket' | 'token';

/** Input of the `fetchConnectionDetails` actor. */
export interface FetchConnectionDetailsInput {
  participantApi: ParticipantApi;
  credentials: HeldCredentials;
  purpose: FetchPurpose;
  now: () => number;
}

/**
 * Duplicate suppression during a socket rotation, kept by the socket link. The service delivers each item to every
 * subscribed socket, so while the standby's `aws/subscribe` is in flight an item can reach both. `collecting`: ids
 * of items delivered from the primary are remembered. On promotion (`filtering`), an item from the new primary whose
 * id was remembered is dropped, once. The set is cleared when it empties, when the next rotation starts, or when the
 * sockets are closed. Items without an `Id` are never dropped; de-duplicating the transcript by id remains the
 * session's job.
 */
export type OverlapMode = 'off' | 'collecting' | 'filtering';

/** The connection machine's memory. Secrets are wrapped so snapshots never show them. */
export interface ConnectionContext {
  deps: ConnectionDependencies;
  mode: ConnectionMode;
  /** Managed mode: the manager reported its socket open (and not lost since). */
  managerConnected: boolean;
  delays: ConnectionDelays;
  connectionToken: Secret | undefined;
  connectionTokenExpiresAt: number | undefined;
  socketUrl: Secret | undefined;
  acknowledged: boolean;
  /** Consecutive failed attempts since the connection was last stable. */
  attempt: number;
  /** Reconnection attempts scheduled since `connect()`. */
  reconnects: number;
  retryIn: number | undefined;
  reason: ConnectionReason | undefined;
  everConnected: boolean;
  subscribeAttempts: number;
  online: boolean;
  visible: boolean;
  connectedAt: number | undefined;
  lastHeartbeatAt: number | undefined;
}

/** Which of the (at most two) sockets an event is about: the live one, or its seamless replacement. */
export type SocketRole = 'primary' | 'standby';

/** Commands the machine sends the socket link actor. */
export type SocketLinkCommand =
  | { type: 'link.open'; role: SocketRole; url: Secret }
  | { type: 'link.send'; role: SocketRole; frame: OutgoingFrame }
  /** The subscribed standby becomes the primary; the old primary is closed with 1000. */
  | { type: 'link.promote' }
  | { type: 'link.close'; role: SocketRole }
  | { type: 'link.closeAll' };

type RoleEvents<P extends string> =
  | { type: `${P}.opened` }
  | { type: `${P}.closed`; code: number; reason: string }
  | { type: `${P}.subscribed` }
  | { type: `${P}.subscribeFailed` }
  | { type: `${P}.heartbeatAnswered` }
  | { type: `${P}.pingAnswered`; statusCode: unknown; statusContent: unknown }
  | { type: `${P}.itemReceived`; item: Item }
  | { type: `${P}.gatewayError`; message: string };

/** What the socket link reports: `socket.*` for the primary, `standby.*` for the replacement being prepared. */
export type SocketLinkReport =
  | RoleEvents<'socket'>
  | RoleEvents<'standby'>
  /** The socket slot threw (e.g. no WebSocket on this platform). */
  | { type: 'socket.unavailable'; error: ChatError };

/**
 * What the managed-socket link reports (managed mode). The manager's own reconnection is behind
 * `managed.connectionLost` / `managed.connectionGained`; `managed.initFailed` means it gave up for good.
 */
export type ManagedLinkReport =
  | { type: 'managed.connectionGained' }
  | { type: 'managed.connectionLost'; code: number | undefined }
  | { type: 'managed.initFailed'; reason: string }
  | { type: 'managed.itemReceived'; item: Item }
  | { type: 'managed.deepHeartbeatSucceeded' }
  | { type: 'managed.deepHeartbeatFailed'; failure: DeepHeartbeatFailure };

/**
 * Every event the connection machine accepts.
 * - `session.connect` / `session.disconnect`: commands from the public API.
 * - `socket.*` / `standby.*`: facts from the socket link (own-socket mode).
 * - `managed.*`: facts from the managed-socket link (managed mode).
 * - `heartbeat.*`: reports of the heartbeat child.
 * - `network.*` / `page.*`: platform signals.
 */
export type ConnectionEvent =
  | { type: 'session.connect' }
  | { type: 'session.disconnect' }
  /** A participant-API call was refused (403) with the current connection token: refresh it now. */
  | { type: 'session.tokenRejected' }
  | SocketLinkReport
  | ManagedLinkReport
  | { type: 'heartbeat.beatDue' }
  | { type: 'heartbeat.timedOut' }
  | { type: 'heartbeat.deepSucceeded' }
  | { type: 'heartbeat.deepFailed'; failure: DeepHeartbeatFailure }
  | { type: 'network.online' }
  | { type: 'network.offline' }
  | { type: 'page.visible' }
  | { type: 'page.hidden' }
  | { type: 'page.frozen' }
  | { type: 'page.resumed' };

/**
 * Events the connection machine emits (listen with `actor.on(type, fn)`).
 * - `connection.established`: once per transition into `connected`.
 * - `connection.lost`: once per transition from `connected` to `reconnecting`.
 * - `chat.itemReceived`: every `aws/chat` item, once (overlap duplicates of a socket rotation are dropped).
 * - `heartbeat.deepSucceeded` / `heartbeat.deepFailed`: every deep-heartbeat outcome.
 * - `connectionToken.refreshed`: a new connection token replaced the old one without a drop.
 * - `connection.acknowledgeFailed`: the agent acknowledgement (`ConnectParticipant: true`) failed; the
 *   connection carries on (it is reported, never fatal).
 */
export type ConnectionEmitted =
  | { type: 'connection.established' }
  | { type: 'connection.lost'; reason: ConnectionReason }
  | { type: 'chat.itemReceived'; item: Item }
  | { type: 'heartbeat.deepSucceeded' }
  | { type: 'heartbeat.deepFailed'; failure: DeepHeartbeatFailure }
  | { type: 'connectionToken.refreshed' }
  | { type: 'connection.acknowledgeFailed'; error: ChatError };
