// Frame fuzzing of a live customer session. Hundreds of thousands of random and mutated frames go into the real
// `ws` socket the session chats on, through the socket's own message path (the `message` event `ws` raises for
// every frame it receives, binary flag included), and then more through the emulator's real socket. Afterwards:
// nothing was thrown or rejected unhandled, no prototype was polluted, the session is still `connected`, its
// transcript holds only well-formed items, its heartbeats are still answered, and a message goes each way.
//
// fast-check drives the generation with a fixed seed, so a failure replays exactly.
import {
  type ChatSessionEventMap,
  EventContentType,
  type Item,
  MessageContentType,
  type TranscriptEntry,
} from '@connect-chat/core';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { type SecurityChat, securityChat } from './security-fixture';

const seed = 0x15_5e_c7;
const batches = 200;
const framesPerBatch = 1_000;

// ---- what the frames are made of ----

const contentTypes = [
  ...Object.values(MessageContentType),
  // chat.ended is left out: it is the service's legitimate way to end the session, which would stop the fuzzing.
  ...Object.values(EventContentType).filter((type) => type !== EventContentType.chatEnded),
  'application/vnd.amazonaws.connect.event.something.new',
  'text/html',
  '',
];
const itemTypes = [
  'MESSAGE',
  'EVENT',
  'ATTACHMENT',
  'CONNECTION_ACK',
  'MESSAGEMETADATA',
  'MESSAGE_METADATA',
  'MESSAGE_READ',
  'MESSAGE_DELIVERED',
  'TYPING',
  'PARTICIPANT_JOINED',
  'PARTICIPANT_LEFT',
  'CHAT_ENDED',
  'TRANSFER_SUCCEEDED',
  'SOMETHING_NEW',
];
const roles = ['CUSTOMER', 'AGENT', 'SYSTEM', 'SUPERVISOR', 'CUSTOM_BOT', 'OBSERVER'];
// A small pool of ids keeps most items colliding with known ones (duplicates, merges, receipts, streams) and
// bounds the transcript, so the work per frame stays flat.
const ids = Array.from({ length: 40 }, (_, index) => `fuzz-${index}`);
const prototypeKeys = ['__proto__', 'constructor', 'prototype'] as const;

// fast-check likes to produce the names of Object.prototype's members as strings ("constructor", "toString", ...),
// which is what a lookup in a plain object keyed by item fields trips over; the test below aims them at
// ContentType on purpose.
const shortString = (maxLength: number) => fc.string({ maxLength });

/** A value of the wrong JSON type for almost any field. */
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), shortString(4)), { maxLength: 3 }),
  fc.dictionary(shortString(6), fc.oneof(fc.integer(), shortString(4)), { maxKeys: 3 }),
  shortString(12),
);

/** Usually a good value; sometimes a wrong type, sometimes absent. */
const usually = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { arbitrary: good, weight: 6 },
    { arbitrary: wrongType, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );

const time = fc
  .integer({ min: 0, max: 3_600_000 })
  .map((offset) => new Date(Date.parse('2030-01-01T00:00:00.000Z') + offset).toISOString());

