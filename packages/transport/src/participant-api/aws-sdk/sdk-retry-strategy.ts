import type { ConnectParticipantClientConfig } from '@aws-sdk/client-connectparticipant';
import type { RetryDelay } from '../retry-policy';
import { failureFromSdkError } from './sdk-error';

type AnyRetryStrategy = NonNullable<ConnectParticipantClientConfig['retryStrategy']>;

/** The SDK's token-based retry strategy interface, taken from the client's own config type. */
export type SdkRetryStrategy = Extract<AnyRetryStrategy, { acquireInitialRetryToken: unknown }>;

type SdkRetryToken = Awaited<ReturnType<SdkRetryStrategy['acquireInitialRetryToken']>>;
type SdkRetryErrorInfo = Parameters<SdkRetryStrategy['refreshRetryTokenForRetry']>[1];

/** Settings of {@link createSdkRetryStrategy}. */
export interface SdkRetrySettings {
  readonly maxAttempts: number;
  readonly retryDelay: RetryDelay;
  readonly random: () => number;
}

function retryToken(retryCount: number, delayMs: number): SdkRetryToken {
  return { getRetryCount: () => retryCount, getRetryDelay: () => delayMs };
}

/**
 * A retry strategy for `ConnectParticipantClient` that makes the same decisions as the fetch adapter: throttling,
 * transient and network failures are retried up to `maxAttempts`, waiting `retryDelay`. The SDK's retry middleware
 * performs the wait and abandons it when the call's `abortSignal` fires.
 */
export function createSdkRetryStrategy(settings: SdkRetrySettings): SdkRetryStrategy {
  return {
    acquireInitialRetryToken: async () => retryToken(0, 0),
    refreshRetryTokenForRetry: async (token: SdkRetryToken, info: SdkRetryErrorInfo) => {
      const failure = failureFromSdkError(info.error, undefined);
      const sdkRetryable = info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT';
      const retryable = failure.code !== 'aborted' && (sdkRetryable || failure.retryKind !== undefined);
      const attempt = token.getRetryCount() + 1;
      if (!retryable || attempt >= settings.maxAttempts) throw new Error('no retry token available');
      const code = info.errorType === 'THROTTLING' ? 'throttled' : failure.code;
      return retryToken(attempt, Math.max(0, settings.retryDelay(attempt, code, settings.random)));
    },
    recordSuccess: () => {},
  };
}
