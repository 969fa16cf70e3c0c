import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChatError, ChatErrorCode } from '../errors';
import { rejectionOf } from '../errors/rejection.test-support';
import { startAnswer, uploadHarness } from './fakes.test-support';
import { type AttachmentFetch, createFetchAttachmentTransfer } from './fetch-attachment-transfer';
import { uploadAttachment } from './upload-attachment';

const url = 'https://bucket.example/uploads/att-1?X-Amz-Expires=300&X-Amz-Signature=abc123secret';

type Init = Parameters<AttachmentFetch>[1];

/** A fetch that records each call and answers with `answer(init)`. */
function recordingFetch(answer: (init: Init) => Promise<Response> | Response = () => new Response(null)) {
  const calls: { url: string; init: Init }[] = [];
  const fetch: AttachmentFetch = async (target, init) => {
    calls.push({ url: target, init });
    return answer(init);
  };
  return { fetch, calls };
}

const rejection = rejectionOf;

const request = (body: Blob | ArrayBuffer | ArrayBufferView = new Uint8Array([1, 2, 3])) => ({
  url,
  headers: { 'Content-Type': 'text/plain', 'x-amz-meta-Case': 'Kept' },
  body,
  size: 3,
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createFetchAttachmentTransfer: upload', () => {
  it('FT-01 PUTs the raw bytes with exactly the signed headers and reports 0, then the total', async () => {
    const { fetch, calls } = recordingFetch(() => new Response(null, { status: 200 }));
    const progress: [number, number][] = [];
    const signal = new AbortController().signal;
    const body = new Uint8Array([1, 2, 3]);
    const answer = await createFetchAttachmentTransfer({ fetch }).upload(request(body), {
      signal,
      onProgress: (sent, total) => progress.push([sent, total]),
    });
    expect(answer).toEqual({ status: 200 });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(url);
    expect(calls[0]?.init).toEqual({
      method: 'PUT',
      headers: { 'Content-Type': 'text/plain', 'x-amz-meta-Case': 'Kept' },
      body,
      signal,
    });
    expect(calls[0]?.init.body).toBe(body);
    expect(progress).toEqual([
      [0, 3],
      [3, 3],
    ]);
  });

  it('FT-02 resolves any status and claims no finished progress for a refused upload', async () => {
    const xml = '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';
    const { fetch } = recordingFetch(() => new Response(xml, { status: 403 }));
    const progress: number[] = [];
    const answer = await createFetchAttachmentTransfer({ fetch }).upload(request(), {
      onProgress: (sent) => progress.push(sent),
    });
    expect(answer).toEqual({ status: 403 });
    expect(progress).toEqual([0]);
  });

  it('FT-03 a request that gets no response rejects with network, without the URL in the message', async () => {
    const plain = new TypeError('fetch failed');
    const transfer = createFetchAttachmentTransfer({ fetch: () => Promise.reject(plain) });
    const error = await rejection(transfer.upload(request()));
    expect(error.code).toBe('network');
    expect(error.message).toBe('unable to upload attachment; the request failed before a response arrived');
    expect(error.cause).toBe(plain);
  });

  it('FT-04 an underlying error that mentions the signed URL is not kept as the cause', async () => {
    const leaky = new Error('request failed', {
      cause: new Error(`request to ${url} failed, reason: ECONNRESET`),
    });
    const transfer = createFetchAttachmentTransfer({ fetch: () => Promise.reject(leaky) });
    const error = await rejection(transfer.upload(request()));
    expect(error.code).toBe('network');
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify({ message: error.message, cause: String(error.cause) })).not.toContain(
      'abc123secret',
    );
  });

  it('FT-05 an already aborted signal rejects with aborted without calling fetch; an abort in flight too', async () => {
    const { fetch, calls } = recordingFetch();
    const aborted = new AbortController();
    aborted.abort();
    const transfer = createFetchAttachmentTransfer({ fetch });
    expect((await rejection(transfer.upload(request(), { signal: aborted.signal }))).code).toBe('aborted');
    expect(calls).toHaveLength(0);

    const controller = new AbortController();
    const inFlight = createFetchAttachmentTransfer({
      fetch: (_url, init) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    }).upload(request(), { signal: controller.signal });
    controller.abort();
    expect((await rejection(inFlight)).code).toBe('aborted');
  });

  it('FT-06 copies a view over a SharedArrayBuffer, which fetch does not take, and sends other bodies as they are', async () => {
    const { fetch, calls } = recordingFetch();
    const shared = new Uint8Array(new SharedArrayBuffer(5), 1, 3);
    shared.set([7, 8, 9]);
    const transfer = createFetchAttachmentTransfer({ fetch });
    await transfer.upload(request(shared));
    const sent = calls[0]?.init.body as Uint8Array;
    expect(sent.buffer).toBeInstanceOf(ArrayBuffer);
    expect([...sent]).toEqual([7, 8, 9]);
    const blob = new Blob(['abc']);
    await transfer.upload(request(blob));
    expect(calls[1]?.init.body).toBe(blob);
  });

  it('FT-07 looks up the global fetch on each call, and rejects unsupported when there is none', async () => {
    // The one place where a global is replaced: the point is what happens when the platform lacks it.
    const transfer = createFetchAttachmentTransfer();
    const { fetch, calls } = recordingFetch(() => new Response(null, { status: 201 }));
    vi.stubGlobal('fetch', fetch);
    expect(await transfer.upload(request())).toEqual({ status: 201 });
    expect(calls).toHaveLength(1);
    vi.stubGlobal('fetch', undefined);
    const error = await rejection(transfer.upload(request()));
    expect(error.code).toBe('unsupported');
    expect((await rejection(transfer.download(url))).code).toBe('unsupported');
  });
});

