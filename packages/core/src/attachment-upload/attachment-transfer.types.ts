/**
 * The attachment-transfer slot: how the bytes of an attachment travel to and from the presigned storage URLs the
 * Participant Service hands out (wire-protocol §2). Core never touches `fetch` or `XMLHttpRequest` itself; it calls
 * this slot. `createFetchAttachmentTransfer` (core) fills it over `fetch`; `@connect-chat/transport` fills it over
 * `XMLHttpRequest` for real upload progress; tests fill it with fakes.
 *
 * Presigned URLs carry their authorisation in the query string, so an implementation must never put a URL into an
 * error message, a log line or an event.
 */

/** The bytes of an attachment: a `Blob` (or `File`), an `ArrayBuffer`, or any view over one (`Uint8Array`, ...). */
export type AttachmentBody = Blob | ArrayBuffer | ArrayBufferView;

/** One upload: an HTTP `PUT` of the raw bytes (not multipart) to a presigned URL. */
export interface AttachmentUploadRequest {
  /** The presigned `PUT` URL from StartAttachmentUpload. A secret: never log it or put it in an error. */
  url: string;
  /**
   * The headers to send, exactly as given: every entry of StartAttachmentUpload's `HeadersToInclude` is part of the
   * URL's signature, so none may be dropped, renamed or changed.
   */
  headers: Readonly<Record<string, string>>;
  /** The bytes to send. */
  body: AttachmentBody;
  /** How many bytes `body` holds; the total reported to `onProgress`. */
  size: number;
}

/** Per-transfer options. */
export interface AttachmentTransferOptions {
  /** Aborts the transfer; the promise then rejects with a `ChatError` coded `aborted`. */
  signal?: AbortSignal | undefined;
  /**
   * Called as bytes leave: `sentBytes` never decreases within one transfer and the last call of a successful upload
   * has `sentBytes === totalBytes`. How often it is called depends on the implementation (`fetch` can only say
   * "started" and "finished"; `XMLHttpRequest` reports as it goes).
   */
  onProgress?: ((sentBytes: number, totalBytes: number) => void) | undefined;
}

/** The attachment-transfer slot. See the module comment for the contract. */
export interface AttachmentTransfer {
  /**
   * PUTs the bytes; resolves with the HTTP status (any status: judging it is the caller's business); rejects with a
   * `ChatError` coded `network` when no response came, `aborted` on abort, `unsupported` when the platform cannot
   * send at all.
   */
  upload(request: AttachmentUploadRequest, options?: AttachmentTransferOptions): Promise<{ status: number }>;
  /**
   * GETs the URL; resolves the body as a `Blob`; rejects with a `ChatError`: `network` or `aborted`, or a code that
   * fits the HTTP status when it is not 2xx (403 `accessDenied`, 404 `notFound`, 5xx `serviceUnavailable`, ...).
   */
  download(url: string, options?: { signal?: AbortSignal | undefined }): Promise<Blob>;
}
