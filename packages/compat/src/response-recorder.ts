/**
 * ChatJS results carry the SDK's `$metadata` (status, request id, attempts) inside `data`, and some carry fields
 * core's session methods do not return. Core and transport do not expose responses, so compat records them on the
 * way: a `fetch` wrapper notes each HTTP attempt, and a participant-API wrapper files each call's output under
 * something compat can look it up by afterwards (the caller's abort signal, the idempotency token, the attachment).
 *
 * Each call gets its own AbortController (linked to the caller's), so an attempt is matched to its call exactly
 * even when calls overlap.
 */
import type { CallOptions, ParticipantApi } from '@connect-chat/core';
import type { FetchLike } from '@connect-chat/transport';
import type { ResponseMetadata } from './legacy.types';

/** A successful call: the service's output and its `$metadata`. */
export interface RecordedCall {
  output: Record<string, unknown>;
  $metadata: ResponseMetadata;
}

/** A participant-API method name, e.g. `sendMessage`. */
export type ParticipantApiMethod = keyof ParticipantApi;

/** A participant API that records what it answers. */
export interface ResponseRecorder {
  /** The `fetch` to build the participant API with. */
  readonly fetch: FetchLike;
  /** Wraps a participant API built with {@link ResponseRecorder.fetch}. */
  wrap(api: ParticipantApi): ParticipantApi;
  /** The call made with this caller signal. */
  bySignal(signal: AbortSignal): RecordedCall | undefined;
  /** The call made with this `ClientToken` (each is handed out once). */
  takeByClientToken(clientToken: string): RecordedCall | undefined;
  /** The CompleteAttachmentUpload call of this attachment. */
  takeCompletedAttachment(attachmentId: string): RecordedCall | undefined;
  /** The latest successful call of a method. */
  last(method: ParticipantApiMethod): RecordedCall | undefined;
}

interface AttemptRecord {
  attempts: number;
  totalRetryDelay: number;
  lastEndedAt: number | undefined;
  httpStatusCode: number | undefined;
  requestId: string | undefined;
  extendedRequestId: string | undefined;
  cfId: string | undefined;
}

const keptCalls = 256;

/**
 * Creates a recorder over `baseFetch`.
 *
 * @param baseFetch - the real fetch @defaultValue `globalThis.fetch`, looked up per request
 * @param now - the clock for retry delays @defaultValue `Date.now`
 */
export function createResponseRecorder(
  baseFetch: FetchLike | undefined,
  now: () => number = Date.now,
): ResponseRecorder {
  const attempts = new WeakMap<AbortSignal, AttemptRecord>();
  const bySignal = new WeakMap<AbortSignal, RecordedCall>();
  const byClientToken = new BoundedMap<string, RecordedCall>(keptCalls);
  const byAttachment = new BoundedMap<string, RecordedCall>(keptCalls);
  const lastByMethod = new Map<ParticipantApiMethod, RecordedCall>();

  const recordingFetch: FetchLike = async (url, init) => {
    const fetch = baseFetch ?? (globalThis as { fetch?: FetchLike }).fetch;
    if (typeof fetch !== 'function') throw new TypeError('no fetch implementation is available');
    const record = init.signal ? attempts.get(init.signal) : undefined;
    if (record) {
      record.attempts += 1;
      if (record.lastEndedAt !== undefined) record.totalRetryDelay += Math.max(0, now() - record.lastEndedAt);
    }
    try {
      const response = await fetch(url, init);
      if (record) {
        record.httpStatusCode = response.status;
        const headers = response.headers;
        record.requestId =
          headers.get('x-amzn-requestid') ??
          headers.get('x-amzn-request-id') ??
          headers.get('x-amz-request-id') ??
          undefined;
        record.extendedRequestId = headers.get('x-amz-id-2') ?? undefined;
        record.cfId = headers.get('x-amz-cf-id') ?? undefined;
      }
      return response;
    } finally {
      if (record) record.lastEndedAt = now();
    }
  };

  const file = (
    method: ParticipantApiMethod,
    input: Readonly<Record<string, unknown>>,
    callerSignal: AbortSignal | undefined,
    call: RecordedCall,
  ): void => {
    lastByMethod.set(method, call);
    if (callerSignal) bySignal.set(callerSignal, call);
    if (typeof input.ClientToken === 'string') byClientToken.set(input.ClientToken, call);
    if (method === 'completeAttachmentUpload' && Array.isArray(input.AttachmentIds)) {
      const id: unknown = input.AttachmentIds[0];
      if (typeof id === 'string') byAttachment.set(id, call);
    }
  };

  return {
    fetch: recordingFetch,
    wrap(api) {
      const wrapped: Record<string, unknown> = {};
      for (const method of Object.keys(api) as ParticipantApiMethod[]) {
        const call = api[method] as (input: unknown, options?: CallOptions) => Promise<unknown>;
        wrapped[method] = async (input: Record<string, unknown>, options?: CallOptions) => {
          const callerSignal = options?.signal ?? undefined;
          const controller = new AbortController();
          const abort = (): void => controller.abort(callerSignal?.reason);
          if (callerSignal?.aborted) abort();
          else callerSignal?.addEventListener('abort', abort, { once: true });
          const record: AttemptRecord = {
            attempts: 0,
            totalRetryDelay: 0,
            lastEndedAt: undefined,
            httpStatusCode: undefined,
            requestId: undefined,
            extendedRequestId: undefined,
            cfId: undefined,
          };
          attempts.set(controller.signal, record);
          try {
            const output = (await call.call(api, input, { signal: controller.signal })) as Record<
              string,
              unknown
            >;
            file(method, input, callerSignal, { output: output ?? {}, $metadata: metadataOf(record) });
            return output;
          } finally {
            callerSignal?.removeEventListener('abort', abort);
          }
        };
      }
      return wrapped as unknown as ParticipantApi;
    },
    bySignal: (signal) => bySignal.get(signal),
    takeByClientToken: (clientToken) => byClientToken.take(clientToken),
    takeCompletedAttachment: (attachmentId) => byAttachment.take(attachmentId),
    last: (method) => lastByMethod.get(method),
  };
}

function metadataOf(record: AttemptRecord): ResponseMetadata {
  return {
    ...(record.httpStatusCode !== undefined ? { httpStatusCode: record.httpStatusCode } : {}),
    ...(record.requestId !== undefined ? { requestId: record.requestId } : {}),
    ...(record.extendedRequestId !== undefined ? { extendedRequestId: record.extendedRequestId } : {}),
    ...(record.cfId !== undefined ? { cfId: record.cfId } : {}),
    attempts: record.attempts,
    totalRetryDelay: record.totalRetryDelay,
  };
}

/** A map that forgets its oldest entries beyond `capacity`; `take` reads and removes. */
class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  take(key: K): V | undefined {
    const value = this.entries.get(key);
    this.entries.delete(key);
    return value;
  }
}
