/**
 * The structural `WebSocket` the adapter drives: the subset of the WHATWG `WebSocket` that browsers, React Native,
 * Node 22's global and the `ws` package all provide. Declared here so the adapter needs no DOM typings.
 */

/** Declares a handler property whose parameter is checked bivariantly, so richer event types still fit. */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'] | null;

/** What the adapter reads from a `message` event. */
export interface WebSocketMessageEventLike {
  /** A string for text frames; an `ArrayBuffer`, `Blob` or `Buffer` for binary ones. */
  readonly data: unknown;
}

/** What the adapter reads from a `close` event. */
export interface WebSocketCloseEventLike {
  readonly code: number;
  readonly reason: string;
  readonly wasClean: boolean;
}

/** What the adapter reads from an `error` event (browsers carry no message; `ws` does). */
export interface WebSocketErrorEventLike {
  readonly message?: unknown;
}

/** One socket instance, as created by a {@link WebSocketConstructor}. */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  readonly readyState: number;
  /** Set to `'arraybuffer'` by the adapter when the implementation supports it. */
  binaryType?: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: Handler<unknown>;
  onmessage: Handler<WebSocketMessageEventLike>;
  onerror: Handler<WebSocketErrorEventLike>;
  onclose: Handler<WebSocketCloseEventLike>;
}

/** Any constructor with the browser `WebSocket` shape, e.g. `globalThis.WebSocket` or the `ws` package's. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Options of {@link createWebSocketFactory}. */
export interface WebSocketFactoryOptions {
  /**
   * The `WebSocket` implementation to open sockets with.
   *
   * @defaultValue `globalThis.WebSocket`, looked up on each `open()` (never at import)
   */
  WebSocket?: WebSocketConstructor;
  /**
   * Text frames larger than this many UTF-8 bytes are rejected without being parsed. The service's frames are far
   * smaller (an item's `Content` is at most 16 KiB); the cap only bounds the work a hostile peer can cause.
   *
   * @defaultValue {@link defaultMaxFrameBytes}
   */
  maxFrameBytes?: number;
}
