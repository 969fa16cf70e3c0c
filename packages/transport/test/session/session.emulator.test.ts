// The session API end to end: two real sessions (customer and agent) over the real fetch adapter, real sockets and
// the emulator, on one manual clock.
import {
  type AttachmentTransfer,
  createFetchAttachmentTransfer,
  EventContentType,
  isChatError,
  MessageContentType,
} from '@connect-chat/core';
import { describe, expect, it, vi } from 'vitest';
import { chatFixture } from './session-fixture';

const ids = (items: { item: { Id?: string } }[]) => items.map(({ item }) => item.Id);

describe('chat session over the emulator', () => {
  it('SES-01 messages both ways: each side sees each message once, own sends go sending → sent, one entry each', async () => {
    await using f = await chatFixture();
    await Promise.all([f.customer.session.connect(), f.agent.session.connect()]);
    const statuses: (string | undefined)[] = [];
    f.customer.session.on('transcript', ({ entries }) => {
      const own = entries.find((entry) => entry.origin === 'self' && entry.kind === 'message');
      if (own) statuses.push(own.status);
    });
    const sent = await f.customer.session.sendMessage('Hello, I need help');
    expect(sent).toMatchObject({
      id: expect.any(String),
      absoluteTime: expect.any(String),
      clientToken: expect.any(String),
    });
    await vi.waitFor(() => expect(ids(f.agent.record.message)).toContain(sent.id));
    // Items are ordered by AbsoluteTime, then Id: let time pass so the reply is later, not a tie.
    f.advance(1);
    const reply = await f.agent.session.sendMessage({
      content: '**Sure**',
      contentType: MessageContentType.markdown,
    });
    await vi.waitFor(() => expect(ids(f.customer.record.message)).toContain(reply.id));
    await vi.waitFor(() => expect(ids(f.customer.record.message)).toContain(sent.id));

    expect(statuses[0]).toBe('sending');
    expect(statuses).toContain('sent');
    const customerMessages = f.customer.session.transcript.filter((entry) => entry.kind === 'message');
    expect(customerMessages.map((entry) => entry.id)).toEqual([sent.id, reply.id]);
    expect(customerMessages.map((entry) => entry.origin)).toEqual(['self', 'other']);
    expect(ids(f.customer.record.message).filter((id) => id === sent.id)).toHaveLength(1);
    expect(ids(f.agent.record.message).filter((id) => id === reply.id)).toHaveLength(1);
    expect(f.customer.record.message.find(({ item }) => item.Id === reply.id)?.item.ContentType).toBe(
      MessageContentType.markdown,
    );
    expect(f.requests('SendMessage', f.contact.ParticipantId)).toBe(1);
    // The connection's first heartbeat carries a deep ping; its answer is an event too.
    await vi.waitFor(() => expect(f.customer.record.deepHeartbeat[0]).toEqual({ ok: true }));
  });

  it('SES-02 every sendable message content type reaches the other side as sent', async () => {
    await using f = await chatFixture();
    await Promise.all([f.customer.session.connect(), f.agent.session.connect()]);
    const cases = [
      { contentType: MessageContentType.plainText, content: 'plain' },
      { contentType: MessageContentType.markdown, content: '_md_' },
      { contentType: MessageContentType.json, content: '{"a":1}' },
      {
        contentType: MessageContentType.interactiveResponse,
        content: '{"templateType":"QuickReply","data":{}}',
      },
    ] as const;
    for (const request of cases) await f.customer.session.sendMessage(request);
    await vi.waitFor(() => expect(f.agent.record.message).toHaveLength(cases.length));
    expect(f.agent.record.message.map(({ item }) => [item.ContentType, item.Content])).toEqual(
      cases.map((request) => [request.contentType, request.content]),
    );
  });

  it('SES-03 typing goes out at most once per 10 s (leading edge) and the other side sees it', async () => {
    await using f = await chatFixture();
    await Promise.all([f.customer.session.connect(), f.agent.session.connect()]);
    const first = await f.customer.session.sendTyping();
    const second = await f.customer.session.sendTyping();
    expect(first.throttled).toBe(false);
    expect(second).toMatchObject({ throttled: true, id: first.id });
    await vi.waitFor(() => expect(f.agent.record.typing).toHaveLength(1));
    f.advance(10_000);
    const third = await f.customer.session.sendTyping();
    expect(third.throttled).toBe(false);
    await vi.waitFor(() => expect(f.agent.record.typing).toHaveLength(2));
    expect(f.requests('SendEvent', f.contact.ParticipantId)).toBe(2);
    expect(f.customer.record.typing).toHaveLength(2);
  });

  it('SES-04 every incoming event content type reaches its typed event, once', async () => {
    await using f = await chatFixture();
    await f.customer.session.connect();
    const table = [
      [EventContentType.participantIdle, 'participantIdle'],
      [EventContentType.participantReturned, 'participantReturned'],
      [EventContentType.participantInvited, 'participantInvited'],
      [EventContentType.participantAutoDisconnection, 'participantAutoDisconnected'],
      [EventContentType.participantDisplayNameUpdated, 'participantDisplayNameUpdated'],
      [EventContentType.participantActive, 'participantActive'],
      [EventContentType.participantInactive, 'participantInactive'],
      [EventContentType.transferSucceeded, 'transferSucceeded'],
      [EventContentType.transferFailed, 'transferFailed'],
      [EventContentType.chatRehydrated, 'chatRehydrated'],
      [EventContentType.workflowCancelled, 'workflowCancelled'],
      [EventContentType.authenticationSucceeded, 'authenticationSucceeded'],
      [EventContentType.authenticationFailed, 'authenticationFailed'],
      [EventContentType.authenticationTimeout, 'authenticationTimeout'],
      [EventContentType.authenticationExpired, 'authenticationExpired'],
      [EventContentType.authenticationCancelled, 'authenticationCancelled'],
      ['application/vnd.amazonaws.connect.event.something.new', 'unknownEvent'],
    ] as const;
    const injected = table.map(([contentType]) =>
      f.emulator.injectItem(f.contact.ContactId, {
        AsRole: 'SYSTEM',
        Type: 'EVENT',
        ContentType: contentType,
      }),
    );
    const sessionId = f.emulator.initiateAuthentication(f.contact.ContactId);
    await vi.waitFor(() => expect(f.customer.record.authenticationInitiated).toHaveLength(1));
    for (const [index, [, type]] of table.entries()) {
      const events = f.customer.record[type] as { item: { Id?: string } }[];
      expect(
        events.map(({ item }) => item.Id),
        type,
      ).toEqual([injected[index]!.Id]);
    }
    expect(f.customer.record.authenticationInitiated[0]?.sessionId).toBe(sessionId);
    // Nothing above is a message, and `item` saw each exactly once.
    expect(f.customer.record.message).toHaveLength(0);
    const itemIds = f.customer.record.item.map(({ item }) => item.Id);
    expect(new Set(itemIds).size).toBe(itemIds.length);
  });

  it('SES-05 join and chat-ended events; after the end every method rejects with ended', async () => {
    await using f = await chatFixture();
    await f.customer.session.connect();
    await f.agent.session.connect();
    await vi.waitFor(() => expect(f.customer.record.participantJoined.length).toBeGreaterThanOrEqual(1));
    f.emulator.endChat(f.contact.ContactId);
    await f.untilStatus(f.customer, 'ended');
    expect(f.customer.record.chatEnded).toHaveLength(1);
    expect(f.customer.session.transcript.map((entry) => entry.item.ContentType)).toContain(
      EventContentType.chatEnded,
    );
    const attempts = [
      f.customer.session.sendMessage('too late'),
      f.customer.session.sendTyping(),
      f.customer.session.getTranscript(),
      f.customer.session.describeView('view'),
      f.customer.session.getAttachmentUrl('att'),
    ];
    for (const attempt of attempts) await expect(attempt).rejects.toMatchObject({ code: 'ended' });
  });

  it('SES-06 calls before connect() reject with notConnected; bad input rejects with validation; nothing is sent', async () => {
    await using f = await chatFixture();
    await expect(f.customer.session.sendMessage('hi')).rejects.toMatchObject({ code: 'notConnected' });
    await expect(f.customer.session.getTranscript()).rejects.toMatchObject({ code: 'notConnected' });
    await f.customer.session.connect();
    const before = f.emulator
      .getContactState(f.contact.ContactId)
      .Log.filter((entry) => entry.kind === 'http').length;
    const bad: Promise<unknown>[] = [
      f.customer.session.sendMessage(''),
      f.customer.session.sendMessage('x'.repeat(1025)),
      f.customer.session.sendMessage({ content: 'x', contentType: 'text/html' as 'text/plain' }),
      f.customer.session.sendMessage({ content: 'not json', contentType: MessageContentType.json }),
      f.customer.session.sendMessage(42 as unknown as string),
      f.customer.session.sendEvent({ contentType: 'application/x-unknown' }),
      f.customer.session.sendEvent({ contentType: EventContentType.messageRead }),
      f.customer.session.sendReceipt('read', ''),
      f.customer.session.getTranscript({ maxResults: 101 }),
      f.customer.session.getTranscript({ scanDirection: 'SIDEWAYS' as 'FORWARD' }),
      f.customer.session.getTranscript({ startPosition: { id: 'a', mostRecent: 1 } }),
      f.customer.session.getAttachmentUrl(''),
      f.customer.session.getAttachmentUrl('a', { expiresInSeconds: 1 }),
      f.customer.session.describeView(''),
      f.customer.session.getAuthenticationUrl({ sessionId: 'short', redirectUri: 'https://example.com' }),
      f.customer.session.cancelAuthentication('x'.repeat(37)),
      f.customer.session.sendAttachment({
        name: 'a.exe',
        contentType: 'application/x-msdownload',
        body: new Uint8Array(3),
      }),
      f.customer.session.sendAttachment({
        name: 'big.png',
        contentType: 'image/png',
        size: 21 * 1024 * 1024,
        body: new Uint8Array(1),
      }),
    ];
    for (const attempt of bad) {
      const error = await attempt.then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(isChatError(error) && error.code).toBe('validation');
    }
    const after = f.emulator
      .getContactState(f.contact.ContactId)
      .Log.filter((entry) => entry.kind === 'http').length;
    expect(after).toBe(before);
    // The session is still fully usable.
    await expect(f.customer.session.sendMessage('still here')).resolves.toMatchObject({
      id: expect.any(String),
    });
  });
});

