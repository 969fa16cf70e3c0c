/** Which stored items a transcript shows, and how (§5.5 "Scope" and "Visible items"). */
import { EventContentType, type Item } from '@connect-chat/core';
import type { EmulatorContext } from './context';
import { validationError } from './errors';
import type { ContactRecord, StoredItem } from './state.types';
import { sortTranscript, type TranscriptEntry } from './transcript';

/** Event content types the model says transcripts contain. */
export const transcriptEventContentTypes: readonly string[] = [
  EventContentType.participantInvited,
  EventContentType.participantJoined,
  EventContentType.participantLeft,
  EventContentType.chatEnded,
  EventContentType.transferSucceeded,
  EventContentType.transferFailed,
];

/** Whether a stored item appears in transcripts. */
export function isTranscriptVisible(item: Item, includeAllEvents: boolean): boolean {
  if (item.Type === 'MESSAGE') return item.MessageMetadata?.MessageCompleted !== false;
  if (item.Type === 'ATTACHMENT') return true;
  if (item.Type !== 'EVENT' || item.ContentType === EventContentType.typing) return false;
  return includeAllEvents || transcriptEventContentTypes.includes(item.ContentType ?? '');
}

function present(contact: ContactRecord, entry: StoredItem, current: ContactRecord): TranscriptEntry {
  const item: Item & { Id: string } = { ...entry.item };
  const receipts = contact.receipts.get(entry.item.Id);
  if (receipts && receipts.size > 0) {
    item.MessageMetadata = {
      ...item.MessageMetadata,
      MessageId: entry.item.Id,
      Receipts: [...receipts.values()],
    };
  }
  if (contact !== current) item.RelatedContactId = contact.contactId;
  return { seq: entry.seq, time: entry.time, item };
}

/**
 * The ordered transcript entries of a contact: without `scopeContactId` the contact plus its persistent-chat past,
 * with it only that contact (which must be in the chain).
 */
export function transcriptEntries(
  context: EmulatorContext,
  contact: ContactRecord,
  scopeContactId: string | undefined,
): TranscriptEntry[] {
  const chain = context.store.chain(contact);
  let scope = chain;
  if (scopeContactId !== undefined) {
    const only = chain.find((member) => member.contactId === scopeContactId);
    if (!only)
      throw validationError(`ContactId '${scopeContactId}' is not part of this chat's contact chain`);
    scope = [only];
  }
  const includeAll = context.options.transcriptIncludesAllEvents;
  return sortTranscript(
    scope.flatMap((member) =>
      member.items
        .filter((entry) => isTranscriptVisible(entry.item, includeAll))
        .map((entry) => present(member, entry, contact)),
    ),
  );
}
