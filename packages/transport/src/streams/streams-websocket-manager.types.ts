/**
 * The WebSocket manager Amazon Connect StreamsJS runs in agent desktops
 * (`connect.core.getWebSocketManager()`), as far as ChatJS and connect-chat use it (wire-protocol §3.5-3.6,
 * legacy-chatjs §4, §7.3). StreamsJS owns it: it opens, heartbeats, reconnects and closes the socket;
 * sessions only subscribe topics and register callbacks.
 *
 * Every `on*` method stores its callback in a Set and returns a function that removes it. Three registrations
 * replay state at once: `onConnectionGain` when a socket is open, `onConnectionLost` when disconnected, and
 * `onInitFailure` when the manager has terminated.
 */

/** Removes the callback an `on*` method registered. Safe to call more than once. */
export type StreamsUnsubscribe = () => void;

/**
 * A topic frame as the manager hands it over: the server's JSON, already parsed, shared by every callback.
 *
 * For `aws/chat` it is `{ topic: 'aws/chat', contentType: 'application/json', content: '<JSON string of an
 * Item>' }`.
 */
export interface StreamsTopicFrame {
  topic: string;
  content?: unknown;
  contentType?: string;
  [field: string]: unknown;
}

/**
 * The subscribe answer (`onSubscriptionUpdate`) or its failure (`onSubscriptionFailure`, possibly synthetic).
 */
export interface StreamsSubscriptionFrame {
  topic: 'aws/subscribe';
  content: { status: 'success' | 'failure'; topics: string[] };
}

/** `onConnectionOpen`: metrics of a socket that just opened. */
export interface StreamsConnectionOpenPayload {
  connectWebSocketRetryCount: number;
  connectionAttemptStartTime: number;
  noOpenConnectionsTimestamp: number | null;
  connectionEstablishedTime: number;
  timeToConnect: number;
  timeWithoutConnection: number | null;
}

/** `onConnectionClose`: any socket of the manager closed. */
export interface StreamsConnectionClosePayload {
  openTimestamp: number | null;
  closeTimestamp: number;
  connectionDuration: number | null;
  code: number | undefined;
  reason: string | undefined;
  wasClean: boolean | undefined;
}

/**
 * `onConnectionLost`: no socket is open any more; the manager re-fetches a transport and reconnects by
 * itself.
 */
export interface StreamsConnectionLostPayload {
  openTimestamp: number | null;
  closeTimestamp: number;
  connectionDuration: number | null;
  code: number | undefined;
  reason: string | undefined;
}

/** `onInitFailure`: the manager terminated and will not reconnect. `reason` is whatever made it give up. */
export interface StreamsInitFailurePayload {
  connectWebSocketRetryCount: number;
  connectionAttemptStartTime: number | null;
  reason: unknown;
}

/** `onDeepHeartbeatSuccess`: an `aws/ping` was answered with `statusCode: 200`. */
export interface StreamsDeepHeartbeatSuccessPayload {
  timestamp: number;
}

/**
 * `onDeepHeartbeatFailure`: either the ping was answered with another status (`statusCode`, `statusContent`)
 * or it was not answered / could not be sent (`error`, e.g. `"aws/ping response is not received"`).
 */
export type StreamsDeepHeartbeatFailurePayload =
  | { timestamp: number; statusCode: unknown; statusContent: unknown }
  | { timestamp: number; error: string };

/** `onTopicFailure`: an API-Gateway-style error frame with no topic, e.g. `{"message":"Forbidden", ...}`. */
export interface StreamsTopicFailurePayload {
  timestamp: number;
  errorMessage: string;
  connectionId: string | undefined;
  requestId: string | undefined;
}

/** What `init`'s transport handle resolves: the socket URL and how long the manager may use it. */
export interface StreamsWebSocketTransport {
  webSocketTransport: {
    /** The socket URL. It carries the connection's auth in its query string: never log it. */
    url: string;
    expiry?: string;
    /** Seconds before a scheduled refresh; at least 300. ChatJS uses 3540. */
    transportLifeTimeInSeconds: number;
  };
}