describe('chat session: reconnection, gap fill and the outbox', () => {
  it('SES-07 messages missed while the socket was down arrive after reconnecting, once each, in order', async () => {
    await using f = await chatFixture();
    await Promise.all([f.customer.session.connect(), f.agent.session.connect()]);
    const before = await f.agent.session.sendMessage('before the gap');
    await vi.waitFor(() => expect(ids(f.customer.record.message)).toContain(before.id));
    // The customer's socket stops delivering chat frames, then drops.
    f.emulator.addFault({
      match: { participantId: f.contact.ParticipantId },
      action: { type: 'dropFrames', topic: 'aws/chat' },
    });
    const missed = [];
    for (const text of ['one', 'two', 'three']) missed.push(await f.agent.session.sendMessage(text));
    f.emulator.clearFaults();
    f.emulator.addFault({ match: { participantId: f.contact.ParticipantId }, action: { type: 'drop' } });
    await f.untilStatus(f.customer, 'reconnecting');
    expect(ids(f.customer.record.message)).not.toContain(missed[0]!.id);
    await f.fireRetry(f.customer);
    await f.untilStatus(f.customer, 'connected');
    await vi.waitFor(() => expect(f.customer.record.gapFilled).toHaveLength(1));
    const seen = ids(f.customer.record.message);
    expect(seen).toEqual([before.id, ...missed.map((sent) => sent.id)]);
    expect(f.customer.record.message.slice(1).map(({ source }) => source)).toEqual([
      'transcript',
      'transcript',
      'transcript',
    ]);
    expect(f.customer.record.gapFilled[0]).toMatchObject({ items: 3, pages: 1, complete: true });
    // Live traffic keeps flowing after the gap, without repeats.
    const after = await f.agent.session.sendMessage('after');
    await vi.waitFor(() => expect(ids(f.customer.record.message)).toContain(after.id));
    expect(new Set(ids(f.customer.record.message)).size).toBe(5);
  });

  it('SES-08 sends made while reconnecting wait in the outbox and go out in order, exactly once', async () => {
    await using f = await chatFixture();
    await Promise.all([f.customer.session.connect(), f.agent.session.connect()]);
    f.emulator.addFault({ match: { participantId: f.contact.ParticipantId }, action: { type: 'drop' } });
    await f.untilStatus(f.customer, 'reconnecting');
    const sends = ['first', 'second', 'third'].map((text) => f.customer.session.sendMessage(text));
    await Promise.resolve();
    expect(f.customer.session.getSnapshot().pendingSends).toBe(3);
    expect(f.requests('SendMessage', f.contact.ParticipantId)).toBe(0);
    expect(f.customer.session.transcript.filter((entry) => entry.status === 'sending')).toHaveLength(3);
    await f.fireRetry(f.customer);
    const sent = await Promise.all(sends);
    const stored = f.emulator
      .getContactState(f.contact.ContactId)
      .Items.filter((item) => item.Type === 'MESSAGE' && item.ParticipantId === f.contact.ParticipantId);
    expect(stored.map((item) => item.Content)).toEqual(['first', 'second', 'third']);
    expect(stored.map((item) => item.Id)).toEqual(sent.map((result) => result.id));
    await vi.waitFor(() => expect(f.agent.record.message).toHaveLength(3));
  });

  it('SES-09 a send that fails transiently is retried by the outbox after its back-off and stored once', async () => {
    await using f = await chatFixture();
    await f.customer.session.connect();
    f.emulator.addFault({
      match: { operation: 'SendMessage', participantId: f.contact.ParticipantId },
      action: { type: 'error', status: 503 },
      times: 2,
    });
    const sending = f.customer.session.sendMessage('retried');
    await vi.waitFor(() => expect(f.customer.session.getSnapshot().pendingSends).toBe(1));
    await vi.waitFor(() => expect(f.requests('SendMessage', f.contact.ParticipantId)).toBe(1));
    f.advance(1_000);
    await vi.waitFor(() => expect(f.requests('SendMessage', f.contact.ParticipantId)).toBe(2));
    f.advance(2_000);
    const sent = await sending;
    const stored = f.emulator
      .getContactState(f.contact.ContactId)
      .Items.filter((item) => item.Content === 'retried');
    expect(stored.map((item) => item.Id)).toEqual([sent.id]);
    expect(f.requests('SendMessage', f.contact.ParticipantId)).toBe(3);
  });
});

