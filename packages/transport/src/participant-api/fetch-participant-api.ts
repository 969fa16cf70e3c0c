import type { ParticipantApi } from '@connect-chat/core';
import { timerSleep } from './abort';
import type { EndpointOptions } from './endpoint';
import { resolveBaseUrl } from './endpoint';
import { AttemptFailure, abortedFailure, chatErrorFor, failureOf } from './failure';
import { type FetchLike, parseResponse, sendRequest } from './fetch-send';
import type { ParticipantApiLogger } from './logger';
import { type OperationSpec, participantApiMethods, participantOperations } from './operations';
import {
  bearerTokenStep,
  type CallContext,
  composeSteps,
  loggingStep,
  type RequestHandler,
  retryStep,
  userAgentStep,
} from './pipeline';
import { defaultMaxAttempts, defaultRetryDelay, type RetryDelay } from './retry-policy';
import { type OperationInput, serializeRequest } from './serialize';
import { userAgentFor } from './user-agent';

/** Options of {@link createFetchParticipantApi}. */
export interface FetchParticipantApiOptions extends EndpointOptions {
  /**
   * The `fetch` to send requests with.
   *
   * @defaultValue `globalThis.fetch`, looked up at call time
   */
  fetch?: FetchLike | undefined;
  /** Appended to `x-amz-user-agent` after `connect-chat/<version>`. */
  customUserAgent?: string | undefined;
  /**
   * How many HTTP attempts a call makes at most, the first included.
   *
   * @defaultValue 3
   */
  maxAttempts?: number | undefined;
  /**
   * How long to wait before each retry.
   *
   * @defaultValue {@link defaultRetryDelay}
   */
  retryDelay?: RetryDelay | undefined;
  /**
   * The jitter source handed to `retryDelay`.
   *
   * @defaultValue `Math.random`
   */
  random?: (() => number) | undefined;
  /**
   * Waits between attempts. Tests pass one that resolves at once.
   *
   * @defaultValue a `setTimeout` timer
   */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /**
   * Generates the idempotency `ClientToken` when the caller omits it.
   *
   * @defaultValue `globalThis.crypto.randomUUID()`
   */
  generateClientToken?: (() => string) | undefined;
  /** Receives one entry per attempt and retry. Never a token. */
  logger?: ParticipantApiLogger | undefined;
}

interface FetchCallContext extends CallContext {
  readonly fetch: FetchLike;
}

function defaultClientToken(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof crypto?.randomUUID !== 'function') {
    throw new AttemptFailure({
      code: 'unsupported',
      reason: 'no crypto.randomUUID is available; pass options.generateClientToken',
    });
  }
  return crypto.randomUUID();
}

function resolveFetch(injected: FetchLike | undefined): FetchLike {
  const fetch = injected ?? (globalThis as { fetch?: FetchLike }).fetch;
  if (typeof fetch !== 'function') {
    throw new AttemptFailure({
      code: 'unsupported',
      reason: 'no fetch implementation is available; pass options.fetch',
    });
  }
  return fetch;
}

/**
 * Creates a {@link ParticipantApi} that talks to the Participant Service with plain `fetch`: no AWS SDK, no SigV4,
 * the token in `X-Amz-Bearer`, retries with backoff and a stable `ClientToken`.
 *
 * @example
 * ```ts
 * const api = createFetchParticipantApi({ region: 'us-west-2' });
 * const { ConnectionCredentials } = await api.createParticipantConnection({
 *   ParticipantToken,
 *   Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'],
 * });
 * ```
 */
export function createFetchParticipantApi(options: FetchParticipantApiOptions): ParticipantApi {
  const baseUrl = resolveBaseUrl(options);
  const generateClientToken = options.generateClientToken ?? defaultClientToken;
  const send: RequestHandler = async (request, context) => {
    const { fetch } = context as FetchCallContext;
    return parseResponse(await sendRequest(fetch, `${baseUrl}${request.path}`, request, context.signal));
  };
  const handler = composeSteps(
    [
      bearerTokenStep,
      userAgentStep(userAgentFor(options.customUserAgent)),
      retryStep({
        maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? defaultMaxAttempts)),
        retryDelay: options.retryDelay ?? defaultRetryDelay,
        random: options.random ?? Math.random,
        sleep: options.sleep ?? timerSleep,
        logger: options.logger,
      }),
      loggingStep(options.logger),
    ],
    send,
  );

  async function invoke(
    spec: OperationSpec,
    input: OperationInput,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    const tokenValue = input[spec.token];
    const token = typeof tokenValue === 'string' ? tokenValue : '';
    let attempts = 0;
    try {
      if (signal?.aborted) throw new AttemptFailure(abortedFailure);
      const context: FetchCallContext = {
        operation: spec.name,
        token,
        signal,
        attempt: 0,
        fetch: resolveFetch(options.fetch),
      };
      const request = serializeRequest(spec, input, generateClientToken);
      try {
        return (await handler(request, context)).output;
      } finally {
        attempts = context.attempt;
      }
    } catch (error) {
      throw chatErrorFor(spec.name, failureOf(error), attempts, [token]);
    }
  }

  const api: Record<string, unknown> = {};
  for (const method of participantApiMethods) {
    const spec: OperationSpec = participantOperations[method];
    api[method] = (input: OperationInput, callOptions?: { signal?: AbortSignal | undefined }) =>
      invoke(spec, input, callOptions?.signal);
  }
  return api as unknown as ParticipantApi;
}
