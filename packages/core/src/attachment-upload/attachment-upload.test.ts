import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, type InspectionEvent, waitFor } from 'xstate';
import { ChatError, type ChatErrorCode } from '../errors';
import { attachmentUploadMachine } from './attachment-upload.machine';
import type {
  AttachmentUploadEmitted,
  AttachmentUploadInput,
  AttachmentUploadState,
} from './attachment-upload.types';
import { connectionTokenValue, startAnswer, uploadHarness, urlSignature } from './fakes.test-support';

type Harness = ReturnType<typeof uploadHarness>;

/** Starts a machine over the fakes, recording every state it passes through (transient ones too) and what it emits. */
function run(overrides: Partial<AttachmentUploadInput> = {}) {
  const h = uploadHarness(overrides);
  const visited: string[] = [];
  const inspect = (event: InspectionEvent) => {
    // Only machines make microsteps, and the promise children are not machines.
    if (event.type !== '@xstate.microstep') return;
    for (const transition of event._transitions) {
      for (const node of [transition.source, ...(transition.target ?? [])]) {
        if (node.key !== 'attachmentUpload' && visited.at(-1) !== node.key) visited.push(node.key);
      }
    }
  };
  const actor = createActor(attachmentUploadMachine, { input: h.input, clock: h.clock, inspect });
  const emitted: AttachmentUploadEmitted[] = [];
  actor.on('upload.progressed', (event) => emitted.push(event));
  actor.start();
  const reach = (state: AttachmentUploadState) => waitFor(actor, (snapshot) => snapshot.matches(state));
  return { ...h, actor, visited, emitted, reach };
}

/** Answers StartAttachmentUpload and waits for the PUT. */
async function toUploading(r: ReturnType<typeof run>, answer = startAnswer()) {
  (await r.start.nth(0)).resolve(answer);
  return r.uploads.nth(0);
}

const errorOf = (r: { actor: ReturnType<typeof run>['actor'] }) => r.actor.getSnapshot().context.error;

