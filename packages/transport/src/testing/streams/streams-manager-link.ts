/**
 * The real socket behind an emulator-backed StreamsJS double: a `ws` client that moves JSON frames, nothing
 * else.
 */
import { WebSocket } from 'ws';

/** What the link reports to the double. */
export interface StreamsLinkHooks {
  opened(): void;
  /** A text frame that parsed as a JSON object. Anything else is dropped (StreamsJS would throw on it). */
  received(frame: Record<string, unknown>): void;
  closed(code: number, reason: string, wasClean: boolean): void;
}

/** One socket of the double. */
export interface StreamsLink {
  /** Sends a frame as JSON if the socket is open; returns whether it was sent. */
  send(frame: Readonly<Record<string, unknown>>): boolean;
  /** Closes the socket with 1000 and `reason`, and resolves once it is closed. */
  close(reason: string): Promise<void>;
}

const validUrl = /^wss:\/\/\w*|^ws:\/\/127\.0\.0\.1:\d+/;
const minimumLifetimeMs = 300_000;

/**
 * Whether StreamsJS would accept this transport (wire-protocol §3.1): a `wss://` or `ws://127.0.0.1:<port>`
 * URL, lifetime ≥ 300 s.
 */
export function isValidStreamsTransport(url: unknown, lifetimeSeconds: unknown): boolean {
  return (
    typeof url === 'string' &&
    validUrl.test(url) &&
    typeof lifetimeSeconds === 'number' &&
    lifetimeSeconds * 1000 >= minimumLifetimeMs
  );
}

/** Opens a socket to `url` (which carries a token: it is never logged or kept beyond the `ws` client). */
export function openStreamsLink(url: string, hooks: StreamsLinkHooks): StreamsLink {
  const ws = new WebSocket(url);
  const closed = new Promise<void>((resolve) => {
    ws.on('close', (code, reason) => {
      hooks.closed(code, reason.toString(), code !== 1006);
      resolve();
    });
  });
  ws.on('open', () => hooks.opened());
  // `ws` always follows an error with `close`; the listener only keeps the error from being unhandled.
  ws.on('error', () => undefined);
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const text = data.toString();
    if (text === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      hooks.received(parsed as Record<string, unknown>);
    }
  });
  return {
    send(frame) {
      if (ws.readyState !== WebSocket.OPEN) return false;
      ws.send(JSON.stringify(frame));
      return true;
    },
    async close(reason) {
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else if (ws.readyState === WebSocket.OPEN) ws.close(1000, reason);
      await closed;
    },
  };
}
