// Failures ChatJS 5.0.0 handles its own way, matched end to end against the emulator (compat over core, the real
// fetch adapter, `ws` sockets, one manual clock): a send that keeps failing rejects once the AWS SDK's three
// attempts are spent (legacy-chatjs §5.1), and the storage service's status of an attachment PUT or GET is not
// looked at (§5.4).
import type { HttpLogEntry } from '@connect-chat/transport/testing';
import { describe, expect, it } from 'vitest';
import { type CompatFixture, compatFixture, connectFully, until } from './compat-fixture';

/** Three attempts per call, the global `connect.ChatSession`'s default and the AWS SDK's (the fixture makes one). */
const asShipped = { runtime: { maxAttempts: 3 } };

/**
 * Waits until `path` has received `count` requests, stepping the clock by `stepMs` on every poll so each retry
 * back-off of the adapter (jittered, at most 100 ms then 200 ms, or 500 ms then 1 s when throttled) runs out.
 */
async function requestsReach(f: CompatFixture, path: string, count: number, stepMs: number): Promise<void> {
  await until(() => {
    if (f.bodies(path).length < count) f.advance(stepMs);
    expect(f.bodies(path)).toHaveLength(count);
  });
}

/**
 * Watches a call that must reject once its requests are answered. `rejection()` waits for it without stepping the
 * clock, so a call that would only be retried later fails the test with a message instead of hanging.
 */
function settlement(call: Promise<unknown>) {
  let outcome: { rejected: boolean; value: unknown } | undefined;
  call.then(
    (value) => {
      outcome = { rejected: false, value };
    },
    (error: unknown) => {
      outcome = { rejected: true, value: error };
    },
  );
  return {
    async rejection(): Promise<unknown> {
      await until(() => expect(outcome, 'the call has not settled').toMatchObject({ rejected: true }));
      return outcome?.value;
    },
  };
}

/** The emulator's log of one storage operation (`UploadAttachment`, `DownloadAttachment`). */
const storageRequests = (f: CompatFixture, operation: string): HttpLogEntry[] =>
  f.emulator
    .activity()
    .filter((entry): entry is HttpLogEntry => entry.kind === 'http' && entry.operation === operation);

/** The attachment id of the first CompleteAttachmentUpload request. */
function completedAttachmentId(f: CompatFixture): string {
  const ids = f.bodies('/participant/complete-attachment-upload')[0]?.AttachmentIds;
  if (!Array.isArray(ids) || typeof ids[0] !== 'string')
    throw new Error('no CompleteAttachmentUpload was sent');
  return ids[0];
}

const serviceError = (type: string, statusCode: number, message: string, metadata: unknown) => ({
  type,
  message,
  stack: expect.any(Array),
  statusCode,
  metadata,
});

describe('sends that keep failing: rejected after the three attempts, as ChatJS (§5.1)', () => {
  it.each([
    ['a 500', { status: 500 }, 'InternalServerException', 500, 250],
    ['throttling', { status: 429, errorType: 'ThrottlingException' }, 'ThrottlingException', 429, 1_000],
  ])(
    'RTY-01 sendMessage answered %s every time rejects after three requests with one ClientToken, and is not sent again',
    async (_, fault, type, statusCode, stepMs) => {
      await using f = await compatFixture(asShipped);
      const session = f.customer();
      await connectFully(session);
      f.emulator.addFault({
        match: { operation: 'SendMessage' },
        action: { type: 'error', message: 'try later', ...fault },
      });
      const outcome = settlement(
        session.sendMessage({ message: 'doomed', contentType: 'text/plain', metadata: 'M' }),
      );
      await requestsReach(f, '/participant/message', 3, stepMs);
      const failure = await outcome.rejection();
      expect(failure).toEqual(serviceError(type, statusCode, 'try later', 'M'));
      expect(failure).not.toBeInstanceOf(Error);
      const tokens = f.bodies('/participant/message').map((body) => body.ClientToken);
      expect(new Set(tokens).size).toBe(1);
      // Nothing retries it later: not the adapter, not core's outbox.
      f.advance(300_000);
      expect(f.bodies('/participant/message')).toHaveLength(3);
      expect(
        f.emulator.getContactState(f.contact.ContactId).Items.some((item) => item.Content === 'doomed'),
      ).toBe(false);
      // The next message goes out as usual.
      f.emulator.clearFaults();
      await expect(
        session.sendMessage({ message: 'next', contentType: 'text/plain' }),
      ).resolves.toMatchObject({
        data: { Id: expect.any(String), $metadata: expect.objectContaining({ attempts: 1 }) },
      });
      expect(f.bodies('/participant/message').map((body) => body.Content)).toEqual([
        'doomed',
        'doomed',
        'doomed',
        'next',
      ]);
    },
  );

  it('RTY-02 sendMessage answered 500 twice goes through on the third request, applied once, with attempts: 3', async () => {
    await using f = await compatFixture(asShipped);
    const session = f.customer();
    await connectFully(session);
    f.emulator.addFault({
      match: { operation: 'SendMessage' },
      action: { type: 'error', status: 500 },
      times: 2,
    });
    const sending = session.sendMessage({ message: 'third time', contentType: 'text/plain', metadata: 'M' });
    await requestsReach(f, '/participant/message', 3, 250);
    const sent = (await sending) as { data: { Id: string }; metadata: unknown };
    expect(sent).toEqual({
      data: {
        AbsoluteTime: expect.any(String),
        Id: expect.any(String),
        $metadata: expect.objectContaining({ httpStatusCode: 200, attempts: 3 }),
      },
      metadata: 'M',
    });
    expect(new Set(f.bodies('/participant/message').map((body) => body.ClientToken)).size).toBe(1);
    const applied = f.emulator
      .getContactState(f.contact.ContactId)
      .Items.filter((item) => item.Content === 'third time');
    expect(applied.map((item) => item.Id)).toEqual([sent.data.Id]);
  });

  it('RTY-03 disconnectParticipant answered 500 every time rejects after three requests', async () => {
    await using f = await compatFixture(asShipped);
    const session = f.customer();
    await connectFully(session);
    f.emulator.addFault({
      match: { operation: 'DisconnectParticipant' },
      action: { type: 'error', status: 500, message: 'try later' },
    });
    const outcome = settlement(session.disconnectParticipant());
    await requestsReach(f, '/participant/disconnect', 3, 250);
    expect(await outcome.rejection()).toMatchObject({
      type: 'InternalServerException',
      message: 'try later',
      statusCode: 500,
    });
    f.advance(300_000);
    expect(f.bodies('/participant/disconnect')).toHaveLength(3);
  });
});

