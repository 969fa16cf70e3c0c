/**
 * The chat `Item` of the Amazon Connect Participant Service, as it arrives over the WebSocket and in transcript
 * pages. Field names are the service's own.
 */

/** The role of the participant who produced an item. */
export type ParticipantRole = 'AGENT' | 'CUSTOMER' | 'SYSTEM' | 'CUSTOM_BOT' | 'SUPERVISOR';

/**
 * The item kinds. `MESSAGEMETADATA` (receipts on the socket) is not in the service model but is what the socket
 * sends; the other model values are accepted as they come.
 */
export type ItemType =
  | 'MESSAGE'
  | 'EVENT'
  | 'ATTACHMENT'
  | 'CONNECTION_ACK'
  | 'MESSAGEMETADATA'
  | 'TYPING'
  | 'PARTICIPANT_JOINED'
  | 'PARTICIPANT_LEFT'
  | 'CHAT_ENDED'
  | 'TRANSFER_SUCCEEDED'
  | 'TRANSFER_FAILED'
  | 'MESSAGE_DELIVERED'
  | 'MESSAGE_READ';

/** The scan verdict of an attachment. */
export type ArtifactStatus = 'APPROVED' | 'REJECTED' | 'IN_PROGRESS';

/** One attachment on an `ATTACHMENT` item. */
export interface AttachmentItem {
  ContentType?: string;
  AttachmentId?: string;
  AttachmentName?: string;
  Status?: ArtifactStatus;
}

/** One participant's delivery and read times for a message. */
export interface Receipt {
  DeliveredTimestamp?: string;
  ReadTimestamp?: string;
  RecipientParticipantId?: string;
}

/** What the service reports about a message's processing and receipts. */
export interface MessageMetadata {
  MessageId?: string;
  Receipts?: Receipt[];
  MessageProcessingStatus?: 'PROCESSING' | 'FAILED' | 'REJECTED';
  /** Socket only: Lex streaming, `false` on partial chunks, `true` on the final full message. */
  MessageCompleted?: boolean;
  /** Socket only: Lex streaming chunk order, from 1. */
  ChunkNumber?: number;
}

/** A transcript or socket item. Every field is optional on the wire; consumers must not assume presence. */
export interface Item {
  /** ISO-8601 UTC with milliseconds, e.g. `2019-11-08T02:41:28.172Z`. */
  AbsoluteTime?: string;
  Content?: string;
  ContentType?: string;
  Id?: string;
  Type?: ItemType | (string & {});
  ParticipantId?: string;
  DisplayName?: string;
  ParticipantRole?: ParticipantRole | (string & {});
  Attachments?: AttachmentItem[];
  MessageMetadata?: MessageMetadata;
  /** Persistent chat: the past contact this item came from. */
  RelatedContactId?: string;
  /** The contact the item was sent on. */
  ContactId?: string;
  /** Socket only: the first contact of the chain (the SDK strips it from transcripts). */
  InitialContactId?: string;
}
