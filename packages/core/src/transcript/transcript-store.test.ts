import { describe, expect, it } from 'vitest';
import { ChatError, ChatErrorCode } from '../errors';
import { EventContentType } from '../protocol/content-types';
import type { Item } from '../protocol/item.types';
import {
  AGENT,
  at,
  attachment,
  deepFreeze,
  event,
  lexChunk,
  message,
  receipt,
  SELF,
  typing,
} from './transcript.test-support';
import type { ItemOutcome, TranscriptStore } from './transcript.types';
import { createTranscriptStore } from './transcript-store';

const store = () => createTranscriptStore({ selfParticipantId: SELF });
const ids = (transcript: TranscriptStore) => transcript.entries().map((entry) => entry.id);
const keys = (transcript: TranscriptStore) => transcript.entries().map((entry) => entry.key);
const own = (id: string, seconds: number, extra: Partial<Item> = {}) =>
  message(id, seconds, { ParticipantId: SELF, ParticipantRole: 'CUSTOMER', ...extra });
const failure = () =>
  new ChatError(ChatErrorCode.network, 'unable to send message; the network is unreachable');

function expectKind<K extends ItemOutcome['kind']>(
  outcome: ItemOutcome,
  kind: K,
): Extract<ItemOutcome, { kind: K }> {
  expect(outcome.kind).toBe(kind);
  return outcome as Extract<ItemOutcome, { kind: K }>;
}

describe('transcript store: deduplication and what is stored', () => {
  it('TS-01 a message is added once; the same Id again, from the socket or a page, is a duplicate', () => {
    const transcript = store();
    const first = expectKind(transcript.apply(message('m1', 1), 'socket'), 'added');
    expect(first.entry).toMatchObject({
      key: 'm1',
      id: 'm1',
      kind: 'message',
      origin: 'other',
      status: undefined,
    });
    expect(first.entry.streaming).toBe(false);
    expect(transcript.apply(message('m1', 1), 'socket').kind).toBe('duplicate');
    expect(transcript.applyPage([message('m1', 1)]).map((outcome) => outcome.kind)).toEqual(['duplicate']);
    expect(transcript.size).toBe(1);
    expect(transcript.hasId('m1')).toBe(true);
    expect(transcript.hasId('m2')).toBe(false);
  });

  it('TS-02 typing and connection acknowledgements are ephemeral; a repeated Id is a duplicate', () => {
    const transcript = store();
    const ack: Item = {
      Id: 'ack1',
      Type: 'CONNECTION_ACK',
      ContentType: EventContentType.connectionAcknowledged,
      AbsoluteTime: at(0),
    };
    const ackByContentType = event('ack2', 0, EventContentType.connectionAcknowledged);
    const typingByType: Item = { Id: 't2', Type: 'TYPING', AbsoluteTime: at(0) };
    for (const item of [typing('t1', 1), ack, ackByContentType, typingByType]) {
      expect(expectKind(transcript.apply(item, 'socket'), 'ephemeral').item).toBe(item);
      expect(transcript.apply(item, 'socket').kind).toBe('duplicate');
    }
    expect(transcript.size).toBe(0);
    expect(transcript.hasId('t1')).toBe(true);
    expect(transcript.hasId('ack1')).toBe(true);
  });

  it('TS-03 items without an Id (or with an empty one) are never stored and always shown', () => {
    const transcript = store();
    const { Id: _id, ...noId } = message('x', 1);
    const ended: Item = { ...event('', 2, EventContentType.chatEnded) };
    for (const item of [noId, noId, ended, ended])
      expect(transcript.apply(item, 'socket').kind).toBe('ephemeral');
    expect(transcript.size).toBe(0);
  });

  it('TS-04 the ephemeral id memory is bounded and forgets the oldest first', () => {
    const transcript = createTranscriptStore({ ephemeralIdMemory: 2 });
    transcript.apply(typing('t1', 1), 'socket');
    transcript.apply(typing('t2', 2), 'socket');
    transcript.apply(typing('t3', 3), 'socket');
    expect(transcript.hasId('t1')).toBe(false);
    expect(transcript.apply(typing('t3', 3), 'socket').kind).toBe('duplicate');
    expect(transcript.apply(typing('t1', 1), 'socket').kind).toBe('ephemeral');
    expect(createTranscriptStore({ ephemeralIdMemory: 0 }).apply(typing('t', 1), 'socket').kind).toBe(
      'ephemeral',
    );
    const none = createTranscriptStore({ ephemeralIdMemory: 0 });
    none.apply(typing('t', 1), 'socket');
    expect(none.apply(typing('t', 1), 'socket').kind).toBe('ephemeral');
  });

  it('TS-05 transcript-worthy events, unknown events and unknown item types are stored as events', () => {
    const transcript = store();
    const items = [
      event('e1', 1, EventContentType.participantJoined),
      event('e2', 2, EventContentType.participantLeft),
      event('e3', 3, EventContentType.participantInvited),
      event('e4', 4, EventContentType.participantIdle),
      event('e5', 5, EventContentType.chatEnded),
      event('e6', 6, EventContentType.transferSucceeded),
      event('e7', 7, EventContentType.authenticationInitiated, { Content: '{"SessionId":"s"}' }),
      event('e8', 8, EventContentType.participantDisplayNameUpdated),
      event('e9', 9, EventContentType.chatRehydrated),
      event('e10', 10, 'application/vnd.amazonaws.connect.event.something.new'),
      { Id: 'e11', Type: 'PARTICIPANT_JOINED', AbsoluteTime: at(11) },
    ];
    for (const item of items) expect(transcript.apply(item, 'socket').kind).toBe('added');
    expect(transcript.entries().map((entry) => entry.kind)).toEqual(items.map(() => 'event'));
    expect(transcript.entries().every((entry) => entry.status === undefined)).toBe(true);
  });

  it('TS-06 an invalid ephemeralIdMemory is rejected with a validation error', () => {
    for (const ephemeralIdMemory of [-1, 1.5, Number.NaN]) {
      expect(() => createTranscriptStore({ ephemeralIdMemory })).toThrow(
        expect.objectContaining({ code: ChatErrorCode.validation }),
      );
    }
  });
});

