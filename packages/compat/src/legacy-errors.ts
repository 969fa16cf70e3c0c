/**
 * The error shapes ChatJS apps catch: the `ValueError`/`IllegalArgumentException` classes thrown for bad input,
 * the plain string a call before `connect()` (or after the chat ended) rejects with, and the plain object a
 * service error rejects with (legacy-chatjs §5.3). Core's `ChatError`s are translated here and nowhere else.
 */
import { type ChatError, ChatErrorCode, isChatError } from '@connect-chat/core';
import type { ParticipantServiceError } from './legacy.types';

/** ChatJS's base error for bad values (e.g. a subscription callback that is not a function). */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** ChatJS's error for bad arguments (`name: "IllegalArgument"`); `argument` holds the offending value. */
export class IllegalArgumentException extends ValueError {
  override name = 'IllegalArgument';
  /** The value that was refused. */
  readonly argument: unknown;

  constructor(message: string, argument?: unknown) {
    super(message);
    this.argument = argument;
  }
}

/** What a call made before `connect()` or after the chat ended rejects with, as in ChatJS. */
export function noActiveConnection(method: string): string {
  return `Failed to call ${method}, No active connection`;
}

const typeByCode: Readonly<Partial<Record<ChatErrorCode, string>>> = {
  [ChatErrorCode.validation]: 'ValidationException',
  [ChatErrorCode.accessDenied]: 'AccessDeniedException',
  [ChatErrorCode.throttled]: 'ThrottlingException',
  [ChatErrorCode.serviceUnavailable]: 'InternalServerException',
  [ChatErrorCode.conflict]: 'ConflictException',
  [ChatErrorCode.quotaExceeded]: 'ServiceQuotaExceededException',
  [ChatErrorCode.notFound]: 'ResourceNotFoundException',
  // ChatJS surfaces a failed fetch as the TypeError the browser throws.
  [ChatErrorCode.network]: 'TypeError',
  [ChatErrorCode.aborted]: 'AbortError',
};

// Transport phrases a service error as "... the service answered 403 AccessDeniedException: <message>".
const serviceMessagePattern = /the service answered \d+(?: [^\s:]+)?: (.*)$/s;

/** The service's own message inside a core error, as ChatJS reports it (`"UnknownError"` when none). */
export function serviceMessageOf(error: ChatError): string {
  const match = serviceMessagePattern.exec(error.message);
  if (match?.[1]) return match[1];
  return error.status !== undefined ? 'UnknownError' : error.message;
}

/** The status the service answers input it refuses with; input refused before the wire reports it too. */
const validationStatus = 400;

/**
 * Translates anything a call failed with into ChatJS's rejection object
 * `{ type, message, stack, statusCode, metadata }`. Input refused before the wire (core's own checks) has the shape
 * of the service's answer to it, a `ValidationException` with status 400, and keeps core's clear message.
 */
export function toServiceError(error: unknown, metadata: unknown): ParticipantServiceError {
  if (!isChatError(error)) {
    const fallback = error instanceof Error ? error : new Error(String(error));
    return {
      type: fallback.name,
      message: fallback.message,
      stack: stackLines(fallback),
      statusCode: undefined,
      metadata,
    };
  }
  return {
    type: error.serviceErrorName ?? typeByCode[error.code] ?? 'UnknownError',
    message: serviceMessageOf(error),
    stack: stackLines(error),
    statusCode: error.status ?? (error.code === ChatErrorCode.validation ? validationStatus : undefined),
    metadata,
  };
}

/**
 * The `TypeError` ChatJS throws when it reads `property` of a missing value (an argument object left out, or the
 * connection helper that exists only once `connect()` has fetched the connection details). Worded as V8 words it,
 * the engine of the browsers and Node most ChatJS apps run on.
 */
export function missingValueRead(value: null | undefined, property: string): TypeError {
  return new TypeError(`Cannot read properties of ${String(value)} (reading '${property}')`);
}

/** The `TypeError` of writing `property` on a value that cannot hold one, as V8 words it. */
export function propertyWriteRefused(value: unknown, property: string): TypeError {
  if (value === null || value === undefined)
    return new TypeError(`Cannot set properties of ${String(value)} (setting '${property}')`);
  const shown = typeof value === 'string' ? `'${value}'` : String(value);
  return new TypeError(`Cannot create property '${property}' on ${typeof value} ${shown}`);
}

function stackLines(error: Error): string[] {
  return (error.stack ?? `${error.name}: ${error.message}`).split('\n');
}

/** Whether a core error means the session cannot serve calls any more (never connected, failed, or ended). */
export function isInactive(error: unknown): boolean {
  return (
    isChatError(error) && (error.code === ChatErrorCode.notConnected || error.code === ChatErrorCode.ended)
  );
}
