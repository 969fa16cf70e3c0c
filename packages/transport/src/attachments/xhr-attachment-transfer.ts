/**
 * Fills core's attachment-transfer slot over `XMLHttpRequest`, the one browser API that reports upload progress as
 * the bytes go (`fetch` cannot). It only moves bytes: no retries, no status judgement on uploads (core's machine
 * does both).
 */
import {
  type AttachmentBody,
  type AttachmentTransfer,
  attachmentDownloadError,
  ChatError,
  ChatErrorCode,
} from '@connect-chat/core';
import type {
  XhrAttachmentTransferOptions,
  XmlHttpRequestConstructor,
  XmlHttpRequestLike,
} from './xhr.types';

type Direction = 'upload' | 'download';

const failure = (direction: Direction, code: ChatErrorCode, reason: string) =>
  new ChatError(code, `unable to ${direction} attachment; ${reason}`);

const noResponse = (direction: Direction) =>
  failure(direction, ChatErrorCode.network, 'the request failed before a response arrived');

const aborted = (direction: Direction) =>
  failure(direction, ChatErrorCode.aborted, 'the transfer was aborted');

function globalXhr(): XmlHttpRequestConstructor | undefined {
  const candidate: unknown = (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest;
  return typeof candidate === 'function' ? (candidate as XmlHttpRequestConstructor) : undefined;
}

const isSuccess = (status: number) => status >= 200 && status < 300;

interface Exchange {
  direction: Direction;
  method: 'PUT' | 'GET';
  url: string;
  headers?: Readonly<Record<string, string>>;
  body?: AttachmentBody;
  responseType?: 'blob';
  signal: AbortSignal | undefined;
  /** Wires the request's own handlers (progress) before it is sent. */
  prepare?: (xhr: XmlHttpRequestLike) => void;
}

/**
 * Runs one request to its end. Resolves with the finished request, whatever its status; rejects with a `ChatError`
 * (`network`, `aborted`, `unsupported`). Errors carry no cause, since browsers' exceptions from `open()` may quote
 * the URL, and the URL is a signed secret.
 */
function exchange(options: XhrAttachmentTransferOptions, spec: Exchange): Promise<XmlHttpRequestLike> {
  const { direction, signal } = spec;
  return new Promise<XmlHttpRequestLike>((resolve, reject) => {
    const Xhr = options.XMLHttpRequest ?? globalXhr();
    if (!Xhr) {
      reject(
        failure(
          direction,
          ChatErrorCode.unsupported,
          'this platform has no global XMLHttpRequest, pass one as the `XMLHttpRequest` option of createXhrAttachmentTransfer',
        ),
      );
      return;
    }
    if (signal?.aborted) {
      reject(aborted(direction));
      return;
    }
    const xhr = new Xhr();
    const abort = () => xhr.abort();
    const settle = (outcome: () => void) => {
      signal?.removeEventListener('abort', abort);
      xhr.onload = xhr.onerror = xhr.onabort = xhr.ontimeout = null;
      xhr.upload.onprogress = null;
      outcome();
    };
    try {
      xhr.open(spec.method, spec.url);
      if (spec.responseType) xhr.responseType = spec.responseType;
      for (const [name, value] of Object.entries(spec.headers ?? {})) xhr.setRequestHeader(name, value);
    } catch {
      reject(failure(direction, ChatErrorCode.unknown, 'the request could not be prepared'));
      return;
    }
    xhr.onload = () => settle(() => resolve(xhr));
    xhr.onerror = xhr.ontimeout = () => settle(() => reject(noResponse(direction)));
    xhr.onabort = () => settle(() => reject(aborted(direction)));
    spec.prepare?.(xhr);
    signal?.addEventListener('abort', abort, { once: true });
    try {
      xhr.send(spec.body);
    } catch {
      settle(() => reject(noResponse(direction)));
    }
  });
}

/**
 * Creates an `AttachmentTransfer` over `XMLHttpRequest`: the upload is a `PUT` with the signed headers and the raw
 * bytes, reporting progress from `upload.onprogress` (never decreasing, ending at the total once accepted); the
 * download a `GET` with a `Blob` response.
 *
 * @example
 * ```ts
 * import { createXhrAttachmentTransfer } from '@connect-chat/transport';
 * const transfer = createXhrAttachmentTransfer();
 * await transfer.upload({ url, headers, body: file, size: file.size }, { onProgress: (sent, total) => draw(sent / total) });
 * ```
 */
export function createXhrAttachmentTransfer(options: XhrAttachmentTransferOptions = {}): AttachmentTransfer {
  return {
    async upload(request, { signal, onProgress } = {}) {
      const total = request.size;
      let reported = -1;
      const report = (sent: number) => {
        const clamped = Math.min(Math.max(sent, 0), total);
        if (clamped <= reported) return;
        reported = clamped;
        onProgress?.(clamped, total);
      };
      const xhr = await exchange(options, {
        direction: 'upload',
        method: 'PUT',
        url: request.url,
        headers: request.headers,
        body: request.body,
        signal,
        prepare: (prepared) => {
          // Listening on `upload` is what makes the browser report send progress at all.
          prepared.upload.onprogress = (event) => report(event.loaded);
          report(0);
        },
      });
      if (isSuccess(xhr.status)) report(total);
      return { status: xhr.status };
    },

    async download(url, { signal } = {}) {
      const xhr = await exchange(options, {
        direction: 'download',
        method: 'GET',
        url,
        responseType: 'blob',
        signal,
      });
      if (!isSuccess(xhr.status)) throw attachmentDownloadError(xhr.status);
      const body = xhr.response as { size?: unknown } | null;
      if (typeof body?.size !== 'number') {
        throw failure(
          'download',
          ChatErrorCode.invalidResponse,
          'the platform did not return the body as a Blob',
        );
      }
      return xhr.response as Blob;
    },
  };
}