describe('transcript store: order', () => {
  it('TS-10 entries sort by AbsoluteTime then Id whatever the arrival order; no time sorts first', () => {
    const transcript = store();
    const { AbsoluteTime: _time, ...timeless } = message('z-no-time', 0);
    for (const item of [message('b', 5), message('c', 2), timeless, message('a', 5), message('d', 9)])
      transcript.apply(item, 'socket');
    expect(ids(transcript)).toEqual(['z-no-time', 'c', 'a', 'b', 'd']);
  });

  it('TS-11 entries() is the same frozen array until something changes', () => {
    const transcript = store();
    transcript.apply(message('m1', 1), 'socket');
    const first = transcript.entries();
    expect(Object.isFrozen(first)).toBe(true);
    expect(transcript.entries()).toBe(first);
    transcript.apply(message('m1', 1), 'socket');
    transcript.apply(typing('t', 1), 'socket');
    expect(transcript.entries()).toBe(first);
    transcript.apply(message('m2', 2), 'socket');
    expect(transcript.entries()).not.toBe(first);
    expect(transcript.entries()).toHaveLength(2);
  });

  it('TS-12 newest() is the newest entry placed by the service, never an unconfirmed send', () => {
    const transcript = store();
    expect(transcript.newest()).toBeUndefined();
    transcript.addPending({ clientToken: 'c1', kind: 'message', item: { Content: 'hi' } });
    expect(transcript.newest()).toBeUndefined();
    transcript.apply(message('m2', 2), 'socket');
    transcript.apply(message('m1', 1), 'socket');
    expect(transcript.newest()?.id).toBe('m2');
    transcript.confirmPending('c1', { Id: 'own', AbsoluteTime: at(3) });
    expect(transcript.newest()?.id).toBe('own');
  });

  it('TS-13 applying 10,000 items in order, and in reverse, keeps them sorted', () => {
    for (const reverse of [false, true]) {
      const transcript = store();
      const items = Array.from({ length: 10_000 }, (_, index) =>
        message(`m${String(index).padStart(5, '0')}`, index),
      );
      for (const item of reverse ? [...items].reverse() : items) transcript.apply(item, 'socket');
      const entries = transcript.entries();
      expect(entries).toHaveLength(10_000);
      expect(entries[0]?.id).toBe('m00000');
      expect(entries[9_999]?.id).toBe('m09999');
    }
  });
});

