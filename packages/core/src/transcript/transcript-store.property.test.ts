// Property tests: a generated chat (messages, events, typing, attachments with a later scan verdict, Lex streams, own
// sends, receipts) is fed to the store in any interleaving of socket deliveries (each item at least once, some
// repeated), transcript pages holding any subset of the stored items, and the own sends' add/confirm calls. Whatever
// the interleaving, the store must end in the same ordered state, and listeners must see each item exactly once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventContentType } from '../protocol/content-types';
import type { ArtifactStatus, Item, Receipt } from '../protocol/item.types';
import {
  AGENT,
  at,
  attachment,
  event,
  lexChunk,
  message,
  receipt,
  SELF,
  typing,
} from './transcript.test-support';
import type {
  ItemOutcome,
  PendingConfirmation,
  PendingSend,
  TranscriptEntry,
  TranscriptEntryStatus,
  TranscriptStore,
} from './transcript.types';
import { compareStrings, compareTranscriptItems } from './transcript-order';
import { createTranscriptStore } from './transcript-store';

type Scan = 'none' | 'APPROVED' | 'REJECTED';

interface OwnSend {
  send: PendingSend;
  confirmation: PendingConfirmation;
  serverId: string;
}

// A socket delivery; items of one `group` keep their relative order by `rank` (a Lex stream's chunks, an own send's
// add before anything the service says about it).
interface SocketAction {
  kind: 'socket';
  item: Item;
  group: string | undefined;
  rank: number;
}
interface PageAction {
  kind: 'page';
  copies: readonly TranscriptCopy[];
}
interface SendAction {
  kind: 'add' | 'confirm';
  own: OwnSend;
  group: string;
  rank: number;
}
type Action = SocketAction | PageAction | SendAction;

// A transcript page item; an own send's copy is only served once the send was added.
interface TranscriptCopy {
  item: Item;
  token: string | undefined;
}

interface World {
  socket: Omit<SocketAction, 'kind'>[];
  transcript: TranscriptCopy[];
  sends: OwnSend[];
  referenceIds: string[];
  // Identity (Id, or AttachmentId for attachments) of everything listeners must see exactly once.
  identities: string[];
  ephemeralIds: string[];
  receiptIds: string[];
  expectedStatus: Map<string, TranscriptEntryStatus>;
  lexText: Map<string, string>;
  attachmentStatus: Map<string, ArtifactStatus>;
}

const timeArb = fc.integer({ min: 0, max: 40 });
// A random first letter shuffles how ids break ties between items with the same time.
const prefixArb = fc.constantFrom('a', 'b', 'c');
const scanArb = fc.constantFrom<Scan>('none', 'APPROVED', 'REJECTED');
const attachmentArb = fc.record({
  time: timeArb,
  prefix: prefixArb,
  scan: scanArb,
  delay: fc.integer({ min: 1, max: 5 }),
});

