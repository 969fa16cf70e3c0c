export { ChatError, ChatErrorCode, chatErrorCodeFor, isChatError, isRetryableCode } from './chat-error';
export type { ChatErrorOptions } from './chat-error';
