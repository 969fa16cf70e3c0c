/**
 * Every failure connect-chat reports carries one of these codes, so apps branch on `error.code` rather than on
 * message text or HTTP status.
 */
export const ChatErrorCode = {
  /** 403 `AccessDeniedException`: the token is invalid or expired, or the participant has left the chat. */
  accessDenied: 'accessDenied',
  /** 400 `ValidationException` from the service, or input rejected locally before anything was sent. */
  validation: 'validation',
  /** 429, or `ThrottlingException` with any status. Retried by the adapters. */
  throttled: 'throttled',
  /** 500/502/503/504 or `InternalServerException`. Retried by the adapters. */
  serviceUnavailable: 'serviceUnavailable',
  /** 409 `ConflictException` (e.g. a receipt in a chat of more than two, an upload already completing). */
  conflict: 'conflict',
  /** 402 `ServiceQuotaExceededException` (too many attachments on the contact). */
  quotaExceeded: 'quotaExceeded',
  /** 404 `ResourceNotFoundException`. */
  notFound: 'notFound',
  /** The request never got an HTTP response (connection refused or reset, DNS, offline). Retried. */
  network: 'network',
  /** The caller's `AbortSignal` fired. Never retried. */
  aborted: 'aborted',
  /** The service answered with something that is not the documented shape (e.g. an HTML error page). */
  invalidResponse: 'invalidResponse',
  /** The platform lacks something connect-chat needs (e.g. no `WebSocket` constructor). */
  unsupported: 'unsupported',
  /** The chat ended, the participant left, or the connection was closed; nothing more can be done with it. */
  ended: 'ended',
  /** The session is not connected yet: `connect()` was not called, or it failed and was not called again. */
  notConnected: 'notConnected',
  /** The outbox is full: too many sends are waiting for the connection to come back. Nothing was sent. */
  queueFull: 'queueFull',
  /** An error the service named but connect-chat does not know, or that has no name at all. */
  unknown: 'unknown',
} as const;

export type ChatErrorCode = (typeof ChatErrorCode)[keyof typeof ChatErrorCode];

/** Details attached to a {@link ChatError}. */
export interface ChatErrorOptions {
  /** The HTTP status of the response that failed, when there was one. */
  status?: number | undefined;
  /** The service's request id (`x-amzn-RequestId`), for support cases. */
  requestId?: string | undefined;
  /** The error name the service sent (e.g. `ThrottlingException`), after the SDK's sanitising rules. */
  serviceErrorName?: string | undefined;
  /** The participant-API operation that failed, e.g. `SendMessage`. */
  operation?: string | undefined;
  /** How many HTTP attempts were made, retries included. */
  attempts?: number | undefined;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * The one error type connect-chat throws and rejects with.
 *
 * @example
 * ```ts
 * try {
 *   await api.sendMessage({ ConnectionToken, ContentType: 'text/plain', Content: 'hi' });
 * } catch (error) {
 *   if (isChatError(error) && error.code === 'throttled') showSlowDown();
 * }
 * ```
 */
export class ChatError extends Error {
  override readonly name = 'ChatError';
  /** What went wrong, as a stable code. */
  readonly code: ChatErrorCode;
  /** The HTTP status, when the failure came from an HTTP response. */
  readonly status: number | undefined;
  /** The service's request id, when it sent one. */
  readonly requestId: string | undefined;
  /** The service's error name, when it sent one. */
  readonly serviceErrorName: string | undefined;
  /** The participant-API operation that failed. */
  readonly operation: string | undefined;
  /** How many HTTP attempts were made. */
  readonly attempts: number | undefined;

  constructor(code: ChatErrorCode, message: string, options: ChatErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.requestId = options.requestId;
    this.serviceErrorName = options.serviceErrorName;
    this.operation = options.operation;
    this.attempts = options.attempts;
  }

  /** Whether waiting and trying the same request again may succeed. */
  get retryable(): boolean {
    return isRetryableCode(this.code);
  }
}

const retryableCodes: ReadonlySet<ChatErrorCode> = new Set<ChatErrorCode>([
  ChatErrorCode.throttled,
  ChatErrorCode.serviceUnavailable,
  ChatErrorCode.network,
]);

/** Whether failures with this code are transient (throttling, 5xx, network). */
export function isRetryableCode(code: ChatErrorCode): boolean {
  return retryableCodes.has(code);
}

/** Narrows an unknown thrown value to a {@link ChatError}. */
export function isChatError(value: unknown): value is ChatError {
  return value instanceof ChatError;
}

/**
 * Maps a service error name (already sanitised: `ThrottlingException`, not `...#ThrottlingException:...`) and
 * HTTP status to a code, the way the AWS SDK decides what an error is: the name wins, the status decides when the
 * name is unknown or missing.
 */
export function chatErrorCodeFor(
  serviceErrorName: string | undefined,
  status: number | undefined,
): ChatErrorCode {
  switch (serviceErrorName) {
    case 'AccessDeniedException':
      return ChatErrorCode.accessDenied;
    case 'ValidationException':
      return ChatErrorCode.validation;
    case 'ThrottlingException':
    case 'TooManyRequestsException':
    case 'Throttling':
    case 'ThrottledException':
    case 'RequestLimitExceeded':
    case 'RequestThrottled':
    case 'RequestThrottledException':
    case 'SlowDown':
    case 'ProvisionedThroughputExceededException':
    case 'TransactionInProgressException':
    case 'BandwidthLimitExceeded':
    case 'LimitExceededException':
    case 'PriorRequestNotComplete':
    case 'EC2ThrottledException':
      return ChatErrorCode.throttled;
    case 'InternalServerException':
      return ChatErrorCode.serviceUnavailable;
    case 'ConflictException':
      return ChatErrorCode.conflict;
    case 'ServiceQuotaExceededException':
      return ChatErrorCode.quotaExceeded;
    case 'ResourceNotFoundException':
      return ChatErrorCode.notFound;
    case 'TimeoutError':
    case 'RequestTimeout':
    case 'RequestTimeoutException':
      return ChatErrorCode.serviceUnavailable;
  }
  if (status === 429) return ChatErrorCode.throttled;
  if (status === 500 || status === 502 || status === 503 || status === 504)
    return ChatErrorCode.serviceUnavailable;
  return ChatErrorCode.unknown;
}