const specArb = fc.record({
  messages: fc.array(fc.record({ time: timeArb, prefix: prefixArb }), { maxLength: 5 }),
  events: fc.array(
    fc.record({
      time: timeArb,
      prefix: prefixArb,
      contentType: fc.constantFrom(
        EventContentType.participantJoined,
        EventContentType.participantLeft,
        EventContentType.chatEnded,
        EventContentType.transferSucceeded,
        EventContentType.participantIdle,
      ),
    }),
    { maxLength: 3 },
  ),
  typing: fc.array(fc.record({ time: timeArb, prefix: prefixArb }), { maxLength: 2 }),
  attachments: fc.array(attachmentArb, { maxLength: 3 }),
  lex: fc.array(
    fc.record({
      time: timeArb,
      prefix: prefixArb,
      chunks: fc.array(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    }),
    { maxLength: 2 },
  ),
  ownMessages: fc.array(fc.record({ time: timeArb, prefix: prefixArb }), { maxLength: 3 }),
  ownAttachments: fc.array(attachmentArb, { maxLength: 2 }),
  receipts: fc.array(
    fc.record({
      target: fc.nat(),
      kind: fc.constantFrom<'read' | 'delivered'>('read', 'delivered'),
      fromSelf: fc.boolean(),
      time: timeArb,
    }),
    { maxLength: 6 },
  ),
});

type Spec = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

const transcriptEvents: ReadonlySet<string> = new Set([
  EventContentType.participantJoined,
  EventContentType.participantLeft,
  EventContentType.chatEnded,
  EventContentType.transferSucceeded,
]);

function buildWorld(spec: Spec): World {
  const world: World = {
    socket: [],
    transcript: [],
    sends: [],
    referenceIds: [],
    identities: [],
    ephemeralIds: [],
    receiptIds: [],
    expectedStatus: new Map(),
    lexText: new Map(),
    attachmentStatus: new Map(),
  };
  const placed: Item[] = [];
  const socket = (item: Item, group?: string, rank = 0) => world.socket.push({ item, group, rank });
  // Message copies for pages are built last, once every receipt about them is known.
  const messageCopies: { item: Item; token: string | undefined }[] = [];

  spec.messages.forEach(({ time, prefix }, index) => {
    const item = message(`${prefix}-m${index}`, time);
    socket(item);
    messageCopies.push({ item, token: undefined });
    placed.push(item);
    world.identities.push(item.Id as string);
  });
  spec.events.forEach(({ time, prefix, contentType }, index) => {
    const item = event(`${prefix}-e${index}`, time, contentType);
    socket(item);
    if (transcriptEvents.has(contentType)) world.transcript.push({ item, token: undefined });
    placed.push(item);
    world.identities.push(item.Id as string);
  });
  spec.typing.forEach(({ time, prefix }, index) => {
    const item = typing(`${prefix}-t${index}`, time);
    socket(item);
    world.ephemeralIds.push(item.Id as string);
  });

  const addAttachment = (
    { time, scan, delay }: Spec['attachments'][number],
    id: string,
    attachmentId: string,
    token: string | undefined,
  ) => {
    const sender = token === undefined ? {} : { ParticipantId: SELF, ParticipantRole: 'CUSTOMER' };
    const group = token === undefined ? undefined : `send:${token}`;
    const final: ArtifactStatus = scan === 'none' ? 'APPROVED' : scan;
    const original = attachment(id, time, attachmentId, scan === 'none' ? 'APPROVED' : 'IN_PROGRESS', sender);
    socket(original, group, 1);
    if (scan !== 'none')
      socket(attachment(`${id}-verdict`, time + delay, attachmentId, scan, sender), group, 1);
    world.transcript.push({ item: attachment(id, time, attachmentId, final, sender), token });
    world.attachmentStatus.set(attachmentId, final);
    placed.push(original);
    world.identities.push(attachmentId);
  };
  for (const [index, one] of spec.attachments.entries())
    addAttachment(one, `${one.prefix}-a${index}`, `att-a${index}`, undefined);

  spec.lex.forEach(({ time, prefix, chunks }, index) => {
    const id = `${prefix}-l${index}`;
    const full = chunks.join('');
    chunks.forEach((chunk, chunkIndex) => {
      socket(lexChunk(id, time + chunkIndex, chunk, chunkIndex + 1, false), `lex:${id}`, chunkIndex);
    });
    socket(lexChunk(id, time + chunks.length, full, chunks.length + 1, true), `lex:${id}`, chunks.length);
    const copy = lexChunk(id, time, full, undefined, true);
    messageCopies.push({ item: copy, token: undefined });
    placed.push(copy);
    world.identities.push(id);
    world.lexText.set(id, full);
  });

  spec.ownMessages.forEach(({ time, prefix }, index) => {
    const serverId = `${prefix}-o${index}`;
    const token = `tok-o${index}`;
    const echo = message(serverId, time, {
      ParticipantId: SELF,
      ParticipantRole: 'CUSTOMER',
      Content: `own ${index}`,
    });
    world.sends.push({
      send: {
        clientToken: token,
        kind: 'message',
        item: { ContentType: 'text/plain', Content: `own ${index}` },
      },
      confirmation: { Id: serverId, AbsoluteTime: at(time) },
      serverId,
    });
    socket(echo, `send:${token}`, 1);
    messageCopies.push({ item: echo, token });
    placed.push(echo);
    world.identities.push(serverId);
    world.expectedStatus.set(serverId, 'sent');
  });
  spec.ownAttachments.forEach((one, index) => {
    const serverId = `${one.prefix}-oa${index}`;
    const token = `tok-oa${index}`;
    const attachmentId = `att-oa${index}`;
    world.sends.push({
      send: {
        clientToken: token,
        kind: 'attachment',
        item: { Attachments: [{ AttachmentName: 'own.png' }] },
      },
      confirmation: { attachmentId },
      serverId,
    });
    addAttachment(one, serverId, attachmentId, token);
    world.expectedStatus.set(serverId, 'sent');
  });

  // Receipts about messages; a page's copy of a message carries every receipt about it, one per recipient.
  const targets = messageCopies.map((copy) => copy.item.Id as string);
  const aggregated = new Map<string, Receipt[]>();
  spec.receipts.forEach(({ target, kind, fromSelf, time }, index) => {
    const messageId = targets[target % Math.max(targets.length, 1)];
    if (messageId === undefined) return;
    const from = fromSelf ? SELF : AGENT;
    const item = receipt(`r${index}`, time, messageId, kind, from);
    socket(item);
    world.receiptIds.push(item.Id as string);
    const stamp = kind === 'read' ? 'ReadTimestamp' : 'DeliveredTimestamp';
    const list = aggregated.get(messageId) ?? [];
    const existing = list.find((one) => one.RecipientParticipantId === from);
    if (!existing) list.push({ RecipientParticipantId: from, [stamp]: at(time) });
    else if (existing[stamp] === undefined || compareStrings(at(time), existing[stamp]) < 0)
      existing[stamp] = at(time);
    aggregated.set(messageId, list);
    const status = world.expectedStatus.get(messageId);
    if (status !== undefined && !fromSelf) {
      if (kind === 'read') world.expectedStatus.set(messageId, 'read');
      else if (status === 'sent') world.expectedStatus.set(messageId, 'delivered');
    }
  });
  for (const { item, token } of messageCopies) {
    const receipts = aggregated.get(item.Id as string);
    const copy = receipts
      ? {
          ...item,
          MessageMetadata: { ...item.MessageMetadata, MessageId: item.Id as string, Receipts: receipts },
        }
      : item;
    world.transcript.push({ item: copy, token });
  }

  world.referenceIds = placed.sort(compareTranscriptItems).map((item) => item.Id as string);
  return world;
}

// Puts each group's actions, wherever the shuffle left them, back in rank order (stable, so equal ranks stay
// shuffled: an own send's confirmation and its echo can come in either order).
function keepGroupsInOrder(actions: Action[]): Action[] {
  const result = [...actions];
  const groups = new Map<string, number[]>();
  result.forEach((action, index) => {
    if (action.kind === 'page' || action.group === undefined) return;
    const positions = groups.get(action.group) ?? [];
    positions.push(index);
    groups.set(action.group, positions);
  });
  for (const positions of groups.values()) {
    const members = positions.map((index) => result[index] as SocketAction | SendAction);
    const sorted = [...members].sort((a, b) => a.rank - b.rank);
    positions.forEach((index, order) => {
      result[index] = sorted[order] as Action;
    });
  }
  return result;
}

function runArb(world: World): fc.Arbitrary<Action[]> {
  return fc
    .record({
      copies: fc.array(fc.integer({ min: 1, max: 3 }), {
        minLength: world.socket.length,
        maxLength: world.socket.length,
      }),
      pages: fc.array(fc.subarray(world.transcript), { maxLength: 3 }),
    })
    .chain(({ copies, pages }) => {
      const actions: Action[] = [
        ...world.socket.flatMap((delivery, index) =>
          Array.from({ length: copies[index] ?? 1 }, (): Action => ({ kind: 'socket', ...delivery })),
        ),
        ...pages.map((page): Action => ({ kind: 'page', copies: page })),
        ...world.sends.flatMap((own): Action[] => [
          { kind: 'add', own, group: `send:${own.send.clientToken}`, rank: 0 },
          { kind: 'confirm', own, group: `send:${own.send.clientToken}`, rank: 1 },
        ]),
      ];
      return fc.shuffledSubarray(actions, { minLength: actions.length }).map(keepGroupsInOrder);
    });
}

const scenarioArb = specArb.chain((spec) => {
  const world = buildWorld(spec);
  return fc.tuple(fc.constant(world), runArb(world), runArb(world));
});

function expectOrdered(entries: readonly TranscriptEntry[]): void {
  const placed = entries.filter((entry) => entry.id !== undefined);
  // Unconfirmed sends (no id in these scenarios) all come after the placed entries.
  expect(entries.slice(0, placed.length)).toEqual(placed);
  for (let index = 1; index < placed.length; index += 1) {
    expect(
      compareTranscriptItems(
        (placed[index - 1] as TranscriptEntry).item,
        (placed[index] as TranscriptEntry).item,
      ),
    ).toBe(-1);
  }
}

function play(actions: readonly Action[]): { transcript: TranscriptStore; outcomes: ItemOutcome[] } {
  const transcript = createTranscriptStore({ selfParticipantId: SELF });
  const outcomes: ItemOutcome[] = [];
  const added = new Set<string>();
  for (const action of actions) {
    if (action.kind === 'socket') outcomes.push(transcript.apply(action.item, 'socket'));
    else if (action.kind === 'page') {
      const served = action.copies.filter((copy) => copy.token === undefined || added.has(copy.token));
      outcomes.push(...transcript.applyPage(served.map((copy) => copy.item)));
    } else if (action.kind === 'add') {
      transcript.addPending(action.own.send);
      added.add(action.own.send.clientToken);
    } else transcript.confirmPending(action.own.send.clientToken, action.own.confirmation);
    expectOrdered(transcript.entries());
  }
  return { transcript, outcomes };
}

function identityOf(entry: TranscriptEntry): string | undefined {
  return entry.kind === 'attachment' ? entry.item.Attachments?.[0]?.AttachmentId : entry.id;
}

function fingerprint(entry: TranscriptEntry) {
  return {
    id: entry.id,
    kind: entry.kind,
    origin: entry.origin,
    status: entry.status,
    clientToken: entry.clientToken,
    streaming: entry.streaming,
    time: entry.item.AbsoluteTime,
    content: entry.item.Content,
    attachments: entry.item.Attachments?.map((one) => [one.AttachmentId, one.Status]),
    receipts: entry.item.MessageMetadata?.Receipts,
  };
}

function count<T>(values: readonly T[]): Map<T, number> {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function checkRun(world: World, transcript: TranscriptStore, outcomes: readonly ItemOutcome[]): void {
  const entries = transcript.entries();
  expect(entries.map((entry) => entry.id)).toEqual(world.referenceIds);
  expect(new Set(entries.map((entry) => entry.key)).size).toBe(entries.length);
  expect(transcript.size).toBe(entries.length);
  for (const entry of entries) expect(transcript.get(entry.key)).toBe(entry);

  for (const { send, serverId } of world.sends) {
    const mine = entries.filter((entry) => entry.clientToken === send.clientToken);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.id).toBe(serverId);
    expect(mine[0]?.origin).toBe('self');
    expect(mine[0]?.status).toBe(world.expectedStatus.get(serverId));
  }
  for (const entry of entries) {
    if (entry.origin === 'other') expect(entry.status).toBeUndefined();
    if (entry.kind === 'message' && entry.id !== undefined && world.lexText.has(entry.id)) {
      expect(entry.item.Content).toBe(world.lexText.get(entry.id));
      expect(entry.streaming).toBe(false);
    }
    if (entry.kind === 'attachment') {
      const attachmentId = entry.item.Attachments?.[0]?.AttachmentId as string;
      expect(entry.item.Attachments?.[0]?.Status).toBe(world.attachmentStatus.get(attachmentId));
    }
  }

  // Listeners see every stored item exactly once: as `added`, or as the echo of an own send.
  const shown = outcomes.flatMap((outcome) =>
    outcome.kind === 'added' || (outcome.kind === 'updated' && outcome.echo)
      ? [identityOf(outcome.entry)]
      : [],
  );
  expect(count(shown)).toEqual(count(world.identities));
  const ephemeral = outcomes.flatMap((outcome) => (outcome.kind === 'ephemeral' ? [outcome.item.Id] : []));
  expect(count(ephemeral)).toEqual(count(world.ephemeralIds));
  const receipts = outcomes.flatMap((outcome) => (outcome.kind === 'receipt' ? [outcome.item.Id] : []));
  expect(count(receipts)).toEqual(count(world.receiptIds));
  for (const { item } of world.socket) expect(transcript.hasId(item.Id as string)).toBe(true);
}

describe('transcript store properties', () => {
  it('TSP-01 any interleaving, duplication and paging of the same chat ends in the same ordered transcript', () => {
    fc.assert(
      fc.property(scenarioArb, ([world, first, second]) => {
        const one = play(first);
        checkRun(world, one.transcript, one.outcomes);
        const two = play(second);
        checkRun(world, two.transcript, two.outcomes);
        expect(two.transcript.entries().map(fingerprint)).toEqual(one.transcript.entries().map(fingerprint));
      }),
      { numRuns: 200 },
    );
  });

  it('TSP-02 Lex chunks in any order, all stamped with the same time, end as the full text in one entry', () => {
    const streamArb = fc
      .array(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 })
      .chain((chunks) => {
        const full = chunks.join('');
        const items = [
          ...chunks.map((chunk, index) => lexChunk('lex', 5, chunk, index + 1, false)),
          lexChunk('lex', 5, full, chunks.length + 1, true),
        ];
        return fc.tuple(
          fc.constant(full),
          fc.shuffledSubarray([...items, ...items], { minLength: items.length * 2 }),
        );
      });
    fc.assert(
      fc.property(streamArb, ([full, deliveries]) => {
        const transcript = createTranscriptStore();
        const outcomes = deliveries.map((item) => transcript.apply(item, 'socket'));
        expect(outcomes.filter((outcome) => outcome.kind === 'added')).toHaveLength(1);
        expect(transcript.entries()).toHaveLength(1);
        expect(transcript.get('lex')?.item).toMatchObject({ Content: full, AbsoluteTime: at(5) });
        expect(transcript.get('lex')?.streaming).toBe(false);
        const texts = outcomes.flatMap((outcome) =>
          outcome.kind === 'added' || outcome.kind === 'updated' ? [outcome.item.Content] : [],
        );
        expect(texts.at(-1)).toBe(full);
      }),
      { numRuns: 200 },
    );
  });

  it('TSP-03 many messages in any order, some far from the end and in the same second, sort by time then id', () => {
    const chatArb = fc
      .uniqueArray(fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), second: fc.nat(6) }), {
        minLength: 1,
        maxLength: 60,
        selector: (entry) => entry.id,
      })
      .chain((chat) => fc.shuffledSubarray(chat, { minLength: chat.length }));
    fc.assert(
      fc.property(chatArb, (deliveries) => {
        const transcript = createTranscriptStore({ selfParticipantId: SELF });
        const own = (id: string, second: number) =>
          message(id, second, { ParticipantId: SELF, ParticipantRole: 'CUSTOMER' });
        for (const { id, second } of deliveries) transcript.apply(own(id, second), 'socket');
        const expected = deliveries
          .map(({ id, second }) => own(id, second))
          .sort(compareTranscriptItems)
          .map((item) => item.Id);
        expect(transcript.entries().map((entry) => entry.id)).toEqual(expected);
        // Every entry is found where the list has it: a later change to any of them lands on the right entry.
        for (const { id, second } of deliveries)
          transcript.apply(receipt(`r-${id}`, second + 1, id, 'read'), 'socket');
        expect(transcript.entries().map((entry) => entry.id)).toEqual(expected);
        expect(transcript.entries().every((entry) => entry.status === 'read')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