describe('chat session: the answer lost, and the AWS SDK adapter', () => {
  it('SES-18 a send the service applied but whose answer was lost is retried with the same ClientToken and stored once', async () => {
    await using f = await chatFixture();
    await f.customer.session.connect();
    f.emulator.addFault({
      match: { operation: 'SendMessage', participantId: f.contact.ParticipantId },
      action: { type: 'dropResponse' },
      times: 1,
    });
    const sending = f.customer.session.sendMessage('said once');
    await vi.waitFor(() => expect(f.customer.session.getSnapshot().pendingSends).toBe(1));
    await vi.waitFor(() => expect(f.requests('SendMessage', f.contact.ParticipantId)).toBe(1));
    // The service has it already; the client does not know yet.
    expect(
      f.emulator.getContactState(f.contact.ContactId).Items.filter((item) => item.Content === 'said once'),
    ).toHaveLength(1);
    f.advance(1_000);
    const sent = await sending;
    const stored = f.emulator
      .getContactState(f.contact.ContactId)
      .Items.filter((item) => item.Content === 'said once');
    expect(stored.map((item) => item.Id)).toEqual([sent.id]);
    expect(f.requests('SendMessage', f.contact.ParticipantId)).toBe(2);
    const own = f.customer.session.transcript.filter((entry) => entry.item.Content === 'said once');
    expect(own).toHaveLength(1);
  });

  it('SES-19 the same chat over the real AWS SDK adapter: messages, typing, an attachment and the transcript', async () => {
    await using f = await chatFixture({ adapter: 'aws-sdk' });
    await Promise.all([f.customer.session.connect(), f.agent.session.connect()]);
    const sent = await f.customer.session.sendMessage('over the SDK');
    await vi.waitFor(() => expect(ids(f.agent.record.message)).toContain(sent.id));
    f.advance(1);
    const reply = await f.agent.session.sendMessage({
      content: '{"ok":true}',
      contentType: MessageContentType.json,
    });
    await vi.waitFor(() => expect(ids(f.customer.record.message)).toContain(reply.id));
    await f.agent.session.sendTyping();
    await vi.waitFor(() => expect(f.customer.record.typing).toHaveLength(1));
    const bytes = new TextEncoder().encode('a,b\n1,2\n');
    const attachment = await f.agent.session.sendAttachment({
      name: 'rows.csv',
      contentType: 'text/csv',
      body: bytes,
    });
    await vi.waitFor(() => expect(f.customer.record.attachment).toHaveLength(1));
    const blob = await f.customer.session.downloadAttachment(attachment.attachmentId);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    const page = await f.customer.session.getTranscript({ maxResults: 100 });
    expect(page.items.map((item) => item.Id)).toEqual(expect.arrayContaining([sent.id, reply.id]));
    expect(f.customer.calls.get('sendMessage')).toBe(1);
  });
});