function itemArbitrary(participants: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const id = fc.constantFrom(...ids);
  const receipt = fc.record(
    {
      RecipientParticipantId: usually(fc.constantFrom(...participants)),
      ReadTimestamp: usually(time),
      DeliveredTimestamp: usually(time),
    },
    { requiredKeys: [] },
  );
  const metadata = fc.record(
    {
      MessageId: usually(id),
      Receipts: usually(fc.array(fc.oneof({ arbitrary: receipt, weight: 5 }, wrongType), { maxLength: 3 })),
      MessageProcessingStatus: usually(fc.constantFrom('PROCESSING', 'FAILED', 'REJECTED')),
      MessageCompleted: usually(fc.boolean()),
      ChunkNumber: usually(fc.integer({ min: 0, max: 5 })),
    },
    { requiredKeys: [] },
  );
  const attachment = fc.record(
    {
      AttachmentId: usually(id),
      AttachmentName: usually(shortString(12)),
      ContentType: usually(fc.constantFrom('image/png', 'text/csv', 'application/x-msdownload')),
      Status: usually(fc.constantFrom('APPROVED', 'REJECTED', 'IN_PROGRESS', 'UNKNOWN')),
    },
    { requiredKeys: [] },
  );
  const content = fc.oneof(
    shortString(40),
    id.map((messageId) => JSON.stringify({ messageId })),
    fc.string({ minLength: 36, maxLength: 36 }).map((SessionId) => JSON.stringify({ SessionId })),
    fc.constantFrom(...prototypeKeys).map((key) => `{"${key}":{"polluted":true},"messageId":"fuzz-1"}`),
  );
  return fc.record(
    {
      Id: usually(id),
      Type: usually(fc.constantFrom(...itemTypes)),
      ContentType: usually(fc.constantFrom(...contentTypes)),
      Content: usually(content),
      AbsoluteTime: usually(fc.oneof(time, shortString(8))),
      ParticipantId: usually(fc.constantFrom(...participants)),
      ParticipantRole: usually(fc.constantFrom(...roles)),
      DisplayName: usually(shortString(10)),
      Attachments: usually(
        fc.array(fc.oneof({ arbitrary: attachment, weight: 5 }, wrongType), { maxLength: 2 }),
      ),
      MessageMetadata: usually(metadata),
      ContactId: usually(shortString(8)),
      InitialContactId: usually(shortString(8)),
      RelatedContactId: usually(shortString(8)),
    },
    { requiredKeys: [] },
  );
}

