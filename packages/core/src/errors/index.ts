export type { ChatErrorOptions } from './chat-error';
export { ChatError, ChatErrorCode, chatErrorCodeFor, isChatError, isRetryableCode } from './chat-error';