describe('chat session: receipts', () => {
  it('SES-10 delivered after the 300 ms hold, read through the throttle window; the sender sees both', async () => {
    await using f = await chatFixture();
    await Promise.all([f.customer.session.connect(), f.agent.session.connect()]);
    const message = await f.agent.session.sendMessage('did you get this?');
    await vi.waitFor(() => expect(ids(f.customer.record.message)).toContain(message.id));
    expect(f.requests('SendEvent', f.contact.ParticipantId)).toBe(0);
    f.advance(299);
    expect(f.requests('SendEvent', f.contact.ParticipantId)).toBe(0);
    f.advance(1);
    await vi.waitFor(() => expect(f.agent.record.deliveredReceipt).toHaveLength(1));
    expect(f.agent.record.deliveredReceipt[0]).toMatchObject({
      messageId: message.id,
      participantId: f.contact.ParticipantId,
    });
    f.customer.session.markAsRead(message.id);
    f.advance(4_000);
    expect(f.agent.record.readReceipt).toHaveLength(0);
    f.advance(1_000);
    await vi.waitFor(() => expect(f.agent.record.readReceipt).toHaveLength(1));
    expect(f.agent.session.transcript.find((entry) => entry.id === message.id)?.status).toBe('read');
    // The customer never sees its own receipts as events.
    expect(f.customer.record.readReceipt).toHaveLength(0);
    expect(f.customer.record.deliveredReceipt).toHaveLength(0);
    expect(f.requests('SendEvent', f.contact.ParticipantId)).toBe(2);
  });

  it('SES-20 hiding the page flushes a pending read receipt before its window ends', async () => {
    await using f = await chatFixture();
    await Promise.all([f.customer.session.connect(), f.agent.session.connect()]);
    const first = await f.agent.session.sendMessage('one');
    await vi.waitFor(() => expect(ids(f.customer.record.message)).toContain(first.id));
    f.advance(300);
    await vi.waitFor(() => expect(f.agent.record.deliveredReceipt).toHaveLength(1));
    f.customer.session.markAsRead(first.id);
    f.advance(100);
    expect(f.agent.record.readReceipt).toHaveLength(0);
    f.customer.platform.signal('page.hidden');
    await vi.waitFor(() => expect(f.agent.record.readReceipt).toHaveLength(1));
    expect(f.agent.record.readReceipt[0]?.messageId).toBe(first.id);
  });

  it('SES-21 with automatic receipts off nothing goes out by itself, and sendReceipt sends at once', async () => {
    await using f = await chatFixture({ customer: { receipts: false } });
    await Promise.all([f.customer.session.connect(), f.agent.session.connect()]);
    const message = await f.agent.session.sendMessage('anyone?');
    await vi.waitFor(() => expect(ids(f.customer.record.message)).toContain(message.id));
    f.customer.session.markAsRead(message.id);
    f.advance(60_000);
    expect(f.requests('SendEvent', f.contact.ParticipantId)).toBe(0);
    await f.customer.session.sendReceipt('read', message.id);
    await vi.waitFor(() => expect(f.agent.record.readReceipt).toHaveLength(1));
    expect(f.requests('SendEvent', f.contact.ParticipantId)).toBe(1);
  });

  it('SES-11 no receipts in a chat of more than two; manual sendReceipt refuses before the wire', async () => {
    await using f = await chatFixture();
    await Promise.all([f.customer.session.connect(), f.agent.session.connect()]);
    const third = f.emulator.addParticipant(f.contact.ContactId, { Role: 'AGENT', DisplayName: 'Bea' });
    await vi.waitFor(() => expect(f.customer.session.getSnapshot().participants).toBe(3));
    const message = f.emulator.injectItem(f.contact.ContactId, {
      AsParticipantId: third.ParticipantId,
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'hi all',
    });
    await vi.waitFor(() => expect(ids(f.customer.record.message)).toContain(message.Id));
    f.customer.session.markAsRead(message.Id!);
    f.advance(10_000);
    await expect(f.customer.session.sendReceipt('read', message.Id!)).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(f.requests('SendEvent', f.contact.ParticipantId)).toBe(0);
  });
});

