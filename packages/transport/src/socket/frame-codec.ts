/**
 * Pure encoding and decoding of chat-socket frames (wire-protocol §3.2, §3.3). No I/O, no platform globals.
 */
import type { IncomingFrame, Item, OutgoingFrame } from '@connect-chat/core';

/**
 * The default cap on an incoming text frame, in UTF-8 bytes: 1 MiB, eight times API Gateway's 128 KiB message
 * limit.
 */
export const defaultMaxFrameBytes = 1_048_576;

/** The outcome of decoding one text frame: the frame, or why it was rejected (never the data itself). */
export type FrameDecodeResult = { ok: true; frame: IncomingFrame } | { ok: false; reason: string };

/** Encodes an outgoing frame as `{"topic":...,"content":...}`, omitting `content` when the frame has none. */
export function encodeFrame(frame: OutgoingFrame): string {
  if ('content' in frame) return JSON.stringify({ topic: frame.topic, content: frame.content });
  return JSON.stringify({ topic: frame.topic });
}

/** Keys that can reach a prototype when decoded data is later merged or assigned; they are dropped on parse. */
const prototypeKeys: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const notJson: unique symbol = Symbol('notJson');

const mayHidePrototypeKey = /__proto__|constructor|prototype|\\u/;

/** `JSON.parse` into plain data: prototype-reaching keys are removed at every depth, failures are a sentinel. */
export function parsePlainJson(text: string): unknown {
  try {
    // A reviver costs several times the parse itself, so it runs only when a prototype-reaching key could be in
    // the text: spelt out, or hidden behind a `\u` escape.
    if (!mayHidePrototypeKey.test(text)) return JSON.parse(text);
    return JSON.parse(text, (key, value: unknown) => (prototypeKeys.has(key) ? undefined : value));
  } catch {
    return notJson;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The number of bytes `text` takes as UTF-8, without allocating an encoded copy. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next < 0xe000) {
        bytes += 4;
        index++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Decodes one text frame. Never throws. */
export function decodeFrame(text: string): FrameDecodeResult {
  if (text.length === 0) return { ok: false, reason: 'empty frame' };
  const value = parsePlainJson(text);
  if (value === notJson) return { ok: false, reason: 'frame is not valid JSON' };
  if (!isRecord(value)) return { ok: false, reason: 'frame is not a JSON object' };
  const topic = value.topic;
  if (topic === undefined) return decodeGatewayError(value);
  if (typeof topic !== 'string') return { ok: false, reason: 'frame topic is not a string' };
  switch (topic) {
    case 'aws/subscribe':
    case 'aws/unsubscribe':
      return decodeSubscriptionResult(topic, value.content);
    case 'aws/heartbeat':
      return { ok: true, frame: { kind: 'heartbeat' } };
    case 'aws/ping':
      return {
        ok: true,
        frame: { kind: 'ping', statusCode: value.statusCode, statusContent: value.statusContent },
      };
    case 'aws/chat':
      return decodeChat(value.content);
    default:
      return { ok: true, frame: { kind: 'other', topic, frame: value } };
  }
}

function decodeGatewayError(value: Record<string, unknown>): FrameDecodeResult {
  if (typeof value.message !== 'string')
    return { ok: false, reason: 'frame has neither a topic nor a message' };
  return {
    ok: true,
    frame: {
      kind: 'gatewayError',
      message: value.message,
      connectionId: typeof value.connectionId === 'string' ? value.connectionId : undefined,
      requestId: typeof value.requestId === 'string' ? value.requestId : undefined,
    },
  };
}

function decodeSubscriptionResult(
  topic: 'aws/subscribe' | 'aws/unsubscribe',
  content: unknown,
): FrameDecodeResult {
  const status = isRecord(content) ? content.status : undefined;
  if (status !== 'success' && status !== 'failure') {
    return { ok: false, reason: `${topic} result has no success or failure status` };
  }
  const listed = isRecord(content) && Array.isArray(content.topics) ? content.topics : [];
  const topics = listed.filter((entry): entry is string => typeof entry === 'string');
  const kind = topic === 'aws/subscribe' ? 'subscribeResult' : 'unsubscribeResult';
  return { ok: true, frame: { kind, status, topics } };
}

function decodeChat(content: unknown): FrameDecodeResult {
  if (typeof content !== 'string') return { ok: false, reason: 'aws/chat content is not a string' };
  const item = parsePlainJson(content);
  if (!isRecord(item)) return { ok: false, reason: 'aws/chat content is not a JSON object' };
  return { ok: true, frame: { kind: 'chat', item: toItem(item) } };
}

const stringItemFields: ReadonlySet<string> = new Set([
  'AbsoluteTime',
  'Content',
  'ContentType',
  'Id',
  'Type',
  'ParticipantId',
  'DisplayName',
  'ParticipantRole',
  'RelatedContactId',
  'ContactId',
  'InitialContactId',
]);

const stringAttachmentFields = ['AttachmentId', 'AttachmentName', 'ContentType', 'Status'] as const;
const stringReceiptFields = ['RecipientParticipantId', 'ReadTimestamp', 'DeliveredTimestamp'] as const;
const stringMetadataFields = ['MessageId', 'MessageProcessingStatus'] as const;

function dropNonStrings(record: Record<string, unknown>, fields: readonly string[]): void {
  for (const field of fields) if (field in record && typeof record[field] !== 'string') delete record[field];
}

/** The records of a list, each made to honour its type; `undefined` when the value is not a list. */
function recordsOf(value: unknown, fields: readonly string[]): Record<string, unknown>[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const records = value.filter(isRecord);
  for (const record of records) dropNonStrings(record, fields);
  return records;
}

function toMessageMetadata(metadata: Record<string, unknown>): void {
  dropNonStrings(metadata, stringMetadataFields);
  if ('MessageCompleted' in metadata && typeof metadata.MessageCompleted !== 'boolean')
    delete metadata.MessageCompleted;
  if ('ChunkNumber' in metadata && !Number.isFinite(metadata.ChunkNumber)) delete metadata.ChunkNumber;
  if ('Receipts' in metadata) {
    const receipts = recordsOf(metadata.Receipts, stringReceiptFields);
    if (receipts) metadata.Receipts = receipts;
    else delete metadata.Receipts;
  }
}

/**
 * Makes a freshly parsed record honour the `Item` type at every depth the type declares: a known field of the wrong
 * JSON type is dropped (every field of `Item`, its attachments, metadata and receipts is optional), entries of a
 * list that are not objects are filtered out, and unknown fields are kept. Whatever reads an item afterwards can
 * trust its declared types: a hostile frame cannot make the transcript iterate a number or read a field of `null`.
 */
export function toItem(record: Record<string, unknown>): Item {
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (stringItemFields.has(key)) {
      if (typeof value !== 'string') delete record[key];
    } else if (key === 'Attachments') {
      const attachments = recordsOf(value, stringAttachmentFields);
      if (attachments) record[key] = attachments;
      else delete record[key];
    } else if (key === 'MessageMetadata') {
      if (isRecord(value)) toMessageMetadata(value);
      else delete record[key];
    }
  }
  return record as Item;
}
