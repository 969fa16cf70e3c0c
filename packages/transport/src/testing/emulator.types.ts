/** The public, typed surface of a running emulator (mirrors the control API of §5.8). */
import type { AttachmentItem, Item, MessageMetadata } from '@connect-chat/core';
import type { ActivityLogEntry } from './activity-log';
import type { ActiveFault, FaultRule } from './faults.types';
import type { ViewFixture } from './options';
import type { AttachmentUploadStatus, ContactStatus, RehydrationType } from './state.types';

/** `POST /__emulator/contacts`. */
export interface CreateContactInput {
  /** @defaultValue `'Customer'` */
  DisplayName?: string;
  /** @defaultValue every message content type SendMessage accepts */
  SupportedMessagingContentTypes?: string[];
  InitialMessage?: { ContentType: string; Content: string };
  PersistentChat?: { SourceContactId: string; RehydrationType: RehydrationType };
}

/** What creating a contact returns (the StartChatContact fields). */
export interface CreatedContact {
  ContactId: string;
  ParticipantId: string;
  ParticipantToken: string;
  ContinuedFromContactId?: string;
}

/** `POST /__emulator/contacts/{id}/participants`. */
export interface AddParticipantInput {
  Role: 'AGENT' | 'CUSTOM_BOT' | 'SUPERVISOR';
  /** @defaultValue the role name */
  DisplayName?: string;
}

/** An added participant. */
export interface AddedParticipant {
  ParticipantId: string;
  ParticipantToken: string;
}

/** `POST /__emulator/contacts/{id}/items`: any item, sent as a participant or as the system. */
export interface InjectItemInput {
  /** Send as this participant (fills ParticipantId, DisplayName, ParticipantRole). */
  AsParticipantId?: string;
  /** Send as the system (`ParticipantRole: SYSTEM`, `DisplayName: SYSTEM_MESSAGE`). */
  AsRole?: 'SYSTEM';
  Type: string;
  ContentType?: string;
  Content?: string;
  Attachments?: AttachmentItem[];
  MessageMetadata?: MessageMetadata;
  Id?: string;
  AbsoluteTime?: string;
  DisplayName?: string;
  /** Keep it for transcripts. @defaultValue true, except typing, receipts and partial stream chunks */
  Store?: boolean;
}

/** `POST /__emulator/contacts/{id}/receipts`. */
export interface ReceiptInput {
  AsParticipantId: string;
  MessageId: string;
  Kind: 'read' | 'delivered';
}

/** A participant in a state dump (no token). */
export interface ParticipantSnapshot {
  ParticipantId: string;
  DisplayName: string;
  ParticipantRole: string;
  State: 'JOINED' | 'LEFT';
  Connected: boolean;
}

/** An attachment in a state dump (no bytes). */
export interface AttachmentSnapshot {
  AttachmentId: string;
  AttachmentName: string;
  ContentType: string;
  AttachmentSizeInBytes: number;
  Status: AttachmentUploadStatus;
  ScanStatus?: string;
}

/** `GET /__emulator/contacts/{id}`: everything about a contact, for assertions. Never holds tokens. */
export interface ContactState {
  ContactId: string;
  InitialContactId: string;
  PreviousContactId?: string;
  Status: ContactStatus;
  Participants: ParticipantSnapshot[];
  /** Every stored item, oldest first (typing and receipts are not stored). */
  Items: Item[];
  Attachments: AttachmentSnapshot[];
  /** Open sockets of the contact. */
  Sockets: { SocketId: string; ParticipantId: string; Topics: string[] }[];
  /** The request/frame log entries of the contact. */
  Log: ActivityLogEntry[];
}

/** What adding a fault did: stored (with an id) and/or applied at once (how many targets). */
export interface AddedFault {
  id?: string;
  applied?: number;
}

/** A running emulator. Close it (or `await using` it) when done. */
export interface Emulator {
  /** The REST endpoint, e.g. `http://127.0.0.1:54321`; give it to the SDK as `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /** The emulator's "now" (injected clock plus offset). */
  now(): number;
  createContact(input?: CreateContactInput): CreatedContact;
  addParticipant(contactId: string, input: AddParticipantInput): AddedParticipant;
  injectItem(contactId: string, input: InjectItemInput): Item;
  sendTyping(contactId: string, participantId: string): Item;
  /** Returns the broadcast receipt item, or `undefined` when the receipt changed nothing. */
  sendReceipt(contactId: string, input: ReceiptInput): Item | undefined;
  /** Emits `authentication.initiated` and returns its 36-character SessionId. */
  initiateAuthentication(contactId: string, participantId?: string): string;
  endChat(contactId: string): void;
  addFault(rule: FaultRule): AddedFault;
  /** Removes one stored fault, or all. Returns how many. */
  clearFaults(id?: string): number;
  listFaults(): readonly ActiveFault[];
  /** Moves the clock forward (expiries, idle checks); returns the total offset. */
  advanceClock(ms: number): number;
  /** Sets the clock offset; returns it. */
  setClockOffset(offsetMs: number): number;
  /** Checks socket duration/idle limits and due faults now. Returns how many sockets were closed. */
  sweep(): number;
  addView(viewToken: string, view: ViewFixture): void;
  getContactState(contactId: string): ContactState;
  /** The whole request/frame log. */
  activity(): readonly ActivityLogEntry[];
  /** Closes every socket and the server. Idempotent. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}