describe('chat session: attachments, transcript, views, authentication, Lex streaming, disconnect', () => {
  it('SES-12 an attachment goes up with progress, its scan status moves on both sides, and the bytes come back intact', async () => {
    await using f = await chatFixture({
      emulator: { attachments: { scanning: 'approve', scanDelayMs: 1_000 } },
    });
    await Promise.all([f.customer.session.connect(), f.agent.session.connect()]);
    const bytes = new Uint8Array(4096).map((_, index) => (index * 31) % 256);
    const progress: number[] = [];
    const sent = await f.customer.session.sendAttachment(
      { name: 'scan.png', contentType: 'image/png', body: bytes },
      { onProgress: (sentBytes) => progress.push(sentBytes) },
    );
    expect(progress.at(-1)).toBe(bytes.byteLength);
    const own = () => f.customer.session.transcript.find((entry) => entry.key === sent.entryKey);
    expect(own()?.status).toBe('sent');
    await vi.waitFor(() => expect(f.agent.record.attachment).toHaveLength(1));
    expect(f.agent.record.attachment[0]?.item.Attachments?.[0]).toMatchObject({
      AttachmentId: sent.attachmentId,
      AttachmentName: 'scan.png',
      Status: 'IN_PROGRESS',
    });
    f.advance(1_000);
    await vi.waitFor(() => expect(f.agent.record.attachmentStatus).toHaveLength(1));
    await vi.waitFor(() => expect(f.customer.record.attachmentStatus).toHaveLength(1));
    expect(f.agent.record.attachmentStatus[0]).toMatchObject({
      attachmentId: sent.attachmentId,
      status: 'APPROVED',
    });
    expect(own()?.item.Attachments?.[0]?.Status).toBe('APPROVED');
    // One entry for the attachment on each side, whatever number of items the service sent for it.
    expect(f.customer.session.transcript.filter((entry) => entry.kind === 'attachment')).toHaveLength(1);
    expect(f.agent.session.transcript.filter((entry) => entry.kind === 'attachment')).toHaveLength(1);
    const blob = await f.agent.session.downloadAttachment(sent.attachmentId);
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    const link = await f.agent.session.getAttachmentUrl(sent.attachmentId, { expiresInSeconds: 60 });
    expect(link).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/), sizeInBytes: 4096 });
  });

  it('SES-13 a cancelled upload leaves nothing behind; a rejected scan is reported', async () => {
    await using f = await chatFixture({ emulator: { attachments: { scanning: 'reject', scanDelayMs: 10 } } });
    await Promise.all([f.customer.session.connect(), f.agent.session.connect()]);
    const controller = new AbortController();
    controller.abort();
    await expect(
      f.customer.session.sendAttachment(
        { name: 'a.pdf', contentType: 'application/pdf', body: new Uint8Array(10) },
        { signal: controller.signal },
      ),
    ).rejects.toMatchObject({ code: 'aborted' });
    expect(f.customer.session.transcript.filter((entry) => entry.kind === 'attachment')).toHaveLength(0);
    expect(f.requests('StartAttachmentUpload', f.contact.ParticipantId)).toBe(0);
    const sent = await f.customer.session.sendAttachment(
      new Blob([new Uint8Array(20)], { type: 'text/csv' }),
      { name: 'table.csv' },
    );
    f.advance(10);
    await vi.waitFor(() => expect(f.customer.record.attachmentStatus).toHaveLength(1));
    expect(f.customer.record.attachmentStatus[0]).toMatchObject({
      attachmentId: sent.attachmentId,
      status: 'REJECTED',
    });
  });

  it('SES-14 getTranscript pages with the service semantics and transcriptPages walks every page', async () => {
    await using f = await chatFixture({ customer: { transcript: { loadOnConnect: false } } });
    for (let index = 0; index < 25; index += 1) {
      f.advance(1);
      f.emulator.injectItem(f.contact.ContactId, {
        AsParticipantId: f.agentParticipant.ParticipantId,
        Type: 'MESSAGE',
        ContentType: 'text/plain',
        Content: `m${index}`,
      });
    }
    await f.customer.session.connect();
    const first = await f.customer.session.getTranscript({ maxResults: 10, sortOrder: 'ASCENDING' });
    expect(first.items).toHaveLength(10);
    expect(first.nextToken).toEqual(expect.any(String));
    const pages = [];
    for await (const page of f.customer.session.transcriptPages({ maxResults: 10, sortOrder: 'ASCENDING' }))
      pages.push(page);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.at(-1)?.nextToken).toBeUndefined();
    const contents = f.customer.session.transcript
      .filter((entry) => entry.kind === 'message')
      .map((entry) => entry.item.Content);
    expect(contents).toEqual(Array.from({ length: 25 }, (_, index) => `m${index}`));
    // Pages fetched by the app join the transcript and reach listeners once each.
    expect(f.customer.record.message).toHaveLength(25);
  });

  it('SES-15 describeView, getAuthenticationUrl and cancelAuthentication', async () => {
    await using f = await chatFixture();
    await f.customer.session.connect();
    const view = await f.customer.session.describeView('sample-view');
    expect(view).toMatchObject({ Id: 'sample-view', Name: 'Sample view', Content: { Actions: ['Submit'] } });
    await expect(f.customer.session.describeView('no-such-view')).rejects.toMatchObject({ code: 'notFound' });
    const sessionId = f.emulator.initiateAuthentication(f.contact.ContactId);
    await vi.waitFor(() => expect(f.customer.record.authenticationInitiated).toHaveLength(1));
    const url = await f.customer.session.getAuthenticationUrl({
      sessionId,
      redirectUri: 'https://example.com/back',
    });
    expect(url).toMatch(/^https?:\/\//);
    await f.customer.session.cancelAuthentication(sessionId);
    await vi.waitFor(() => expect(f.customer.record.authenticationCancelled).toHaveLength(1));
  });

  it('SES-16 Lex streaming chunks become one message whose text grows, and the final text replaces it', async () => {
    await using f = await chatFixture();
    await f.customer.session.connect();
    // The history loaded on connect would already hold the final message: stream after it.
    await vi.waitFor(() => expect(f.customer.record.historyLoaded).toHaveLength(1));
    const id = 'lex-stream-1';
    const chunk = (content: string, chunkNumber: number, completed: boolean) =>
      f.emulator.injectItem(f.contact.ContactId, {
        AsRole: 'SYSTEM',
        Type: 'MESSAGE',
        ContentType: 'text/plain',
        Content: content,
        Id: id,
        MessageMetadata: { MessageId: id, MessageCompleted: completed, ChunkNumber: chunkNumber },
      });
    chunk('Hel', 1, false);
    chunk('lo ', 2, false);
    chunk('world?', 4, false);
    chunk('Hello world', 3, true);
    await vi.waitFor(() => expect(f.customer.record.message).toHaveLength(3));
    expect(f.customer.record.message.map(({ item }) => item.Content)).toEqual([
      'Hel',
      'Hello ',
      'Hello world',
    ]);
    const entries = f.customer.session.transcript.filter((entry) => entry.kind === 'message');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ streaming: false, item: { Content: 'Hello world' } });
    expect(f.customer.record.item.filter(({ item }) => item.Id === id)).toHaveLength(1);
  });

  it('SES-17 a customer disconnect waits for the service to end the chat; agent sessions close at once', async () => {
    await using f = await chatFixture();
    await Promise.all([f.customer.session.connect(), f.agent.session.connect()]);
    await f.agent.session.disconnect();
    expect(f.agent.session.status).toBe('ended');
    await expect(f.agent.session.sendMessage('gone')).rejects.toMatchObject({ code: 'ended' });
    await vi.waitFor(() =>
      expect(f.customer.record.participantLeft.map(({ item }) => item.ParticipantId)).toContain(
        f.agentParticipant.ParticipantId,
      ),
    );
    expect(f.customer.session.status).toBe('connected');
    await f.customer.session.disconnect();
    await f.untilStatus(f.customer, 'ended');
    expect(f.customer.record.chatEnded).toHaveLength(1);
    expect(f.requests('DisconnectParticipant', f.contact.ParticipantId)).toBe(1);
    await expect(f.customer.session.sendMessage('bye')).rejects.toMatchObject({ code: 'ended' });
  });
});

