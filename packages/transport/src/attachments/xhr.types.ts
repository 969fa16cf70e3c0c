/**
 * The structural `XMLHttpRequest` the XHR attachment transfer drives: the subset browsers and React Native provide.
 * Declared here so the transfer needs no DOM typings; the browser's own `XMLHttpRequest` fits.
 */

/** Declares a handler property whose parameter is checked bivariantly, so richer event types still fit. */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'] | null;

/** What the transfer reads from an upload `progress` event. */
export interface XhrProgressEventLike {
  /** Bytes of the body sent so far. */
  readonly loaded: number;
}

/** The `upload` side of a request, where send progress is reported. */
export interface XhrUploadLike {
  onprogress: Handler<XhrProgressEventLike>;
}

/** One request, as created by an {@link XmlHttpRequestConstructor}. */
export interface XmlHttpRequestLike {
  /** The HTTP status once a response arrived. */
  readonly status: number;
  /** The body; a `Blob` once loaded when `responseType` is `'blob'`. */
  readonly response: unknown;
  responseType: string;
  readonly upload: XhrUploadLike;
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body?: unknown): void;
  abort(): void;
  onload: Handler<unknown>;
  onerror: Handler<unknown>;
  onabort: Handler<unknown>;
  ontimeout: Handler<unknown>;
}

/** Any constructor with the browser `XMLHttpRequest` shape. */
export type XmlHttpRequestConstructor = new () => XmlHttpRequestLike;

/** Options of `createXhrAttachmentTransfer`. */
export interface XhrAttachmentTransferOptions {
  /**
   * The `XMLHttpRequest` implementation to transfer with.
   *
   * @defaultValue `globalThis.XMLHttpRequest`, looked up on each transfer (never at import)
   */
  XMLHttpRequest?: XmlHttpRequestConstructor | undefined;
}