/** Puts `"<key>": {"polluted": true}` into the object that starts at one of the text's `{`s. */
function withPrototypeKey(json: string, key: string, pick: number): string {
  const braces = [...json.matchAll(/\{/g)].map((match) => match.index ?? 0);
  if (braces.length === 0) return json;
  const at = braces[pick % braces.length] ?? 0;
  const rest = json.slice(at + 1);
  const comma = rest.startsWith('}') ? '' : ',';
  return `${json.slice(0, at + 1)}"${key}":{"polluted":true,"toString":1}${comma}${rest}`;
}

/** Damages a text: cut, drop, insert or swap characters. */
// Any UTF-16 code unit, lone surrogates and control characters included.
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const mutation = fc.tuple(
  fc.constantFrom('cut', 'drop', 'insert', 'swap', 'double'),
  fc.nat(),
  fc.nat(),
  codeUnit,
);
function mutate(text: string, [kind, a, b, char]: [string, number, number, string]): string {
  if (text.length === 0) return char;
  const i = a % text.length;
  const j = b % text.length;
  switch (kind) {
    case 'cut':
      return text.slice(0, i);
    case 'drop':
      return text.slice(0, Math.min(i, j)) + text.slice(Math.max(i, j));
    case 'insert':
      return text.slice(0, i) + char + text.slice(i);
    case 'swap':
      return text.slice(0, i) + (text[j] ?? '') + text.slice(i + 1);
    default:
      return text.slice(0, i) + text.slice(i, i + 32) + text.slice(i);
  }
}

/** One frame as the socket receives it: text (a `Buffer`, as `ws` hands it over) or binary. */
interface Frame {
  data: Buffer | ArrayBuffer;
  binary: boolean;
}

const textFrame = (text: string): Frame => ({ data: Buffer.from(text), binary: false });
const chatFrameText = (content: unknown) =>
  JSON.stringify({ topic: 'aws/chat', contentType: 'application/json', content });

// Built once: huge frames cost too much to generate per sample.
const hugeTexts = [
  // Above the adapter's 1 MiB cap: rejected unparsed.
  chatFrameText(JSON.stringify({ Id: 'fuzz-0', Type: 'MESSAGE', Content: 'x'.repeat(1_100_000) })),
  // Below the cap: a 200 KB message and a deeply nested object.
  chatFrameText(
    JSON.stringify({
      Id: 'fuzz-1',
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'y'.repeat(200_000),
      ParticipantId: 'stranger',
    }),
  ),
  chatFrameText(`${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`),
  `{"topic":"aws/chat","content":${JSON.stringify('['.repeat(100_000))}}`,
];

function frameArbitrary(participants: readonly string[]): fc.Arbitrary<Frame> {
  const item = itemArbitrary(participants);
  const itemText = item.map((record) => JSON.stringify(record));
  const chatContent = fc.oneof(
    { arbitrary: itemText, weight: 8 },
    {
      arbitrary: fc
        .tuple(itemText, fc.constantFrom(...prototypeKeys), fc.nat())
        .map(([text, key, pick]) => withPrototypeKey(text, key, pick)),
      weight: 2,
    },
    { arbitrary: fc.tuple(itemText, mutation).map(([text, change]) => mutate(text, change)), weight: 2 },
    { arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)), weight: 1 },
    { arbitrary: wrongType, weight: 1 },
  );
  const chat = chatContent.map((content) => chatFrameText(content));
  const control = fc.oneof(
    fc
      .record({
        topic: fc.constantFrom('aws/subscribe', 'aws/unsubscribe'),
        content: usually(
          fc.record({
            status: usually(fc.constantFrom('success', 'failure', 'maybe')),
            topics: usually(fc.array(fc.constantFrom('aws/chat', 'aws/other'), { maxLength: 2 })),
          }),
        ),
      })
      .map((frame) => JSON.stringify(frame)),
    fc
      .record({
        topic: fc.constantFrom('aws/heartbeat', 'aws/ping'),
        statusCode: usually(fc.constantFrom(200, 500, 503)),
        statusContent: usually(fc.constantFrom('OK', 'Error')),
      })
      .map((frame) => JSON.stringify(frame)),
    // Topics the client does not know, and topics of the wrong type.
    fc
      .record({ topic: fc.oneof(shortString(12), wrongType), content: fc.jsonValue() })
      .map((frame) => JSON.stringify(frame)),
    // Gateway-style frames without a topic.
    fc
      .record(
        {
          message: usually(fc.constantFrom('Forbidden', 'Internal server error', 'Going away')),
          connectionId: usually(fc.uuid()),
          requestId: usually(fc.uuid()),
        },
        { requiredKeys: [] },
      )
      .map((frame) => JSON.stringify(frame)),
    // Frames whose object is built around a prototype-reaching key.
    fc
      .tuple(fc.constantFrom(...prototypeKeys), fc.constantFrom('aws/chat', 'aws/ping', 'aws/subscribe'))
      .map(
        ([key, topic]) =>
          `{"${key}":{"polluted":true},"topic":"${topic}","content":{"${key}":{"polluted":true},"status":"success"}}`,
      ),
  );
  const garbage = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: codeUnit, maxLength: 60 }),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.constantFrom('', ' ', 'null', '[]', '{}', '"aws/chat"', '{"topic":', '\u0000', '\uD800'),
  );
  return fc.oneof(
    { arbitrary: chat.map(textFrame), weight: 1_000 },
    {
      arbitrary: fc.tuple(chat, mutation).map(([text, change]) => textFrame(mutate(text, change))),
      weight: 300,
    },
    { arbitrary: control.map(textFrame), weight: 300 },
    { arbitrary: garbage.map(textFrame), weight: 300 },
    {
      // Binary frames, random bytes or a valid frame's bytes: either way they are not the protocol.
      arbitrary: fc
        .oneof(
          fc.uint8Array({ maxLength: 64 }),
          chat.map((text) => new TextEncoder().encode(text)),
        )
        .map((bytes): Frame => ({ data: bytes.slice().buffer, binary: true })),
      weight: 100,
    },
    // About one frame in a thousand.
    { arbitrary: fc.constantFrom(...hugeTexts).map(textFrame), weight: 2 },
  );
}

// ---- what "sane" means ----