describe('chat session: nothing leaks', () => {
  it('SES-22 no token or URL signature reaches an inspector, a logger, diagnostics or a snapshot', async () => {
    const seen: string[] = [];
    const record = (value: unknown) => {
      try {
        seen.push(JSON.stringify(value));
      } catch {
        seen.push(String(value));
      }
    };
    const logger = {
      debug: (message: string, details?: unknown) => record([message, details]),
      info: (message: string, details?: unknown) => record([message, details]),
      warn: (message: string, details?: unknown) => record([message, details]),
      error: (message: string, details?: unknown) => record([message, details]),
    };
    const base = createFetchAttachmentTransfer();
    let uploadUrl = '';
    const transfer: AttachmentTransfer = {
      upload: (request, options) => {
        uploadUrl = request.url;
        return base.upload(request, options);
      },
      download: (target, options) => base.download(target, options),
    };
    await using f = await chatFixture({
      customer: { inspect: (event) => record(event), logger, attachments: { transfer } },
    });
    await Promise.all([f.customer.session.connect(), f.agent.session.connect()]);
    const connectionToken = f.customer.session.connection.connectionToken;
    expect(connectionToken).toEqual(expect.any(String));
    await f.customer.session.sendMessage('hello');
    const sent = await f.customer.session.sendAttachment({
      name: 'a.png',
      contentType: 'image/png',
      body: new Uint8Array(8),
    });
    const { url } = await f.customer.session.getAttachmentUrl(sent.attachmentId);
    f.emulator.addFault({ match: { participantId: f.contact.ParticipantId }, action: { type: 'drop' } });
    await f.untilStatus(f.customer, 'reconnecting');
    await f.fireRetry(f.customer);
    await f.untilStatus(f.customer, 'connected');
    record(f.customer.session.diagnostics());
    record(f.customer.session.getSnapshot());
    record(f.customer.session.getChatDetails());
    const everything = seen.join('\n');
    expect(seen.length).toBeGreaterThan(50);
    const secrets = [
      f.contact.ParticipantToken,
      connectionToken!,
      new URL(url).searchParams.get('sig')!,
      new URL(uploadUrl).searchParams.get('X-Emu-Signature')!,
    ];
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(everything.includes(secret), 'a secret leaked').toBe(false);
    }
    expect(everything).not.toContain('X-Emu-Signature');
  });
});

