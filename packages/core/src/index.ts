/**
 * `@connect-chat/core`: typed Amazon Connect chat sessions on explicit state machines.
 *
 * This entry is pure: importing it touches no DOM, no Node API and no global.
 */

export * from './attachment-upload';
export * from './connection';
export * from './devtools';
export { coreVersion } from './diagnostics';
export type { ChatErrorOptions } from './errors';
export { ChatError, ChatErrorCode, chatErrorCodeFor, isChatError, isRetryableCode } from './errors';
export * from './heartbeat';
export * from './outbox';
export * from './platform';
export {
  defaultAttachmentContentTypes,
  EventContentType,
  MessageContentType,
  maxAttachmentSizeInBytes,
  messageContentMaxLength,
  sendableEventContentTypes,
} from './protocol/content-types';
export type * from './protocol/item.types';
export type * from './protocol/participant-api.types';
export * from './receipts';
export * from './session';
export type * from './socket/chat-socket.types';
export type * from './socket/managed-socket.types';
export * from './transcript';