const entryKinds = new Set(['message', 'attachment', 'event']);
const entryOrigins = new Set(['self', 'other']);
const entryStatuses = new Set([undefined, 'sending', 'sent', 'failed', 'delivered', 'read']);
const stringFields = [
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
] as const;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;

/** Everything wrong with an item, as `Item` declares it (empty when well formed). */
function itemProblems(item: Item): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(isPlainObject(item), 'the item is not a plain object');
  for (const key of prototypeKeys) check(!Object.hasOwn(item, key), `the item has an own ${key}`);
  for (const field of stringFields)
    check(item[field] === undefined || typeof item[field] === 'string', `${field} is not a string`);
  const attachments: unknown = item.Attachments;
  if (attachments !== undefined) {
    check(Array.isArray(attachments), 'Attachments is not a list');
    for (const attachment of Array.isArray(attachments) ? attachments : []) {
      check(isPlainObject(attachment), 'an attachment is not a plain object');
      for (const field of ['AttachmentId', 'AttachmentName', 'ContentType', 'Status'] as const) {
        const value: unknown = (attachment as Record<string, unknown>)[field];
        check(value === undefined || typeof value === 'string', `Attachments[].${field} is not a string`);
      }
    }
  }
  const metadata: unknown = item.MessageMetadata;
  if (metadata !== undefined) {
    check(isPlainObject(metadata), 'MessageMetadata is not a plain object');
    const fields = (isPlainObject(metadata) ? metadata : {}) as Record<string, unknown>;
    for (const key of prototypeKeys) check(!Object.hasOwn(fields, key), `MessageMetadata has an own ${key}`);
    for (const field of ['MessageId', 'MessageProcessingStatus'] as const)
      check(fields[field] === undefined || typeof fields[field] === 'string', `${field} is not a string`);
    check(
      fields.MessageCompleted === undefined || typeof fields.MessageCompleted === 'boolean',
      'MessageCompleted is not a boolean',
    );
    check(
      fields.ChunkNumber === undefined || Number.isFinite(fields.ChunkNumber),
      'ChunkNumber is not a number',
    );
    const receipts = fields.Receipts;
    if (receipts !== undefined) {
      check(Array.isArray(receipts), 'Receipts is not a list');
      for (const receipt of Array.isArray(receipts) ? receipts : []) {
        check(isPlainObject(receipt), 'a receipt is not a plain object');
        for (const field of ['RecipientParticipantId', 'ReadTimestamp', 'DeliveredTimestamp'] as const) {
          const value: unknown = (receipt as Record<string, unknown>)[field];
          check(value === undefined || typeof value === 'string', `Receipts[].${field} is not a string`);
        }
      }
    }
  }
  return problems;
}

/** Everything wrong with the transcript: malformed entries or items, repeated keys or ids, broken order. */
function transcriptProblems(entries: readonly TranscriptEntry[]): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  const entryIds = new Set<string>();
  let previous: TranscriptEntry | undefined;
  for (const entry of entries) {
    const where = `entry ${String(entry.key)}`;
    if (typeof entry.key !== 'string' || entry.key === '') problems.push(`${where}: no key`);
    if (keys.has(entry.key)) problems.push(`${where}: the key is repeated`);
    keys.add(entry.key);
    if (entry.id !== undefined) {
      if (typeof entry.id !== 'string') problems.push(`${where}: the id is not a string`);
      else if (entryIds.has(entry.id)) problems.push(`${where}: the id is repeated`);
      else entryIds.add(entry.id);
    }
    if (!entryKinds.has(entry.kind)) problems.push(`${where}: kind ${String(entry.kind)}`);
    if (!entryOrigins.has(entry.origin)) problems.push(`${where}: origin ${String(entry.origin)}`);
    if (!entryStatuses.has(entry.status)) problems.push(`${where}: status ${String(entry.status)}`);
    if (typeof entry.streaming !== 'boolean') problems.push(`${where}: streaming is not a boolean`);
    if (!Object.isFrozen(entry) || !Object.isFrozen(entry.item)) problems.push(`${where}: not frozen`);
    problems.push(...itemProblems(entry.item).map((problem) => `${where}: ${problem}`));
    // Placed entries (the service's items) come in (AbsoluteTime, Id) order; own sends still in flight sort last.
    if (previous?.id !== undefined && entry.id !== undefined) {
      const before = `${previous.item.AbsoluteTime ?? ''}\u0000${previous.id}`;
      const after = `${entry.item.AbsoluteTime ?? ''}\u0000${entry.id}`;
      if (before > after) problems.push(`${where}: out of order`);
    }
    previous = entry;
  }
  return problems;
}

