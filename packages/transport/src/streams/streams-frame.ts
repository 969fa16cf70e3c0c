/**
 * Decoding of the frames and payloads StreamsJS's manager hands over. The manager has already parsed the
 * socket's JSON, so frames arrive as objects; an `aws/chat` frame's `content` is still the JSON string of an
 * item. Nothing here throws, and nothing returned quotes a token.
 */
import type { IncomingFrame } from '@connect-chat/core';
import { decodeFrame, parsePlainJson, toItem, utf8ByteLength } from '../socket/frame-codec';
import { redactSecrets } from '../socket/redact';

/** A decoded frame, or why it was rejected and roughly how big it was (never the data itself). */
export type StreamsFrameDecodeResult =
  | { ok: true; frame: IncomingFrame }
  | { ok: false; reason: string; size: number };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Decodes one frame object from the manager. An `aws/chat` frame is decoded from its `content` string
 * directly (no re-stringifying of the frame); any other topic goes through the socket codec so both paths
 * agree.
 */
export function decodeStreamsFrame(frame: unknown, maxFrameBytes: number): StreamsFrameDecodeResult {
  if (!isRecord(frame)) return { ok: false, reason: 'frame is not a JSON object', size: 0 };
  if (frame.topic === 'aws/chat') return decodeChatFrame(frame.content, maxFrameBytes);
  let text: string;
  try {
    text = JSON.stringify(frame);
  } catch {
    return { ok: false, reason: 'frame is not serializable', size: 0 };
  }
  const size = utf8ByteLength(text);
  if (size > maxFrameBytes) return { ok: false, reason: `frame is larger than ${maxFrameBytes} bytes`, size };
  const decoded = decodeFrame(text);
  return decoded.ok ? decoded : { ok: false, reason: decoded.reason, size };
}

function decodeChatFrame(content: unknown, maxFrameBytes: number): StreamsFrameDecodeResult {
  if (typeof content !== 'string') return { ok: false, reason: 'aws/chat content is not a string', size: 0 };
  const size = utf8ByteLength(content);
  if (size > maxFrameBytes) return { ok: false, reason: `frame is larger than ${maxFrameBytes} bytes`, size };
  const item = parsePlainJson(content);
  if (!isRecord(item)) return { ok: false, reason: 'aws/chat content is not a JSON object', size };
  return { ok: true, frame: { kind: 'chat', item: toItem(item) } };
}

/** A close code from a manager payload, when it is one. */
export function closeCodeOf(payload: unknown): number | undefined {
  const code = isRecord(payload) ? payload.code : undefined;
  return typeof code === 'number' && Number.isInteger(code) ? code : undefined;
}

/** A close reason from a manager payload, with any URL or token-like parameter redacted. */
export function closeReasonOf(payload: unknown): string | undefined {
  const reason = isRecord(payload) ? payload.reason : undefined;
  return typeof reason === 'string' ? redactSecrets(reason) : undefined;
}

/** The generic reason reported when an init failure carries nothing readable. */
export const unknownInitFailureReason = 'websocket manager initialization failed';

/**
 * Describes why the manager terminated: the `reason` string, or an error's message, redacted. Anything else
 * (objects, `undefined`) becomes {@link unknownInitFailureReason}: objects are not stringified, they may hold
 * tokens.
 */
export function initFailureReasonOf(payload: unknown): string {
  const reason = isRecord(payload) ? payload.reason : undefined;
  let text: string | undefined;
  if (typeof reason === 'string') text = reason;
  else if (isRecord(reason) && typeof reason.message === 'string') text = reason.message;
  else if (reason instanceof Error) text = reason.message;
  return text ? redactSecrets(text) : unknownInitFailureReason;
}

/** A deep-heartbeat payload's timestamp, or `now()` when it has none. */
export function timestampOf(payload: unknown, now: () => number): number {
  const timestamp = isRecord(payload) ? payload.timestamp : undefined;
  return typeof timestamp === 'number' && Number.isFinite(timestamp) ? timestamp : now();
}

/** The fields of a deep-heartbeat failure, whichever of its two shapes arrived. */
export function deepHeartbeatFailureOf(payload: unknown): {
  statusCode: unknown;
  statusContent: unknown;
  error: string | undefined;
} {
  if (!isRecord(payload)) return { statusCode: undefined, statusContent: undefined, error: undefined };
  return {
    statusCode: payload.statusCode,
    statusContent: payload.statusContent,
    error: typeof payload.error === 'string' ? redactSecrets(payload.error) : undefined,
  };
}

/** Turns a topic-failure payload into the chat-socket slot's `gatewayError` frame. */
export function decodeTopicFailure(payload: unknown): StreamsFrameDecodeResult {
  if (!isRecord(payload) || typeof payload.errorMessage !== 'string') {
    return { ok: false, reason: 'topic failure has no error message', size: 0 };
  }
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  return {
    ok: true,
    frame: {
      kind: 'gatewayError',
      message: redactSecrets(payload.errorMessage),
      connectionId: text(payload.connectionId),
      requestId: text(payload.requestId),
    },
  };
}

/**
 * Whether a subscription frame concerns any of `topics`. The manager is shared with the rest of the agent
 * desktop, so answers about other subsystems' topics are not ours; a frame that lists no topics is kept.
 */
export function concernsTopics(frame: unknown, topics: ReadonlySet<string>): boolean {
  const content = isRecord(frame) ? frame.content : undefined;
  const listed = isRecord(content) && Array.isArray(content.topics) ? content.topics : [];
  if (listed.length === 0) return true;
  return listed.some((topic) => typeof topic === 'string' && topics.has(topic));
}
