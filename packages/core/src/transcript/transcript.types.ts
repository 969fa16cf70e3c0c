/**
 * Types of the transcript store: the one ordered, deduplicated view of a chat that the session feeds with every
 * item from the socket and every item of every transcript page, plus the participant's own sends while they are in
 * flight.
 *
 * The store is plain and synchronous: no state machine, no timers, no I/O. Every change replaces the affected
 * {@link TranscriptEntry} object, so callers can compare entries by identity.
 */
import type { ChatError } from '../errors';
import type { ArtifactStatus, Item } from '../protocol/item.types';

/** Where an applied item came from: the chat socket, or a `GetTranscript` page. */
export type TranscriptSource = 'socket' | 'transcript';

/**
 * What an entry holds.
 * - `message`: a `MESSAGE` item, of any message content type (Lex streaming messages included).
 * - `attachment`: an `ATTACHMENT` item.
 * - `event`: an `EVENT` item that belongs in a transcript (joined, left, chat ended, transfer, authentication, ...),
 *   and any unknown item type, kept rather than dropped.
 */
export type TranscriptEntryKind = 'message' | 'attachment' | 'event';

/** Whether an entry was sent by this participant (`self`) or by anyone else (`other`). */
export type TranscriptEntryOrigin = 'self' | 'other';

/**
 * How far one of this participant's own messages or attachments has got. It only moves forward along
 * `sending → sent → delivered → read`; `failed` is left only by a new {@link TranscriptStore.addPending} or a late
 * {@link TranscriptStore.confirmPending}.
 * - `sending`: added with {@link TranscriptStore.addPending}, not confirmed yet.
 * - `sent`: the service accepted it (confirmed, or its copy arrived from the service).
 * - `failed`: {@link TranscriptStore.failPending} was called; see {@link TranscriptEntry.error}.
 * - `delivered` / `read`: another participant sent a delivered / read receipt for it.
 */
export type TranscriptEntryStatus = 'sending' | 'sent' | 'failed' | 'delivered' | 'read';

/**
 * One entry of the transcript: an immutable snapshot. A change never mutates an entry; it replaces it with a new
 * object under the same {@link TranscriptEntry.key}.
 */
export interface TranscriptEntry {
  /**
   * Stable identity for the entry's whole life, suitable as a UI list key: `local:<clientToken>` for an own send
   * added with {@link TranscriptStore.addPending}, otherwise the `Id` of the first item seen for the entry.
   *
   * The one exception: when {@link TranscriptStore.confirmPending} learns that the service's copy of an own send was
   * already stored as its own entry (the socket echo won the race with the send's response), the two are merged
   * into that stored entry, which keeps its server key; the `local:` key retires and `get()` no longer finds it.
   */
  readonly key: string;
  /**
   * The service's item `Id` once known; `undefined` only for an own send not confirmed yet. For an attachment it is
   * the `Id` of its earliest item (scan verdicts arrive as further items with new ids, which are remembered as
   * duplicates of this entry).
   */
  readonly id: string | undefined;
  /**
   * The merged view of the item: the stitched text of a Lex streaming message, the latest scan status of each
   * attachment, and every receipt seen for a message in `MessageMetadata.Receipts` (one per recipient, ordered by
   * recipient id). A new object whenever the entry changes; never the object the caller passed in.
   */
  readonly item: Item;
  /** What the entry holds. */
  readonly kind: TranscriptEntryKind;
  /** `self` when the item's `ParticipantId` is this participant's, or the entry began as an own send. */
  readonly origin: TranscriptEntryOrigin;
  /** The progress of an own message or attachment; `undefined` for events and for other participants' items. */
  readonly status: TranscriptEntryStatus | undefined;
  /** The client token of the own send this entry came from, if any. */
  readonly clientToken: string | undefined;
  /** Why the own send failed, when `status` is `failed`. */
  readonly error: ChatError | undefined;
  /** A Lex streaming message whose final chunk has not arrived yet. */
  readonly streaming: boolean;
}

/** A read or delivered receipt, as reported to the session. */
export interface TranscriptReceipt {
  /** The `Id` of the message the receipt is about. */
  messageId: string;
  /** Read wins when a receipt carries both timestamps. */
  kind: 'read' | 'delivered';
  /**
   * The participant who sent the receipt (`RecipientParticipantId`, else the item's `ParticipantId`). The session
   * compares it with its own participant id: ChatJS does not show a participant its own receipts.
   */
  participantId: string | undefined;
  /** When it was read or delivered, as the service reported it. */
  timestamp: string | undefined;
}

/**
 * What an `updated` outcome changed, so the session knows what to tell listeners.
 */
export interface TranscriptUpdate {
  /**
   * The service's copy of an own send arrived (the socket echo, or the send found in a transcript page) and was
   * merged into the entry added by {@link TranscriptStore.addPending}: it is the first time listeners see the item.
   */
  echo: boolean;
  /**
   * The text of a Lex streaming message changed: a chunk was appended, the final item completed it, or a transcript
   * copy replaced an unfinished stream. The outcome's `item` is the stitched message.
   */
  streamed: boolean;
  /** The scan status of the entry's (first) attachment changed to this, e.g. `IN_PROGRESS` → `APPROVED`. */
  attachmentStatus: { attachmentId: string; status: ArtifactStatus } | undefined;
}

