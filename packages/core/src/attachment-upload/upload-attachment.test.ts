import { describe, expect, it } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { rejectionOf } from '../errors/rejection.test-support';
import { connectionTokenValue, startAnswer, uploadHarness, urlSignature } from './fakes.test-support';
import { attachmentFromBlob, uploadAttachment } from './upload-attachment';

const rejection = rejectionOf;

describe('uploadAttachment', () => {
  it('RUN-01 resolves with the attachment id and forwards progress', async () => {
    const h = uploadHarness();
    const progress: [number, number][] = [];
    const result = uploadAttachment(h.input, {
      clock: h.clock,
      onProgress: (sent, total) => progress.push([sent, total]),
    });
    (await h.start.nth(0)).resolve(startAnswer({ id: 'att-7' }));
    const upload = await h.uploads.nth(0);
    upload.onProgress?.(0, 10);
    upload.onProgress?.(6, 10);
    upload.onProgress?.(10, 10);
    upload.resolve({ status: 200 });
    (await h.complete.nth(0)).resolve({});
    await expect(result).resolves.toEqual({ attachmentId: 'att-7' });
    expect(progress).toEqual([
      [0, 10],
      [6, 10],
      [10, 10],
    ]);
  });

  it('RUN-02 an already aborted signal rejects with aborted before any request', async () => {
    const h = uploadHarness();
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(uploadAttachment(h.input, { signal: controller.signal }));
    expect(error.code).toBe('aborted');
    expect(h.tokenRequests()).toBe(0);
    expect(h.requestCount()).toBe(0);
  });

  it('RUN-03 aborting mid-upload aborts the PUT and rejects with aborted', async () => {
    const h = uploadHarness();
    const controller = new AbortController();
    const result = uploadAttachment(h.input, { signal: controller.signal, clock: h.clock });
    const upload = await (async () => {
      (await h.start.nth(0)).resolve(startAnswer());
      return h.uploads.nth(0);
    })();
    controller.abort();
    const error = await rejection(result);
    expect(error.code).toBe('aborted');
    expect(error.message).toBe('unable to upload attachment; the upload was cancelled');
    expect(upload.signal?.aborted).toBe(true);
    expect(h.complete.calls).toHaveLength(0);
  });

  it('RUN-04 rejects with the failure the machine recorded', async () => {
    const h = uploadHarness();
    const result = uploadAttachment(h.input, { clock: h.clock });
    (await h.start.nth(0)).resolve(startAnswer());
    (await h.uploads.nth(0)).resolve({ status: 403 });
    const error = await rejection(result);
    expect(error.code).toBe('accessDenied');
    expect(error.status).toBe(403);
    expect(error.message).not.toContain(urlSignature);
  });

  it('RUN-05 rejects an invalid attachment with validation and no request', async () => {
    const h = uploadHarness({
      attachment: {
        name: 'a.exe',
        contentType: 'application/x-msdownload',
        size: 1,
        body: new Uint8Array(1),
      },
    });
    const error = await rejection(uploadAttachment(h.input));
    expect(error.code).toBe('validation');
    expect(h.requestCount()).toBe(0);
  });

  it('RUN-06 stops listening to the signal once settled', async () => {
    const h = uploadHarness();
    const controller = new AbortController();
    const result = uploadAttachment(h.input, { signal: controller.signal, clock: h.clock });
    (await h.start.nth(0)).resolve(startAnswer());
    (await h.uploads.nth(0)).resolve({ status: 200 });
    (await h.complete.nth(0)).resolve({});
    await expect(result).resolves.toEqual({ attachmentId: 'att-1' });
    controller.abort();
    expect(h.requestCount()).toBe(3);
  });

  it('RUN-07 an inspector sees the steps but neither the token nor the URL signature', async () => {
    const h = uploadHarness();
    const seen: InspectionEvent[] = [];
    const result = uploadAttachment(h.input, { clock: h.clock, inspect: (event) => seen.push(event) });
    (await h.start.nth(0)).resolve(startAnswer());
    (await h.uploads.nth(0)).resolve({ status: 200 });
    (await h.complete.nth(0)).resolve({});
    await result;
    const text = JSON.stringify(seen, (_key, value: unknown) => (typeof value === 'function' ? 'fn' : value));
    expect(seen.some((event) => event.type === '@xstate.snapshot')).toBe(true);
    expect(text).toContain('completing');
    expect(text).not.toContain(urlSignature);
    expect(text).not.toContain(connectionTokenValue);
  });

  it('RUN-08 makes UUID client tokens with crypto.randomUUID when none is given', async () => {
    const h = uploadHarness({ createClientToken: undefined });
    const result = uploadAttachment(h.input, { clock: h.clock });
    const start = await h.start.nth(0);
    start.resolve(startAnswer());
    (await h.uploads.nth(0)).resolve({ status: 200 });
    const complete = await h.complete.nth(0);
    complete.resolve({});
    await result;
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(start.input.ClientToken).toMatch(uuid);
    expect(complete.input.ClientToken).toMatch(uuid);
    expect(complete.input.ClientToken).not.toBe(start.input.ClientToken);
  });
});

describe('attachmentFromBlob', () => {
  it('RUN-10 takes name, type, size and the blob itself from a File', () => {
    const file = new File(['hello'], 'note.txt', { type: 'text/plain' });
    expect(attachmentFromBlob(file)).toEqual({
      name: 'note.txt',
      contentType: 'text/plain',
      size: 5,
      body: file,
    });
    expect(attachmentFromBlob(file).body).toBe(file);
  });

  it('RUN-11 names a nameless Blob with the given name, or leaves the name empty (which validation rejects)', () => {
    const blob = new Blob([new Uint8Array(3)], { type: 'image/png' });
    expect(attachmentFromBlob(blob, 'pasted.png')).toMatchObject({ name: 'pasted.png', size: 3 });
    expect(attachmentFromBlob(blob).name).toBe('');
  });
});
