/**
 * The transcript `onTranscriptUpdated` reports (legacy-chatjs §10.2), kept the way ChatJS keeps it, so the list an
 * app renders is the one ChatJS would give it:
 * - a message the app sends appears at once as a temporary item (`Status: "SENDING"`, a made-up `Id`, role
 *   `CUSTOMER`, no time); when the service confirms it, the temporary item takes the real `Id` and `Status: "SENT"`,
 *   or is dropped if the real item already arrived; when it fails it gets `Status: "FAILED"` and the current time;
 * - every item delivered to a callback (typing and other events included) is added with its `serializedContent`,
 *   replacing an item with the same `Id` where it stands; a receipt instead sets `Status` (`READ`/`DELIVERED`) on
 *   the message it is about and is not listed;
 * - every item of a `getTranscript` page is added the same way (receipt items included), and a backward page's
 *   `NextToken` becomes `previousTranscriptNextToken`;
 * - a new item goes first if its time sorts before the first item's, else last (there is no full sort).
 *
 * Items are shared between reports and updated in place, as in ChatJS; each report has a fresh array.
 */
import type { ChatTranscriptItem, LegacyMessageStatus } from './legacy.types';

/** What `onTranscriptUpdated` reports as `data`. */
export interface LegacyTranscriptData {
  transcript: ChatTranscriptItem[];
  previousTranscriptNextToken: string | null | undefined;
}

/** The transcript of one session. */
export interface LegacyTranscript {
  /** A message is about to be sent: adds its temporary item; returns the temporary `Id`. */
  sending(contentType: unknown, content: unknown): string;
  /** The service confirmed the message sent as `tempId`. */
  sent(tempId: string, realId: string | undefined): void;
  /** The message sent as `tempId` failed, at `time` (ISO). */
  failed(tempId: string, time: string): void;
  /** An item was delivered to a callback. */
  incoming(item: Readonly<Record<string, unknown>>): void;
  /** A `getTranscript` page arrived. */
  page(items: readonly Readonly<Record<string, unknown>>[], nextToken: unknown, scanDirection: unknown): void;
  /** The report: a fresh array of the current items, and the token. */
  data(): LegacyTranscriptData;
}

type Entry = ChatTranscriptItem & { MessageMetadata?: Record<string, unknown> };

const receiptItemType = 'MESSAGEMETADATA';

/** Creates an empty transcript; `newId` makes the temporary ids (ChatJS uses UUIDs). */
export function createLegacyTranscript(newId: () => string): LegacyTranscript {
  const byId = new Map<string, Entry>();
  let items: Entry[] = [];
  let previousTranscriptNextToken: string | null | undefined = null;

  const put = (item: Entry): void => {
    const id = item.Id as string;
    if (byId.has(id)) {
      byId.set(id, item);
      const index = items.findIndex((entry) => entry.Id === id);
      if (index >= 0) items[index] = item;
      return;
    }
    byId.set(id, item);
    const first = items[0];
    if (item.MessageMetadata?.Status === 'SENDING') items.push(item);
    else if (first && item.AbsoluteTime && item.AbsoluteTime < (first.AbsoluteTime as string))
      items.unshift(item);
    else items.push(item);
  };

  // The item's own `MessageMetadata` is copied: a status set later changes this transcript's copy, never the item
  // a callback was given (which core holds too).
  const serialized = (item: Readonly<Record<string, unknown>>): Entry => {
    const entry = { ...item, serializedContent: JSON.stringify(item) } as Entry;
    if (entry.MessageMetadata) entry.MessageMetadata = { ...entry.MessageMetadata };
    return entry;
  };

  const setStatus = (receipt: Readonly<Record<string, unknown>>): void => {
    const metadata = receipt.MessageMetadata as
      | { MessageId?: string; Receipts?: { ReadTimestamp?: string; DeliveredTimestamp?: string }[] }
      | undefined;
    const first = metadata?.Receipts?.[0];
    if (!metadata?.MessageId || !first) return;
    const status: LegacyMessageStatus | undefined = first.ReadTimestamp
      ? 'READ'
      : first.DeliveredTimestamp
        ? 'DELIVERED'
        : undefined;
    const message = byId.get(metadata.MessageId);
    if (!status || message?.Type !== 'MESSAGE') return;
    message.MessageMetadata ??= {};
    message.MessageMetadata.Status = status;
    put(message);
  };

  return {
    sending(contentType, content) {
      const tempId = newId();
      put({
        Id: tempId,
        ContentType: contentType,
        Content: content,
        Type: 'MESSAGE',
        ParticipantRole: 'CUSTOMER',
        AbsoluteTime: '',
        MessageMetadata: { MessageId: tempId, Status: 'SENDING' },
      } as Entry);
      return tempId;
    },
    sent(tempId, realId) {
      const temporary = byId.get(tempId);
      if (!temporary || !realId) return;
      byId.delete(tempId);
      if (byId.has(realId)) {
        items = items.filter((entry) => entry.Id !== tempId);
        return;
      }
      temporary.Id = realId;
      const metadata = temporary.MessageMetadata as Record<string, unknown>;
      metadata.MessageId = realId;
      metadata.Status = 'SENT';
      byId.set(realId, temporary);
    },
    failed(tempId, time) {
      const temporary = byId.get(tempId);
      if (!temporary) return;
      (temporary.MessageMetadata as Record<string, unknown>).Status = 'FAILED';
      temporary.AbsoluteTime = time;
      put(temporary);
    },
    incoming(item) {
      if (!item.Id) return;
      if (item.Type === receiptItemType) setStatus(item);
      else put(serialized(item));
    },
    page(pageItems, nextToken, scanDirection) {
      for (const item of pageItems) put(serialized(item));
      if (scanDirection === 'BACKWARD') previousTranscriptNextToken = nextToken as string | undefined;
    },
    data: () => ({ transcript: [...items], previousTranscriptNextToken }),
  };
}
