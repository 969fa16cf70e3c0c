/**
 * The receipts policy as pure functions: which of two receipts is later, what a receipt already sent covers, and
 * what to keep, drop and send at each stage. The receipts machine only decides when to call them.
 */
import type {
  KnownReceipt,
  ReceiptQueue,
  ReceiptRequest,
  ReceiptSkipReason,
  ReceiptSlots,
  SentMarks,
  SkippedReceipt,
} from './receipts.types';

/** No receipt at any stage. */
export const emptySlots: Readonly<ReceiptSlots> = { read: undefined, delivered: undefined };

/** Nothing sent yet. */
export const noneSent: Readonly<SentMarks> = { read: undefined, delivered: undefined };

/**
 * Whether `orderKey` sorts after `than` in transcript order (anything is newer than nothing).
 *
 * @example
 * ```ts
 * isNewer('2024-01-01T00:00:02.000Z|b', '2024-01-01T00:00:01.000Z|a'); // true
 * isNewer('x', undefined); // true
 * ```
 */
export function isNewer(orderKey: string, than: string | undefined): boolean {
  return than === undefined || orderKey > than;
}

/** Whether a delivered receipt is made useless by a read for the same or a later message. */
export function isCoveredByRead(
  delivered: ReceiptRequest | undefined,
  readOrderKey: string | undefined,
): boolean {
  return delivered !== undefined && readOrderKey !== undefined && !isNewer(delivered.orderKey, readOrderKey);
}

/**
 * Why `request` must not be sent given what was already sent, or `undefined` when it may be.
 * A receipt at or before one of the same kind is `alreadySent`; a delivered at or before a sent read is
 * `superseded`.
 */
export function coveredBy(request: ReceiptRequest, sent: SentMarks): ReceiptSkipReason | undefined {
  if (!isNewer(request.orderKey, sent[request.kind])) return 'alreadySent';
  if (request.kind === 'delivered' && isCoveredByRead(request, sent.read)) return 'superseded';
  return undefined;
}

/** The marks after `request` was sent (marks only move forward). */
export function recordSent(sent: SentMarks, request: ReceiptRequest): SentMarks {
  return isNewer(request.orderKey, sent[request.kind]) ? { ...sent, [request.kind]: request.orderKey } : sent;
}

/** The marks after learning of receipts sent earlier (from the transcript). */
export function recordKnown(sent: SentMarks, known: readonly KnownReceipt[]): SentMarks {
  return known.reduce<SentMarks>(
    (marks, receipt) =>
      recordSent(marks, { kind: receipt.kind, messageId: receipt.messageId, orderKey: receipt.orderKey }),
    sent,
  );
}

/**
 * Keeps the later of two receipts of one kind. On a tie (the same message twice) the one already there stays.
 *
 * @returns the receipt kept and the one dropped, if any
 */
export function keepLatest(
  current: ReceiptRequest | undefined,
  incoming: ReceiptRequest,
): { kept: ReceiptRequest; dropped: ReceiptRequest | undefined } {
  if (current === undefined) return { kept: incoming, dropped: undefined };
  return isNewer(incoming.orderKey, current.orderKey)
    ? { kept: incoming, dropped: current }
    : { kept: current, dropped: incoming };
}

/** Adds a receipt to a stage, keeping the latest per kind. */
export function addToSlots(
  slots: ReceiptSlots,
  incoming: ReceiptRequest,
): { slots: ReceiptSlots; dropped: ReceiptRequest | undefined } {
  const { kept, dropped } = keepLatest(slots[incoming.kind], incoming);
  return { slots: { ...slots, [incoming.kind]: kept }, dropped };
}

/** Moves every receipt of `from` into `into`, keeping the latest per kind. */
export function mergeSlots(
  into: ReceiptSlots,
  from: ReceiptSlots,
): { slots: ReceiptSlots; dropped: ReceiptRequest[] } {
  let slots = into;
  const dropped: ReceiptRequest[] = [];
  for (const request of [from.read, from.delivered]) {
    if (request === undefined) continue;
    const added = addToSlots(slots, request);
    slots = added.slots;
    if (added.dropped) dropped.push(added.dropped);
  }
  return { slots, dropped };
}

