/**
 * ChatJS 5.0.0's constants that apps can observe: the content types `sendMessage`/`sendEvent` accept (in ChatJS's
 * order, which shows in its error message), the internal event names, the levels and the session types.
 */

const event = 'application/vnd.amazonaws.connect.event.';

/** Content types with a name, as ChatJS spells them. */
export const LegacyContentType = {
  typing: `${event}typing`,
  messageRead: `${event}message.read`,
  messageDelivered: `${event}message.delivered`,
  participantJoined: `${event}participant.joined`,
  participantLeft: `${event}participant.left`,
  participantIdle: `${event}participant.idle`,
  participantReturned: `${event}participant.returned`,
  participantInvited: `${event}participant.invited`,
  autoDisconnection: `${event}participant.autodisconnection`,
  displayNameUpdated: `${event}participant.displayname.updated`,
  transferSucceeded: `${event}transfer.succeeded`,
  transferFailed: `${event}transfer.failed`,
  chatEnded: `${event}chat.ended`,
  chatRehydrated: `${event}chat.rehydrated`,
  connectionAcknowledged: `${event}connection.acknowledged`,
  authenticationInitiated: `${event}authentication.initiated`,
  authenticationSucceeded: `${event}authentication.succeeded`,
  authenticationFailed: `${event}authentication.failed`,
  authenticationTimeout: `${event}authentication.timeout`,
  authenticationExpired: `${event}authentication.expired`,
  authenticationCancelled: `${event}authentication.cancelled`,
  workflowCancelled: `${event}workflow.cancelled`,
} as const;

/**
 * Every content type ChatJS's `sendMessage` and `sendEvent` accept, in ChatJS's order (legacy-chatjs §8.4). The
 * service accepts far fewer; the rest are refused by the Participant Service (or, here, before the wire).
 */
export const legacyContentTypes: readonly string[] = [
  'text/plain',
  'text/markdown',
  'text/csv',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/json',
  'application/pdf',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  LegacyContentType.authenticationInitiated,
  LegacyContentType.authenticationSucceeded,
  LegacyContentType.authenticationFailed,
  LegacyContentType.authenticationTimeout,
  LegacyContentType.authenticationExpired,
  LegacyContentType.authenticationCancelled,
  LegacyContentType.displayNameUpdated,
  'image/jpeg',
  'image/png',
  'audio/wav',
  'audio/x-wav',
  'audio/vnd.wave',
  LegacyContentType.connectionAcknowledged,
  LegacyContentType.typing,
  LegacyContentType.participantJoined,
  LegacyContentType.participantLeft,
  `${event}participant.active`,
  `${event}participant.inactive`,
  LegacyContentType.transferSucceeded,
  LegacyContentType.transferFailed,
  LegacyContentType.chatEnded,
  'application/vnd.amazonaws.connect.message.interactive',
  'application/vnd.amazonaws.connect.message.interactive.response',
  LegacyContentType.messageRead,
  LegacyContentType.messageDelivered,
  LegacyContentType.participantIdle,
  LegacyContentType.participantReturned,
  LegacyContentType.participantInvited,
  LegacyContentType.autoDisconnection,
  LegacyContentType.chatRehydrated,
  LegacyContentType.workflowCancelled,
];

