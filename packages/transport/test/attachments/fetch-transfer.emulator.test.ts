// Core's attachment-upload machine with the fetch transfer (Node's own fetch and Blob), against the real emulator:
// the bytes that go up are the bytes that come down, and the emulator's upload faults surface as the right codes.
import {
  ChatError,
  createFetchAttachmentTransfer,
  isChatError,
  type ParticipantApi,
  uploadAttachment,
} from '@connect-chat/core';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../connection/manual-clock';
import { attachmentFixture, holdingScheduler } from './attachment-fixture';
import { patternedBytes } from './patterned-bytes';

async function rejection(promise: Promise<unknown>): Promise<ChatError> {
  try {
    await promise;
  } catch (error) {
    if (isChatError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

/** Resolves when an inspected upload machine first reaches `state`. */
function watchFor(state: string) {
  let reached: () => void = () => undefined;
  const seen = new Promise<void>((resolve) => (reached = resolve));
  const inspect = (event: { type: string }) => {
    const snapshot = (event as { snapshot?: { value?: unknown } }).snapshot;
    if (event.type === '@xstate.snapshot' && snapshot?.value === state) reached();
  };
  return { seen, inspect };
}

describe('fetch transfer against the emulator', () => {
  it('uploads a file whose download through GetAttachment gives back identical bytes', async () => {
    await using chat = await attachmentFixture();
    const transfer = createFetchAttachmentTransfer();
    const bytes = patternedBytes(200_000);
    const file = new Blob([bytes], { type: 'application/pdf' });
    const progress: [number, number][] = [];
    const { attachmentId } = await uploadAttachment(
      chat.input(
        { name: 'report.pdf', contentType: 'application/pdf', size: file.size, body: file },
        transfer,
      ),
      { onProgress: (sent, total) => progress.push([sent, total]) },
    );
    expect(progress).toEqual([
      [0, 200_000],
      [200_000, 200_000],
    ]);
    expect(chat.emulator.getContactState(chat.contactId).Attachments).toEqual([
      expect.objectContaining({
        AttachmentId: attachmentId,
        AttachmentName: 'report.pdf',
        Status: 'COMPLETED',
      }),
    ]);

    const link = await chat.participantApi.getAttachment({
      ConnectionToken: chat.connectionToken,
      AttachmentId: attachmentId,
    });
    expect(link.AttachmentSizeInBytes).toBe(bytes.length);
    const downloaded = await transfer.download(link.Url ?? '');
    expect(downloaded.type).toBe('application/pdf');
    expect(new Uint8Array(await downloaded.arrayBuffer())).toEqual(bytes);

    const transcript = await chat.participantApi.getTranscript({ ConnectionToken: chat.connectionToken });
    expect(transcript.Transcript?.find((item) => item.Type === 'ATTACHMENT')?.Attachments?.[0]).toMatchObject(
      {
        AttachmentId: attachmentId,
        Status: 'APPROVED',
      },
    );
  });

  it('sends every HeadersToInclude entry, so a URL signed over extra headers still accepts the bytes', async () => {
    await using chat = await attachmentFixture({
      attachments: { extraUploadHeaders: { 'x-amz-meta-origin': 'chat widget', 'x-amz-acl': 'private' } },
    });
    const bytes = patternedBytes(1_000);
    const { attachmentId } = await uploadAttachment(
      chat.input(
        { name: 'a.png', contentType: 'image/png', size: bytes.length, body: bytes },
        createFetchAttachmentTransfer(),
      ),
    );
    expect(chat.requests('UploadAttachment').map((entry) => entry.status)).toEqual([200]);
    const link = await chat.participantApi.getAttachment({
      ConnectionToken: chat.connectionToken,
      AttachmentId: attachmentId,
    });
    const downloaded = await createFetchAttachmentTransfer().download(link.Url ?? '');
    expect(new Uint8Array(await downloaded.arrayBuffer())).toEqual(bytes);
  });

  it('an upload URL that expired before the PUT fails with accessDenied and is never completed', async () => {
    await using chat = await attachmentFixture();
    // The service's clock passes UrlExpiry between StartAttachmentUpload and the PUT.
    const api: ParticipantApi = {
      ...chat.participantApi,
      startAttachmentUpload: async (input, options) => {
        const output = await chat.participantApi.startAttachmentUpload(input, options);
        chat.emulator.advanceClock(300_001);
        return output;
      },
    };
    const bytes = patternedBytes(10);
    const error = await rejection(
      uploadAttachment({
        ...chat.input(
          { name: 'a.png', contentType: 'image/png', size: 10, body: bytes },
          createFetchAttachmentTransfer(),
        ),
        participantApi: api,
      }),
    );
    expect(error.code).toBe('accessDenied');
    expect(error.status).toBe(403);
    expect(error.message).toBe(
      'unable to upload attachment; the upload URL was refused or has expired (HTTP 403)',
    );
    expect(chat.requests('UploadAttachment').map((entry) => entry.status)).toEqual([403]);
    expect(chat.requests('CompleteAttachmentUpload')).toEqual([]);
  });

  it('an expired download URL fails with accessDenied', async () => {
    await using chat = await attachmentFixture();
    const bytes = patternedBytes(10);
    const transfer = createFetchAttachmentTransfer();
    const { attachmentId } = await uploadAttachment(
      chat.input({ name: 'a.txt', contentType: 'text/plain', size: 10, body: bytes }, transfer),
    );
    const link = await chat.participantApi.getAttachment({
      ConnectionToken: chat.connectionToken,
      AttachmentId: attachmentId,
      UrlExpiryInSeconds: 5,
    });
    chat.emulator.advanceClock(5_001);
    const error = await rejection(transfer.download(link.Url ?? ''));
    expect({ code: error.code, status: error.status }).toEqual({ code: 'accessDenied', status: 403 });
    expect(error.message).not.toContain(link.Url?.split('?')[1] ?? 'no query');
  });

  it('a dropped connection is retried once and the upload then succeeds', async () => {
    await using chat = await attachmentFixture();
    chat.emulator.addFault({
      match: { operation: 'UploadAttachment' },
      action: { type: 'dropConnection' },
      times: 1,
    });
    const clock = new ManualClock();
    const retrying = watchFor('retrying');
    const bytes = patternedBytes(5_000);
    const upload = uploadAttachment(
      chat.input(
        { name: 'a.png', contentType: 'image/png', size: bytes.length, body: bytes },
        createFetchAttachmentTransfer(),
      ),
      { clock, inspect: retrying.inspect },
    );
    await retrying.seen;
    clock.increment(1_000);
    const { attachmentId } = await upload;
    expect(chat.requests('UploadAttachment').map((entry) => entry.status)).toEqual([0, 200]);
    expect(chat.emulator.getContactState(chat.contactId).Attachments[0]).toMatchObject({
      AttachmentId: attachmentId,
      Status: 'COMPLETED',
    });
  });

  it('a connection dropped twice fails with network after the one retry', async () => {
    await using chat = await attachmentFixture();
    chat.emulator.addFault({
      match: { operation: 'UploadAttachment' },
      action: { type: 'dropConnection' },
      times: 2,
    });
    const clock = new ManualClock();
    const retrying = watchFor('retrying');
    const upload = rejection(
      uploadAttachment(
        chat.input(
          { name: 'a.png', contentType: 'image/png', size: 3, body: patternedBytes(3) },
          createFetchAttachmentTransfer(),
        ),
        { clock, inspect: retrying.inspect },
      ),
    );
    await retrying.seen;
    clock.increment(1_000);
    const error = await upload;
    expect(error.code).toBe('network');
    expect(error.message).toBe('unable to upload attachment; the request failed before a response arrived');
    expect(chat.requests('UploadAttachment')).toHaveLength(2);
    expect(chat.requests('CompleteAttachmentUpload')).toEqual([]);
  });

  it('a storage error status fails with its code and the upload is not completed', async () => {
    await using chat = await attachmentFixture();
    chat.emulator.addFault({
      match: { operation: 'UploadAttachment' },
      action: { type: 'error', status: 503 },
      times: 1,
    });
    const error = await rejection(
      uploadAttachment(
        chat.input(
          { name: 'a.png', contentType: 'image/png', size: 3, body: patternedBytes(3) },
          createFetchAttachmentTransfer(),
        ),
      ),
    );
    expect({ code: error.code, status: error.status }).toEqual({ code: 'serviceUnavailable', status: 503 });
    expect(chat.requests('CompleteAttachmentUpload')).toEqual([]);
  });

  it('a download the storage answers with 500 fails with serviceUnavailable', async () => {
    await using chat = await attachmentFixture();
    const transfer = createFetchAttachmentTransfer();
    const { attachmentId } = await uploadAttachment(
      chat.input({ name: 'a.png', contentType: 'image/png', size: 3, body: patternedBytes(3) }, transfer),
    );
    const link = await chat.participantApi.getAttachment({
      ConnectionToken: chat.connectionToken,
      AttachmentId: attachmentId,
    });
    chat.emulator.addFault({
      match: { operation: 'DownloadAttachment' },
      action: { type: 'error', status: 500 },
      times: 1,
    });
    expect((await rejection(transfer.download(link.Url ?? ''))).code).toBe('serviceUnavailable');
    const retried = await transfer.download(link.Url ?? '');
    expect(new Uint8Array(await retried.arrayBuffer())).toEqual(patternedBytes(3));
  });

  it('cancelling while the PUT is held aborts it, and the attachment is never completed', async () => {
    const hold = holdingScheduler(3_600_000);
    await using chat = await attachmentFixture({ scheduler: hold.scheduler });
    chat.emulator.addFault({
      match: { operation: 'UploadAttachment' },
      action: { type: 'delay', ms: 3_600_000 },
      times: 1,
    });
    const controller = new AbortController();
    const upload = rejection(
      uploadAttachment(
        chat.input(
          { name: 'a.png', contentType: 'image/png', size: 3, body: patternedBytes(3) },
          createFetchAttachmentTransfer(),
        ),
        { signal: controller.signal },
      ),
    );
    await hold.arrived;
    controller.abort();
    const error = await upload;
    expect(error).toBeInstanceOf(ChatError);
    expect(error.code).toBe('aborted');
    hold.release();
    expect(chat.requests('CompleteAttachmentUpload')).toEqual([]);
    expect(chat.emulator.getContactState(chat.contactId).Attachments[0]?.Status).not.toBe('COMPLETED');
  });
});