describe('chat session: tokens', () => {
  it('SES-23 a connection token expired early is replaced on the 403, and the send goes through once', async () => {
    await using f = await chatFixture();
    await f.customer.session.connect();
    const before = f.customer.calls.get('createParticipantConnection') ?? 0;
    f.emulator.addFault({
      action: { type: 'expireConnectionTokens', participantId: f.contact.ParticipantId },
    });
    const sent = await f.customer.session.sendMessage('after expiry');
    expect(f.customer.calls.get('createParticipantConnection')).toBe(before + 1);
    const stored = f.emulator
      .getContactState(f.contact.ContactId)
      .Items.filter((item) => item.Content === 'after expiry');
    expect(stored.map((item) => item.Id)).toEqual([sent.id]);
    expect(f.customer.session.status).toBe('connected');
    // A page fetched with the new token works too.
    await expect(f.customer.session.getTranscript()).resolves.toMatchObject({ items: expect.any(Array) });
  });

  it('SES-24 a 403 because the participant is gone ends the session instead of looping', async () => {
    await using f = await chatFixture();
    await f.customer.session.connect();
    f.emulator.addFault({
      action: { type: 'expireConnectionTokens', participantId: f.contact.ParticipantId },
    });
    f.emulator.addFault({
      action: { type: 'expireParticipantToken', participantId: f.contact.ParticipantId },
    });
    await expect(f.customer.session.sendMessage('nobody home')).rejects.toMatchObject({ code: 'ended' });
    expect(f.customer.session.status).toBe('ended');
    expect(f.customer.session.getSnapshot().reason?.code).toBe('accessDenied');
  });
});