describe('createFetchAttachmentTransfer: download', () => {
  it('FT-10 GETs the URL and resolves the body as a Blob', async () => {
    const { fetch, calls } = recordingFetch(
      () => new Response(new Uint8Array([0, 255, 10]), { headers: { 'content-type': 'image/png' } }),
    );
    const blob = await createFetchAttachmentTransfer({ fetch }).download(url);
    expect(calls[0]).toEqual({ url, init: { method: 'GET' } });
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0, 255, 10]);
    expect(blob.type).toBe('image/png');
  });

  it.each([
    [
      403,
      'accessDenied',
      'unable to download attachment; the download URL was refused or has expired (HTTP 403)',
    ],
    [404, 'notFound', 'unable to download attachment; the file was not found (HTTP 404)'],
    [503, 'serviceUnavailable', 'unable to download attachment; the storage service answered HTTP 503'],
    [429, 'throttled', 'unable to download attachment; the storage service answered HTTP 429'],
    [400, 'unknown', 'unable to download attachment; the storage service answered HTTP 400'],
  ])('FT-11 a download answered %i rejects with %s', async (status, code, message) => {
    const { fetch } = recordingFetch(() => new Response('<Error/>', { status }));
    const error = await rejection(createFetchAttachmentTransfer({ fetch }).download(url));
    expect({ code: error.code, status: error.status, message: error.message }).toEqual({
      code,
      status,
      message,
    });
  });

  it('FT-12 a body that breaks off while it is read rejects with network', async () => {
    const broken = { status: 200, body: null, blob: () => Promise.reject(new TypeError('terminated')) };
    const transfer = createFetchAttachmentTransfer({ fetch: async () => broken });
    const error = await rejection(transfer.download(url));
    expect(error.code).toBe('network');
    expect(error.message).toBe('unable to download attachment; the request failed before a response arrived');
  });

  it('FT-13 the global fetch fits the slot without a cast', () => {
    const slot: AttachmentFetch = globalThis.fetch;
    expect(typeof slot).toBe('function');
  });
});

