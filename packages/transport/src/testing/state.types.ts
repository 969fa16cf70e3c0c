/** The emulator's state model (§5.2). */
import type { ArtifactStatus, Item, ParticipantRole, Receipt } from '@connect-chat/core';

/** Whether a contact still takes writes. */
export type ContactStatus = 'ACTIVE' | 'ENDED';

/** How a persistent chat brings back its past (`PersistentChat.RehydrationType`). */
export type RehydrationType = 'ENTIRE_PAST_SESSION' | 'FROM_SEGMENT';

/** One participant of a contact. */
export interface ParticipantRecord {
  participantId: string;
  contactId: string;
  displayName: string;
  role: ParticipantRole;
  /** Never logged. */
  participantToken: string;
  participantTokenRevoked: boolean;
  state: 'JOINED' | 'LEFT';
  /** Set by ConnectParticipant / `connection.acknowledged`. */
  connected: boolean;
}

/** An item with its place in the order of the whole emulator. */
export interface StoredItem {
  /** Tie-break for equal `AbsoluteTime`s; increases across all contacts. */
  seq: number;
  /** `AbsoluteTime` as epoch milliseconds. */
  time: number;
  item: Item & { Id: string; AbsoluteTime: string };
}

/** Where an attachment is in the upload flow. */
export type AttachmentUploadStatus = 'PENDING_UPLOAD' | 'UPLOADED' | 'COMPLETING' | 'COMPLETED';

/** An attachment started with StartAttachmentUpload. */
export interface AttachmentRecord {
  attachmentId: string;
  contactId: string;
  participantId: string;
  name: string;
  contentType: string;
  size: number;
  status: AttachmentUploadStatus;
  /** The scan verdict once completed. */
  scanStatus: ArtifactStatus | undefined;
  /** Headers the PUT must carry, verbatim. */
  uploadHeaders: Record<string, string>;
  bytes: Buffer | undefined;
  etag: string | undefined;
}

/** A contact (one chat session) and everything that happened on it. */
export interface ContactRecord {
  contactId: string;
  /** Root of the transfer chain; on every socket item. */
  initialContactId: string;
  /** The source of a persistent chat. */
  previousContactId: string | undefined;
  rehydrationType: RehydrationType | undefined;
  status: ContactStatus;
  endedAt: number | undefined;
  supportedMessagingContentTypes: string[];
  items: StoredItem[];
  participants: Map<string, ParticipantRecord>;
  attachments: Map<string, AttachmentRecord>;
  /** Receipts by message id, then by recipient participant id. */
  receipts: Map<string, Map<string, Receipt>>;
}

/** A token with an owner and an expiry (connection tokens and socket URLs). */
export interface ExpiringTokenRecord {
  participantId: string;
  contactId: string;
  expiresAt: number;
  revoked: boolean;
}

/** An authentication session announced by `authentication.initiated`. */
export interface AuthSessionRecord {
  sessionId: string;
  contactId: string;
  participantId: string | undefined;
  issuedAt: number;
  state: 'PENDING' | 'SUCCEEDED' | 'CANCELLED';
}
