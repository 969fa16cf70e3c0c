// Test support: the 11 operations' inputs and their expected wire requests (wire-protocol §1.5), shared by the
// fetch and AWS SDK adapter tests.
import type { ParticipantApi } from '@connect-chat/core';

export interface WireCase {
  readonly call: (api: ParticipantApi) => Promise<unknown>;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly bearer: string;
  /** The body without the auto-filled `ClientToken`; `undefined` for GET. */
  readonly body: Record<string, unknown> | undefined;
  /** Whether the adapter must add a generated `ClientToken`. */
  readonly autoClientToken: boolean;
}

// Inputs and bodies from wire-protocol §1.5 (captured from SDK 3.1019.0).
export const sessionId = '0123456789abcdef0123456789abcdef0123';
export const wireCases: Record<string, WireCase> = {
  CreateParticipantConnection: {
    call: (a) =>
      a.createParticipantConnection({
        ParticipantToken: 'pt-1',
        Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'],
        ConnectParticipant: true,
      }),
    autoClientToken: false,
    method: 'POST',
    path: '/participant/connection',
    bearer: 'pt-1',
    body: { Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'], ConnectParticipant: true },
  },
  SendMessage: {
    call: (a) => a.sendMessage({ ConnectionToken: 'ct-1', ContentType: 'text/plain', Content: 'hi' }),
    autoClientToken: true,
    method: 'POST',
    path: '/participant/message',
    bearer: 'ct-1',
    body: { ContentType: 'text/plain', Content: 'hi' },
  },
  SendEvent: {
    call: (a) =>
      a.sendEvent({ ConnectionToken: 'ct-1', ContentType: 'application/vnd.amazonaws.connect.event.typing' }),
    autoClientToken: true,
    method: 'POST',
    path: '/participant/event',
    bearer: 'ct-1',
    body: { ContentType: 'application/vnd.amazonaws.connect.event.typing' },
  },
  GetTranscript: {
    call: (a) =>
      a.getTranscript({
        ConnectionToken: 'ct-1',
        MaxResults: 15,
        ScanDirection: 'BACKWARD',
        SortOrder: 'ASCENDING',
        StartPosition: { MostRecent: 0 },
      }),
    autoClientToken: false,
    method: 'POST',
    path: '/participant/transcript',
    bearer: 'ct-1',
    body: {
      MaxResults: 15,
      ScanDirection: 'BACKWARD',
      SortOrder: 'ASCENDING',
      StartPosition: { MostRecent: 0 },
    },
  },
  DisconnectParticipant: {
    call: (a) => a.disconnectParticipant({ ConnectionToken: 'ct-1' }),
    autoClientToken: true,
    method: 'POST',
    path: '/participant/disconnect',
    bearer: 'ct-1',
    body: {},
  },
  StartAttachmentUpload: {
    call: (a) =>
      a.startAttachmentUpload({
        ConnectionToken: 'ct-1',
        ContentType: 'image/png',
        AttachmentSizeInBytes: 10,
        AttachmentName: 'a.png',
      }),
    autoClientToken: true,
    method: 'POST',
    path: '/participant/start-attachment-upload',
    bearer: 'ct-1',
    body: { ContentType: 'image/png', AttachmentSizeInBytes: 10, AttachmentName: 'a.png' },
  },
  CompleteAttachmentUpload: {
    call: (a) => a.completeAttachmentUpload({ ConnectionToken: 'ct-1', AttachmentIds: ['att1'] }),
    autoClientToken: true,
    method: 'POST',
    path: '/participant/complete-attachment-upload',
    bearer: 'ct-1',
    body: { AttachmentIds: ['att1'] },
  },
  GetAttachment: {
    call: (a) => a.getAttachment({ ConnectionToken: 'ct-1', AttachmentId: 'att1', UrlExpiryInSeconds: 60 }),
    autoClientToken: false,
    method: 'POST',
    path: '/participant/attachment',
    bearer: 'ct-1',
    body: { AttachmentId: 'att1', UrlExpiryInSeconds: 60 },
  },
  DescribeView: {
    call: (a) => a.describeView({ ConnectionToken: 'ct-1', ViewToken: 'vt/with space+plus' }),
    autoClientToken: false,
    method: 'GET',
    path: '/participant/views/vt%2Fwith%20space%2Bplus',
    bearer: 'ct-1',
    body: undefined,
  },
  GetAuthenticationUrl: {
    call: (a) =>
      a.getAuthenticationUrl({ ConnectionToken: 'ct-1', SessionId: sessionId, RedirectUri: 'https://x/y' }),
    autoClientToken: false,
    method: 'POST',
    path: '/participant/authentication-url',
    bearer: 'ct-1',
    body: { SessionId: sessionId, RedirectUri: 'https://x/y' },
  },
  CancelParticipantAuthentication: {
    call: (a) => a.cancelParticipantAuthentication({ ConnectionToken: 'ct-1', SessionId: sessionId }),
    autoClientToken: false,
    method: 'POST',
    path: '/participant/cancel-authentication',
    bearer: 'ct-1',
    body: { SessionId: sessionId },
  },
};
