/** Content types and limits of the Participant Service, in one place for the adapters, the emulator and core. */

/** Message content types `SendMessage` accepts. */
export const MessageContentType = {
  plainText: 'text/plain',
  markdown: 'text/markdown',
  json: 'application/json',
  interactiveResponse: 'application/vnd.amazonaws.connect.message.interactive.response',
  /** Received only: an interactive template sent by a bot or flow. */
  interactive: 'application/vnd.amazonaws.connect.message.interactive',
} as const;

const eventPrefix = 'application/vnd.amazonaws.connect.event.';

/** Event content types, sent with `SendEvent` or received on the socket. */
export const EventContentType = {
  typing: `${eventPrefix}typing`,
  messageDelivered: `${eventPrefix}message.delivered`,
  messageRead: `${eventPrefix}message.read`,
  messageMetadata: `${eventPrefix}message.metadata`,
  connectionAcknowledged: `${eventPrefix}connection.acknowledged`,
  participantJoined: `${eventPrefix}participant.joined`,
  participantLeft: `${eventPrefix}participant.left`,
  participantInvited: `${eventPrefix}participant.invited`,
  participantIdle: `${eventPrefix}participant.idle`,
  participantReturned: `${eventPrefix}participant.returned`,
  participantAutoDisconnection: `${eventPrefix}participant.autodisconnection`,
  participantDisplayNameUpdated: `${eventPrefix}participant.displayname.updated`,
  participantActive: `${eventPrefix}participant.active`,
  participantInactive: `${eventPrefix}participant.inactive`,
  chatEnded: `${eventPrefix}chat.ended`,
  chatRehydrated: `${eventPrefix}chat.rehydrated`,
  transferSucceeded: `${eventPrefix}transfer.succeeded`,
  transferFailed: `${eventPrefix}transfer.failed`,
  authenticationInitiated: `${eventPrefix}authentication.initiated`,
  authenticationSucceeded: `${eventPrefix}authentication.succeeded`,
  authenticationFailed: `${eventPrefix}authentication.failed`,
  authenticationTimeout: `${eventPrefix}authentication.timeout`,
  authenticationExpired: `${eventPrefix}authentication.expired`,
  authenticationCancelled: `${eventPrefix}authentication.cancelled`,
  workflowCancelled: `${eventPrefix}workflow.cancelled`,
} as const;

/** Content types `SendEvent` accepts. */
export const sendableEventContentTypes: readonly string[] = [
  EventContentType.typing,
  EventContentType.messageDelivered,
  EventContentType.messageRead,
  EventContentType.connectionAcknowledged,
];

/** Per-content-type maximum `Content` length for `SendMessage` (in UTF-16 code units, as the service counts). */
export const messageContentMaxLength: Readonly<Record<string, number>> = {
  [MessageContentType.plainText]: 1024,
  [MessageContentType.markdown]: 1024,
  [MessageContentType.json]: 12000,
  [MessageContentType.interactiveResponse]: 12288,
};

/** Attachment MIME types the service allows by default (instances may allow more). */
export const defaultAttachmentContentTypes: readonly string[] = [
  'text/csv',
  'text/plain',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/pdf',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/jpeg',
  'image/png',
  'audio/wav',
  'audio/x-wav',
  'audio/vnd.wave',
];

/** The service's attachment size limit: 20 MB. */
export const maxAttachmentSizeInBytes = 20 * 1024 * 1024;