describe('transcript store: own sends', () => {
  it('TS-20 a pending send is sending, sorts after every server item in add order, and drops Id and time', () => {
    const transcript = store();
    transcript.apply(message('m1', 1), 'socket');
    const pending = transcript.addPending({
      clientToken: 'c1',
      kind: 'message',
      item: { ContentType: 'text/plain', Content: 'hi', Id: 'bogus', AbsoluteTime: at(0) },
    });
    transcript.addPending({
      clientToken: 'c2',
      kind: 'attachment',
      item: { Attachments: [{ AttachmentName: 'a' }] },
    });
    transcript.apply(message('m9', 99), 'socket');
    expect(pending).toMatchObject({ key: 'local:c1', id: undefined, origin: 'self', status: 'sending' });
    expect(pending.item).toEqual({ ContentType: 'text/plain', Content: 'hi', Type: 'MESSAGE' });
    expect(transcript.get('local:c2')?.item.Type).toBe('ATTACHMENT');
    expect(keys(transcript)).toEqual(['m1', 'm9', 'local:c1', 'local:c2']);
    expect(transcript.hasId('bogus')).toBe(false);
  });

  it('TS-21 confirmed first: the entry moves into place under its local key; the echo updates it', () => {
    const transcript = store();
    transcript.apply(message('m1', 1), 'socket');
    transcript.apply(message('m3', 3), 'socket');
    transcript.addPending({ clientToken: 'c1', kind: 'message', item: { Content: 'hi' } });
    const confirmed = transcript.confirmPending('c1', { Id: 'own', AbsoluteTime: at(2) });
    expect(confirmed).toMatchObject({ key: 'local:c1', id: 'own', status: 'sent', clientToken: 'c1' });
    expect(keys(transcript)).toEqual(['m1', 'local:c1', 'm3']);
    expect(transcript.hasId('own')).toBe(true);
    const echo = expectKind(transcript.apply(own('own', 2, { Content: 'hi' }), 'socket'), 'updated');
    expect(echo).toMatchObject({ echo: true, streamed: false, attachmentStatus: undefined });
    expect(echo.entry).toMatchObject({ key: 'local:c1', id: 'own', status: 'sent', origin: 'self' });
    expect(echo.entry.item.ParticipantId).toBe(SELF);
    expect(transcript.apply(own('own', 2, { Content: 'hi' }), 'socket').kind).toBe('duplicate');
    expect(transcript.applyPage([own('own', 2, { Content: 'hi' })])[0]?.kind).toBe('duplicate');
    expect(transcript.size).toBe(3);
  });

  it('TS-22 echo first: confirming merges the pending entry into the stored one, keyed by the server Id', () => {
    const transcript = store();
    transcript.addPending({ clientToken: 'c1', kind: 'message', item: { Content: 'hi' } });
    const added = expectKind(transcript.apply(own('own', 2, { Content: 'hi' }), 'socket'), 'added');
    expect(added.entry).toMatchObject({ key: 'own', origin: 'self', status: 'sent', clientToken: undefined });
    expect(transcript.size).toBe(2);
    const merged = transcript.confirmPending('c1', { Id: 'own', AbsoluteTime: at(2) });
    expect(merged).toMatchObject({
      key: 'own',
      id: 'own',
      status: 'sent',
      clientToken: 'c1',
      origin: 'self',
    });
    expect(keys(transcript)).toEqual(['own']);
    expect(transcript.get('local:c1')).toBeUndefined();
    expect(transcript.failPending('c1', failure())).toBe(merged);
    expect(transcript.confirmPending('c1', { Id: 'own' })).toBe(merged);
  });

  it('TS-23 confirmed without a time, the entry stays at the end until the echo places it', () => {
    const transcript = store();
    transcript.apply(message('m5', 5), 'socket');
    transcript.addPending({ clientToken: 'c1', kind: 'message', item: { Content: 'hi' } });
    transcript.confirmPending('c1', { Id: 'own' });
    transcript.apply(message('m9', 9), 'socket');
    expect(keys(transcript)).toEqual(['m5', 'm9', 'local:c1']);
    expect(transcript.newest()?.id).toBe('m9');
    transcript.apply(own('own', 7), 'socket');
    expect(keys(transcript)).toEqual(['m5', 'local:c1', 'm9']);
  });

  it('TS-24 failing, retrying and removing pending sends', () => {
    const transcript = store();
    transcript.addPending({ clientToken: 'c1', kind: 'message', item: { Content: 'one' } });
    transcript.addPending({ clientToken: 'c2', kind: 'message', item: { Content: 'two' } });
    const error = failure();
    const failed = transcript.failPending('c1', error);
    expect(failed).toMatchObject({ status: 'failed', error });
    const retried = transcript.addPending({
      clientToken: 'c1',
      kind: 'message',
      item: { Content: 'one again' },
    });
    expect(retried).toMatchObject({ key: 'local:c1', status: 'sending', error: undefined });
    expect(retried.item.Content).toBe('one again');
    expect(keys(transcript)).toEqual(['local:c1', 'local:c2']);
    transcript.removePending('c2');
    expect(keys(transcript)).toEqual(['local:c1']);
    transcript.confirmPending('c1', { Id: 'own', AbsoluteTime: at(1) });
    transcript.removePending('c1');
    expect(transcript.get('local:c1')?.status).toBe('sent');
    expect(transcript.addPending({ clientToken: 'c1', kind: 'message', item: {} })).toBe(
      transcript.get('local:c1'),
    );
    expect(transcript.confirmPending('unknown', { Id: 'x' })).toBeUndefined();
    expect(transcript.failPending('unknown', error)).toBeUndefined();
    expect(() => transcript.removePending('unknown')).not.toThrow();
    expect(transcript.size).toBe(1);
  });

  it('TS-25 an own attachment: confirmed by AttachmentId, then its socket item and verdict merge into it', () => {
    const transcript = store();
    transcript.addPending({
      clientToken: 'c1',
      kind: 'attachment',
      item: { Attachments: [{ AttachmentName: 'file.png', ContentType: 'image/png' }] },
    });
    const confirmed = transcript.confirmPending('c1', { attachmentId: 'att1' });
    expect(confirmed).toMatchObject({ key: 'local:c1', id: undefined, status: 'sent', kind: 'attachment' });
    const selfAttachment = { ParticipantId: SELF, ParticipantRole: 'CUSTOMER' };
    const echo = expectKind(
      transcript.apply(attachment('a1', 4, 'att1', 'IN_PROGRESS', selfAttachment), 'socket'),
      'updated',
    );
    expect(echo).toMatchObject({
      echo: true,
      attachmentStatus: { attachmentId: 'att1', status: 'IN_PROGRESS' },
    });
    expect(echo.entry).toMatchObject({ key: 'local:c1', id: 'a1', status: 'sent' });
    const verdict = expectKind(
      transcript.apply(attachment('a2', 6, 'att1', 'APPROVED', selfAttachment), 'socket'),
      'updated',
    );
    expect(verdict).toMatchObject({
      echo: false,
      attachmentStatus: { attachmentId: 'att1', status: 'APPROVED' },
    });
    expect(verdict.entry.id).toBe('a1');
    expect(verdict.entry.item.AbsoluteTime).toBe(at(4));
    expect(keys(transcript)).toEqual(['local:c1']);
  });

  it('TS-26 an own attachment whose socket item arrives before the confirmation is merged at confirmation', () => {
    const transcript = store();
    transcript.addPending({ clientToken: 'c1', kind: 'attachment', item: { Attachments: [] } });
    transcript.apply(
      attachment('a1', 4, 'att1', 'APPROVED', { ParticipantId: SELF, ParticipantRole: 'CUSTOMER' }),
      'socket',
    );
    expect(transcript.size).toBe(2);
    const merged = transcript.confirmPending('c1', { attachmentId: 'att1' });
    expect(merged).toMatchObject({ key: 'a1', clientToken: 'c1', status: 'sent', origin: 'self' });
    expect(keys(transcript)).toEqual(['a1']);
  });

  it('TS-27 a page copy of an own send counts as its echo', () => {
    const transcript = store();
    transcript.addPending({ clientToken: 'c1', kind: 'message', item: { Content: 'hi' } });
    transcript.confirmPending('c1', { Id: 'own', AbsoluteTime: at(2) });
    const [outcome] = transcript.applyPage([own('own', 2)]);
    expect(outcome).toMatchObject({ kind: 'updated', echo: true });
    expect(transcript.apply(own('own', 2), 'socket').kind).toBe('duplicate');
  });
});

