/**
 * Pure readings of service items for the transcript store: what kind of item it is, what receipt it carries, and
 * how receipts and attachment scan verdicts merge. Nothing here keeps state.
 */

import { EventContentType } from '../protocol/content-types';
import type { ArtifactStatus, AttachmentItem, Item, Receipt } from '../protocol/item.types';
import type { TranscriptEntryKind, TranscriptReceipt } from './transcript.types';
import { compareStrings } from './transcript-order';

/** How the store treats an item: kept as an entry, reported as a receipt, or passed through. */
export type ItemClass = TranscriptEntryKind | 'receipt' | 'ephemeral';

const receiptTypes: ReadonlySet<string> = new Set([
  'MESSAGEMETADATA',
  // ChatJS's transcript tracker also accepts this spelling.
  'MESSAGE_METADATA',
  'MESSAGE_DELIVERED',
  'MESSAGE_READ',
]);

const receiptContentTypes: ReadonlySet<string> = new Set([
  EventContentType.messageDelivered,
  EventContentType.messageRead,
  EventContentType.messageMetadata,
]);

const ephemeralTypes: ReadonlySet<string> = new Set(['CONNECTION_ACK', 'TYPING']);

const ephemeralContentTypes: ReadonlySet<string> = new Set([
  EventContentType.typing,
  EventContentType.connectionAcknowledged,
]);

/** Classifies an item by its `Type` and `ContentType`. Unknown types are kept as events rather than dropped. */
export function classifyItem(item: Item): ItemClass {
  const type = item.Type ?? '';
  const contentType = item.ContentType ?? '';
  if (receiptTypes.has(type) || receiptContentTypes.has(contentType)) return 'receipt';
  if (ephemeralTypes.has(type) || ephemeralContentTypes.has(contentType)) return 'ephemeral';
  if (type === 'MESSAGE') return 'message';
  if (type === 'ATTACHMENT') return 'attachment';
  return 'event';
}

function messageIdFromContent(content: string | undefined): string | undefined {
  if (content === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(content);
    if (typeof parsed === 'object' && parsed !== null && 'messageId' in parsed) {
      const { messageId } = parsed;
      return typeof messageId === 'string' && messageId !== '' ? messageId : undefined;
    }
  } catch {
    // Not JSON: the receipt names no message.
  }
  return undefined;
}

/**
 * Reads the receipt a receipt item carries, the way ChatJS does: `Receipts[0].ReadTimestamp` means read, else
 * `DeliveredTimestamp` means delivered. A receipt event without `Receipts` (a `message.read` / `message.delivered`
 * item, whose `Content` is `{"messageId": ...}`) is read from its content type and `AbsoluteTime`. Returns
 * `undefined` when the item names no message or is neither read nor delivered.
 */
export function readReceipt(item: Item): TranscriptReceipt | undefined {
  const metadata = item.MessageMetadata;
  const messageId = metadata?.MessageId || messageIdFromContent(item.Content);
  if (!messageId) return undefined;
  const first = metadata?.Receipts?.[0];
  if (first) {
    const participantId = first.RecipientParticipantId ?? item.ParticipantId;
    if (first.ReadTimestamp)
      return { messageId, kind: 'read', participantId, timestamp: first.ReadTimestamp };
    if (first.DeliveredTimestamp)
      return { messageId, kind: 'delivered', participantId, timestamp: first.DeliveredTimestamp };
    return undefined;
  }
  const kind =
    item.ContentType === EventContentType.messageRead || item.Type === 'MESSAGE_READ'
      ? 'read'
      : item.ContentType === EventContentType.messageDelivered || item.Type === 'MESSAGE_DELIVERED'
        ? 'delivered'
        : undefined;
  if (!kind) return undefined;
  return { messageId, kind, participantId: item.ParticipantId, timestamp: item.AbsoluteTime };
}

/** The `Receipt` a reported receipt adds to its message, or `undefined` when it has no timestamp to record. */
export function receiptRecord(receipt: TranscriptReceipt): Receipt | undefined {
  if (receipt.timestamp === undefined) return undefined;
  const record: Receipt =
    receipt.kind === 'read'
      ? { ReadTimestamp: receipt.timestamp }
      : { DeliveredTimestamp: receipt.timestamp };
  if (receipt.participantId !== undefined) record.RecipientParticipantId = receipt.participantId;
  return record;
}