/** The receipts of a stage, read first. */
export function slotsList(slots: ReceiptSlots): ReceiptRequest[] {
  return [slots.read, slots.delivered].filter((request) => request !== undefined);
}

/**
 * Where a delivered receipt goes when it arrives while another may be held: one at or before the held receipt
 * is superseded by it; otherwise it becomes the next held receipt, replacing an earlier one.
 */
export function holdDelivered(
  held: ReceiptRequest | undefined,
  nextHeld: ReceiptRequest | undefined,
  incoming: ReceiptRequest,
): { nextHeld: ReceiptRequest | undefined; dropped: ReceiptRequest | undefined } {
  if (held !== undefined && !isNewer(incoming.orderKey, held.orderKey))
    return { nextHeld, dropped: incoming };
  const { kept, dropped } = keepLatest(nextHeld, incoming);
  return { nextHeld: kept, dropped };
}

/**
 * What a closing window (or a free sender) sends next from the due receipts: the read first, then the delivered.
 * Receipts already covered by what was sent are skipped on the way.
 *
 * @returns the receipt to send now (if any), the ones skipped, and what stays due
 */
export function receiptToSend(
  due: ReceiptSlots,
  sent: SentMarks,
): { next: ReceiptRequest | undefined; skipped: SkippedReceipt[]; rest: ReceiptSlots } {
  const skipped: SkippedReceipt[] = [];
  let rest = due;
  for (const request of slotsList(due)) {
    rest = { ...rest, [request.kind]: undefined };
    const reason = coveredBy(request, sent);
    if (reason === undefined) return { next: request, skipped, rest };
    skipped.push({ request, reason });
  }
  return { next: undefined, skipped, rest };
}

/** Every receipt waiting in a queue, in stage order: held, next held, pending (read first), due (read first). */
export function queuedRequests(queue: ReceiptQueue): ReceiptRequest[] {
  return [queue.held, queue.nextHeld, ...slotsList(queue.pending), ...slotsList(queue.due)].filter(
    (request) => request !== undefined,
  );
}

/** A queue with nothing in it. */
export const emptyQueue: Readonly<ReceiptQueue> = {
  held: undefined,
  nextHeld: undefined,
  pending: emptySlots,
  due: emptySlots,
};

/**
 * Queues a read receipt for the throttle window. The latest pending read wins, and every queued delivered at or
 * before it (held, pending or due) is dropped: the read tells the sender all that delivered would.
 *
 * @returns the new queue and the receipts it superseded
 */
export function queueRead(
  queue: ReceiptQueue,
  read: ReceiptRequest,
): { queue: ReceiptQueue; superseded: ReceiptRequest[] } {
  const added = addToSlots(queue.pending, read);
  const readKey = added.slots.read?.orderKey;
  const keep = (request: ReceiptRequest | undefined) =>
    isCoveredByRead(request, readKey) ? undefined : request;
  const delivered = [queue.held, queue.nextHeld, added.slots.delivered, queue.due.delivered];
  const superseded = [added.dropped, ...delivered.filter((request) => isCoveredByRead(request, readKey))];
  return {
    queue: {
      held: keep(queue.held),
      nextHeld: keep(queue.nextHeld),
      pending: { read: added.slots.read, delivered: keep(added.slots.delivered) },
      due: { ...queue.due, delivered: keep(queue.due.delivered) },
    },
    superseded: superseded.filter((request) => request !== undefined),
  };
}

/**
 * Makes everything held or pending due at once (the page may be going away), keeping the latest per kind.
 *
 * @returns the new queue and the receipts it superseded
 */
export function flushQueue(queue: ReceiptQueue): { queue: ReceiptQueue; superseded: ReceiptRequest[] } {
  let due = queue.due;
  const superseded: ReceiptRequest[] = [];
  for (const request of [queue.held, queue.nextHeld, ...slotsList(queue.pending)]) {
    if (!request) continue;
    const added = addToSlots(due, request);
    due = added.slots;
    if (added.dropped) superseded.push(added.dropped);
  }
  return { queue: { ...emptyQueue, due }, superseded };
}