describe('transcript store: receipts', () => {
  it('TS-30 receipts from another participant move an own message sent → delivered → read, never back', () => {
    const transcript = store();
    transcript.apply(own('own', 1), 'socket');
    const delivered = expectKind(transcript.apply(receipt('r1', 2, 'own', 'delivered'), 'socket'), 'receipt');
    expect(delivered.receipt).toEqual({
      messageId: 'own',
      kind: 'delivered',
      participantId: AGENT,
      timestamp: at(2),
    });
    expect(delivered.entry?.status).toBe('delivered');
    const read = expectKind(transcript.apply(receipt('r2', 3, 'own', 'read'), 'socket'), 'receipt');
    expect(read.entry?.status).toBe('read');
    const late = expectKind(transcript.apply(receipt('r3', 4, 'own', 'delivered'), 'socket'), 'receipt');
    expect(late.entry).toBeUndefined();
    expect(transcript.get('own')?.status).toBe('read');
    expect(transcript.get('own')?.item.MessageMetadata).toEqual({
      MessageId: 'own',
      Receipts: [{ RecipientParticipantId: AGENT, DeliveredTimestamp: at(2), ReadTimestamp: at(3) }],
    });
  });

  it("TS-31 own receipts are reported but don't change an own message's status", () => {
    const transcript = store();
    transcript.apply(own('own', 1), 'socket');
    const mine = expectKind(transcript.apply(receipt('r1', 2, 'own', 'read', SELF), 'socket'), 'receipt');
    expect(mine.receipt.participantId).toBe(SELF);
    expect(transcript.get('own')?.status).toBe('sent');
    expect(transcript.get('own')?.item.MessageMetadata?.Receipts).toEqual([
      { RecipientParticipantId: SELF, ReadTimestamp: at(2) },
    ]);
  });

  it('TS-32 receipts without a timestamp or a message are ignored; a repeated receipt Id is a duplicate', () => {
    const transcript = store();
    transcript.apply(own('own', 1), 'socket');
    const empty: Item = {
      Id: 'r0',
      Type: 'MESSAGEMETADATA',
      MessageMetadata: { MessageId: 'own', Receipts: [{}] },
    };
    const nameless: Item = {
      Id: 'rx',
      Type: 'MESSAGEMETADATA',
      MessageMetadata: { Receipts: [{ ReadTimestamp: at(1) }] },
    };
    expect(transcript.apply(empty, 'socket').kind).toBe('ignored');
    expect(transcript.apply(nameless, 'socket').kind).toBe('ignored');
    expect(transcript.apply(receipt('r1', 2, 'own', 'read'), 'socket').kind).toBe('receipt');
    expect(transcript.apply(receipt('r1', 2, 'own', 'read'), 'socket').kind).toBe('duplicate');
    expect(transcript.apply(receipt(undefined, 2, 'own', 'read'), 'socket').kind).toBe('receipt');
    expect(transcript.hasId('r1')).toBe(true);
    expect(transcript.size).toBe(1);
  });

  it('TS-33 a receipt for a message not stored yet is applied when the message arrives or is confirmed', () => {
    const transcript = store();
    const early = expectKind(transcript.apply(receipt('r1', 5, 'own', 'read'), 'socket'), 'receipt');
    expect(early.entry).toBeUndefined();
    expect(transcript.apply(own('own', 1), 'socket')).toMatchObject({
      kind: 'added',
      entry: { status: 'read' },
    });

    transcript.apply(receipt('r2', 5, 'mine', 'delivered'), 'socket');
    transcript.addPending({ clientToken: 'c1', kind: 'message', item: { Content: 'x' } });
    expect(transcript.confirmPending('c1', { Id: 'mine', AbsoluteTime: at(3) })?.status).toBe('delivered');
  });

  it('TS-34 message.read / message.delivered events are receipts read from their content', () => {
    const transcript = store();
    transcript.apply(own('own', 1), 'socket');
    const readEvent = event('r1', 2, EventContentType.messageRead, {
      Content: '{"messageId":"own"}',
      ParticipantId: AGENT,
    });
    const outcome = expectKind(transcript.apply(readEvent, 'socket'), 'receipt');
    expect(outcome.receipt).toEqual({
      messageId: 'own',
      kind: 'read',
      participantId: AGENT,
      timestamp: at(2),
    });
    expect(outcome.entry?.status).toBe('read');
    const broken = event('r2', 2, EventContentType.messageDelivered, { Content: 'not json' });
    expect(transcript.apply(broken, 'socket').kind).toBe('ignored');
  });

  it('TS-35 a transcript copy carrying receipts merges them; the same copy again is a duplicate', () => {
    const transcript = store();
    transcript.apply(own('own', 1), 'socket');
    const copy = own('own', 1, {
      MessageMetadata: {
        MessageId: 'own',
        Receipts: [{ RecipientParticipantId: AGENT, DeliveredTimestamp: at(2), ReadTimestamp: at(3) }],
      },
    });
    const [outcome] = transcript.applyPage([copy]);
    expect(outcome).toMatchObject({ kind: 'updated', echo: false, entry: { status: 'read' } });
    expect(transcript.applyPage([copy])[0]?.kind).toBe('duplicate');
    expect(transcript.apply(receipt('r1', 3, 'own', 'read'), 'socket')).toMatchObject({
      kind: 'receipt',
      entry: undefined,
    });
  });

  it("TS-36 receipts on other participants' messages are merged but give them no status", () => {
    const transcript = store();
    transcript.apply(message('m1', 1), 'socket');
    const outcome = expectKind(transcript.apply(receipt('r1', 2, 'm1', 'read', SELF), 'socket'), 'receipt');
    expect(outcome.entry?.status).toBeUndefined();
    expect(outcome.entry?.item.MessageMetadata?.Receipts).toHaveLength(1);
  });
});

