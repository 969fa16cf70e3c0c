// Attachment upload/download through local presigned URLs (§2, §5.3, §5.6).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/testing';
import { type Connected, heldScheduler, rest, startCustomer, TestSocket } from './helpers';

interface Started {
  AttachmentId: string;
  UploadMetadata: { Url: string; UrlExpiry: string; HeadersToInclude: Record<string, string> };
}

let emulator: Emulator;
let held: (() => void)[];

beforeEach(async () => {
  held = [];
  emulator = await startEmulator({
    attachments: { maxPerContact: 2 },
    // Scan verdicts wait here until the test releases them.
    scheduler: heldScheduler(held),
  });
});
afterEach(() => emulator.close());

async function start(customer: Connected, size: number, ContentType = 'image/png'): Promise<Started> {
  const answer = await rest<Started>(emulator, '/participant/start-attachment-upload', {
    bearer: customer.connectionToken,
    body: {
      ContentType,
      AttachmentSizeInBytes: size,
      AttachmentName: 'a.png',
      ClientToken: `c-${Math.random()}`,
    },
  });
  expect(answer.status).toBe(200);
  return answer.body;
}

function put(started: Started, bytes: Uint8Array, headers = started.UploadMetadata.HeadersToInclude) {
  return fetch(started.UploadMetadata.Url, { method: 'PUT', headers, body: Buffer.from(bytes) });
}

const complete = (customer: Connected, id: string, ClientToken = `k-${Math.random()}`) =>
  rest(emulator, '/participant/complete-attachment-upload', {
    bearer: customer.connectionToken,
    body: { AttachmentIds: [id], ClientToken },
  });

