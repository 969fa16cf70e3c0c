import { ChatError, type ChatErrorCode, type ParticipantOperation } from '@connect-chat/core';
import { describeOperation } from './operations';
import type { RetryKind } from './retry-policy';

/** What went wrong in one attempt, before it becomes the caller-facing {@link ChatError}. */
export interface FailureDetails {
  readonly code: ChatErrorCode;
  /** Why it went wrong, in words, without the `unable to ...;` prefix. */
  readonly reason: string;
  readonly status?: number | undefined;
  readonly requestId?: string | undefined;
  readonly serviceErrorName?: string | undefined;
  /** Set when trying the same request again may succeed. */
  readonly retryKind?: RetryKind | undefined;
  readonly cause?: unknown;
}

/** Thrown inside the request pipeline for one failed attempt; converted to a `ChatError` at the edge. */
export class AttemptFailure extends Error {
  override readonly name = 'AttemptFailure';
  readonly details: FailureDetails;

  constructor(details: FailureDetails) {
    super(details.reason);
    this.details = details;
  }
}

/** The details of whatever a pipeline step threw; anything but an {@link AttemptFailure} is `unknown`. */
export function failureOf(error: unknown): FailureDetails {
  if (error instanceof AttemptFailure) return error.details;
  return { code: 'unknown', reason: 'an unexpected error occurred', cause: error };
}

/** The failure reason for an HTTP error response: `the service answered 403 AccessDeniedException: ...`. */
export function serviceFailureReason(
  status: number,
  serviceErrorName: string | undefined,
  serviceMessage: string | undefined,
): string {
  const named = serviceErrorName === undefined ? `${status}` : `${status} ${serviceErrorName}`;
  return serviceMessage === undefined
    ? `the service answered ${named}`
    : `the service answered ${named}: ${serviceMessage}`;
}

/** Failure details for a call aborted by its signal. */
export const abortedFailure: FailureDetails = { code: 'aborted', reason: 'the call was aborted' };

const redacted = '[redacted]';

function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce(
    (result, secret) => (secret === '' ? result : result.split(secret).join(redacted)),
    text,
  );
}

/**
 * Builds the `ChatError` a participant-API call rejects with. Any of `secrets` (the call's tokens) found in the
 * text is replaced, so a service that echoes a token cannot leak it into an error message.
 */
export function chatErrorFor(
  operation: ParticipantOperation,
  details: FailureDetails,
  attempts: number,
  secrets: readonly string[],
): ChatError {
  const message = redact(`unable to ${describeOperation(operation)}; ${details.reason}`, secrets);
  return new ChatError(details.code, message, {
    status: details.status,
    requestId: details.requestId,
    serviceErrorName: details.serviceErrorName,
    operation,
    attempts,
    cause: details.cause,
  });
}