describe('transcript store: attachments', () => {
  it('TS-40 a scan verdict with a new Id updates the attachment, never adds a second entry', () => {
    const transcript = store();
    expect(transcript.apply(attachment('a1', 1, 'att1', 'IN_PROGRESS'), 'socket').kind).toBe('added');
    const verdict = expectKind(
      transcript.apply(attachment('a2', 3, 'att1', 'REJECTED'), 'socket'),
      'updated',
    );
    expect(verdict.attachmentStatus).toEqual({ attachmentId: 'att1', status: 'REJECTED' });
    expect(verdict.entry).toMatchObject({ key: 'a1', id: 'a1', kind: 'attachment', origin: 'other' });
    expect(verdict.entry.item.Attachments?.[0]?.Status).toBe('REJECTED');
    expect(verdict.entry.item.AbsoluteTime).toBe(at(1));
    expect(transcript.hasId('a2')).toBe(true);
    expect(transcript.apply(attachment('a2', 3, 'att1', 'REJECTED'), 'socket').kind).toBe('duplicate');
    expect(transcript.apply(attachment('a1', 1, 'att1', 'IN_PROGRESS'), 'socket').kind).toBe('duplicate');
    expect(ids(transcript)).toEqual(['a1']);
  });

  it("TS-41 a verdict that arrives first is joined by the original item, which becomes the entry's identity", () => {
    const transcript = store();
    transcript.apply(message('m2', 2), 'socket');
    expect(transcript.apply(attachment('a2', 3, 'att1', 'APPROVED'), 'socket').kind).toBe('added');
    expect(ids(transcript)).toEqual(['m2', 'a2']);
    const original = expectKind(
      transcript.apply(attachment('a1', 1, 'att1', 'IN_PROGRESS'), 'socket'),
      'updated',
    );
    expect(original.attachmentStatus).toBeUndefined();
    expect(original.entry).toMatchObject({ key: 'a2', id: 'a1' });
    expect(original.entry.item.Attachments?.[0]?.Status).toBe('APPROVED');
    expect(ids(transcript)).toEqual(['a1', 'm2']);
  });

  it('TS-43 an attachment item reusing a stored message Id is a duplicate and changes nothing', () => {
    const transcript = store();
    const before = expectKind(transcript.apply(message('x', 1), 'socket'), 'added').entry;
    expect(transcript.apply(attachment('x', 1, 'att', 'APPROVED'), 'socket').kind).toBe('duplicate');
    expect(transcript.get('x')).toBe(before);
  });

  it('TS-42 a transcript copy with the merged verdict updates the status; the socket verdict is then old news', () => {
    const transcript = store();
    transcript.apply(attachment('a1', 1, 'att1', 'IN_PROGRESS'), 'socket');
    const [outcome] = transcript.applyPage([attachment('a1', 1, 'att1', 'APPROVED')]);
    expect(outcome).toMatchObject({ kind: 'updated', attachmentStatus: { status: 'APPROVED' } });
    expect(transcript.apply(attachment('a2', 2, 'att1', 'APPROVED'), 'socket').kind).toBe('duplicate');
    expect(transcript.hasId('a2')).toBe(true);
  });
});

