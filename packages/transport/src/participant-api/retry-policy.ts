import { type ChatErrorCode, chatErrorCodeFor } from '@connect-chat/core';

/**
 * Computes how long to wait before retrying a failed call.
 *
 * @param attempt - the number of the attempt that just failed (1 for the first).
 * @param code - the failure's code (`throttled`, `serviceUnavailable`, `network`, ...).
 * @param random - a source of uniform numbers in [0, 1), for jitter.
 * @returns the delay in milliseconds.
 */
export type RetryDelay = (attempt: number, code: ChatErrorCode, random: () => number) => number;

/**
 * Backoff base for throttling errors, in milliseconds.
 *
 * @defaultValue 500
 */
export const throttlingRetryBaseDelay = 500;

/**
 * Backoff base for transient errors (5xx, timeouts, network failures), in milliseconds.
 *
 * @defaultValue 100
 */
export const transientRetryBaseDelay = 100;

/**
 * Upper bound of any retry delay, in milliseconds.
 *
 * @defaultValue 20000
 */
export const maxRetryDelay = 20_000;

/**
 * How many HTTP attempts a call makes at most, the first included.
 *
 * @defaultValue 3
 */
export const defaultMaxAttempts = 3;

/**
 * The default {@link RetryDelay}: exponential backoff with full jitter, like the AWS SDK's standard mode.
 * The window doubles per attempt from {@link throttlingRetryBaseDelay} (throttling) or
 * {@link transientRetryBaseDelay} (anything else), capped at {@link maxRetryDelay}; the delay is a uniform pick
 * inside that window.
 */
export const defaultRetryDelay: RetryDelay = (attempt, code, random) => {
  const base = code === 'throttled' ? throttlingRetryBaseDelay : transientRetryBaseDelay;
  const window = Math.min(maxRetryDelay, base * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * window);
};

/** Why a failed attempt may be retried: the service asked us to slow down, or the failure is transient. */
export type RetryKind = 'throttling' | 'transient';

const transientStatuses: ReadonlySet<number> = new Set([500, 502, 503, 504]);
const transientErrorNames: ReadonlySet<string> = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/**
 * Classifies an HTTP failure the way the SDK's standard retry mode does: 429 or a throttling error name is
 * throttling (whatever the status), 500/502/503/504 or a timeout name is transient, anything else is final.
 */
export function retryKindFor(status: number, serviceErrorName: string | undefined): RetryKind | undefined {
  if (status === 429) return 'throttling';
  if (serviceErrorName !== undefined && chatErrorCodeFor(serviceErrorName, undefined) === 'throttled') {
    return 'throttling';
  }
  if (transientStatuses.has(status)) return 'transient';
  if (serviceErrorName !== undefined && transientErrorNames.has(serviceErrorName)) return 'transient';
  return undefined;
}