function earlier(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareStrings(a, b) <= 0 ? a : b;
}

function mergeOne(a: Receipt, b: Receipt): Receipt {
  const merged: Receipt = {};
  if (a.RecipientParticipantId !== undefined) merged.RecipientParticipantId = a.RecipientParticipantId;
  const delivered = earlier(a.DeliveredTimestamp, b.DeliveredTimestamp);
  if (delivered !== undefined) merged.DeliveredTimestamp = delivered;
  const read = earlier(a.ReadTimestamp, b.ReadTimestamp);
  if (read !== undefined) merged.ReadTimestamp = read;
  return merged;
}

function sameReceipt(a: Receipt, b: Receipt): boolean {
  return (
    a.RecipientParticipantId === b.RecipientParticipantId &&
    a.DeliveredTimestamp === b.DeliveredTimestamp &&
    a.ReadTimestamp === b.ReadTimestamp
  );
}

/**
 * Merges receipts into a message's list: one receipt per recipient (a missing recipient counts as one unnamed
 * recipient), each timestamp the earliest seen, ordered by recipient id so the result doesn't depend on arrival
 * order. Returns `undefined` when nothing changed.
 */
export function mergeReceipts(
  existing: readonly Receipt[],
  incoming: readonly Receipt[],
): readonly Receipt[] | undefined {
  if (incoming.length === 0) return undefined;
  const byRecipient = new Map<string, Receipt>();
  for (const receipt of existing) byRecipient.set(receipt.RecipientParticipantId ?? '', receipt);
  let changed = false;
  for (const receipt of incoming) {
    const recipient = receipt.RecipientParticipantId ?? '';
    const known = byRecipient.get(recipient);
    if (!known && !receipt.ReadTimestamp && !receipt.DeliveredTimestamp) continue;
    const merged = known ? mergeOne(known, receipt) : mergeOne(receipt, {});
    if (known && sameReceipt(known, merged)) continue;
    byRecipient.set(recipient, merged);
    changed = true;
  }
  if (!changed) return undefined;
  return [...byRecipient.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, receipt]) => receipt);
}

/**
 * How far receipts from other participants take an own message: 2 when someone read it, 1 when it was delivered,
 * 0 otherwise. Receipts sent by `selfParticipantId` don't count.
 */
export function receiptLevel(receipts: readonly Receipt[], selfParticipantId: string | undefined): 0 | 1 | 2 {
  let level: 0 | 1 | 2 = 0;
  for (const receipt of receipts) {
    if (selfParticipantId !== undefined && receipt.RecipientParticipantId === selfParticipantId) continue;
    if (receipt.ReadTimestamp) return 2;
    if (receipt.DeliveredTimestamp) level = 1;
  }
  return level;
}

/** The scan status of one attachment and the item that reported it. */
export interface AttachmentVerdict {
  readonly status: ArtifactStatus | undefined;
  readonly time: string;
  readonly id: string;
}

function verdictRank(status: ArtifactStatus | undefined): number {
  if (status === 'APPROVED' || status === 'REJECTED') return 2;
  return status === 'IN_PROGRESS' ? 1 : 0;
}

/**
 * Whether `candidate` should replace `current` as an attachment's status: a verdict (`APPROVED` / `REJECTED`) beats
 * `IN_PROGRESS`, which beats no status; between equals, the later item (by time, then id) wins. The result does
 * not depend on the order the items arrive in.
 */
export function isNewerVerdict(
  candidate: AttachmentVerdict,
  current: AttachmentVerdict | undefined,
): boolean {
  if (!current) return true;
  return (
    (verdictRank(candidate.status) - verdictRank(current.status) ||
      compareStrings(candidate.time, current.time) ||
      compareStrings(candidate.id, current.id)) > 0
  );
}

/** The attachments of an item with each status replaced by the best verdict known for its `AttachmentId`. */
export function withVerdicts(
  attachments: readonly AttachmentItem[],
  verdicts: ReadonlyMap<string, AttachmentVerdict>,
): AttachmentItem[] {
  return attachments.map((attachment) => {
    const verdict = attachment.AttachmentId === undefined ? undefined : verdicts.get(attachment.AttachmentId);
    if (!verdict || verdict.status === undefined || verdict.status === attachment.Status) return attachment;
    return { ...attachment, Status: verdict.status };
  });
}