describe('transcript store: Lex streaming', () => {
  it("TS-55 a transcript copy's time is authoritative and moves the stitched entry", () => {
    const transcript = store();
    transcript.apply(lexChunk('lex', 10, 'Hi', 1, false), 'socket');
    transcript.apply(message('m11', 11), 'socket');
    transcript.apply(lexChunk('lex', 12, 'Hi!', 2, true), 'socket');
    expect(ids(transcript)).toEqual(['lex', 'm11']);
    const [outcome] = transcript.applyPage([lexChunk('lex', 12, 'Hi!', undefined, true)]);
    expect(outcome).toMatchObject({ kind: 'updated', streamed: false });
    expect(ids(transcript)).toEqual(['m11', 'lex']);
  });

  it('TS-50 chunks stitch in order, keep the first time, and the completion replaces the text', () => {
    const transcript = store();
    const first = expectKind(transcript.apply(lexChunk('lex', 10, 'Hel', 1, false), 'socket'), 'added');
    expect(first.item.Content).toBe('Hel');
    expect(first.entry.streaming).toBe(true);
    const second = expectKind(transcript.apply(lexChunk('lex', 11, 'lo ', 2, false), 'socket'), 'updated');
    expect(second).toMatchObject({ streamed: true, item: { Content: 'Hello ', AbsoluteTime: at(10) } });
    expect(second.item.MessageMetadata?.ChunkNumber).toBe(2);
    const done = expectKind(
      transcript.apply(lexChunk('lex', 12, 'Hello world', 3, true), 'socket'),
      'updated',
    );
    expect(done.item).toMatchObject({ Content: 'Hello world', AbsoluteTime: at(10) });
    expect(done.entry).toMatchObject({ streaming: false, kind: 'message', item: { Content: 'Hello world' } });
    expect(transcript.entries()).toHaveLength(1);
  });

  it('TS-51 out-of-order, first-chunk-missing, repeated chunks and a second completion produce nothing', () => {
    const transcript = store();
    expect(transcript.apply(lexChunk('lex', 11, 'lo', 2, false), 'socket').kind).toBe('ignored');
    expect(transcript.size).toBe(0);
    transcript.apply(lexChunk('lex', 10, 'Hel', 1, false), 'socket');
    transcript.apply(lexChunk('lex', 11, 'lo', 2, false), 'socket');
    expect(transcript.apply(lexChunk('lex', 13, '!', 4, false), 'socket').kind).toBe('ignored');
    expect(transcript.apply(lexChunk('lex', 11, 'lo', 2, false), 'socket').kind).toBe('duplicate');
    expect(transcript.get('lex')?.item.Content).toBe('Hello');
    transcript.apply(lexChunk('lex', 14, 'Hello!', 5, true), 'socket');
    expect(transcript.apply(lexChunk('lex', 14, 'Hello!', 5, true), 'socket').kind).toBe('duplicate');
    expect(transcript.apply(lexChunk('lex', 15, '?', 6, false), 'socket').kind).toBe('duplicate');
    expect(transcript.get('lex')?.item.Content).toBe('Hello!');
  });

  it('TS-52 a completion seen first is a complete message at once', () => {
    const transcript = store();
    const added = expectKind(
      transcript.apply(lexChunk('lex', 12, 'Hi there', undefined, true), 'socket'),
      'added',
    );
    expect(added.entry.streaming).toBe(false);
    expect(added.item.Content).toBe('Hi there');
    expect(transcript.apply(lexChunk('lex', 10, 'Hi', 1, false), 'socket').kind).toBe('duplicate');
  });

  it('TS-53 a transcript copy replaces a stitched entry; later chunks are duplicates', () => {
    const transcript = store();
    transcript.apply(lexChunk('lex', 10, 'Hel', 1, false), 'socket');
    const copy = { ...lexChunk('lex', 10, 'Hello world', undefined, true) };
    const [outcome] = transcript.applyPage([copy]);
    expect(outcome).toMatchObject({ kind: 'updated', streamed: true, entry: { streaming: false } });
    expect(transcript.get('lex')?.item.Content).toBe('Hello world');
    expect(transcript.apply(lexChunk('lex', 11, 'lo', 2, false), 'socket').kind).toBe('duplicate');
    expect(transcript.apply(lexChunk('lex', 12, 'Hello world', 3, true), 'socket').kind).toBe('duplicate');
  });

  it('TS-54 a page seen before the stream makes every chunk a duplicate; streaming chunks in a page are whole', () => {
    const transcript = store();
    transcript.applyPage([lexChunk('lex', 10, 'Hello world', undefined, true)]);
    expect(transcript.apply(lexChunk('lex', 10, 'Hel', 1, false), 'socket').kind).toBe('duplicate');
    const [page] = transcript.applyPage([lexChunk('other', 20, 'partial', 1, false)]);
    expect(page).toMatchObject({ kind: 'added', entry: { streaming: false } });
  });
});