/** What the prototypes look like now (names of their own properties). */
const prototypeShape = () =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((proto) =>
    Object.getOwnPropertyNames(proto).sort().join(','),
  );

// ---- the test ----

const eventTypes: (keyof ChatSessionEventMap)[] = [
  'item',
  'message',
  'attachment',
  'attachmentStatus',
  'typing',
  'readReceipt',
  'deliveredReceipt',
  'participantJoined',
  'participantLeft',
  'authenticationInitiated',
  'unknownEvent',
  'transcript',
  'status',
  'error',
];

/** Pushes one frame into a live `ws` socket the way `ws` itself delivers a received frame. */
function push(socket: WebSocket, frame: Frame): void {
  socket.emit('message', frame.data, frame.binary);
}

describe('frame fuzzing', () => {
  // The timeout only guards against a hang; the run takes about 15 s here.
  it('hundreds of thousands of random and mutated frames into a live session: no throw, no pollution, no corruption; it keeps chatting', {
    timeout: 90_000,
  }, async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    const shape = prototypeShape();
    try {
      await using chat = await securityChat();
      await chat.connectBoth();
      const session = chat.customer.session;
      const counts = new Map<string, number>();
      const badPayloads: string[] = [];
      for (const type of eventTypes) {
        session.on(type, (event: unknown) => {
          counts.set(type, (counts.get(type) ?? 0) + 1);
          const item = (event as { item?: unknown }).item;
          if (item !== undefined && !isPlainObject(item))
            badPayloads.push(`${type}: item is not a plain object`);
        });
      }
      const socket = chat.customer.liveSocket();
      const participants = [chat.customer.participantId, chat.agent.participantId, 'stranger', ''];
      let pushed = 0;
      let binary = 0;
      const started = performance.now();

      // One seeded sample per batch: the session keeps its state from batch to batch, so shrinking a failing
      // batch would replay it against another state. The batch and its seed are in every failure message instead.
      const frameArb = frameArbitrary(participants);
      for (let batch = 0; batch < batches; batch += 1) {
        const where = `batch ${batch} (seed ${seed + batch})`;
        for (const frame of fc.sample(frameArb, { seed: seed + batch, numRuns: framesPerBatch })) {
          push(socket, frame);
          pushed += 1;
          if (frame.binary) binary += 1;
        }
        // Let anything the batch queued (microtasks, rethrown errors) run before looking.
        await new Promise<void>((resolve) => setImmediate(resolve));
        expect(uncaught, where).toEqual([]);
        expect(prototypeShape(), where).toEqual(shape);
        expect(({} as Record<string, unknown>).polluted, where).toBeUndefined();
        expect(session.status, where).toBe('connected');
      }
      const elapsed = Math.round(performance.now() - started);

      // Then through the emulator's real socket: odd items the service could send, a gateway error, a bad frame.
      const sample = fc.sample(itemArbitrary(participants), { seed, numRuns: 300 });
      let injected = 0;
      for (const record of sample) {
        const { Id: _id, AbsoluteTime: _time, ...fields } = record;
        if (typeof fields.Type !== 'string' || fields.Type === '') continue;
        if (fields.ContentType !== undefined && typeof fields.ContentType !== 'string') continue;
        if (fields.Content !== undefined && typeof fields.Content !== 'string') continue;
        chat.emulator.injectItem(chat.contact.ContactId, {
          ...(fields as { Type: string }),
          AsRole: 'SYSTEM',
          Store: false,
        });
        injected += 1;
      }
      chat.emulator.addFault({
        match: { participantId: chat.customer.participantId },
        action: { type: 'gatewayError', message: 'Internal server error' },
      });
      chat.emulator.addFault({
        match: { participantId: chat.customer.participantId },
        action: { type: 'badFrame' },
      });
      const sentinel = chat.emulator.injectItem(chat.contact.ContactId, {
        AsParticipantId: chat.agent.participantId,
        Type: 'MESSAGE',
        ContentType: 'text/plain',
        Content: 'after the fuzz, over the real socket',
      });
      await vi.waitFor(
        () => expect(session.transcript.some((entry) => entry.id === sentinel.Id)).toBe(true),
        {
          timeout: 10_000,
        },
      );

      console.log(
        `frame fuzz: pushed ${pushed} frames (${binary} binary) into the live socket in ${elapsed} ms, then ${injected} odd items, a gateway error and a bad frame through the emulator's socket; session events: ${JSON.stringify(Object.fromEntries(counts))}; transcript: ${session.transcript.length} entries`,
      );

      expect(pushed).toBe(batches * framesPerBatch);
      expect(uncaught).toEqual([]);
      expect(badPayloads).toEqual([]);
      expect(prototypeShape()).toEqual(shape);
      expect(session.status).toBe('connected');
      expect(transcriptProblems(session.transcript)).toEqual([]);
      // The fuzz reached past the codec into every kind of item.
      for (const type of [
        'message',
        'attachment',
        'typing',
        'readReceipt',
        'deliveredReceipt',
        'unknownEvent',
      ])
        expect(counts.get(type) ?? 0, type).toBeGreaterThan(10);
      await expectStillHealthy(chat);
    } finally {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUncaught);
    }
    expect(uncaught).toEqual([]);
  });
});

