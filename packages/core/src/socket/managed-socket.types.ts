/**
 * The managed-socket slot: a chat socket that someone else owns, such as the WebSocket manager Amazon Connect
 * StreamsJS runs in agent desktops. Core does not open, heartbeat or reconnect it; it subscribes to topics, listens,
 * and follows the manager's view of the connection. `@connect-chat/transport` adapts StreamsJS's manager to it.
 */
import type { IncomingFrame } from './chat-socket.types';

/** What a managed socket reports. */
export type ManagedSocketEvent =
  /** The manager has an open socket (again). */
  | { type: 'managed.connectionGained' }
  /** The manager lost its socket; it reconnects by itself. */
  | { type: 'managed.connectionLost'; code: number | undefined; reason: string | undefined }
  /** The manager gave up for good (it will not reconnect). */
  | { type: 'managed.initFailed'; reason: string }
  /** A frame on a subscribed topic, decoded like the chat-socket slot's frames. */
  | { type: 'managed.frameReceived'; frame: IncomingFrame }
  /** A frame that could not be decoded. Reported, never thrown. */
  | { type: 'managed.frameRejected'; reason: string; size: number }
  /** The manager's deep heartbeat (`aws/ping`) succeeded. */
  | { type: 'managed.deepHeartbeatSucceeded'; timestamp: number }
  /** The manager's deep heartbeat failed. */
  | {
      type: 'managed.deepHeartbeatFailed';
      timestamp: number;
      statusCode: unknown;
      statusContent: unknown;
      error: string | undefined;
    };

export type ManagedSocketListener = (event: ManagedSocketEvent) => void;

/** A socket owned by an external manager. */
export interface ManagedSocket {
  /** Asks the manager to subscribe to topics (core asks for `aws/chat`). */
  subscribe(topics: string[]): void;
  /**
   * Starts listening. If the manager is already connected, `managed.connectionGained` is delivered at once (and
   * `managed.initFailed` if it already failed). Returns a function that stops listening and leaves the manager
   * running: it belongs to its owner.
   */
  listen(listener: ManagedSocketListener): () => void;
}
