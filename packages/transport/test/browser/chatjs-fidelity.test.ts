/**
 * Fidelity: the unmodified amazon-connect-chatjs@5.0.0 dist, in headless Chromium, against the local emulator
 * (wire-protocol §5.10). If ChatJS works against the emulator, the emulator is faithful enough to test against.
 */
import type { Item } from '@connect-chat/core';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { startEmulator } from '../../src/testing';
import { type ChatDetails, chatJsRoutes, driveChatJs } from './chatjs-driver';
import { type ChromiumSession, describeInChromium, launchChromium } from './chromium';
import { type ControlApi, controlApi, joinAgent } from './emulator-peers';
import { type StaticServer, startStaticServer } from './static-server';

const eventType = (suffix: string) => `application/vnd.amazonaws.connect.event.${suffix}`;

describeInChromium('ChatJS 5.0.0 against the emulator', () => {
  let chromium: ChromiumSession;
  let pages: StaticServer;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let control: ControlApi;
  const openPages: Page[] = [];
  /** Every origin a page talked to (HTTP and WebSocket): nothing may leave 127.0.0.1. */
  const contactedOrigins = new Set<string>();

  beforeAll(async () => {
    [chromium, pages, emulator] = await Promise.all([
      launchChromium(),
      startStaticServer(chatJsRoutes()),
      startEmulator(),
    ]);
    control = controlApi(emulator.endpoint);
  });

  afterEach(async () => {
    await Promise.all(openPages.splice(0).map((page) => page.close()));
  });

  afterAll(async () => {
    await emulator?.close();
    await pages?.[Symbol.asyncDispose]();
    await chromium?.[Symbol.asyncDispose]();
  });

  /** Asserts the pages raised no uncaught error and contacted nothing but the static server and the emulator. */
  function expectCleanLocalRun() {
    expect(chromium.pageErrors).toEqual([]);
    const local = [pages.origin, emulator.endpoint, emulator.endpoint.replace(/^http/, 'ws')];
    expect(contactedOrigins.size).toBeGreaterThan(1);
    expect([...contactedOrigins].filter((origin) => !local.includes(origin))).toEqual([]);
  }

  /** Starts a chat, opens a page with ChatJS connected as its customer, and proves the socket is subscribed. */
  async function connectedCustomer() {
    const contact = await control<ChatDetails>('POST', '/contacts', { DisplayName: 'Customer Jane' });
    const page = await chromium.newPage();
    openPages.push(page);
    page.on('request', (request) => contactedOrigins.add(new URL(request.url()).origin));
    page.on('websocket', (socket) => contactedOrigins.add(new URL(socket.url()).origin));
    await page.goto(pages.url('/'));
    const chat = driveChatJs(page);
    expect(await chat.configure(emulator.endpoint)).toBe('5.0.0');
    const { ContactId, ParticipantId, ParticipantToken } = contact;
    expect(await chat.start({ ContactId, ParticipantId, ParticipantToken })).toEqual({
      connectSuccess: true,
    });
    // Once for connect() resolving, once for the socket opening (legacy-chatjs §6.5).
    await chat.waitForCount('onConnectionEstablished', 2);
    // The socket echoes the sender's own messages, so the echo proves ChatJS subscribed to aws/chat.
    const hello = await chat.sendMessage('hello from the customer');
    await chat.waitForItem('onMessage', { Id: hello.id, Content: 'hello from the customer' });
    return { chat, contact, helloId: hello.id };
  }

  test('connects, messages both ways, types, sends and receives read receipts', async () => {
    const { chat, contact, helloId } = await connectedCustomer();
    await using agent = await joinAgent(emulator.endpoint, control, contact.ContactId);

    const customerMessage = await chat.sendMessage('can anyone hear me?');
    expect(customerMessage.id).toEqual(expect.any(String));
    const atAgent = await agent.waitForItem('the customer message', (item) => item.Id === customerMessage.id);
    expect(atAgent).toMatchObject({
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'can anyone hear me?',
      ParticipantId: contact.ParticipantId,
      ParticipantRole: 'CUSTOMER',
      ContactId: contact.ContactId,
      InitialContactId: contact.ContactId,
    });

    await control('POST', `/contacts/${contact.ContactId}/items`, {
      AsParticipantId: agent.participantId,
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'hello from the agent',
    });
    const agentMessage = await chat.waitForItem('onMessage', { Content: 'hello from the agent' });
    expect(agentMessage).toMatchObject({ ParticipantRole: 'AGENT', ParticipantId: agent.participantId });
    const agentMessageId = agentMessage.Id as string;

    await control('POST', `/contacts/${contact.ContactId}/typing`, { AsParticipantId: agent.participantId });
    const agentTyping = await chat.waitForItem('onTyping', { ParticipantId: agent.participantId });
    expect(agentTyping).toMatchObject({ ContentType: eventType('typing'), ParticipantRole: 'AGENT' });

    await chat.sendTyping();
    await agent.waitForItem(
      'the customer typing event',
      (item) => item.ContentType === eventType('typing') && item.ParticipantId === contact.ParticipantId,
    );

    await chat.sendReadReceipt(agentMessageId);
    const receipt = await agent.waitForItem(
      'the customer read receipt',
      (item) => item.Type === 'MESSAGEMETADATA' && item.MessageMetadata?.MessageId === agentMessageId,
    );
    expect(receipt.MessageMetadata?.Receipts?.[0]).toMatchObject({
      RecipientParticipantId: contact.ParticipantId,
      ReadTimestamp: expect.any(String),
    });

    await control('POST', `/contacts/${contact.ContactId}/receipts`, {
      AsParticipantId: agent.participantId,
      MessageId: helloId,
      Kind: 'read',
    });
    await chat.waitForCount('onReadReceipt', 1);
    const [readReceipt] = await chat.events('onReadReceipt');
    expect((readReceipt?.data as Item | undefined)?.MessageMetadata).toMatchObject({
      MessageId: helloId,
      Receipts: [{ RecipientParticipantId: agent.participantId, ReadTimestamp: expect.any(String) }],
    });
    expectCleanLocalRun();
  });

  test('uploads an attachment and downloads the same bytes', async () => {
    const { chat, contact } = await connectedCustomer();
    await using agent = await joinAgent(emulator.endpoint, control, contact.ContactId);
    const bytes = Uint8Array.from({ length: 3000 }, (_, index) => (index * 7 + 3) % 256);

    expect(await chat.sendAttachment('pixels.png', 'image/png', bytes)).toEqual({ status: 200 });
    const attachmentItem = await agent.waitForItem(
      'the ATTACHMENT item',
      (item) => item.Type === 'ATTACHMENT' && item.Attachments?.[0]?.AttachmentName === 'pixels.png',
    );
    const attachment = attachmentItem.Attachments?.[0];
    expect(attachment).toMatchObject({ ContentType: 'image/png', Status: 'APPROVED' });
    expect(attachmentItem.ParticipantId).toBe(contact.ParticipantId);
    await chat.waitForItem('onMessage', { Id: attachmentItem.Id as string, Type: 'ATTACHMENT' });

    const downloaded = await chat.downloadAttachment(attachment?.AttachmentId as string);
    expect(downloaded.type).toBe('image/png');
    expect(Uint8Array.from(downloaded.bytes)).toEqual(bytes);
    expectCleanLocalRun();
  });

  test('reconnects after a dropped socket, keeps messaging, and ends with onEnded', async () => {
    const { chat, contact } = await connectedCustomer();
    await using agent = await joinAgent(emulator.endpoint, control, contact.ContactId);

    await control('POST', '/faults', {
      match: { participantId: contact.ParticipantId },
      action: { type: 'drop' },
      times: 1,
    });
    await chat.waitForCount('onConnectionLost', 1);
    await chat.waitForCount('onConnectionEstablished', 3);
    expect(await chat.events('onConnectionBroken')).toEqual([]);

    const afterReconnect = await chat.sendMessage('back again');
    await chat.waitForItem('onMessage', { Id: afterReconnect.id, Content: 'back again' });
    await agent.waitForItem('the message sent after reconnecting', (item) => item.Id === afterReconnect.id);

    expect(await chat.disconnect()).toEqual({ status: 200 });
    await chat.waitForCount('onEnded', 1);
    await agent.waitForItem('chat.ended', (item) => item.ContentType === eventType('chat.ended'));
    const ended = await chat.events('onMessage');
    expect(ended.map((event) => (event.data as Item).ContentType)).toContain(eventType('chat.ended'));
    expect(await chat.events('onConnectionLost')).toHaveLength(1);
    const state = await control<{ Status: string; Participants: { ParticipantId: string; State: string }[] }>(
      'GET',
      `/contacts/${contact.ContactId}`,
    );
    expect(state.Status).toBe('ENDED');
    expect(state.Participants).toContainEqual(
      expect.objectContaining({ ParticipantId: contact.ParticipantId, State: 'LEFT' }),
    );
    expectCleanLocalRun();
  });
});
