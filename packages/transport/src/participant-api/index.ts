export type { EndpointOptions } from './endpoint';
export { regionalEndpoint } from './endpoint';
export type { FetchParticipantApiOptions } from './fetch-participant-api';
export { createFetchParticipantApi } from './fetch-participant-api';
export type { FetchLike } from './fetch-send';
export type { ParticipantApiLogger } from './logger';
export type { BearerTokenField, OperationSpec, ParticipantApiMethod } from './operations';
export { participantOperations } from './operations';
export type { RetryDelay, RetryKind } from './retry-policy';
export {
  defaultMaxAttempts,
  defaultRetryDelay,
  maxRetryDelay,
  retryKindFor,
  throttlingRetryBaseDelay,
  transientRetryBaseDelay,
} from './retry-policy';
export { sanitizeErrorName } from './service-error';
export { connectChatUserAgentToken, connectChatVersion } from './user-agent';