describe("attachments: the storage service's status is not looked at, as ChatJS (§5.4)", () => {
  it('ATT-01 a PUT answered 403 goes on to CompleteAttachmentUpload, and the service refusing that is the rejection', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    await connectFully(session);
    f.emulator.addFault({
      match: { operation: 'UploadAttachment' },
      action: { type: 'error', status: 403, errorType: 'AccessDenied', message: 'Request has expired' },
      times: 1,
    });
    const failure = await session
      .sendAttachment({ attachment: new File(['x'], 'a.txt', { type: 'text/plain' }), metadata: 'A' })
      .catch((error: unknown) => error);
    expect(storageRequests(f, 'UploadAttachment').map((entry) => entry.status)).toEqual([403]);
    const completes = f.bodies('/participant/complete-attachment-upload');
    expect(completes).toHaveLength(1);
    const attachmentId = completedAttachmentId(f);
    expect(failure).toEqual(
      serviceError(
        'ValidationException',
        400,
        `unable to complete attachment upload; attachment ${attachmentId} was not uploaded`,
        'A',
      ),
    );
  });

  it.each([403, 404, 500])(
    'ATT-02 a download answered %i resolves the body that came back, with metadata',
    async (status) => {
      await using f = await compatFixture();
      const session = f.customer();
      await connectFully(session);
      await session.sendAttachment({
        attachment: new File(['the file'], 'note.txt', { type: 'text/plain' }),
      });
      const attachmentId = completedAttachmentId(f);
      f.emulator.addFault({
        match: { operation: 'DownloadAttachment' },
        action: { type: 'error', status, message: 'storage says no' },
        times: 1,
      });
      const blob = await session.downloadAttachment({ attachmentId, metadata: 'D' });
      expect(storageRequests(f, 'DownloadAttachment').map((entry) => entry.status)).toEqual([status]);
      expect(blob).toBeInstanceOf(Blob);
      expect(blob.metadata).toBe('D');
      expect(await blob.text()).toContain('storage says no');
      // The next download is the file itself.
      expect(await (await session.downloadAttachment({ attachmentId })).text()).toBe('the file');
    },
  );
});

describe('sends while the connection is being restored: sent at once, as ChatJS (§5.1)', () => {
  it('RTY-08 sendMessage during a reconnection goes out with the current connection token and resolves', async () => {
    await using f = await compatFixture(asShipped);
    const session = f.customer();
    let lost = 0;
    session.onConnectionLost(() => {
      lost += 1;
    });
    await connectFully(session);
    // The socket drops and every new upgrade is refused, so the session stays in its reconnection.
    f.emulator.addFault({
      match: { participantId: f.contact.ParticipantId },
      action: { type: 'rejectUpgrades' },
    });
    f.emulator.addFault({
      match: { participantId: f.contact.ParticipantId },
      action: { type: 'close', code: 1006 },
    });
    await until(() => expect(lost).toBe(1));
    const sent = (await session.sendMessage({ message: 'while away', contentType: 'text/plain' })) as {
      data: { Id: string };
    };
    expect(sent.data.Id).toEqual(expect.any(String));
    expect(
      f.emulator.getContactState(f.contact.ContactId).Items.some((item) => item.Content === 'while away'),
    ).toBe(true);
    expect(
      f.emulator.activity().some((entry) => entry.kind === 'http' && entry.operation === 'SendMessage'),
    ).toBe(true);
  });
});
