// Bundled for the browser test: the whole upload (core's machine, the fetch participant-API adapter, the XHR
// transfer) runs in the page, which records every progress report. The Node side drives it through
// `globalThis.xhrHarness`.
import { createFetchAttachmentTransfer, uploadAttachment } from '@connect-chat/core';
import { createXhrAttachmentTransfer } from '../../src/attachments';
import { createFetchParticipantApi } from '../../src/participant-api';
import { patternedBytes } from './patterned-bytes';

/** How the page's upload ended: the attachment id, or the error's code and message. */
export interface UploadOutcome {
  attachmentId?: string | undefined;
  code?: string | undefined;
  message?: string | undefined;
}

/** What the page exposes to the test. */
export interface XhrHarness {
  /** Every `onProgress` call of the upload in flight, in order. */
  progress: [number, number][];
  /** Starts an upload of `size` patterned bytes; `result()` waits for it. */
  startUpload(options: { endpoint: string; connectionToken: string; size: number; now: number }): void;
  /** The upload's outcome: the attachment id, or the error's code and message. */
  result(): Promise<UploadOutcome>;
  /** Downloads a URL with the XHR transfer and returns the SHA-256 of the bytes (hex) and the Blob's type. */
  download(url: string): Promise<{ sha256: string; type: string; size: number }>;
  /** Downloads with the fetch transfer, for comparison. */
  fetchDownload(url: string): Promise<{ sha256: string; size: number }>;
}

const hex = (buffer: ArrayBuffer) =>
  [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');

async function digestOf(blob: Blob): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
}

let pending: Promise<UploadOutcome> = Promise.resolve({});

const harness: XhrHarness = {
  progress: [],
  startUpload({ endpoint, connectionToken, size, now }) {
    harness.progress = [];
    const offset = now - Date.now();
    const body = new Blob([patternedBytes(size)], { type: 'application/pdf' });
    pending = uploadAttachment(
      {
        attachment: { name: 'report.pdf', contentType: 'application/pdf', size: body.size, body },
        participantApi: createFetchParticipantApi({ endpoint }),
        connectionToken: async () => connectionToken,
        transfer: createXhrAttachmentTransfer(),
        // The emulator's clock, so the URL expiry is judged as the service judges it.
        now: () => Date.now() + offset,
      },
      { onProgress: (sent, total) => harness.progress.push([sent, total]) },
    ).then(
      ({ attachmentId }) => ({ attachmentId }),
      (error: { code?: string; message?: string }) => ({ code: error.code, message: error.message }),
    );
  },
  result: () => pending,
  async download(url) {
    const blob = await createXhrAttachmentTransfer().download(url);
    return { sha256: await digestOf(blob), type: blob.type, size: blob.size };
  },
  async fetchDownload(url) {
    const blob = await createFetchAttachmentTransfer().download(url);
    return { sha256: await digestOf(blob), size: blob.size };
  },
};

(globalThis as { xhrHarness?: XhrHarness }).xhrHarness = harness;
