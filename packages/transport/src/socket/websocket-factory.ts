/**
 * Fills core's chat-socket slot over any `WebSocket` constructor. It only moves and decodes frames: no timers, no
 * heartbeats, no reconnects (those are core's machines' business).
 */
import {
  ChatError,
  ChatErrorCode,
  type ChatSocket,
  type ChatSocketEvent,
  type ChatSocketFactory,
  type ChatSocketListener,
  type ChatSocketState,
  type OutgoingFrame,
} from '@connect-chat/core';
import { decodeFrame, defaultMaxFrameBytes, encodeFrame, utf8ByteLength } from './frame-codec';
import { redactSecrets } from './redact';
import type {
  WebSocketCloseEventLike,
  WebSocketConstructor,
  WebSocketErrorEventLike,
  WebSocketFactoryOptions,
  WebSocketLike,
  WebSocketMessageEventLike,
} from './websocket.types';

const readyStateOpen = 1;
/** The close code reported when the platform never produced a close event of its own (RFC 6455 "abnormal"). */
const abnormalClosure = 1006;
const maxCloseReasonBytes = 123;

/**
 * Creates a {@link ChatSocketFactory} that opens chat sockets with a `WebSocket` constructor.
 *
 * @example
 * ```ts
 * import { WebSocket } from 'ws';
 * const sockets = createWebSocketFactory({ WebSocket });
 * const socket = sockets.open(url, (event) => console.log(event.type));
 * ```
 */
export function createWebSocketFactory(options: WebSocketFactoryOptions = {}): ChatSocketFactory {
  const maxFrameBytes = options.maxFrameBytes ?? defaultMaxFrameBytes;
  return {
    open(url, listener) {
      const WebSocketImpl = options.WebSocket ?? globalWebSocket();
      if (!WebSocketImpl) {
        throw new ChatError(
          ChatErrorCode.unsupported,
          'unable to open chat socket; this platform has no global WebSocket, pass one as the `WebSocket` option of createWebSocketFactory',
        );
      }
      return openChatSocket(WebSocketImpl, url, listener, maxFrameBytes);
    },
  };
}

function globalWebSocket(): WebSocketConstructor | undefined {
  const candidate: unknown = (globalThis as { WebSocket?: unknown }).WebSocket;
  return typeof candidate === 'function' ? (candidate as WebSocketConstructor) : undefined;
}

function openChatSocket(
  WebSocketImpl: WebSocketConstructor,
  url: string,
  listener: ChatSocketListener,
  maxFrameBytes: number,
): ChatSocket {
  let socket: WebSocketLike | undefined;
  let opened = false;
  let closeRequested = false;
  let closed = false;

  const deliver = (event: ChatSocketEvent): void => {
    try {
      listener(event);
    } catch (error) {
      // A throwing listener must not break the socket's own event handling; surface it as an uncaught error.
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  const finish = (code: number, reason: string, wasClean: boolean): void => {
    if (closed) return;
    closed = true;
    if (socket) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onerror = null;
      socket.onclose = null;
    }
    deliver({ type: 'socket.closed', code, reason, wasClean });
  };

  const accepting = (): boolean => !closed && !closeRequested;

  const onMessage = (data: unknown): void => {
    if (typeof data !== 'string') {
      deliver({
        type: 'socket.frameRejected',
        reason: 'binary frames are not supported',
        size: binarySize(data),
      });
      return;
    }
    // A UTF-16 code unit takes at most three bytes in UTF-8, so most frames need no count to be under the cap.
    if (data.length * 3 > maxFrameBytes) {
      const size = utf8ByteLength(data);
      if (size > maxFrameBytes) {
        deliver({
          type: 'socket.frameRejected',
          reason: `frame is larger than ${maxFrameBytes} bytes`,
          size,
        });
        return;
      }
    }
    const decoded = decodeFrame(data);
    if (decoded.ok) deliver({ type: 'socket.frameReceived', frame: decoded.frame });
    else deliver({ type: 'socket.frameRejected', reason: decoded.reason, size: utf8ByteLength(data) });
  };

  try {
    socket = new WebSocketImpl(url);
  } catch (error) {
    const detail = error instanceof Error ? error.message : undefined;
    queueMicrotask(() => {
      if (closed) return;
      if (!closeRequested) deliver({ type: 'socket.errored', message: describeError(detail, url, false) });
      finish(abnormalClosure, '', false);
    });
  }

  if (socket) {
    const ws = socket;
    try {
      ws.binaryType = 'arraybuffer';
    } catch {
      // Implementations without a settable binaryType deliver binary frames some other way; they are rejected anyway.
    }
    ws.onopen = () => {
      if (!accepting()) return;
      opened = true;
      deliver({ type: 'socket.opened' });
    };
    ws.onmessage = (event: WebSocketMessageEventLike) => {
      if (accepting()) onMessage(event.data);
    };
    ws.onerror = (event: WebSocketErrorEventLike) => {
      if (!accepting()) return;
      const detail = typeof event?.message === 'string' ? event.message : undefined;
      deliver({ type: 'socket.errored', message: describeError(detail, url, opened) });
    };
    ws.onclose = (event: WebSocketCloseEventLike) => {
      finish(event.code, event.reason, event.wasClean);
    };
  }

  return {
    get state(): ChatSocketState {
      if (closed) return 'closed';
      if (closeRequested) return 'closing';
      if (!socket || socket.readyState === 0) return 'connecting';
      if (socket.readyState === readyStateOpen) return opened ? 'open' : 'connecting';
      return 'closing';
    },
    send(frame: OutgoingFrame): boolean {
      if (!socket || !opened || !accepting() || socket.readyState !== readyStateOpen) return false;
      try {
        socket.send(encodeFrame(frame));
        return true;
      } catch {
        return false;
      }
    },
    close(code = 1000, reason = ''): void {
      assertClosable(code, reason);
      if (closed || closeRequested) return;
      closeRequested = true;
      if (!socket) return;
      try {
        socket.close(code, reason);
      } catch {
        // The platform refused; without its close event we still owe the listener exactly one socket.closed.
        queueMicrotask(() => finish(abnormalClosure, '', false));
      }
    },
  };
}

function assertClosable(code: number, reason: string): void {
  if (code !== 1000 && !(Number.isInteger(code) && code >= 3000 && code <= 4999)) {
    throw new ChatError(
      ChatErrorCode.validation,
      'unable to close chat socket; code must be 1000 or 3000-4999',
    );
  }
  if (utf8ByteLength(reason) > maxCloseReasonBytes) {
    throw new ChatError(
      ChatErrorCode.validation,
      `unable to close chat socket; reason must be at most ${maxCloseReasonBytes} UTF-8 bytes`,
    );
  }
}

function describeError(detail: string | undefined, url: string, opened: boolean): string {
  const summary = opened ? 'chat socket failed' : 'unable to open chat socket';
  return detail ? `${summary}; ${redactSecrets(detail, url)}` : summary;
}

function binarySize(data: unknown): number {
  if (typeof data !== 'object' || data === null) return 0;
  const sized = data as { byteLength?: unknown; size?: unknown };
  if (typeof sized.byteLength === 'number') return sized.byteLength;
  if (typeof sized.size === 'number') return sized.size;
  return 0;
}