describe('attachment-upload machine', () => {
  it('UP-01 starts, uploads, completes: every step in order, with fresh client tokens and the connection token', async () => {
    const r = run();
    const start = await r.start.nth(0);
    expect(start.input).toEqual({
      ConnectionToken: connectionTokenValue,
      ContentType: 'image/png',
      AttachmentSizeInBytes: 10,
      AttachmentName: 'photo.png',
      ClientToken: 'client-token-1',
    });
    start.resolve(startAnswer({ id: 'att-42' }));
    const upload = await r.uploads.nth(0);
    upload.resolve({ status: 200 });
    const complete = await r.complete.nth(0);
    expect(complete.input).toEqual({
      ConnectionToken: connectionTokenValue,
      AttachmentIds: ['att-42'],
      ClientToken: 'client-token-2',
    });
    complete.resolve({});
    const done = await r.reach('done');
    expect(done.status).toBe('done');
    expect(done.output).toEqual({ attachmentId: 'att-42' });
    expect(r.visited).toEqual(['validating', 'starting', 'uploading', 'completing', 'done']);
    expect(r.tokenRequests()).toBe(2);
    expect(r.requestCount()).toBe(3);
  });

  it('UP-02 sends every HeadersToInclude entry verbatim, to the presigned URL, with the bytes as given', async () => {
    const headers = {
      'Content-Type': 'image/png',
      'x-amz-meta-Origin': 'Chat Widget',
      'X-Amz-Server-Side-Encryption': 'AES256',
      'x-amz-tagging': 'a=1&b=2',
    };
    const body = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const r = run({ attachment: { name: 'photo.png', contentType: 'image/png', size: 10, body } });
    const upload = await toUploading(r, startAnswer({ headers }));
    expect(upload.input.headers).toEqual(headers);
    expect(Object.keys(upload.input.headers)).toEqual(Object.keys(headers));
    expect(upload.input.url).toBe(startAnswer().UploadMetadata?.Url);
    expect(upload.input.body).toBe(body);
    expect(upload.input.size).toBe(10);
  });

  it('UP-03 forwards the PUT progress as upload.progressed events and keeps the latest in context', async () => {
    const r = run();
    const upload = await toUploading(r);
    upload.onProgress?.(0, 10);
    upload.onProgress?.(4, 10);
    upload.onProgress?.(10, 10);
    expect(r.emitted).toEqual([
      { type: 'upload.progressed', sentBytes: 0, totalBytes: 10 },
      { type: 'upload.progressed', sentBytes: 4, totalBytes: 10 },
      { type: 'upload.progressed', sentBytes: 10, totalBytes: 10 },
    ]);
    expect(r.actor.getSnapshot().context.progress).toEqual({ sentBytes: 10, totalBytes: 10 });
  });

  it.each<[number, ChatErrorCode]>([
    [403, 'accessDenied'],
    [400, 'unknown'],
    [404, 'unknown'],
    [429, 'throttled'],
    [500, 'serviceUnavailable'],
    [503, 'serviceUnavailable'],
    [301, 'unknown'],
  ])('UP-04 a PUT answered %i fails with %s and never completes', async (status, code) => {
    const r = run();
    (await toUploading(r)).resolve({ status });
    const failed = await r.reach('failed');
    expect(failed.context.error).toBeInstanceOf(ChatError);
    expect(failed.context.error?.code).toBe(code);
    expect(failed.context.error?.status).toBe(status);
    expect(failed.context.error?.message).toMatch(/^unable to upload attachment; /);
    expect(failed.context.error?.message).not.toContain(urlSignature);
    expect(r.complete.calls).toHaveLength(0);
  });

  it('UP-05 a 403 says the upload URL was refused or has expired', async () => {
    const r = run();
    (await toUploading(r)).resolve({ status: 403 });
    await r.reach('failed');
    expect(errorOf(r)?.message).toBe(
      'unable to upload attachment; the upload URL was refused or has expired (HTTP 403)',
    );
  });

  it('UP-06 any 2xx completes and no other status does (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 100, max: 599 }), async (status) => {
        const r = run();
        (await toUploading(r)).resolve({ status });
        const success = status >= 200 && status < 300;
        if (success) (await r.complete.nth(0)).resolve({});
        const end = await waitFor(r.actor, (snapshot) => snapshot.status === 'done');
        expect(end.value).toBe(success ? 'done' : 'failed');
        expect(r.complete.calls).toHaveLength(success ? 1 : 0);
      }),
      { numRuns: 60 },
    );
  });

  it('UP-07 a network failure is retried once, after the retry delay, while the URL is still valid', async () => {
    const r = run({ retryDelayMs: 2_000 });
    (await toUploading(r, startAnswer({ expiresAt: 300_000 }))).reject(
      new ChatError('network', 'unable to upload attachment; the request failed before a response arrived'),
    );
    const retrying = await r.reach('retrying');
    expect(retrying.context.uploadRetries).toBe(1);
    r.clock.increment(1_999);
    expect(r.uploads.calls).toHaveLength(1);
    r.clock.increment(1);
    const second = await r.uploads.nth(1);
    expect(second.input.headers).toEqual({ 'Content-Type': 'image/png' });
    expect(r.actor.getSnapshot().context.error).toBeUndefined();
    second.resolve({ status: 200 });
    (await r.complete.nth(0)).resolve({});
    await r.reach('done');
    expect(r.visited).toEqual([
      'validating',
      'starting',
      'uploading',
      'retrying',
      'uploading',
      'completing',
      'done',
    ]);
  });

  it('UP-08 a network failure is not retried once the URL has expired by now()', async () => {
    const r = run();
    r.clock.set(300_000);
    (await toUploading(r, startAnswer({ expiresAt: 300_000 }))).reject(
      new ChatError('network', 'no response'),
    );
    const failed = await r.reach('failed');
    expect(failed.context.error?.code).toBe('network');
    r.clock.increment(10_000);
    expect(r.uploads.calls).toHaveLength(1);
  });

  it('UP-09 a network failure is not retried when the service gave no usable UrlExpiry', async () => {
    const r = run();
    const answer = startAnswer();
    (
      await toUploading(r, { ...answer, UploadMetadata: { ...answer.UploadMetadata, UrlExpiry: 'soon' } })
    ).reject(new ChatError('network', 'no response'));
    expect((await r.reach('failed')).context.error?.code).toBe('network');
  });

  it('UP-10 a second network failure fails: the retry happens only once', async () => {
    const r = run();
    (await toUploading(r)).reject(new ChatError('network', 'first'));
    await r.reach('retrying');
    r.clock.increment(1_000);
    (await r.uploads.nth(1)).reject(new ChatError('network', 'second'));
    const failed = await r.reach('failed');
    expect(failed.context.error?.message).toBe('second');
    r.clock.increment(10_000);
    expect(r.uploads.calls).toHaveLength(2);
  });

  it('UP-11 a URL that expires during the retry delay fails with the network error, without a second PUT', async () => {
    const r = run();
    (await toUploading(r, startAnswer({ expiresAt: 500 }))).reject(new ChatError('network', 'no response'));
    await r.reach('retrying');
    r.clock.increment(1_000);
    const failed = await r.reach('failed');
    expect(failed.context.error?.code).toBe('network');
    expect(r.uploads.calls).toHaveLength(1);
  });

  it.each<[string, unknown, ChatErrorCode]>([
    ['an unsupported platform', new ChatError('unsupported', 'no fetch'), 'unsupported'],
    ['an abort from the transfer itself', new ChatError('aborted', 'aborted'), 'aborted'],
    ['a non-ChatError', new TypeError('boom'), 'unknown'],
  ])('UP-12 %s is not retried', async (_name, error, code) => {
    const r = run();
    (await toUploading(r)).reject(error);
    expect((await r.reach('failed')).context.error?.code).toBe(code);
    expect(r.uploads.calls).toHaveLength(1);
  });

  it('UP-13 a StartAttachmentUpload failure ends in failed with that error, before any PUT', async () => {
    const r = run();
    const quota = new ChatError('quotaExceeded', 'unable to start attachment upload; too many attachments');
    (await r.start.nth(0)).reject(quota);
    expect((await r.reach('failed')).context.error).toBe(quota);
    expect(r.uploads.calls).toHaveLength(0);
  });

  it('UP-14 a StartAttachmentUpload answer without an id or URL is an invalid response', async () => {
    const r = run();
    (await r.start.nth(0)).resolve({ AttachmentId: 'att-1', UploadMetadata: {} });
    const failed = await r.reach('failed');
    expect(failed.context.error?.code).toBe('invalidResponse');
    expect(failed.context.error?.operation).toBe('StartAttachmentUpload');
  });

  it('UP-15 a CompleteAttachmentUpload failure ends in failed with that error', async () => {
    const r = run();
    (await toUploading(r)).resolve({ status: 200 });
    const conflict = new ChatError('conflict', 'unable to complete attachment upload; already completing');
    (await r.complete.nth(0)).reject(conflict);
    const failed = await r.reach('failed');
    expect(failed.context.error).toBe(conflict);
    expect(failed.output).toBeUndefined();
  });

  it('UP-16 a connection token that cannot be had fails the upload before StartAttachmentUpload', async () => {
    const r = run({ connectionToken: () => Promise.reject(new Error('offline')) });
    const failed = await r.reach('failed');
    expect(failed.context.error?.code).toBe('unknown');
    expect(failed.context.error?.message).toBe(
      'unable to upload attachment; the connection token could not be obtained',
    );
    expect(r.requestCount()).toBe(0);
  });
});

