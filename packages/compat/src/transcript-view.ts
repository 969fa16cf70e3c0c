/**
 * The transcript `onTranscriptUpdated` reports (legacy-chatjs §10.2), built from core's merged transcript: every
 * item with its `serializedContent`, and own messages with `MessageMetadata.Status` (`SENDING` → `SENT` →
 * `DELIVERED` → `READ`, or `FAILED`). Core's transcript is ordered and deduplicated, so this view is too.
 */
import type { TranscriptEntry, TranscriptEntryStatus } from '@connect-chat/core';
import type { ChatTranscriptItem, LegacyMessageStatus } from './legacy.types';

const legacyStatus: Readonly<Record<TranscriptEntryStatus, LegacyMessageStatus>> = {
  sending: 'SENDING',
  sent: 'SENT',
  failed: 'FAILED',
  delivered: 'DELIVERED',
  read: 'READ',
};

/** One core entry as a ChatJS transcript item. A send not yet confirmed gets its entry key as a temporary `Id`. */
export function legacyTranscriptItem(entry: TranscriptEntry): ChatTranscriptItem {
  const id = entry.id ?? entry.key;
  const item: ChatTranscriptItem = {
    ...entry.item,
    Id: id,
    AbsoluteTime: entry.item.AbsoluteTime ?? '',
  };
  if (entry.status !== undefined)
    item.MessageMetadata = {
      ...entry.item.MessageMetadata,
      MessageId: id,
      Status: legacyStatus[entry.status],
    };
  if (entry.id !== undefined) item.serializedContent = JSON.stringify(entry.item);
  return item;
}

/** The whole transcript, oldest first. */
export function legacyTranscript(entries: readonly TranscriptEntry[]): ChatTranscriptItem[] {
  return entries.map(legacyTranscriptItem);
}
