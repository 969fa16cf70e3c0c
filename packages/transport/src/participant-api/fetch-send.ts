import { chatErrorCodeFor } from '@connect-chat/core';
import { AttemptFailure, abortedFailure, serviceFailureReason } from './failure';
import type { ParticipantRequest, ParticipantResponse } from './pipeline';
import { retryKindFor } from './retry-policy';
import { dropNulls, isJsonObject, parseJsonBody, requestIdFrom, serviceErrorDetails } from './service-error';

/** The subset of `fetch` the adapter uses; `globalThis.fetch` fits, and so does any WHATWG-compatible ponyfill. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<Response>;

/** A response as read off the wire, body included. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

function transportFailure(error: unknown, signal: AbortSignal | undefined): AttemptFailure {
  if (signal?.aborted) return new AttemptFailure({ ...abortedFailure, cause: error });
  return new AttemptFailure({
    code: 'network',
    reason: 'the request failed before a response arrived',
    retryKind: 'transient',
    cause: error,
  });
}

/**
 * Sends a request with `fetch` and reads the whole body. Rejects with an {@link AttemptFailure}: `aborted` when the
 * signal fired, `network` (transient) when no response arrived.
 */
export async function sendRequest(
  fetch: FetchLike,
  url: string,
  request: ParticipantRequest,
  signal: AbortSignal | undefined,
): Promise<RawResponse> {
  try {
    const init = {
      method: request.method,
      headers: { ...request.headers },
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(signal === undefined ? {} : { signal }),
    };
    const response = await fetch(url, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    throw transportFailure(error, signal);
  }
}

function invalidResponse(
  status: number,
  requestId: string | undefined,
  what: string,
  retryable: boolean,
): AttemptFailure {
  return new AttemptFailure({
    code: 'invalidResponse',
    reason: `the service answered ${status} with ${what}`,
    status,
    requestId,
    retryKind: retryable ? retryKindFor(status, undefined) : undefined,
  });
}

/**
 * Turns a raw response into the operation's output, or rejects with an {@link AttemptFailure} parsed as
 * wire-protocol §1.3 describes. Any 2xx is success; an empty body is `{}`; JSON `null`s are dropped and
 * unmodeled fields kept.
 */
export function parseResponse(raw: RawResponse): ParticipantResponse {
  const requestId = requestIdFrom(raw.headers);
  const body = parseJsonBody(raw.text);
  if (raw.status >= 200 && raw.status < 300) {
    if (!body.ok) throw invalidResponse(raw.status, requestId, 'a body that is not JSON', false);
    if (!isJsonObject(body.value))
      throw invalidResponse(raw.status, requestId, 'a body that is not an object', false);
    return { status: raw.status, requestId, output: dropNulls(body.value) as Record<string, unknown> };
  }
  // A non-JSON error page (e.g. a gateway's HTML 502) is still retried by its status, as the SDK does.
  if (!body.ok) throw invalidResponse(raw.status, requestId, 'a body that is not JSON', true);
  const { name, message } = serviceErrorDetails(raw.headers, body.value);
  throw new AttemptFailure({
    code: chatErrorCodeFor(name, raw.status),
    reason: serviceFailureReason(raw.status, name, message),
    status: raw.status,
    requestId,
    serviceErrorName: name,
    retryKind: retryKindFor(raw.status, name),
  });
}
