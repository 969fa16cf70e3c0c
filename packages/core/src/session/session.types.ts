/**
 * Types of a chat session: one participant (a customer, or an agent) in one Amazon Connect chat, with typed
 * methods for every Participant Service operation, typed events for every item the service pushes, one merged
 * transcript, an outbox, automatic receipts and attachment uploads.
 */
import type { AttachmentBody, AttachmentTransfer } from '../attachment-upload';
import type { ConnectionDiagnostics, StatusChange } from '../connection/connection.connect';
import type {
  ConnectionDelays,
  ConnectionReason,
  ConnectionStatus,
  ConnectionTokenProvider,
} from '../connection/connection.types';
import type { ConnectionRuntimeOptions } from '../connection/create-connection';
import type { ReconnectDelay } from '../connection/reconnect-delay';
import type { ChatError } from '../errors';
import type { DeepHeartbeatFailure } from '../heartbeat/heartbeat.types';
import type { ConnectionPlatform } from '../platform/platform.types';
import type { MessageContentType } from '../protocol/content-types';
import type { ArtifactStatus, Item } from '../protocol/item.types';
import type { DescribeViewOutput, ParticipantApi } from '../protocol/participant-api.types';
import type { ChatSocketFactory } from '../socket/chat-socket.types';
import type { ManagedSocket } from '../socket/managed-socket.types';
import type { TranscriptEntry } from '../transcript';

/** Who the session is for. */
export type SessionRole = 'CUSTOMER' | 'AGENT';

/**
 * The chat a session joins: what StartChatContact (customers) or the agent's media info (agent desktops) gave.
 * The participant token is a secret: it is never logged and never appears in snapshots or diagnostics.
 */
export interface ChatDetails {
  /** The contact (chat) id. */
  contactId: string;
  /** This participant's id. */
  participantId: string;
  /** The participant token. Required for customers; optional for agents that give `getConnectionToken`. */
  participantToken?: string | undefined;
  /** The first contact of the chain (persistent chat); defaults to `contactId`. */
  initialContactId?: string | undefined;
}

/** Content types `sendMessage` accepts. */
export type SendableMessageContentType =
  | typeof MessageContentType.plainText
  | typeof MessageContentType.markdown
  | typeof MessageContentType.json
  | typeof MessageContentType.interactiveResponse;

/** Settings of automatic delivered/read receipts. */
export interface ReceiptSettings {
  /**
   * Send receipts automatically: delivered for each incoming message, read for each `markAsRead`. Off, receipts
   * go out only through `sendReceipt`. @defaultValue true
   */
  enabled?: boolean | undefined;
  /** At most one read and one delivered receipt per window of this length. @defaultValue 5000 */
  throttleMs?: number | undefined;
  /** A delivered receipt waits this long, so a read receipt for the same message can replace it. @defaultValue 300 */
  deliveredHoldMs?: number | undefined;
}

/** Settings of the merged transcript. */
export interface TranscriptSettings {
  /** Load the most recent page when the session first connects (e.g. after a page reload). @defaultValue true */
  loadOnConnect?: boolean | undefined;
  /** Items per transcript request made by the session itself. @defaultValue 100 */
  pageSize?: number | undefined;
  /** Pages fetched at most to fill one gap after a reconnection. @defaultValue 10 */
  maxGapPages?: number | undefined;
}

/** Settings of attachments. */
export interface AttachmentSettings {
  /** How bytes go to and from the presigned URLs. @defaultValue a transfer over the global `fetch` */
  transfer?: AttachmentTransfer | undefined;
  /** MIME types accepted before anything is sent. @defaultValue the service's default list */
  allowedContentTypes?: readonly string[] | undefined;
  /** Largest attachment accepted. @defaultValue 20 MB, the service's limit */
  maxSizeInBytes?: number | undefined;
}

/** Options of {@link createChatSession}. Exactly one of `sockets` and `managedSocket` is given. */
export type ChatSessionOptions = ChatSessionSettings &
  (
    | { sockets: ChatSocketFactory; managedSocket?: undefined }
    | { managedSocket: ManagedSocket; sockets?: undefined }
  );