/** Called by the manager whenever it needs a (new) socket URL. */
export type StreamsTransportHandle = () => Promise<StreamsWebSocketTransport>;

/**
 * The part of the StreamsJS manager {@link createStreamsManagedSocket} needs: what ChatJS requires of an
 * injected manager, plus the optional callbacks StreamsJS also offers.
 */
export interface StreamsManagerSubscriber {
  /** Adds topics; the manager sends `aws/subscribe` when open and re-subscribes on every new socket. */
  subscribeTopics(topics: string[]): void;
  /** `callback(frame)` for every frame on `topic`. */
  onMessage(topic: string, callback: (frame: StreamsTopicFrame) => void): StreamsUnsubscribe;
  /** No payload. Called at once when a socket is already open. */
  onConnectionGain(callback: () => void): StreamsUnsubscribe;
  /** Called once per outage, and at once when already disconnected. */
  onConnectionLost(callback: (payload: StreamsConnectionLostPayload) => void): StreamsUnsubscribe;
  /** Called when the manager terminates, and at once when it already has. */
  onInitFailure(callback: (payload: StreamsInitFailurePayload) => void): StreamsUnsubscribe;
  onSubscriptionUpdate?(callback: (frame: StreamsSubscriptionFrame) => void): StreamsUnsubscribe;
  onSubscriptionFailure?(callback: (frame: StreamsSubscriptionFrame) => void): StreamsUnsubscribe;
  onDeepHeartbeatSuccess?(
    callback: (payload: StreamsDeepHeartbeatSuccessPayload) => void,
  ): StreamsUnsubscribe;
  onDeepHeartbeatFailure?(
    callback: (payload: StreamsDeepHeartbeatFailurePayload) => void,
  ): StreamsUnsubscribe;
  onTopicFailure?(callback: (payload: StreamsTopicFailurePayload) => void): StreamsUnsubscribe;
}

/** The StreamsJS WebSocket manager instance: the full public contract of §3.6. */
export interface StreamsWebSocketManager extends StreamsManagerSubscriber {
  /** Starts the manager with a transport handle. Only the first call counts; later ones only warn. */
  init(transportHandle: StreamsTransportHandle): void;
  /** `callback(frame)` for every topic frame, whatever the topic. */
  onAllMessage(callback: (frame: StreamsTopicFrame) => void): StreamsUnsubscribe;
  onConnectionOpen(callback: (payload: StreamsConnectionOpenPayload) => void): StreamsUnsubscribe;
  onConnectionClose(callback: (payload: StreamsConnectionClosePayload) => void): StreamsUnsubscribe;
  onSubscriptionUpdate(callback: (frame: StreamsSubscriptionFrame) => void): StreamsUnsubscribe;
  onSubscriptionFailure(callback: (frame: StreamsSubscriptionFrame) => void): StreamsUnsubscribe;
  onDeepHeartbeatSuccess(callback: (payload: StreamsDeepHeartbeatSuccessPayload) => void): StreamsUnsubscribe;
  onDeepHeartbeatFailure(callback: (payload: StreamsDeepHeartbeatFailurePayload) => void): StreamsUnsubscribe;
  onTopicFailure(callback: (payload: StreamsTopicFailurePayload) => void): StreamsUnsubscribe;
  /**
   * Sends `payload` as JSON when open. The reserved topics (`aws/subscribe`, `aws/unsubscribe`,
   * `aws/heartbeat`, `aws/ping`) are refused.
   */
  sendMessage(payload: { topic: string; [field: string]: unknown }): void;
  /** Stops timers, disables reconnection and closes every socket with 1000. */
  closeWebSocket(): void;
  /** Terminates like an init failure: `onInitFailure` callbacks get `reason`. */
  terminateWebSocketManager(reason?: unknown): void;
}
