import { type ChatError, chatErrorCodeFor, type ParticipantOperation } from '@connect-chat/core';
import { abortedFailure, chatErrorFor, type FailureDetails, serviceFailureReason } from '../failure';
import { retryKindFor } from '../retry-policy';

/** The parts of an AWS SDK error the mapping reads. */
interface SdkErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: {
    readonly httpStatusCode?: number;
    readonly requestId?: string;
    readonly attempts?: number;
  };
}

const timeoutNames: ReadonlySet<string> = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

function shapeOf(error: unknown): SdkErrorShape {
  return typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};
}

function networkFailure(error: unknown): FailureDetails {
  return {
    code: 'network',
    reason: 'the request failed before a response arrived',
    retryKind: 'transient',
    cause: error,
  };
}

/**
 * Classifies an error thrown by `ConnectParticipantClient.send` the same way the fetch adapter classifies a
 * response: the SDK's error name and `$metadata.httpStatusCode` give the code; a deserialization error (non-JSON
 * body) is `invalidResponse`; no response at all is `network`; an abort is `aborted`.
 */
export function failureFromSdkError(error: unknown, signal: AbortSignal | undefined): FailureDetails {
  const shape = shapeOf(error);
  const name = typeof shape.name === 'string' ? shape.name : undefined;
  if (signal?.aborted || name === 'AbortError') return { ...abortedFailure, cause: error };

  const status = shape.$metadata?.httpStatusCode;
  const requestId = shape.$metadata?.requestId;
  if (status === undefined) {
    if (error instanceof TypeError || typeof shape.code === 'string') return networkFailure(error);
    if (name !== undefined && timeoutNames.has(name)) return networkFailure(error);
    return { code: 'unknown', reason: 'an unexpected error occurred', cause: error };
  }
  if (shape.$fault === undefined) {
    // The SDK failed to deserialize the body (e.g. an HTML page): it retried by status, like the fetch adapter.
    const failed = status < 200 || status >= 300;
    return {
      code: 'invalidResponse',
      reason: `the service answered ${status} with a body that is not JSON`,
      status,
      requestId,
      retryKind: failed ? retryKindFor(status, undefined) : undefined,
      cause: error,
    };
  }
  // The SDK names an error without a code `Unknown` and one without a message `UnknownError`.
  const serviceErrorName = name === 'Unknown' ? undefined : name;
  const message =
    typeof shape.message === 'string' && shape.message !== 'UnknownError' ? shape.message : undefined;
  return {
    code: chatErrorCodeFor(serviceErrorName, status),
    reason: serviceFailureReason(status, serviceErrorName, message),
    status,
    requestId,
    serviceErrorName,
    retryKind: retryKindFor(status, serviceErrorName),
    cause: error,
  };
}

/** How many attempts the SDK reports for a failed call (`$metadata.attempts`), at least 1. */
export function sdkAttempts(error: unknown): number {
  return shapeOf(error).$metadata?.attempts ?? 1;
}

/** Maps an error thrown by the AWS SDK to the `ChatError` the fetch adapter would give for the same response. */
export function chatErrorFromSdk(
  error: unknown,
  operation: ParticipantOperation,
  signal: AbortSignal | undefined,
  secrets: readonly string[],
): ChatError {
  return chatErrorFor(operation, failureFromSdkError(error, signal), sdkAttempts(error), secrets);
}