/** Everything a session is created with apart from its socket slot. */
export interface ChatSessionSettings extends ConnectionRuntimeOptions {
  chatDetails: ChatDetails;
  /** @defaultValue `'CUSTOMER'` */
  role?: SessionRole | undefined;
  participantApi: ParticipantApi;
  /** Agents: resolves the connection token (StreamsJS media info); CreateParticipantConnection is the fallback. */
  getConnectionToken?: ConnectionTokenProvider | undefined;
  platform?: ConnectionPlatform | undefined;
  delays?: Partial<ConnectionDelays> | undefined;
  reconnectDelay?: ReconnectDelay | undefined;
  /**
   * Whether the first `connect()` keeps retrying while the service cannot be reached (network errors, 5xx,
   * throttling). With `false` it fails at once, as ChatJS does; drops after connecting are always retried.
   *
   * @defaultValue true
   */
  retryFirstConnect?: boolean | undefined;
  /** Receipt settings, or `false` to turn automatic receipts off. */
  receipts?: ReceiptSettings | false | undefined;
  /** Typing events go out at most once per this many milliseconds. @defaultValue 10000 */
  typingThrottleMs?: number | undefined;
  /** Sends that may wait for the connection at once. @defaultValue 100 */
  outboxCapacity?: number | undefined;
  /**
   * Attempts per send in the outbox (messages, events, receipts, `disconnect`), the first included: a whole number
   * from 1. Once a send has failed transiently (network, throttling, 5xx) that many times, it rejects with the last
   * failure, a `ChatError` with its code, and the sends behind it go on. `1` leaves retrying to the participant-API
   * adapter alone (its own `maxAttempts`), as ChatJS leaves it to the AWS SDK.
   *
   * @defaultValue unlimited: a send is retried with its `ClientToken` until it goes through or the chat ends
   */
  outboxMaxAttempts?: number | undefined;
  /**
   * Whether sends go out while a lost connection is being restored, with the connection token the session already
   * has, instead of waiting in the outbox for the connection to come back. The REST calls do not need the socket;
   * waiting keeps a send made during a network outage from failing. ChatJS sends at once, and the compatibility
   * layer does the same.
   *
   * @defaultValue false
   */
  sendWhileReconnecting?: boolean | undefined;
  transcript?: TranscriptSettings | undefined;
  attachments?: AttachmentSettings | undefined;
  /** Makes idempotency tokens. @defaultValue `crypto.randomUUID()` */
  createClientToken?: (() => string) | undefined;
}

/** A `sendMessage` request. A bare string is plain text. */
export interface SendMessageRequest {
  content: string;
  /** @defaultValue `'text/plain'` */
  contentType?: SendableMessageContentType | undefined;
  /** Idempotency token; give the token of a failed send to send it again without risking a duplicate. */
  clientToken?: string | undefined;
  /** Cancels the send while it waits in the outbox or is in flight. */
  signal?: AbortSignal | undefined;
}