/** ChatJS's internal event names (`CHAT_EVENTS`); `controller.subscribe(name, fn)` takes them. */
export const ChatEvent = {
  message: 'INCOMING_MESSAGE',
  typing: 'INCOMING_TYPING',
  readReceipt: 'INCOMING_READ_RECEIPT',
  deliveredReceipt: 'INCOMING_DELIVERED_RECEIPT',
  connectionEstablished: 'CONNECTION_ESTABLISHED',
  connectionLost: 'CONNECTION_LOST',
  connectionBroken: 'CONNECTION_BROKEN',
  ended: 'CHAT_ENDED',
  participantIdle: 'PARTICIPANT_IDLE',
  participantReturned: 'PARTICIPANT_RETURNED',
  participantInvited: 'PARTICIPANT_INVITED',
  autoDisconnection: 'AUTODISCONNECTION',
  deepHeartbeatSuccess: 'DEEP_HEARTBEAT_SUCCESS',
  deepHeartbeatFailure: 'DEEP_HEARTBEAT_FAILURE',
  authenticationInitiated: 'AUTHENTICATION_INITIATED',
  authenticationSuccessful: 'AUTHENTICATION_SUCCESSFUL',
  authenticationFailed: 'AUTHENTICATION_FAILED',
  authenticationTimeout: 'AUTHENTICATION_TIMEOUT',
  authenticationExpired: 'AUTHENTICATION_EXPIRED',
  authenticationCanceled: 'AUTHENTICATION_CANCELED',
  displayNameUpdated: 'PARTICIPANT_DISPLAY_NAME_UPDATED',
  chatRehydrated: 'CHAT_REHYDRATED',
  transcriptUpdated: 'TRANSCRIPT_UPDATED',
} as const;

/** One of ChatJS's internal event names. */
export type ChatEventName = (typeof ChatEvent)[keyof typeof ChatEvent];

/**
 * Where an incoming item goes, by content type (legacy-chatjs §8.2). Anything not listed, and every message or
 * attachment, goes to `INCOMING_MESSAGE`; read/delivered receipts are decided by their timestamps, not here.
 */
export const eventByContentType: Readonly<Record<string, ChatEventName>> = {
  [LegacyContentType.typing]: ChatEvent.typing,
  [LegacyContentType.participantIdle]: ChatEvent.participantIdle,
  [LegacyContentType.participantReturned]: ChatEvent.participantReturned,
  [LegacyContentType.participantInvited]: ChatEvent.participantInvited,
  [LegacyContentType.autoDisconnection]: ChatEvent.autoDisconnection,
  [LegacyContentType.authenticationInitiated]: ChatEvent.authenticationInitiated,
  [LegacyContentType.authenticationSucceeded]: ChatEvent.authenticationSuccessful,
  [LegacyContentType.authenticationFailed]: ChatEvent.authenticationFailed,
  [LegacyContentType.authenticationTimeout]: ChatEvent.authenticationTimeout,
  [LegacyContentType.authenticationExpired]: ChatEvent.authenticationExpired,
  [LegacyContentType.authenticationCancelled]: ChatEvent.authenticationCanceled,
  [LegacyContentType.displayNameUpdated]: ChatEvent.displayNameUpdated,
  [LegacyContentType.chatRehydrated]: ChatEvent.chatRehydrated,
};

/** `connect.ChatSession.LogLevel` and `connect.LogLevel`. */
export const LogLevel = {
  DEBUG: 10,
  INFO: 20,
  WARN: 30,
  ERROR: 40,
  ADVANCED_LOG: 50,
} as const;

/** `connect.ChatSession.SessionTypes`. */
export const SessionTypes = { AGENT: 'AGENT', CUSTOMER: 'CUSTOMER' } as const;

/** The ChatJS feature flag that turns read/delivered receipts on. */
export const messageReceiptsFeature = 'MESSAGE_RECEIPTS_ENABLED';

/** ChatJS's default receipt throttle window. @defaultValue 5000 */
export const defaultLegacyReceiptThrottleMs = 5_000;

/** ChatJS's default region. @defaultValue `'us-west-2'` */
export const defaultLegacyRegion = 'us-west-2';

/** ChatJS's default `getTranscript` page size. @defaultValue 15 */
export const defaultLegacyTranscriptPageSize = 15;

/** The transport lifetime ChatJS reports in `connectionDetails`. @defaultValue 3540 */
export const legacyTransportLifetimeSeconds = 3_540;

/** The ChatJS version whose API this package implements. */
export const chatJsApiVersion = '5.0.0';