describe('transcript store: snapshots and origin', () => {
  it("TS-60 the caller's items are never mutated; a change replaces only the changed entry", () => {
    const transcript = store();
    const items = [
      message('m1', 1),
      own('own', 2),
      attachment('a1', 3, 'att1', 'IN_PROGRESS'),
      attachment('a2', 4, 'att1', 'APPROVED'),
      receipt('r1', 5, 'own', 'read'),
      lexChunk('lex', 6, 'a', 1, false),
      lexChunk('lex', 7, 'b', 2, false),
      lexChunk('lex', 8, 'ab', 3, true),
    ].map(deepFreeze);
    const copies = JSON.stringify(items);
    const m1 = expectKind(transcript.apply(items[0] as Item, 'socket'), 'added').entry;
    for (const item of items.slice(1)) transcript.apply(item, 'socket');
    transcript.applyPage(items);
    expect(JSON.stringify(items)).toBe(copies);
    expect(transcript.get('m1')).toBe(m1);
    const before = transcript.get('own');
    transcript.apply(receipt('r2', 6, 'own', 'read', 'another'), 'socket');
    expect(transcript.get('own')).not.toBe(before);
    expect(before?.item.MessageMetadata?.Receipts).toHaveLength(1);
    for (const entry of transcript.entries()) {
      expect(Object.isFrozen(entry)).toBe(true);
      expect(Object.isFrozen(entry.item)).toBe(true);
    }
  });

  it('TS-61 own items are recognised by participant id; own events carry no status', () => {
    const transcript = store();
    transcript.apply(own('own', 1), 'socket');
    transcript.apply(
      event('joined', 0, EventContentType.participantJoined, { ParticipantId: SELF }),
      'socket',
    );
    expect(transcript.get('own')).toMatchObject({ origin: 'self', status: 'sent', clientToken: undefined });
    expect(transcript.get('joined')).toMatchObject({ origin: 'self', status: undefined });
    const anonymous = createTranscriptStore();
    anonymous.apply(own('own', 1), 'socket');
    expect(anonymous.get('own')?.origin).toBe('other');
  });
});