describe('StartAttachmentUpload', () => {
  it('returns a local PUT URL, a 300 s expiry and the headers to include', async () => {
    const customer = await startCustomer(emulator);
    const started = await start(customer, 4);
    expect(started.UploadMetadata.Url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${emulator.port}/__uploads/`),
    );
    expect(started.UploadMetadata.HeadersToInclude).toEqual({ 'Content-Type': 'image/png' });
    expect(Date.parse(started.UploadMetadata.UrlExpiry) - emulator.now()).toBeGreaterThan(299_000);
  });

  it('rejects disallowed types, oversized files, missing members, and passes the quota with 402', async () => {
    const customer = await startCustomer(emulator);
    const call = (body: Record<string, unknown>) =>
      rest(emulator, '/participant/start-attachment-upload', { bearer: customer.connectionToken, body });
    const valid = {
      ContentType: 'image/png',
      AttachmentSizeInBytes: 1,
      AttachmentName: 'a',
      ClientToken: 'x',
    };
    expect((await call({ ...valid, ContentType: 'application/x-msdownload' })).status).toBe(400);
    expect((await call({ ...valid, AttachmentSizeInBytes: 20 * 1024 * 1024 + 1 })).status).toBe(400);
    expect((await call({ ...valid, AttachmentSizeInBytes: 0 })).status).toBe(400);
    expect((await call({ ...valid, ClientToken: undefined })).status).toBe(400);
    await start(customer, 1);
    await start(customer, 1);
    const over = await call({ ...valid, ClientToken: 'third' });
    expect(over.status).toBe(402);
    expect(over.headers.get('x-amzn-errortype')).toBe('ServiceQuotaExceededException');
  });
});

describe('the upload URL', () => {
  it('needs the exact headers (403 SignatureDoesNotMatch XML) and the exact size (400 XML)', async () => {
    const customer = await startCustomer(emulator);
    const started = await start(customer, 4);
    const wrongHeader = await put(started, new Uint8Array([1, 2, 3, 4]), { 'Content-Type': 'image/jpeg' });
    expect(wrongHeader.status).toBe(403);
    expect(await wrongHeader.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const short = await put(started, new Uint8Array([1, 2, 3]));
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('<Code>IncompleteBody</Code>');
    const long = await put(started, new Uint8Array([1, 2, 3, 4, 5]));
    expect(long.status).toBe(400);
    const tampered = await fetch(
      started.UploadMetadata.Url.replace(/X-Emu-Expires=\d+/, 'X-Emu-Expires=99999999999999'),
      {
        method: 'PUT',
        headers: started.UploadMetadata.HeadersToInclude,
        body: Buffer.from([1, 2, 3, 4]),
      },
    );
    expect(tampered.status).toBe(403);
  });

  it('expires (403 "Request has expired") once the clock passes UrlExpiry', async () => {
    const customer = await startCustomer(emulator);
    const started = await start(customer, 2);
    emulator.advanceClock(300_001);
    const expired = await put(started, new Uint8Array([1, 2]));
    expect(expired.status).toBe(403);
    const xml = await expired.text();
    expect(xml).toContain('<Code>AccessDenied</Code>');
    expect(xml).toContain('Request has expired');
  });
});

describe('complete, broadcast, download', () => {
  it('uploads with an ETag, completes once (409 after), broadcasts, and downloads the same bytes', async () => {
    const customer = await startCustomer(emulator);
    await using socket = await TestSocket.subscribed(customer.socketUrl);
    const bytes = new Uint8Array([137, 80, 78, 71, 0, 255]);
    const started = await start(customer, bytes.length);
    expect((await complete(customer, started.AttachmentId)).status).toBe(400);
    const uploaded = await put(started, bytes);
    expect(uploaded.status).toBe(200);
    expect(uploaded.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(await uploaded.text()).toBe('');
    const token = 'complete-1';
    expect((await complete(customer, started.AttachmentId, token)).status).toBe(200);
    expect((await complete(customer, started.AttachmentId, token)).status).toBe(200);
    const twice = await complete(customer, started.AttachmentId);
    expect(twice.status).toBe(409);
    const item = await socket.nextItem((candidate) => candidate.Type === 'ATTACHMENT');
    expect(item).toMatchObject({
      ParticipantId: customer.participantId,
      Attachments: [
        {
          AttachmentId: started.AttachmentId,
          Status: 'APPROVED',
          ContentType: 'image/png',
          AttachmentName: 'a.png',
        },
      ],
    });
    const link = await rest<{ Url: string; AttachmentSizeInBytes: number }>(
      emulator,
      '/participant/attachment',
      {
        bearer: customer.connectionToken,
        body: { AttachmentId: started.AttachmentId, UrlExpiryInSeconds: 60 },
      },
    );
    expect(link.body.AttachmentSizeInBytes).toBe(bytes.length);
    const download = await fetch(link.body.Url);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);
    emulator.advanceClock(60_001);
    expect((await fetch(link.body.Url)).status).toBe(403);
    const outOfRange = await rest(emulator, '/participant/attachment', {
      bearer: customer.connectionToken,
      body: { AttachmentId: started.AttachmentId, UrlExpiryInSeconds: 301 },
    });
    expect(outOfRange.status).toBe(400);
  });

  it('forbids downloads to CUSTOM_BOT participants', async () => {
    const customer = await startCustomer(emulator);
    const bot = emulator.addParticipant(customer.contactId, { Role: 'CUSTOM_BOT' });
    const botConnection = await rest<{ ConnectionCredentials: { ConnectionToken: string } }>(
      emulator,
      '/participant/connection',
      {
        bearer: bot.ParticipantToken,
        body: { Type: ['CONNECTION_CREDENTIALS'] },
      },
    );
    const answer = await rest(emulator, '/participant/attachment', {
      bearer: botConnection.body.ConnectionCredentials.ConnectionToken,
      body: { AttachmentId: 'anything' },
    });
    expect(answer.status).toBe(403);
  });
});

describe('scanning mode', () => {
  it('sends IN_PROGRESS, then the verdict as a second ATTACHMENT item', async () => {
    await emulator.close();
    emulator = await startEmulator({
      attachments: { scanning: 'reject' },
      scheduler: heldScheduler(held),
    });
    const customer = await startCustomer(emulator);
    await using socket = await TestSocket.subscribed(customer.socketUrl);
    const started = await start(customer, 1, 'text/plain');
    await put(started, new Uint8Array([65]));
    await complete(customer, started.AttachmentId);
    const first = await socket.nextItem((item) => item.Type === 'ATTACHMENT');
    expect((first.Attachments as { Status: string }[])[0]?.Status).toBe('IN_PROGRESS');
    expect(held).toHaveLength(1);
    held.shift()!();
    const verdict = await socket.nextItem((item) => item.Type === 'ATTACHMENT');
    expect((verdict.Attachments as { Status: string }[])[0]?.Status).toBe('REJECTED');
    const link = await rest(emulator, '/participant/attachment', {
      bearer: customer.connectionToken,
      body: { AttachmentId: started.AttachmentId },
    });
    expect(link.status).toBe(400);
  });
});
