import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addToSlots,
  coveredBy,
  emptyQueue,
  emptySlots,
  flushQueue,
  holdDelivered,
  isCoveredByRead,
  isNewer,
  keepLatest,
  mergeSlots,
  noneSent,
  queuedRequests,
  queueRead,
  receiptToSend,
  recordKnown,
  recordSent,
  slotsList,
} from './receipt-window';
import type { ReceiptKind, ReceiptRequest, ReceiptSlots, SentMarks } from './receipts.types';

const key = (n: number) => `2024-01-01T00:00:${String(n).padStart(2, '0')}.000Z|m${n}`;
const read = (n: number): ReceiptRequest => ({ kind: 'read', messageId: `m${n}`, orderKey: key(n) });
const delivered = (n: number): ReceiptRequest => ({
  kind: 'delivered',
  messageId: `m${n}`,
  orderKey: key(n),
});
const marks = (readN?: number, deliveredN?: number): SentMarks => ({
  read: readN === undefined ? undefined : key(readN),
  delivered: deliveredN === undefined ? undefined : key(deliveredN),
});

describe('receipt window policy', () => {
  it('RW-01 isNewer compares order keys as strings, and anything is newer than nothing', () => {
    expect(isNewer(key(2), key(1))).toBe(true);
    expect(isNewer(key(1), key(2))).toBe(false);
    expect(isNewer(key(1), key(1))).toBe(false);
    expect(isNewer(key(1), undefined)).toBe(true);
    // Same instant: the id decides.
    expect(isNewer('2024-01-01T00:00:01.000Z|b', '2024-01-01T00:00:01.000Z|a')).toBe(true);
  });

  it('RW-02 isCoveredByRead: a delivered at or before the read is covered', () => {
    expect(isCoveredByRead(delivered(3), key(3))).toBe(true);
    expect(isCoveredByRead(delivered(2), key(3))).toBe(true);
    expect(isCoveredByRead(delivered(4), key(3))).toBe(false);
    expect(isCoveredByRead(delivered(4), undefined)).toBe(false);
    expect(isCoveredByRead(undefined, key(3))).toBe(false);
  });

  it('RW-03 coveredBy: same kind at or before is alreadySent; a delivered under a sent read is superseded', () => {
    expect(coveredBy(read(3), marks(3))).toBe('alreadySent');
    expect(coveredBy(read(2), marks(3))).toBe('alreadySent');
    expect(coveredBy(read(4), marks(3, 9))).toBeUndefined();
    expect(coveredBy(delivered(5), marks(undefined, 5))).toBe('alreadySent');
    expect(coveredBy(delivered(5), marks(5, 1))).toBe('superseded');
    expect(coveredBy(delivered(6), marks(5, 1))).toBeUndefined();
    expect(coveredBy(delivered(1), noneSent)).toBeUndefined();
  });

  it('RW-04 recordSent and recordKnown only move the marks forward', () => {
    const sent = recordSent(marks(5, 2), read(3));
    expect(sent).toEqual(marks(5, 2));
    expect(recordSent(sent, delivered(4))).toEqual(marks(5, 4));
    expect(
      recordKnown(noneSent, [
        { kind: 'read', messageId: 'm4', orderKey: key(4) },
        { kind: 'read', messageId: 'm2', orderKey: key(2) },
        { kind: 'delivered', messageId: 'm6', orderKey: key(6) },
      ]),
    ).toEqual(marks(4, 6));
    expect(recordKnown(marks(1, 1), [])).toEqual(marks(1, 1));
  });

  it('RW-05 keepLatest keeps the later receipt and, on a tie, the one already there', () => {
    expect(keepLatest(undefined, read(1))).toEqual({ kept: read(1), dropped: undefined });
    expect(keepLatest(read(1), read(2))).toEqual({ kept: read(2), dropped: read(1) });
    expect(keepLatest(read(2), read(1))).toEqual({ kept: read(2), dropped: read(1) });
    const first = read(2);
    const again = read(2);
    const tie = keepLatest(first, again);
    expect(tie.kept).toBe(first);
    expect(tie.dropped).toBe(again);
  });

  it('RW-06 addToSlots and mergeSlots keep the latest per kind and report what they drop', () => {
    const added = addToSlots({ read: read(2), delivered: undefined }, delivered(1));
    expect(added).toEqual({ slots: { read: read(2), delivered: delivered(1) }, dropped: undefined });
    expect(addToSlots(added.slots, read(3))).toEqual({
      slots: { read: read(3), delivered: delivered(1) },
      dropped: read(2),
    });
    expect(
      mergeSlots({ read: read(4), delivered: delivered(1) }, { read: read(3), delivered: delivered(2) }),
    ).toEqual({ slots: { read: read(4), delivered: delivered(2) }, dropped: [read(3), delivered(1)] });
    expect(mergeSlots(emptySlots, emptySlots)).toEqual({ slots: emptySlots, dropped: [] });
  });

  it('RW-07 slotsList lists the read first', () => {
    expect(slotsList({ read: read(1), delivered: delivered(2) })).toEqual([read(1), delivered(2)]);
    expect(slotsList({ read: undefined, delivered: delivered(2) })).toEqual([delivered(2)]);
    expect(slotsList(emptySlots)).toEqual([]);
  });

  it('RW-08 holdDelivered: one at or before the held receipt is dropped, a later one is held next', () => {
    expect(holdDelivered(undefined, undefined, delivered(1))).toEqual({
      nextHeld: delivered(1),
      dropped: undefined,
    });
    expect(holdDelivered(delivered(3), undefined, delivered(3))).toEqual({
      nextHeld: undefined,
      dropped: delivered(3),
    });
    expect(holdDelivered(delivered(3), delivered(4), delivered(2))).toEqual({
      nextHeld: delivered(4),
      dropped: delivered(2),
    });
    expect(holdDelivered(delivered(3), delivered(4), delivered(5))).toEqual({
      nextHeld: delivered(5),
      dropped: delivered(4),
    });
  });

  it('RW-09 receiptToSend sends the read first and skips what is already covered', () => {
    const both: ReceiptSlots = { read: read(3), delivered: delivered(2) };
    expect(receiptToSend(both, noneSent)).toEqual({
      next: read(3),
      skipped: [],
      rest: { read: undefined, delivered: delivered(2) },
    });
    // After the read went out, the delivered it covers is skipped.
    expect(receiptToSend({ read: undefined, delivered: delivered(2) }, marks(3))).toEqual({
      next: undefined,
      skipped: [{ request: delivered(2), reason: 'superseded' }],
      rest: emptySlots,
    });
    expect(receiptToSend({ read: read(3), delivered: delivered(7) }, marks(4))).toEqual({
      next: delivered(7),
      skipped: [{ request: read(3), reason: 'alreadySent' }],
      rest: emptySlots,
    });
    expect(receiptToSend(emptySlots, noneSent)).toEqual({ next: undefined, skipped: [], rest: emptySlots });
  });

  it('RW-10 receiptToSend accounts for every due receipt once and never picks a covered one', () => {
    const request = (kind: ReceiptKind) =>
      fc.option(
        fc.integer({ min: 1, max: 9 }).map((n) => (kind === 'read' ? read(n) : delivered(n))),
        {
          nil: undefined,
        },
      );
    const mark = fc.option(fc.integer({ min: 1, max: 9 }).map(key), { nil: undefined });
    fc.assert(
      fc.property(
        request('read'),
        request('delivered'),
        mark,
        mark,
        (dueRead, dueDelivered, sentRead, sentDelivered) => {
          const due = { read: dueRead, delivered: dueDelivered };
          const sent = { read: sentRead, delivered: sentDelivered };
          const { next, skipped, rest } = receiptToSend(due, sent);
          if (next) expect(coveredBy(next, sent)).toBeUndefined();
          for (const { request: dropped, reason } of skipped) expect(coveredBy(dropped, sent)).toBe(reason);
          const accounted = [
            ...(next ? [next] : []),
            ...skipped.map((entry) => entry.request),
            ...slotsList(rest),
          ];
          expect(accounted.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual(
            slotsList(due).sort((a, b) => a.kind.localeCompare(b.kind)),
          );
          if (next === undefined) expect(rest).toEqual(emptySlots);
        },
      ),
    );
  });

  it('RW-11 queueRead keeps the latest read and drops every queued delivered at or before it', () => {
    const queue = {
      held: delivered(2),
      nextHeld: delivered(6),
      pending: { read: read(1), delivered: delivered(4) },
      due: { read: undefined, delivered: delivered(3) },
    };
    expect(queueRead(queue, read(4))).toEqual({
      queue: {
        held: undefined,
        nextHeld: delivered(6),
        pending: { read: read(4), delivered: undefined },
        due: { read: undefined, delivered: undefined },
      },
      superseded: [read(1), delivered(2), delivered(4), delivered(3)],
    });
    // An older read loses to the pending one, which still decides what it covers.
    expect(
      queueRead(
        { ...emptyQueue, pending: { read: read(5), delivered: undefined }, held: delivered(5) },
        read(2),
      ),
    ).toEqual({
      queue: { ...emptyQueue, pending: { read: read(5), delivered: undefined } },
      superseded: [read(2), delivered(5)],
    });
  });

  it('RW-12 flushQueue makes everything held or pending due, keeping the latest per kind', () => {
    const queue = {
      held: delivered(2),
      nextHeld: delivered(3),
      pending: { read: read(4), delivered: undefined },
      due: { read: read(1), delivered: undefined },
    };
    expect(flushQueue(queue)).toEqual({
      queue: { ...emptyQueue, due: { read: read(4), delivered: delivered(3) } },
      superseded: [delivered(2), read(1)],
    });
    expect(flushQueue(emptyQueue)).toEqual({ queue: emptyQueue, superseded: [] });
  });

  it('RW-13 queuedRequests lists every stage in order', () => {
    expect(
      queuedRequests({
        held: delivered(2),
        nextHeld: delivered(3),
        pending: { read: read(4), delivered: delivered(5) },
        due: { read: read(1), delivered: delivered(1) },
      }),
    ).toEqual([delivered(2), delivered(3), read(4), delivered(5), read(1), delivered(1)]);
    expect(queuedRequests(emptyQueue)).toEqual([]);
  });
});
