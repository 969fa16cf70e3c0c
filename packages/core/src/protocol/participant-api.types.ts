/**
 * The participant-API slot: one method per Participant Service operation, named after it, with inputs and outputs
 * in the service's own field names. `@connect-chat/transport` fills it (over `fetch` or the AWS SDK); tests may fill
 * it with anything that honours the same contract.
 *
 * Every method rejects with a `ChatError` (never anything else), and honours `options.signal`: an abort rejects
 * with code `aborted` and stops any pending retry.
 */
import type { Item } from './item.types';

/** Per-call options shared by every operation. */
export interface CallOptions {
  /** Aborts the call, including any retry that is waiting. */
  signal?: AbortSignal | undefined;
}

/** Connection kinds `CreateParticipantConnection` can return. */
export type ConnectionType = 'WEBSOCKET' | 'CONNECTION_CREDENTIALS' | 'WEBRTC_CONNECTION';

export interface CreateParticipantConnectionInput {
  /** The participant token from StartChatContact / CreateParticipant. Never logged. */
  ParticipantToken: string;
  Type?: ConnectionType[];
  /** Marks the participant as connected (replaces the `connection.acknowledged` event). */
  ConnectParticipant?: boolean;
}

export interface CreateParticipantConnectionOutput {
  /** The socket URL, valid for a first connect until `ConnectionExpiry` (about 100 s). */
  Websocket?: { Url?: string; ConnectionExpiry?: string };
  /** The token for every other operation, valid until `Expiry` (about a day). */
  ConnectionCredentials?: { ConnectionToken?: string; Expiry?: string };
  WebRTCConnection?: {
    Attendee?: { AttendeeId?: string; JoinToken?: string };
    Meeting?: {
      MeetingId?: string;
      MediaPlacement?: {
        AudioHostUrl?: string;
        AudioFallbackUrl?: string;
        SignalingUrl?: string;
        EventIngestionUrl?: string;
      };
      MeetingFeatures?: { Audio?: { EchoReduction?: 'AVAILABLE' | 'UNAVAILABLE' } };
    };
  };
}

interface WithConnectionToken {
  /** The connection token from `CreateParticipantConnection`. Never logged. */
  ConnectionToken: string;
}

export interface SendMessageInput extends WithConnectionToken {
  ContentType: string;
  Content: string;
  /** Idempotency token. Generated when absent and reused on every retry of the call. */
  ClientToken?: string;
}

export interface SendMessageOutput {
  Id?: string;
  AbsoluteTime?: string;
  MessageMetadata?: { MessageProcessingStatus?: 'PROCESSING' | 'FAILED' | 'REJECTED' };
}

export interface SendEventInput extends WithConnectionToken {
  ContentType: string;
  Content?: string;
  ClientToken?: string;
}

export interface SendEventOutput {
  Id?: string;
  AbsoluteTime?: string;
}

export type ScanDirection = 'FORWARD' | 'BACKWARD';
export type SortKey = 'ASCENDING' | 'DESCENDING';

export interface StartPosition {
  Id?: string;
  AbsoluteTime?: string;
  MostRecent?: number;
}

export interface GetTranscriptInput extends WithConnectionToken {
  ContactId?: string;
  MaxResults?: number;
  NextToken?: string;
  ScanDirection?: ScanDirection;
  SortOrder?: SortKey;
  StartPosition?: StartPosition;
}

export interface GetTranscriptOutput {
  InitialContactId?: string;
  Transcript?: Item[];
  NextToken?: string;
}

export interface DisconnectParticipantInput extends WithConnectionToken {
  ClientToken?: string;
}

export type DisconnectParticipantOutput = Record<string, never>;

export interface StartAttachmentUploadInput extends WithConnectionToken {
  ContentType: string;
  AttachmentSizeInBytes: number;
  AttachmentName: string;
  ClientToken?: string;
}

export interface StartAttachmentUploadOutput {
  AttachmentId?: string;
  UploadMetadata?: {
    /** The presigned PUT URL. */
    Url?: string;
    UrlExpiry?: string;
    /** Headers that are part of the signature: send every one of them, verbatim, on the PUT. */
    HeadersToInclude?: Record<string, string>;
  };
}

export interface CompleteAttachmentUploadInput extends WithConnectionToken {
  /** Exactly one attachment id. */
  AttachmentIds: string[];
  ClientToken?: string;
}

export type CompleteAttachmentUploadOutput = Record<string, never>;

export interface GetAttachmentInput extends WithConnectionToken {
  AttachmentId: string;
  /** 5..300 seconds. */
  UrlExpiryInSeconds?: number;
}

export interface GetAttachmentOutput {
  Url?: string;
  UrlExpiry?: string;
  AttachmentSizeInBytes?: number;
}

export interface DescribeViewInput extends WithConnectionToken {
  ViewToken: string;
}

export interface DescribeViewOutput {
  View?: {
    Id?: string;
    Arn?: string;
    Name?: string;
    Version?: number;
    Content?: { InputSchema?: string; Template?: string; Actions?: string[] };
  };
}

export interface GetAuthenticationUrlInput extends WithConnectionToken {
  /** Exactly 36 characters, from the `authentication.initiated` event. */
  SessionId: string;
  RedirectUri: string;
}

export interface GetAuthenticationUrlOutput {
  AuthenticationUrl?: string;
}

export interface CancelParticipantAuthenticationInput extends WithConnectionToken {
  SessionId: string;
}

export type CancelParticipantAuthenticationOutput = Record<string, never>;

/** The participant-API slot. See the module comment for the contract. */
export interface ParticipantApi {
  createParticipantConnection(
    input: CreateParticipantConnectionInput,
    options?: CallOptions,
  ): Promise<CreateParticipantConnectionOutput>;
  sendMessage(input: SendMessageInput, options?: CallOptions): Promise<SendMessageOutput>;
  sendEvent(input: SendEventInput, options?: CallOptions): Promise<SendEventOutput>;
  getTranscript(input: GetTranscriptInput, options?: CallOptions): Promise<GetTranscriptOutput>;
  disconnectParticipant(
    input: DisconnectParticipantInput,
    options?: CallOptions,
  ): Promise<DisconnectParticipantOutput>;
  startAttachmentUpload(
    input: StartAttachmentUploadInput,
    options?: CallOptions,
  ): Promise<StartAttachmentUploadOutput>;
  completeAttachmentUpload(
    input: CompleteAttachmentUploadInput,
    options?: CallOptions,
  ): Promise<CompleteAttachmentUploadOutput>;
  getAttachment(input: GetAttachmentInput, options?: CallOptions): Promise<GetAttachmentOutput>;
  describeView(input: DescribeViewInput, options?: CallOptions): Promise<DescribeViewOutput>;
  getAuthenticationUrl(
    input: GetAuthenticationUrlInput,
    options?: CallOptions,
  ): Promise<GetAuthenticationUrlOutput>;
  cancelParticipantAuthentication(
    input: CancelParticipantAuthenticationInput,
    options?: CallOptions,
  ): Promise<CancelParticipantAuthenticationOutput>;
}

/** The operation names, as the service spells them. */
export type ParticipantOperation =
  | 'CreateParticipantConnection'
  | 'SendMessage'
  | 'SendEvent'
  | 'GetTranscript'
  | 'DisconnectParticipant'
  | 'StartAttachmentUpload'
  | 'CompleteAttachmentUpload'
  | 'GetAttachment'
  | 'DescribeView'
  | 'GetAuthenticationUrl'
  | 'CancelParticipantAuthentication';
