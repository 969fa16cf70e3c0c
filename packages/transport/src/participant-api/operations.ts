import type { ParticipantApi, ParticipantOperation } from '@connect-chat/core';

/** Which token an operation sends in `X-Amz-Bearer`. */
export type BearerTokenField = 'ParticipantToken' | 'ConnectionToken';

/** How one Participant Service operation looks on the wire (wire-protocol §1.4). */
export interface OperationSpec {
  /** The operation name, as the service spells it. */
  readonly name: ParticipantOperation;
  readonly method: 'GET' | 'POST';
  /** The request path; `{Label}` segments are filled from the input field of that name, percent-encoded. */
  readonly path: string;
  /** The input field whose value goes in `X-Amz-Bearer` (never in the body). */
  readonly token: BearerTokenField;
  /** Input fields serialized into the JSON body, in wire order. Empty for GET. */
  readonly bodyFields: readonly string[];
  /** Whether a missing `ClientToken` is generated once per call and reused on every retry. */
  readonly autoClientToken: boolean;
}

/** Every participant-API method, keyed by its `ParticipantApi` name. */
export type ParticipantApiMethod = keyof ParticipantApi;

/** The 11 operations of the Participant Service, as one table. */
export const participantOperations = {
  createParticipantConnection: {
    name: 'CreateParticipantConnection',
    method: 'POST',
    path: '/participant/connection',
    token: 'ParticipantToken',
    bodyFields: ['Type', 'ConnectParticipant'],
    autoClientToken: false,
  },
  sendMessage: {
    name: 'SendMessage',
    method: 'POST',
    path: '/participant/message',
    token: 'ConnectionToken',
    bodyFields: ['ContentType', 'Content', 'ClientToken'],
    autoClientToken: true,
  },
  sendEvent: {
    name: 'SendEvent',
    method: 'POST',
    path: '/participant/event',
    token: 'ConnectionToken',
    bodyFields: ['ContentType', 'Content', 'ClientToken'],
    autoClientToken: true,
  },
  getTranscript: {
    name: 'GetTranscript',
    method: 'POST',
    path: '/participant/transcript',
    token: 'ConnectionToken',
    bodyFields: ['ContactId', 'MaxResults', 'NextToken', 'ScanDirection', 'SortOrder', 'StartPosition'],
    autoClientToken: false,
  },
  disconnectParticipant: {
    name: 'DisconnectParticipant',
    method: 'POST',
    path: '/participant/disconnect',
    token: 'ConnectionToken',
    bodyFields: ['ClientToken'],
    autoClientToken: true,
  },
  startAttachmentUpload: {
    name: 'StartAttachmentUpload',
    method: 'POST',
    path: '/participant/start-attachment-upload',
    token: 'ConnectionToken',
    bodyFields: ['ContentType', 'AttachmentSizeInBytes', 'AttachmentName', 'ClientToken'],
    autoClientToken: true,
  },
  completeAttachmentUpload: {
    name: 'CompleteAttachmentUpload',
    method: 'POST',
    path: '/participant/complete-attachment-upload',
    token: 'ConnectionToken',
    bodyFields: ['AttachmentIds', 'ClientToken'],
    autoClientToken: true,
  },
  getAttachment: {
    name: 'GetAttachment',
    method: 'POST',
    path: '/participant/attachment',
    token: 'ConnectionToken',
    bodyFields: ['AttachmentId', 'UrlExpiryInSeconds'],
    autoClientToken: false,
  },
  describeView: {
    name: 'DescribeView',
    method: 'GET',
    path: '/participant/views/{ViewToken}',
    token: 'ConnectionToken',
    bodyFields: [],
    autoClientToken: false,
  },
  getAuthenticationUrl: {
    name: 'GetAuthenticationUrl',
    method: 'POST',
    path: '/participant/authentication-url',
    token: 'ConnectionToken',
    bodyFields: ['SessionId', 'RedirectUri'],
    autoClientToken: false,
  },
  cancelParticipantAuthentication: {
    name: 'CancelParticipantAuthentication',
    method: 'POST',
    path: '/participant/cancel-authentication',
    token: 'ConnectionToken',
    bodyFields: ['SessionId'],
    autoClientToken: false,
  },
} as const satisfies Record<ParticipantApiMethod, OperationSpec>;

/** The `ParticipantApi` method names, in table order. */
export const participantApiMethods = Object.keys(participantOperations) as ParticipantApiMethod[];

/**
 * Percent-encodes a path label the way the AWS SDK does: like `encodeURIComponent`, plus `!'()*`.
 */
export function encodePathLabel(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Turns an operation name into the words used in error messages: `SendMessage` → `send message`. */
export function describeOperation(name: ParticipantOperation): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