/**
 * What {@link TranscriptStore.apply} did with one item.
 * - `added`: a new entry; `item` is what listeners should see (the stitched item for a Lex chunk, otherwise the
 *   item as given).
 * - `updated`: an existing entry changed (a Lex chunk appended or completed, a scan verdict, receipts merged from a
 *   transcript copy, the service's copy of an own send); `entry` is the new snapshot, and the
 *   {@link TranscriptUpdate} fields say what changed.
 * - `duplicate`: the item's `Id` was seen before and it brings nothing new. Listeners must not see it again.
 * - `ignored`: nothing to do: a Lex chunk out of order or without its first chunk, or a receipt that names no
 *   message or carries no timestamp.
 * - `receipt`: a read or delivered receipt; `entry` is the referenced entry when the receipt changed it (its
 *   receipts, or the status of an own message). Receipts for messages not stored yet are kept and applied when the
 *   message arrives. Receipts are reported even without an `Id`.
 * - `ephemeral`: an item that is shown but not kept: typing, connection acknowledgement, or any other item without
 *   an `Id`. It never has an `entry`; the optional field is there so `outcome.entry` can be read on any outcome that
 *   carries an item.
 */
export type ItemOutcome =
  | { kind: 'added'; entry: TranscriptEntry; item: Item }
  | ({ kind: 'updated'; entry: TranscriptEntry; item: Item } & TranscriptUpdate)
  | { kind: 'duplicate' }
  | { kind: 'ignored' }
  | { kind: 'receipt'; item: Item; receipt: TranscriptReceipt; entry: TranscriptEntry | undefined }
  | { kind: 'ephemeral'; item: Item; entry?: undefined };

/** An own message or attachment the session is about to send. */
export interface PendingSend {
  /** The idempotency token of the send; the entry's key becomes `local:<clientToken>`. */
  clientToken: string;
  /** What is being sent. */
  kind: 'message' | 'attachment';
  /**
   * What is known about the item before the service answers: `ContentType` and `Content`, or `Attachments`, and
   * `ParticipantRole` / `DisplayName`. `Type` defaults from `kind`; any `Id` or `AbsoluteTime` is dropped, since
   * only the service assigns those.
   */
  item: Item;
}

/** What the service answered to an own send. */
export interface PendingConfirmation {
  /** The item `Id` (from `SendMessage`). */
  Id?: string | undefined;
  /** The item time (from `SendMessage`); with `Id`, it puts the entry in its place in the transcript. */
  AbsoluteTime?: string | undefined;
  /**
   * The attachment id, for attachments: `CompleteAttachmentUpload` returns no item `Id`, so the socket's
   * `ATTACHMENT` item whose first attachment has this `AttachmentId` is merged into the entry instead.
   */
  attachmentId?: string | undefined;
}

/** Options of {@link createTranscriptStore}. */
export interface TranscriptStoreOptions {
  /** This participant's id, to tell own items (`origin: 'self'`) and own receipts apart. */
  selfParticipantId?: string | undefined;
  /**
   * How many ids of unstored items (typing, receipts, connection acknowledgements) are remembered so that a repeat is
   * reported as a `duplicate`; also how many not-yet-stored messages can have receipts waiting for them. The oldest
   * are forgotten first.
   * @defaultValue 1000
   */
  ephemeralIdMemory?: number | undefined;
}

/** The default of {@link TranscriptStoreOptions.ephemeralIdMemory}. @defaultValue 1000 */
export const defaultEphemeralIdMemory = 1000;

/**
 * An ordered, deduplicated transcript.
 *
 * Order: by `AbsoluteTime` (ISO-8601 strings compared as strings; an item without one sorts as the empty string,
 * i.e. first), then by `Id`. Own sends without a server time yet come after every server item, in the order they
 * were added, and move into place once their `Id` and `AbsoluteTime` are known. The resulting order is the same
 * whatever order, and however often, the same items arrive.
 */
export interface TranscriptStore {
  /** Applies one item from the socket or from a transcript page, and says what it did. */
  apply(item: Item, source: TranscriptSource): ItemOutcome;
  /** Applies the items of one transcript page, in order, with the same rules as {@link TranscriptStore.apply}. */
  applyPage(items: readonly Item[]): ItemOutcome[];
  /**
   * Adds an own send before the request goes out (`status: 'sending'`, sorted after every server item). Adding a
   * token that is already pending and unconfirmed starts it again (a retry): new item, `sending`, same place. Adding a
   * token that was already confirmed changes nothing and returns its entry.
   */
  addPending(send: PendingSend): TranscriptEntry;
  /**
   * Records the service's answer to an own send (`status: 'sent'`). If the service's copy is already stored as its
   * own entry, the two are merged into that entry (see {@link TranscriptEntry.key}); otherwise the service's copy is
   * merged into this entry when it arrives. Returns the resulting entry, or `undefined` for an unknown token.
   */
  confirmPending(clientToken: string, server: PendingConfirmation): TranscriptEntry | undefined;
  /**
   * Marks an own send as failed. A send the service already confirmed is left as it is. Returns the entry, or
   * `undefined` for an unknown token.
   */
  failPending(clientToken: string, error: ChatError): TranscriptEntry | undefined;
  /** Removes an own send that the service never accepted (e.g. a cancelled upload). Confirmed sends stay. */
  removePending(clientToken: string): void;
  /** Every entry, in transcript order. The same array object is returned until the next change. */
  entries(): readonly TranscriptEntry[];
  /** The entry with this key, if any. */
  get(key: string): TranscriptEntry | undefined;
  /** Whether an item with this `Id` was seen: stored, merged into an entry, or remembered as ephemeral. */
  hasId(id: string): boolean;
  /** The newest entry placed by the service (with an `Id`), the anchor for filling a gap after a reconnect. */
  newest(): TranscriptEntry | undefined;
  /** How many entries there are. */
  readonly size: number;
}
