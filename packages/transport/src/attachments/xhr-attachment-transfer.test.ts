import { ChatError } from '@connect-chat/core';
import { describe, expect, it } from 'vitest';
import type { XhrProgressEventLike, XmlHttpRequestLike } from './xhr.types';
import { createXhrAttachmentTransfer } from './xhr-attachment-transfer';

const url = 'https://bucket.example/uploads/att-1?X-Amz-Signature=abc123secret';

type Handler<E> = ((event: E) => void) | null;

/** A scripted XMLHttpRequest: it records what was asked of it and the test plays the network's part. */
class FakeXhr implements XmlHttpRequestLike {
  static created: FakeXhr[] = [];
  status = 0;
  response: unknown = null;
  responseType = '';
  readonly upload: { onprogress: Handler<XhrProgressEventLike> } = { onprogress: null };
  onload: Handler<unknown> = null;
  onerror: Handler<unknown> = null;
  onabort: Handler<unknown> = null;
  ontimeout: Handler<unknown> = null;
  method = '';
  target = '';
  readonly headers: [string, string][] = [];
  sent: unknown = 'nothing';
  aborted = false;

  constructor() {
    FakeXhr.created.push(this);
  }

  open(method: string, target: string): void {
    this.method = method;
    this.target = target;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers.push([name, value]);
  }

  send(body?: unknown): void {
    this.sent = body;
  }

  abort(): void {
    this.aborted = true;
    this.onabort?.({});
  }

  /** The network's part: progress, then a response. */
  progress(loaded: number): void {
    this.upload.onprogress?.({ loaded });
  }

  answer(status: number, response: unknown = null): void {
    this.status = status;
    this.response = response;
    this.onload?.({});
  }
}

function setup() {
  FakeXhr.created = [];
  const transfer = createXhrAttachmentTransfer({ XMLHttpRequest: FakeXhr });
  const last = () => FakeXhr.created.at(-1)!;
  return { transfer, last };
}

async function rejection(promise: Promise<unknown>): Promise<ChatError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ChatError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const request = { url, headers: { 'Content-Type': 'image/png', 'x-amz-meta-Tag': 'A b' }, size: 100 };

describe('createXhrAttachmentTransfer: upload', () => {
  it('XHR-01 PUTs the body with every signed header and reports progress as it goes, ending at the total', async () => {
    const { transfer, last } = setup();
    const body = new Uint8Array(100);
    const progress: [number, number][] = [];
    const result = transfer.upload(
      { ...request, body },
      { onProgress: (sent, total) => progress.push([sent, total]) },
    );
    const xhr = last();
    expect(xhr.method).toBe('PUT');
    expect(xhr.target).toBe(url);
    expect(xhr.headers).toEqual([
      ['Content-Type', 'image/png'],
      ['x-amz-meta-Tag', 'A b'],
    ]);
    expect(xhr.sent).toBe(body);
    xhr.progress(30);
    xhr.progress(30);
    xhr.progress(20);
    xhr.progress(90);
    xhr.answer(200);
    await expect(result).resolves.toEqual({ status: 200 });
    expect(progress).toEqual([
      [0, 100],
      [30, 100],
      [90, 100],
      [100, 100],
    ]);
  });

  it('XHR-02 resolves any status and does not claim completion for a refused upload', async () => {
    const { transfer, last } = setup();
    const progress: number[] = [];
    const result = transfer.upload(
      { ...request, body: new Uint8Array(100) },
      { onProgress: (sent) => progress.push(sent) },
    );
    last().progress(40);
    last().answer(403, '<Error><Code>AccessDenied</Code></Error>');
    await expect(result).resolves.toEqual({ status: 403 });
    expect(progress).toEqual([0, 40]);
  });

  it('XHR-03 a network error or timeout rejects with network, without the URL', async () => {
    const { transfer, last } = setup();
    const failed = transfer.upload({ ...request, body: new Uint8Array(100) });
    last().onerror?.({});
    const error = await rejection(failed);
    expect(error.code).toBe('network');
    expect(error.message).toBe('unable to upload attachment; the request failed before a response arrived');
    expect(error.message).not.toContain('abc123secret');
    const timedOut = transfer.upload({ ...request, body: new Uint8Array(100) });
    last().ontimeout?.({});
    expect((await rejection(timedOut)).code).toBe('network');
  });

  it('XHR-04 an abort aborts the request and rejects with aborted; an aborted signal sends nothing', async () => {
    const { transfer, last } = setup();
    const controller = new AbortController();
    const result = transfer.upload({ ...request, body: new Uint8Array(100) }, { signal: controller.signal });
    controller.abort();
    expect(last().aborted).toBe(true);
    expect((await rejection(result)).code).toBe('aborted');
    const before = FakeXhr.created.length;
    expect(
      (
        await rejection(
          transfer.upload({ ...request, body: new Uint8Array(100) }, { signal: controller.signal }),
        )
      ).code,
    ).toBe('aborted');
    expect(FakeXhr.created).toHaveLength(before);
  });

  it('XHR-05 rejects unsupported when no XMLHttpRequest exists', async () => {
    const transfer = createXhrAttachmentTransfer();
    expect('XMLHttpRequest' in globalThis).toBe(false);
    expect((await rejection(transfer.upload({ ...request, body: new Uint8Array(100) }))).code).toBe(
      'unsupported',
    );
    expect((await rejection(transfer.download(url))).code).toBe('unsupported');
  });

  it('XHR-06 a header the platform refuses fails the upload without sending it or quoting the URL', async () => {
    class Refusing extends FakeXhr {
      override setRequestHeader(): void {
        throw new Error(`refused for ${url}`);
      }
    }
    const transfer = createXhrAttachmentTransfer({ XMLHttpRequest: Refusing });
    const error = await rejection(transfer.upload({ ...request, body: new Uint8Array(100) }));
    expect(error.code).toBe('unknown');
    expect(error.cause).toBeUndefined();
    expect((FakeXhr.created.at(-1) as FakeXhr).sent).toBe('nothing');
  });
});

describe('createXhrAttachmentTransfer: download', () => {
  it('XHR-10 GETs the URL as a Blob', async () => {
    const { transfer, last } = setup();
    const blob = new Blob(['png']);
    const result = transfer.download(url);
    expect(last().method).toBe('GET');
    expect(last().responseType).toBe('blob');
    last().answer(200, blob);
    await expect(result).resolves.toBe(blob);
  });

  it('XHR-11 a refused download rejects with the status code core gives it', async () => {
    const { transfer, last } = setup();
    const expired = transfer.download(url);
    last().answer(403, new Blob(['<Error/>']));
    const error = await rejection(expired);
    expect(error.code).toBe('accessDenied');
    expect(error.status).toBe(403);
    const missing = transfer.download(url);
    last().answer(404, new Blob([]));
    expect((await rejection(missing)).code).toBe('notFound');
  });

  it('XHR-12 a platform that cannot give a Blob is an invalid response', async () => {
    const { transfer, last } = setup();
    const result = transfer.download(url);
    last().answer(200, 'text instead');
    expect((await rejection(result)).code).toBe('invalidResponse');
  });
});