describe('attachment-upload machine: cancel', () => {
  const cancelAndSettle = async (r: ReturnType<typeof run>) => {
    r.actor.send({ type: 'upload.cancel' });
    const snapshot = r.actor.getSnapshot();
    expect(snapshot.value).toBe('cancelled');
    expect(snapshot.status).toBe('done');
    expect(snapshot.output).toBeUndefined();
    return r.requestCount();
  };

  it('UP-20 while starting: aborts StartAttachmentUpload and makes no further request', async () => {
    const r = run();
    const start = await r.start.nth(0);
    const requests = await cancelAndSettle(r);
    expect(start.signal?.aborted).toBe(true);
    start.resolve(startAnswer());
    await Promise.resolve();
    r.clock.increment(60_000);
    expect(r.requestCount()).toBe(requests);
    expect(r.uploads.calls).toHaveLength(0);
  });

  it('UP-21 while waiting for the connection token: StartAttachmentUpload is never sent', async () => {
    let release: (token: string) => void = () => undefined;
    const r = run({ connectionToken: () => new Promise<string>((resolve) => (release = resolve)) });
    await cancelAndSettle(r);
    release(connectionTokenValue);
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    await Promise.resolve();
    expect(r.requestCount()).toBe(0);
  });

  it('UP-22 while uploading: aborts the PUT, ignores its late progress, never completes', async () => {
    const r = run();
    const upload = await toUploading(r);
    await cancelAndSettle(r);
    expect(upload.signal?.aborted).toBe(true);
    upload.onProgress?.(10, 10);
    upload.resolve({ status: 200 });
    await Promise.resolve();
    expect(r.emitted).toEqual([]);
    expect(r.complete.calls).toHaveLength(0);
  });

  it('UP-23 while retrying: the retry never happens', async () => {
    const r = run();
    (await toUploading(r)).reject(new ChatError('network', 'no response'));
    await r.reach('retrying');
    await cancelAndSettle(r);
    r.clock.increment(60_000);
    expect(r.uploads.calls).toHaveLength(1);
  });

  it('UP-24 while completing: aborts CompleteAttachmentUpload', async () => {
    const r = run();
    (await toUploading(r)).resolve({ status: 200 });
    const complete = await r.complete.nth(0);
    const requests = await cancelAndSettle(r);
    expect(complete.signal?.aborted).toBe(true);
    complete.resolve({});
    await Promise.resolve();
    expect(r.requestCount()).toBe(requests);
    expect(r.actor.getSnapshot().value).toBe('cancelled');
  });

  it('UP-25 a cancel after the end changes nothing', async () => {
    const r = run();
    (await toUploading(r)).resolve({ status: 200 });
    (await r.complete.nth(0)).resolve({});
    await r.reach('done');
    r.actor.send({ type: 'upload.cancel' });
    expect(r.actor.getSnapshot().value).toBe('done');
    expect(r.actor.getSnapshot().output).toEqual({ attachmentId: 'att-1' });
  });
});