describe('createFetchAttachmentTransfer: checkStatus false (ChatJS does not look at the status)', () => {
  const xml = '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>';

  it.each([403, 400, 500])(
    'FT-20 an upload answered %i resolves as accepted, reports the total and releases the body',
    async (status) => {
      let cancelled = 0;
      const answer = {
        status,
        blob: () => Promise.reject(new Error('the body must not be read')),
        body: {
          cancel: () => {
            cancelled += 1;
            return Promise.resolve();
          },
        },
      };
      const { fetch, calls } = recordingFetch(() => answer as unknown as Response);
      const progress: [number, number][] = [];
      const result = await createFetchAttachmentTransfer({ fetch, checkStatus: false }).upload(request(), {
        onProgress: (sent, total) => progress.push([sent, total]),
      });
      expect(result).toEqual({ status: 200 });
      expect(calls.map((call) => call.init.method)).toEqual(['PUT']);
      expect(progress).toEqual([
        [0, 3],
        [3, 3],
      ]);
      expect(cancelled).toBe(1);
    },
  );

  it.each([403, 404, 503])('FT-21 a download answered %i resolves the body it came with', async (status) => {
    const { fetch } = recordingFetch(
      () => new Response(xml, { status, headers: { 'content-type': 'application/xml' } }),
    );
    const blob = await createFetchAttachmentTransfer({ fetch, checkStatus: false }).download(url);
    expect(await blob.text()).toBe(xml);
    expect(blob.type).toBe('application/xml');
  });

  it('FT-22 failures without a response still reject: network, and aborted', async () => {
    const transfer = createFetchAttachmentTransfer({
      fetch: () => Promise.reject(new TypeError('fetch failed')),
      checkStatus: false,
    });
    expect((await rejection(transfer.upload(request()))).code).toBe('network');
    expect((await rejection(transfer.download(url))).code).toBe('network');
    const aborted = new AbortController();
    aborted.abort();
    expect((await rejection(transfer.download(url, { signal: aborted.signal }))).code).toBe('aborted');
  });

  it('FT-23 checkStatus true is the default: the same answers reject the download and report the real upload status', async () => {
    const { fetch } = recordingFetch(() => new Response(xml, { status: 403 }));
    for (const transfer of [
      createFetchAttachmentTransfer({ fetch }),
      createFetchAttachmentTransfer({ fetch, checkStatus: true }),
    ]) {
      expect(await transfer.upload(request())).toEqual({ status: 403 });
      expect((await rejection(transfer.download(url))).code).toBe('accessDenied');
    }
  });

  it('FT-24 in an attachment upload, a refused PUT goes on to CompleteAttachmentUpload, whose answer decides', async () => {
    const refusedPut = recordingFetch(() => new Response(xml, { status: 403 }));
    const lenient = uploadHarness({
      transfer: createFetchAttachmentTransfer({ fetch: refusedPut.fetch, checkStatus: false }),
    });
    const lenientResult = uploadAttachment(lenient.input, { clock: lenient.clock });
    (await lenient.start.nth(0)).resolve(startAnswer({ id: 'att-9' }));
    const complete = await lenient.complete.nth(0);
    expect(complete.input.AttachmentIds).toEqual(['att-9']);
    expect(refusedPut.calls).toHaveLength(1);
    const refusal = new ChatError(ChatErrorCode.validation, 'attachment att-9 was not uploaded');
    complete.reject(refusal);
    await expect(lenientResult).rejects.toBe(refusal);

    // The default transfer stops at the refused PUT.
    const strict = uploadHarness({ transfer: createFetchAttachmentTransfer({ fetch: refusedPut.fetch }) });
    const strictResult = uploadAttachment(strict.input, { clock: strict.clock });
    (await strict.start.nth(0)).resolve(startAnswer());
    expect((await rejection(strictResult)).code).toBe('accessDenied');
    expect(strict.complete.calls).toHaveLength(0);
  });
});