/** A `sendEvent` request. */
export interface SendEventRequest {
  /** One of the sendable event content types (typing, message.delivered, message.read, connection.acknowledged). */
  contentType: string;
  /** Receipts: `{"messageId":"…"}`. */
  content?: string | undefined;
  clientToken?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** What a successful send returns. */
export interface SentItem {
  /** The item id the service gave. */
  id: string;
  /** When the service received it (ISO-8601). */
  absoluteTime: string;
  /** The idempotency token the send used. */
  clientToken: string;
}

/** What `sendEvent`/`sendTyping` return: a typing event inside the throttle window returns the last one sent. */
export interface SentEvent extends SentItem {
  /** True when nothing was sent because a typing event went out less than the throttle time ago. */
  throttled: boolean;
}

/** A `getTranscript` request, in the session's camelCase. */
export interface TranscriptRequest {
  contactId?: string | undefined;
  /** 0..100. @defaultValue the service's (10) */
  maxResults?: number | undefined;
  nextToken?: string | undefined;
  scanDirection?: 'FORWARD' | 'BACKWARD' | undefined;
  sortOrder?: 'ASCENDING' | 'DESCENDING' | undefined;
  /** One of the three. */
  startPosition?: { id?: string; absoluteTime?: string; mostRecent?: number } | undefined;
  signal?: AbortSignal | undefined;
}

/** One transcript page. Its items are also merged into the session's transcript. */
export interface TranscriptPage {
  items: Item[];
  nextToken: string | undefined;
  initialContactId: string | undefined;
}

/** An attachment to send: a `File`, a `Blob` with a name, or the parts. */
export type AttachmentInput =
  | (Blob & { name?: string })
  | { name: string; contentType: string; size?: number; body: AttachmentBody };

/** Options of `sendAttachment`. */
export interface SendAttachmentOptions {
  /** The file name, when a nameless `Blob` is given. */
  name?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((sentBytes: number, totalBytes: number) => void) | undefined;
}

/** What `sendAttachment` returns once CompleteAttachmentUpload succeeded. */
export interface SentAttachment {
  attachmentId: string;
  /** The transcript entry of the attachment (its key stays stable while the scan status changes). */
  entryKey: string;
}

/** A presigned download URL. */
export interface AttachmentUrl {
  url: string;
  /** ISO-8601 expiry. */
  expiresAt: string | undefined;
  sizeInBytes: number | undefined;
}

/** A `getAuthenticationUrl` request. */
export interface AuthenticationUrlRequest {
  /** The 36-character session id from the `authenticationInitiated` event. */
  sessionId: string;
  redirectUri: string;
}

/** A view, as DescribeView returns it. */
export type View = NonNullable<DescribeViewOutput['View']>;

/** Where an incoming item came from: the socket, or a transcript page (initial load or gap fill). */
export type ItemSource = 'live' | 'transcript';

/** The payload of every item event. */
export interface ItemEvent {
  item: Item;
  source: ItemSource;
}

/** A message or attachment event: the item and its transcript entry. */
export interface TranscriptItemEvent extends ItemEvent {
  entry: TranscriptEntry;
}

/** An incoming read or delivered receipt, from another participant. */
export interface ReceiptEvent extends ItemEvent {
  messageId: string;
  participantId: string | undefined;
  /** ISO-8601, when the service gave one. */
  timestamp: string | undefined;
}

/** An authentication event; `sessionId` is parsed from the content when present. */
export interface AuthenticationEvent extends ItemEvent {
  sessionId: string | undefined;
}

/**
 * Every event of a session. Each incoming item reaches `item` first, once (never twice, whether it came over the
 * socket, in a gap-filling page or both), then the typed event for its content type.
 */
export interface ChatSessionEventMap {
  /** Every incoming item, once, before its typed event. */
  item: ItemEvent;
  /** A message from anyone (every message content type, Lex streaming chunks stitched). */
  message: TranscriptItemEvent;
  /** An attachment message. */
  attachment: TranscriptItemEvent;
  /** An attachment's scan status changed (`IN_PROGRESS` → `APPROVED` or `REJECTED`). */
  attachmentStatus: { attachmentId: string; status: ArtifactStatus; entry: TranscriptEntry };
  typing: ItemEvent;
  readReceipt: ReceiptEvent;
  deliveredReceipt: ReceiptEvent;
  participantJoined: ItemEvent;
  participantLeft: ItemEvent;
  participantInvited: ItemEvent;
  participantIdle: ItemEvent;
  participantReturned: ItemEvent;
  participantAutoDisconnected: ItemEvent;
  participantDisplayNameUpdated: ItemEvent;
  participantActive: ItemEvent;
  participantInactive: ItemEvent;
  transferSucceeded: ItemEvent;
  transferFailed: ItemEvent;
  chatEnded: ItemEvent;
  chatRehydrated: ItemEvent;
  connectionAcknowledged: ItemEvent;
  workflowCancelled: ItemEvent;
  authenticationInitiated: AuthenticationEvent;
  authenticationSucceeded: AuthenticationEvent;
  authenticationFailed: AuthenticationEvent;
  authenticationTimeout: AuthenticationEvent;
  authenticationExpired: AuthenticationEvent;
  authenticationCancelled: AuthenticationEvent;
  /** An event item of a content type this version does not know. */
  unknownEvent: ItemEvent;
  /** The merged transcript changed. */
  transcript: { readonly entries: readonly TranscriptEntry[] };
  /** The connection status changed (or a new retry was scheduled). */
  status: StatusChange;
  /** One deep-heartbeat outcome. */
  deepHeartbeat: { ok: true } | { ok: false; failure: DeepHeartbeatFailure };
  /** The most recent page of the transcript was loaded after the first connection (`transcript.loadOnConnect`). */
  historyLoaded: { items: number };
  /**
   * The gap left by a lost connection was filled from the transcript: `items` new to the session, fetched in
   * `pages`. `complete` is false when the session stopped at `transcript.maxGapPages` before meeting an item it
   * already had: older missed items may remain, and `transcriptPages()` can fetch them.
   */
  gapFilled: { items: number; pages: number; complete: boolean };
  /** An automatic receipt was sent. */
  receiptSent: { kind: 'read' | 'delivered'; messageId: string };
  /** Something the session did on its own failed (gap fill, an automatic receipt); nothing the app sent was lost. */
  error: { error: ChatError; operation: string };
}

/** The names of the session's events. */
export type ChatSessionEventType = keyof ChatSessionEventMap;

/** A synchronous view of a session. */
export interface ChatSessionSnapshot {
  status: ConnectionStatus;
  reason: ConnectionReason | undefined;
  retryIn: number | undefined;
  transcript: readonly TranscriptEntry[];
  /** Sends waiting in the outbox (in flight included). */
  pendingSends: number;
  /** Active participants counted from join/leave events, this one included. */
  participants: number;
}

/** A support report: connection diagnostics plus the session's own figures. No tokens, no URLs. */
export interface ChatSessionDiagnostics extends ConnectionDiagnostics {
  role: SessionRole;
  transcriptSize: number;
  pendingSends: number;
  gapFills: number;
  receipts: string;
}