describe('frame fuzzing: the names of Object.prototype members', () => {
  // A typed event looked up in a plain object keyed by ContentType would find the inherited member instead of
  // nothing. Each must go to `unknownEvent` like any other unknown event type.
  it('an item whose ContentType names an Object.prototype member is an unknown event', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    try {
      await using chat = await securityChat();
      await chat.connectBoth();
      const unknown: (string | undefined)[] = [];
      chat.customer.session.on('unknownEvent', ({ item }) => unknown.push(item.ContentType));
      const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];
      for (const [index, name] of names.entries()) {
        const item = {
          Id: `inherited-${index}`,
          Type: 'EVENT',
          ContentType: name,
          ParticipantId: chat.agent.participantId,
          ParticipantRole: 'AGENT',
          AbsoluteTime: '2030-01-01T00:00:01.000Z',
        };
        push(chat.customer.liveSocket(), textFrame(chatFrameText(JSON.stringify(item))));
      }
      // A message over the real socket after them: whatever they broke has surfaced by the time it arrives.
      const { fromAgent } = await chat.exchange('after the inherited names');
      expect(chat.customer.session.transcript.some((entry) => entry.id === fromAgent)).toBe(true);
      expect(uncaught).toEqual([]);
      expect(unknown).toEqual(names);
    } finally {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUncaught);
    }
  });
});

/** The session's heartbeat is answered on its socket, and a message goes each way. */
async function expectStillHealthy(chat: SecurityChat): Promise<void> {
  const session = chat.customer.session;
  const beat = session.diagnostics().lastHeartbeatAt ?? 0;
  chat.clock.increment(10_000);
  await vi.waitFor(() => expect(session.diagnostics().lastHeartbeatAt ?? 0).toBeGreaterThan(beat), {
    timeout: 5_000,
  });
  const { fromCustomer, fromAgent } = await chat.exchange('after the fuzz');
  expect(session.transcript.find((entry) => entry.id === fromCustomer)?.status).toMatch(
    /sent|delivered|read/,
  );
  expect(session.transcript.find((entry) => entry.id === fromAgent)?.origin).toBe('other');
  expect(session.status).toBe('connected');
}
