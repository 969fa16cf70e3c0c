/**
 * The chat-socket slot: how core talks to the Participant Service's WebSocket. `@connect-chat/transport` fills it
 * over any `WebSocket` constructor. The slot only moves frames: heartbeats, subscription retries and reconnection
 * are core's machines' business, so an implementation holds no timers and no policy.
 */
import type { Item } from '../protocol/item.types';

/** Frames a client sends. */
export type OutgoingFrame =
  | { topic: 'aws/subscribe'; content: { topics: string[] } }
  | { topic: 'aws/unsubscribe'; content: { topics: string[] } }
  | { topic: 'aws/heartbeat' }
  | { topic: 'aws/ping' };

/** Frames a client receives, decoded. */
export type IncomingFrame =
  /** The answer to `aws/subscribe`. */
  | { kind: 'subscribeResult'; status: 'success' | 'failure'; topics: string[] }
  /** The answer to `aws/unsubscribe`. */
  | { kind: 'unsubscribeResult'; status: 'success' | 'failure'; topics: string[] }
  /** The answer to `aws/heartbeat`. */
  | { kind: 'heartbeat' }
  /** The answer to the deep heartbeat `aws/ping`; healthy when `statusCode === 200`. */
  | { kind: 'ping'; statusCode: unknown; statusContent: unknown }
  /** An `aws/chat` frame, its JSON-string `content` parsed into an item. */
  | { kind: 'chat'; item: Item }
  /** An API-Gateway-style error frame (no topic), e.g. `{"message":"Forbidden", ...}`. */
  | { kind: 'gatewayError'; message: string; connectionId: string | undefined; requestId: string | undefined }
  /** Any other topic, passed through untouched. */
  | { kind: 'other'; topic: string; frame: Readonly<Record<string, unknown>> };

/** What a socket reports to its listener. */
export type ChatSocketEvent =
  | { type: 'socket.opened' }
  | { type: 'socket.closed'; code: number; reason: string; wasClean: boolean }
  | { type: 'socket.errored'; message: string }
  | { type: 'socket.frameReceived'; frame: IncomingFrame }
  /** A frame that could not be decoded (not JSON, binary, wrong shape). Reported, never thrown. */
  | { type: 'socket.frameRejected'; reason: string; size: number };

export type ChatSocketListener = (event: ChatSocketEvent) => void;

export type ChatSocketState = 'connecting' | 'open' | 'closing' | 'closed';

/** One open (or opening) chat socket. */
export interface ChatSocket {
  /** Sends a frame if the socket is open; returns whether it was handed to the socket. */
  send(frame: OutgoingFrame): boolean;
  /** Closes the socket (default code 1000). Safe to call more than once. */
  close(code?: number, reason?: string): void;
  /** The socket's current state. */
  readonly state: ChatSocketState;
}

/** Opens chat sockets. The listener is attached before the socket starts, so no event is missed. */
export interface ChatSocketFactory {
  open(url: string, listener: ChatSocketListener): ChatSocket;
}
