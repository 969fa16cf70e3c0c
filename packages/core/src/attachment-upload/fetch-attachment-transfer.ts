/**
 * The default attachment transfer, over `fetch`. `fetch` cannot report upload progress, so an upload reports 0
 * when it starts and the total once the storage service accepted it; `@connect-chat/transport`'s XHR transfer
 * reports as the bytes go.
 */
import { ChatError, ChatErrorCode, chatErrorCodeFor } from '../errors';
import type { AttachmentBody, AttachmentTransfer } from './attachment-transfer.types';

/** What the transfer reads from a `fetch` response; the WHATWG `Response` fits. */
export interface AttachmentFetchResponse {
  readonly status: number;
  blob(): Promise<Blob>;
  /** Cancelled after an upload, so the connection is released without reading S3's (empty or XML) answer. */
  readonly body?: { cancel(): Promise<void> } | null;
}

/** The subset of `fetch` the transfer uses; `globalThis.fetch` fits, and so does any WHATWG-compatible ponyfill. */
export type AttachmentFetch = (
  url: string,
  init: {
    method: 'PUT' | 'GET';
    headers?: Record<string, string>;
    body?: Blob | ArrayBuffer | ArrayBufferView<ArrayBuffer>;
    signal?: AbortSignal;
  },
) => Promise<AttachmentFetchResponse>;

/** Options of {@link createFetchAttachmentTransfer}. */
export interface FetchAttachmentTransferOptions {
  /**
   * The `fetch` to transfer with.
   *
   * @defaultValue `globalThis.fetch`, looked up on each transfer (never at import)
   */
  fetch?: AttachmentFetch | undefined;
  /**
   * Whether the storage service's HTTP status counts. With `true`, a download answered with anything but 2xx
   * rejects (see {@link attachmentDownloadError}) and an upload passes its status on for the caller to judge.
   * With `false`, as ChatJS does it, no status counts: a download resolves whatever body came back, and an upload
   * resolves `{ status: 200 }` whatever the answer, so an attachment upload goes on to CompleteAttachmentUpload and
   * the Participant Service's answer to that decides (it refuses a file it never received). Failures without a
   * response (network, abort) reject either way.
   *
   * @defaultValue true
   */
  checkStatus?: boolean | undefined;
}

type Direction = 'upload' | 'download';

const failure = (
  direction: Direction,
  code: ChatErrorCode,
  reason: string,
  status?: number,
  cause?: unknown,
) => new ChatError(code, `unable to ${direction} attachment; ${reason}`, { status, cause });

function globalFetch(direction: Direction): AttachmentFetch {
  const candidate: unknown = (globalThis as { fetch?: unknown }).fetch;
  if (typeof candidate !== 'function') {
    throw failure(
      direction,
      ChatErrorCode.unsupported,
      'this platform has no global fetch, pass one as the `fetch` option of createFetchAttachmentTransfer',
    );
  }
  // Bound, so a polyfill that reads `this` still finds the global it came from.
  return (candidate as AttachmentFetch).bind(globalThis);
}

/** The part of a presigned URL that authorises it: its query string (or the whole URL when it has none). */
const signatureOf = (url: string) => (url.includes('?') ? url.slice(url.indexOf('?') + 1) : url);

/**
 * Whether an error (or one of its causes) mentions the URL's signature. Some `fetch` ponyfills put the URL in their
 * messages; such an error is not kept as the cause, so nobody logging the cause leaks the signature.
 */
function mentionsSignature(error: unknown, signature: string, depth = 0): boolean {
  if (depth > 4 || signature === '') return false;
  if (typeof error === 'string') return error.includes(signature);
  if (typeof error !== 'object' || error === null) return false;
  const { message, cause } = error as { message?: unknown; cause?: unknown };
  if (typeof message === 'string' && message.includes(signature)) return true;
  return mentionsSignature(cause, signature, depth + 1);
}

