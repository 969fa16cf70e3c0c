import type { ParticipantOperation } from '@connect-chat/core';
import { abortableDelay } from './abort';
import { AttemptFailure, abortedFailure, failureOf } from './failure';
import type { ParticipantApiLogger } from './logger';
import type { RetryDelay } from './retry-policy';

/** One serialized Participant Service request, before the base URL is applied. */
export interface ParticipantRequest {
  readonly method: 'GET' | 'POST';
  /** Path and encoded labels, starting with `/`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body; `undefined` for GET. Serialized once, so every retry sends the same bytes. */
  readonly body: string | undefined;
}

/** Per-call state shared by the steps. */
export interface CallContext {
  readonly operation: ParticipantOperation;
  /** The bearer token; only the auth step reads it. */
  readonly token: string;
  readonly signal: AbortSignal | undefined;
  /** The number of the attempt in flight (1 for the first); 0 before any attempt. */
  attempt: number;
}

/** A successful response, parsed. */
export interface ParticipantResponse {
  readonly status: number;
  readonly requestId: string | undefined;
  readonly output: Record<string, unknown>;
}

/** Sends a request and resolves with the parsed response, or rejects with an {@link AttemptFailure}. */
export type RequestHandler = (
  request: ParticipantRequest,
  context: CallContext,
) => Promise<ParticipantResponse>;

/** A named, ordered concern wrapped around the handler that follows it. */
export type RequestStep = (next: RequestHandler) => RequestHandler;

/** Wraps `terminal` in `steps`, the first step outermost. */
export function composeSteps(steps: readonly RequestStep[], terminal: RequestHandler): RequestHandler {
  return steps.reduceRight<RequestHandler>((next, step) => step(next), terminal);
}

function withHeader(request: ParticipantRequest, name: string, value: string): ParticipantRequest {
  return { ...request, headers: { ...request.headers, [name]: value } };
}

/** Puts the call's token in `X-Amz-Bearer`, the only credential the service reads. */
export const bearerTokenStep: RequestStep = (next) => (request, context) =>
  next(withHeader(request, 'x-amz-bearer', context.token), context);

/** Adds `x-amz-user-agent`. */
export function userAgentStep(userAgent: string): RequestStep {
  return (next) => (request, context) => next(withHeader(request, 'x-amz-user-agent', userAgent), context);
}

/** Settings of {@link retryStep}. */
export interface RetrySettings {
  readonly maxAttempts: number;
  readonly retryDelay: RetryDelay;
  readonly random: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly logger: ParticipantApiLogger | undefined;
}

/**
 * Retries throttling and transient failures up to `maxAttempts`, waiting `retryDelay` between attempts. Never
 * retries after the signal aborted; an abort during the wait rejects at once.
 */
export function retryStep(settings: RetrySettings): RequestStep {
  return (next) => async (request, context) => {
    for (;;) {
      if (context.signal?.aborted) throw new AttemptFailure(abortedFailure);
      context.attempt += 1;
      try {
        return await next(request, context);
      } catch (error) {
        // Once the caller has aborted, the call settles as aborted whatever the attempt ended with.
        if (context.signal?.aborted) throw new AttemptFailure({ ...abortedFailure, cause: error });
        const failure = failureOf(error);
        if (failure.retryKind === undefined || context.attempt >= settings.maxAttempts) throw error;
        const delayMs = Math.max(0, settings.retryDelay(context.attempt, failure.code, settings.random));
        settings.logger?.warn('participant-api retrying', {
          operation: context.operation,
          attempt: context.attempt,
          status: failure.status,
          code: failure.code,
          requestId: failure.requestId,
          delayMs,
        });
        await abortableDelay(
          settings.sleep,
          delayMs,
          context.signal,
          () => new AttemptFailure(abortedFailure),
        );
      }
    }
  };
}

/** Logs every attempt's outcome: operation, attempt, status and request id. Never the request itself. */
export function loggingStep(logger: ParticipantApiLogger | undefined): RequestStep {
  if (logger === undefined) return (next) => next;
  return (next) => async (request, context) => {
    logger.debug('participant-api request', { operation: context.operation, attempt: context.attempt });
    try {
      const response = await next(request, context);
      logger.debug('participant-api response', {
        operation: context.operation,
        attempt: context.attempt,
        status: response.status,
        requestId: response.requestId,
      });
      return response;
    } catch (error) {
      const failure = failureOf(error);
      logger.info('participant-api attempt failed', {
        operation: context.operation,
        attempt: context.attempt,
        status: failure.status,
        code: failure.code,
        serviceErrorName: failure.serviceErrorName,
        requestId: failure.requestId,
      });
      throw error;
    }
  };
}