describe('attachment-upload machine: validation', () => {
  const valid = { name: 'a.png', contentType: 'image/png', size: 3, body: new Uint8Array(3) };
  it.each<[string, Record<string, unknown>]>([
    ['an empty name', { name: '' }],
    ['a name of 257 characters', { name: 'n'.repeat(257) }],
    ['a disallowed type', { contentType: 'application/x-msdownload' }],
    ['an empty file', { size: 0, body: new Uint8Array(0) }],
    ['a file over 20 MB', { size: 20 * 1024 * 1024 + 1, body: new Uint8Array(20 * 1024 * 1024 + 1) }],
    ['a size that disagrees with the body', { size: 4 }],
    ['no body', { body: undefined }],
  ])('UP-30 %s fails with validation and makes zero requests', async (_name, change) => {
    const r = run({ attachment: { ...valid, ...change } as AttachmentUploadInput['attachment'] });
    const snapshot = r.actor.getSnapshot();
    expect(snapshot.value).toBe('failed');
    expect(snapshot.context.error?.code).toBe('validation');
    expect(r.visited).toEqual(['validating', 'failed']);
    r.clock.increment(60_000);
    await Promise.resolve();
    expect(r.requestCount()).toBe(0);
    expect(r.tokenRequests()).toBe(0);
  });

  it('UP-31 honours the allowed types and the size limit it is given', async () => {
    const narrow = run({ attachment: valid, allowedContentTypes: ['text/plain'] });
    expect(narrow.actor.getSnapshot().context.error?.message).toBe(
      'unable to upload attachment; files of type "image/png" are not allowed',
    );
    const small = run({ attachment: valid, maxSizeInBytes: 2 });
    expect(small.actor.getSnapshot().context.error?.message).toBe(
      'unable to upload attachment; the file is larger than 2 bytes',
    );
    const wide = run({
      attachment: { ...valid, contentType: 'video/mp4' },
      allowedContentTypes: ['video/mp4'],
    });
    expect((await wide.start.nth(0)).input.ContentType).toBe('video/mp4');
  });
});

describe('attachment-upload machine: secrets', () => {
  it('UP-40 no snapshot, inspection event or error carries the connection token or the URL signature', async () => {
    const seen: string[] = [];
    const h: Harness = uploadHarness();
    const actor = createActor(attachmentUploadMachine, {
      input: h.input,
      clock: h.clock,
      inspect: (event) =>
        seen.push(JSON.stringify(event, (_key, value) => (typeof value === 'function' ? 'fn' : value))),
    });
    actor.start();
    (await h.start.nth(0)).resolve(startAnswer());
    (await h.uploads.nth(0)).resolve({ status: 403 });
    const failed = await waitFor(actor, (snapshot) => snapshot.status === 'done');
    seen.push(JSON.stringify(failed), failed.context.error?.message ?? '');
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.join('\n')).not.toContain(urlSignature);
    expect(seen.join('\n')).not.toContain(connectionTokenValue);
    expect(JSON.stringify(failed.context)).toContain('[redacted]');
  });
});