/** The rejection for a transfer that got no response: `aborted` when the signal fired, `network` otherwise. */
function noResponse(direction: Direction, error: unknown, url: string, signal: AbortSignal | undefined) {
  const cause = mentionsSignature(error, signatureOf(url)) ? undefined : error;
  if (signal?.aborted)
    return failure(direction, ChatErrorCode.aborted, 'the transfer was aborted', undefined, cause);
  return failure(
    direction,
    ChatErrorCode.network,
    'the request failed before a response arrived',
    undefined,
    cause,
  );
}

/**
 * The `ChatError` for a download answered with a status other than 2xx: 403 `accessDenied` (refused or expired
 * URL), 404 `notFound`, 429 `throttled`, 5xx `serviceUnavailable`, anything else `unknown`. Shared by every
 * transfer so they all fail alike.
 */
export function attachmentDownloadError(status: number): ChatError {
  if (status === 403) {
    return failure(
      'download',
      ChatErrorCode.accessDenied,
      'the download URL was refused or has expired (HTTP 403)',
      status,
    );
  }
  if (status === 404)
    return failure('download', ChatErrorCode.notFound, 'the file was not found (HTTP 404)', status);
  return failure(
    'download',
    chatErrorCodeFor(undefined, status),
    `the storage service answered HTTP ${status}`,
    status,
  );
}

/**
 * `fetch` takes views over a plain `ArrayBuffer`; a view over a `SharedArrayBuffer` is copied first so every
 * {@link AttachmentBody} can be sent.
 */
function fetchBody(body: AttachmentBody): Blob | ArrayBuffer | ArrayBufferView<ArrayBuffer> {
  if (!ArrayBuffer.isView(body) || body.buffer instanceof ArrayBuffer) {
    return body as Blob | ArrayBuffer | ArrayBufferView<ArrayBuffer>;
  }
  const copy = new Uint8Array(body.byteLength);
  copy.set(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  return copy;
}

const isSuccess = (status: number) => status >= 200 && status < 300;

/** What an upload reports when statuses do not count: a plain success, so nothing downstream judges the answer. */
const acceptedStatus = 200;

/** Releases the connection without reading the body; a failure to do so changes nothing for the caller. */
function release(response: AttachmentFetchResponse): void {
  try {
    response.body?.cancel().catch(() => undefined);
  } catch {
    // A body that cannot be cancelled is left to the garbage collector.
  }
}

/**
 * Creates an {@link AttachmentTransfer} over `fetch`: the upload is a `PUT` with the signed headers and the raw
 * bytes; the download a plain `GET`.
 *
 * @example
 * ```ts
 * const transfer = createFetchAttachmentTransfer();
 * const blob = await transfer.download(url);
 * ```
 */
export function createFetchAttachmentTransfer(
  options: FetchAttachmentTransferOptions = {},
): AttachmentTransfer {
  const checkStatus = options.checkStatus !== false;
  return {
    async upload(request, { signal, onProgress } = {}) {
      const fetch = options.fetch ?? globalFetch('upload');
      if (signal?.aborted) throw failure('upload', ChatErrorCode.aborted, 'the transfer was aborted');
      onProgress?.(0, request.size);
      let response: AttachmentFetchResponse;
      try {
        response = await fetch(request.url, {
          method: 'PUT',
          headers: { ...request.headers },
          body: fetchBody(request.body),
          ...(signal === undefined ? {} : { signal }),
        });
      } catch (error) {
        throw noResponse('upload', error, request.url, signal);
      }
      release(response);
      const status = checkStatus ? response.status : acceptedStatus;
      if (isSuccess(status)) onProgress?.(request.size, request.size);
      return { status };
    },

    async download(url, { signal } = {}) {
      const fetch = options.fetch ?? globalFetch('download');
      if (signal?.aborted) throw failure('download', ChatErrorCode.aborted, 'the transfer was aborted');
      let response: AttachmentFetchResponse;
      try {
        response = await fetch(url, { method: 'GET', ...(signal === undefined ? {} : { signal }) });
      } catch (error) {
        throw noResponse('download', error, url, signal);
      }
      if (checkStatus && !isSuccess(response.status)) {
        release(response);
        throw attachmentDownloadError(response.status);
      }
      try {
        return await response.blob();
      } catch (error) {
        throw noResponse('download', error, url, signal);
      }
    },
  };
}
