import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventContentType } from '../protocol/content-types';
import type { Receipt } from '../protocol/item.types';
import { AGENT, at, attachment, event, message, receipt, SELF, typing } from './transcript.test-support';
import {
  classifyItem,
  isNewerVerdict,
  mergeReceipts,
  readReceipt,
  receiptLevel,
  receiptRecord,
  withVerdicts,
} from './transcript-items';

describe('transcript items', () => {
  it('TI-01 classifies items by Type and ContentType', () => {
    expect(classifyItem(message('m', 1))).toBe('message');
    expect(classifyItem(attachment('a', 1, 'x', 'APPROVED'))).toBe('attachment');
    expect(classifyItem(event('e', 1, EventContentType.participantJoined))).toBe('event');
    expect(classifyItem({ Type: 'CHAT_ENDED' })).toBe('event');
    expect(classifyItem({})).toBe('event');
    expect(classifyItem(typing('t', 1))).toBe('ephemeral');
    expect(classifyItem({ Type: 'CONNECTION_ACK' })).toBe('ephemeral');
    expect(classifyItem(receipt('r', 1, 'm', 'read'))).toBe('receipt');
    expect(classifyItem({ Type: 'MESSAGE_METADATA' })).toBe('receipt');
    expect(classifyItem({ Type: 'MESSAGE_READ' })).toBe('receipt');
    expect(classifyItem(event('r', 1, EventContentType.messageDelivered))).toBe('receipt');
  });

  it('TI-02 reads receipts the way ChatJS does: read wins, then delivered', () => {
    expect(readReceipt(receipt('r', 1, 'm', 'delivered'))).toEqual({
      messageId: 'm',
      kind: 'delivered',
      participantId: AGENT,
      timestamp: at(1),
    });
    const both = receipt('r', 1, 'm', 'delivered');
    both.MessageMetadata = {
      MessageId: 'm',
      Receipts: [{ DeliveredTimestamp: at(1), ReadTimestamp: at(2) }],
    };
    expect(readReceipt({ ...both, ParticipantId: 'p' })).toEqual({
      messageId: 'm',
      kind: 'read',
      participantId: 'p',
      timestamp: at(2),
    });
    expect(readReceipt({ Type: 'MESSAGE_DELIVERED', Content: '{"messageId":"m"}' })).toMatchObject({
      kind: 'delivered',
      timestamp: undefined,
    });
    expect(readReceipt({ Type: 'MESSAGEMETADATA', Content: '{"messageId":7}' })).toBeUndefined();
    expect(readReceipt({ Type: 'MESSAGEMETADATA', Content: '{"messageId":"m"}' })).toBeUndefined();
  });

  it('TI-03 a receipt record needs a timestamp', () => {
    expect(receiptRecord({ messageId: 'm', kind: 'read', participantId: 'p', timestamp: at(1) })).toEqual({
      ReadTimestamp: at(1),
      RecipientParticipantId: 'p',
    });
    expect(
      receiptRecord({ messageId: 'm', kind: 'delivered', participantId: undefined, timestamp: at(1) }),
    ).toEqual({ DeliveredTimestamp: at(1) });
    expect(
      receiptRecord({ messageId: 'm', kind: 'read', participantId: 'p', timestamp: undefined }),
    ).toBeUndefined();
  });

  it('TI-04 merging keeps one receipt per recipient with the earliest times and reports no-ops', () => {
    const first = mergeReceipts([], [{ RecipientParticipantId: 'b', ReadTimestamp: at(5) }]);
    expect(first).toEqual([{ RecipientParticipantId: 'b', ReadTimestamp: at(5) }]);
    const second = mergeReceipts(first ?? [], [
      { RecipientParticipantId: 'b', ReadTimestamp: at(3), DeliveredTimestamp: at(2) },
      { RecipientParticipantId: 'a', DeliveredTimestamp: at(1) },
    ]);
    expect(second).toEqual([
      { RecipientParticipantId: 'a', DeliveredTimestamp: at(1) },
      { RecipientParticipantId: 'b', DeliveredTimestamp: at(2), ReadTimestamp: at(3) },
    ]);
    expect(
      mergeReceipts(second ?? [], [{ RecipientParticipantId: 'b', ReadTimestamp: at(4) }]),
    ).toBeUndefined();
    expect(mergeReceipts(second ?? [], [])).toBeUndefined();
    expect(mergeReceipts([], [{ RecipientParticipantId: 'c' }])).toBeUndefined();
  });

  it('TI-05 merging receipts gives the same list in any order', () => {
    const receiptArb = fc.record(
      {
        RecipientParticipantId: fc.constantFrom('a', 'b', 'c'),
        DeliveredTimestamp: fc.integer({ min: 0, max: 9 }).map(at),
        ReadTimestamp: fc.integer({ min: 0, max: 9 }).map(at),
      },
      { requiredKeys: [] },
    );
    const receiptsAndShuffle = fc
      .array(receiptArb, { maxLength: 8 })
      .chain((receipts) =>
        fc.tuple(fc.constant(receipts), fc.shuffledSubarray(receipts, { minLength: receipts.length })),
      );
    fc.assert(
      fc.property(receiptsAndShuffle, ([receipts, shuffled]) => {
        const fold = (list: readonly Receipt[]) =>
          list.reduce<readonly Receipt[]>((merged, one) => mergeReceipts(merged, [one]) ?? merged, []);
        expect(fold(shuffled)).toEqual(fold(receipts));
        expect(mergeReceipts([], receipts) ?? []).toEqual(fold(receipts));
      }),
      { numRuns: 200 },
    );
  });

  it('TI-06 receipt level counts only other participants', () => {
    expect(receiptLevel([], SELF)).toBe(0);
    expect(receiptLevel([{ RecipientParticipantId: SELF, ReadTimestamp: at(1) }], SELF)).toBe(0);
    expect(receiptLevel([{ RecipientParticipantId: AGENT, DeliveredTimestamp: at(1) }], SELF)).toBe(1);
    expect(receiptLevel([{ RecipientParticipantId: SELF, ReadTimestamp: at(1) }], undefined)).toBe(2);
  });

  it('TI-07 a verdict beats IN_PROGRESS, and between equals the later item wins, in any order', () => {
    const progress = { status: 'IN_PROGRESS' as const, time: at(5), id: 'a1' };
    const approved = { status: 'APPROVED' as const, time: at(1), id: 'a0' };
    const rejected = { status: 'REJECTED' as const, time: at(2), id: 'a2' };
    expect(isNewerVerdict(progress, undefined)).toBe(true);
    expect(isNewerVerdict(approved, progress)).toBe(true);
    expect(isNewerVerdict(progress, approved)).toBe(false);
    expect(isNewerVerdict(rejected, approved)).toBe(true);
    expect(isNewerVerdict(approved, rejected)).toBe(false);
    expect(isNewerVerdict({ status: undefined, time: at(9), id: 'z' }, progress)).toBe(false);
  });

  it('TI-08 withVerdicts replaces statuses by AttachmentId without touching the input', () => {
    const attachments = [
      { AttachmentId: 'x', Status: 'IN_PROGRESS' as const },
      { AttachmentId: 'y', Status: 'IN_PROGRESS' as const },
      { AttachmentName: 'no id' },
    ];
    const verdicts = new Map([['x', { status: 'REJECTED' as const, time: at(1), id: 'v' }]]);
    const result = withVerdicts(attachments, verdicts);
    expect(result.map((one) => one.Status)).toEqual(['REJECTED', 'IN_PROGRESS', undefined]);
    expect(result[1]).toBe(attachments[1]);
    expect(attachments[0]?.Status).toBe('IN_PROGRESS');
  });
});
