/**
 * Types of the attachment-upload machine: one attachment sent the way the Participant Service expects
 * (wire-protocol §2).
 *
 * ```
 * validating ──invalid──────────────────────────────────────────────▶ failed
 *     │
 *     ▼
 * starting ── StartAttachmentUpload (fresh ClientToken) ─────error──▶ failed
 *     │
 *     ▼
 * uploading ── PUT to the presigned URL with every HeadersToInclude ─non-2xx / error──▶ failed
 *     │  ▲ └── network failure, URL still valid, first time ──▶ retrying ──(delay)──┘
 *     ▼
 * completing ── CompleteAttachmentUpload ([id], fresh ClientToken) ──error──▶ failed
 *     │
 *     ▼
 *   done (output { attachmentId })
 * ```
 *
 * `upload.cancel` in any state that is not final goes to `cancelled`, and leaving a state aborts its request.
 */
import type { Secret } from '../connection/secret';
import type { ChatError } from '../errors';
import type { ParticipantApi } from '../protocol/participant-api.types';
import type { AttachmentBody, AttachmentTransfer } from './attachment-transfer.types';

/** An attachment to send: what StartAttachmentUpload is told, and the bytes the PUT carries. */
export interface UploadableAttachment {
  /** The file name shown to the other participants: 1 to 256 characters. */
  name: string;
  /** The MIME type; it must be one of the allowed attachment types (see `defaultAttachmentContentTypes`). */
  contentType: string;
  /** The size in bytes, from 1 up to the limit; it must equal the body's byte length. */
  size: number;
  /** The bytes. */
  body: AttachmentBody;
}

/** Limits an attachment is checked against before anything is sent. */
export interface AttachmentRules {
  /**
   * The MIME types the Amazon Connect instance accepts (an instance can allow more than the service's defaults).
   *
   * @defaultValue `defaultAttachmentContentTypes`
   */
  allowedContentTypes?: readonly string[] | undefined;
  /**
   * The largest attachment allowed, in bytes.
   *
   * @defaultValue `maxAttachmentSizeInBytes` (20 MB)
   */
  maxSizeInBytes?: number | undefined;
}

/** What the attachment-upload machine is created with. */
export interface AttachmentUploadInput extends AttachmentRules {
  /** The attachment to send. */
  attachment: UploadableAttachment;
  /** The participant-API slot: StartAttachmentUpload and CompleteAttachmentUpload go through it. */
  participantApi: ParticipantApi;
  /** Resolves the current connection token (it may wait, e.g. while a token refresh is in flight). Never logged. */
  connectionToken: () => Promise<string>;
  /** Moves the bytes to the presigned URL. */
  transfer: AttachmentTransfer;
  /** Milliseconds since the epoch, on the same clock the actor runs on; decides whether the upload URL is still valid. */
  now: () => number;
  /**
   * Makes an idempotency `ClientToken` (a fresh one for StartAttachmentUpload and for CompleteAttachmentUpload).
   *
   * @defaultValue `globalThis.crypto.randomUUID()`, looked up at call time
   */
  createClientToken?: (() => string) | undefined;
  /**
   * How long to wait before the one retry of a PUT that got no response.
   *
   * @defaultValue {@link defaultUploadRetryDelayMs}
   */
  retryDelayMs?: number | undefined;
}

/** The wait before the one retry of a PUT that got no response. @defaultValue 1000 */
export const defaultUploadRetryDelayMs = 1_000;

/** How many times a PUT that got no response is tried again, while its URL is valid. @defaultValue 1 */
export const maxUploadRetries = 1;

/** The machine's output once `done`: the id the attachment is known by in the transcript and in GetAttachment. */
export interface AttachmentUploadOutput {
  attachmentId: string;
}

/** Where the bytes go, as StartAttachmentUpload described it. */
export interface UploadTarget {
  /** The presigned PUT URL, wrapped so snapshots and inspectors never show its signature. */
  url: Secret;
  /** `HeadersToInclude`, sent verbatim. Their values are signed but carry no credential (that is in the URL). */
  headers: Readonly<Record<string, string>>;
  /** `UrlExpiry` in epoch milliseconds; `undefined` when the service sent none (or an unreadable one). */
  expiresAt: number | undefined;
}

/** The collaborators an upload was created with. They serialise as `"[dependencies]"`. */
export interface AttachmentUploadDependencies {
  participantApi: ParticipantApi;
  connectionToken: () => Promise<string>;
  transfer: AttachmentTransfer;
  body: AttachmentBody;
  now: () => number;
  createClientToken: () => string;
}

/** The machine's memory. It holds no token and no URL in the clear. */
export interface AttachmentUploadContext {
  /** What is being sent, without its bytes (those stay in `deps`). */
  attachment: { name: string; contentType: string; size: number };
  deps: AttachmentUploadDependencies;
  retryDelayMs: number;
  /** Set once StartAttachmentUpload answered. */
  attachmentId: string | undefined;
  target: UploadTarget | undefined;
  /** PUTs retried after a network failure so far. */
  uploadRetries: number;
  /** CompleteAttachmentUpload succeeded. */
  completed: boolean;
  /** The latest progress of the current PUT (it starts again from 0 on a retry). */
  progress: { sentBytes: number; totalBytes: number };
  /** Why the upload `failed`; while `retrying`, the network failure being retried. */
  error: ChatError | undefined;
}

/**
 * Events the machine accepts.
 * - `upload.cancel`: stop now; the in-flight request is aborted and the machine ends `cancelled`.
 * - `transfer.progressed`: the PUT actor's report of bytes sent so far.
 */
export type AttachmentUploadEvent =
  | { type: 'upload.cancel' }
  | { type: 'transfer.progressed'; sentBytes: number; totalBytes: number };

/** Events the machine emits: `upload.progressed` each time the PUT reports bytes sent. */
export type AttachmentUploadEmitted = { type: 'upload.progressed'; sentBytes: number; totalBytes: number };

/** The machine's states. `done`, `failed` and `cancelled` are final. */
export type AttachmentUploadState =
  | 'validating'
  | 'starting'
  | 'uploading'
  | 'retrying'
  | 'completing'
  | 'done'
  | 'failed'
  | 'cancelled';

/** Input of the `startUpload` actor. */
export interface StartUploadInput {
  deps: AttachmentUploadDependencies;
  attachment: AttachmentUploadContext['attachment'];
}

/** Input of the `putBytes` actor. */
export interface PutBytesInput {
  transfer: AttachmentTransfer;
  target: UploadTarget;
  body: AttachmentBody;
  size: number;
  /** Hands progress to the machine (the PUT actor is a promise, so it cannot send events of its own). */
  report: (event: Extract<AttachmentUploadEvent, { type: 'transfer.progressed' }>) => void;
}

/** What the `startUpload` actor resolves. */
export interface StartedUpload {
  attachmentId: string;
  target: UploadTarget;
}

/** Input of the `completeUpload` actor. */
export interface CompleteUploadInput {
  deps: AttachmentUploadDependencies;
  attachmentId: string;
}
