// The plain-HTML customer widget in Chromium against the emulator, served by the examples server under its strict
// CSP. One chat, step by step: start, messages and typing both ways, receipts shown, an attachment with progress,
// a cancelled upload, a dropped socket with the reconnect banner and nothing lost, end. Through it all the page
// must report no CSP violation.
import { readFile } from 'node:fs/promises';
import { EventContentType, type Item } from '@connect-chat/core';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeInChromium } from '../../../../packages/transport/test/browser/chromium';
import {
  type ExamplesFixture,
  type OpenedPage,
  type StartedChat,
  startExamplesFixture,
  waitTimeoutMs,
  withDeadline,
} from './support/examples-fixture';
import { heldDelayMs } from './support/holding-scheduler';

const visible = { state: 'visible', timeout: waitTimeoutMs } as const;
const hidden = { state: 'hidden', timeout: waitTimeoutMs } as const;
const slow = { timeout: 60_000 };

/** The transcript entry whose text is exactly `text`. */
const entryWithText = (page: Page, text: string): Locator =>
  page.locator('#transcript > li.entry').filter({ has: page.locator('.entry-text', { hasText: text }) });

describeInChromium('customer widget (plain HTML + ESM)', () => {
  let fixture: ExamplesFixture;
  let opened: OpenedPage;
  let page: Page;
  let chat: StartedChat;
  const agentSays = (content: string): string =>
    fixture.emulator.injectItem(chat.contact.ContactId, {
      AsParticipantId: chat.agent.participantId,
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: content,
    }).Id as string;
  const fromCustomer = (item: Item) => item.ParticipantId === chat.contact.ParticipantId;

  beforeAll(async () => {
    fixture = await startExamplesFixture();
    opened = await fixture.openPage('customer-widget');
    page = opened.page;
  }, 60_000);

  afterAll(async () => {
    await fixture?.[Symbol.asyncDispose]();
  });

  test('starts a chat through the chat-start backend and connects', slow, async () => {
    await page.getByLabel('Your name').fill('Jo Customer');
    await page.getByRole('button', { name: 'Start chat' }).click();
    chat = await fixture.chat(1);
    expect(chat.displayName).toBe('Jo Customer');
    await page.locator('#connection-status', { hasText: 'Connected' }).waitFor(visible);
    await page.locator('#start-form').waitFor(hidden);
    // The agent who joined before the customer connected shows up from the transcript loaded on connect.
    await page
      .locator('#transcript .entry-text', { hasText: 'Agent Smith joined the chat' })
      .waitFor(visible);
  });

  test('the customer types and sends: the agent sees typing, then the message once', slow, async () => {
    await page.getByLabel('Message', { exact: true }).fill('Hello from the page');
    await chat.agent.waitForItem(
      'typing from the customer',
      (item) => item.ContentType === EventContentType.typing && fromCustomer(item),
    );
    await page.getByLabel('Message', { exact: true }).press('Enter');
    const message = await chat.agent.waitForItem(
      'the customer message',
      (item) => item.Type === 'MESSAGE' && item.Content === 'Hello from the page',
    );
    expect(fromCustomer(message)).toBe(true);
    const entry = entryWithText(page, 'Hello from the page');
    await entry.locator('.entry-receipt', { hasText: /^Sent$/ }).waitFor(visible);
    expect(await entry.getAttribute('data-origin')).toBe('self');
    expect(await entry.count()).toBe(1);
  });

  test("the agent's delivered and read receipts show on the customer's message", slow, async () => {
    const entry = entryWithText(page, 'Hello from the page');
    const messageId = await entry.getAttribute('data-message-id');
    expect(messageId).toBeTruthy();
    const receipt = (kind: 'delivered' | 'read') =>
      fixture.emulator.sendReceipt(chat.contact.ContactId, {
        AsParticipantId: chat.agent.participantId,
        MessageId: messageId as string,
        Kind: kind,
      });
    expect(receipt('delivered')).toBeDefined();
    await entry.locator('.entry-receipt', { hasText: 'Delivered' }).waitFor(visible);
    expect(receipt('read')).toBeDefined();
    await entry.locator('.entry-receipt', { hasText: 'Read' }).waitFor(visible);
    expect(await entry.getAttribute('data-status')).toBe('read');
  });

  test(
    'the agent types and answers: typing shows, then the message, and the customer reads it',
    slow,
    async () => {
      fixture.emulator.sendTyping(chat.contact.ContactId, chat.agent.participantId);
      const typing = page.locator('#typing-indicator');
      await typing.filter({ hasText: 'Agent Smith is typing…' }).waitFor(visible);
      const answerId = agentSays('Hi Jo, how can I help?');
      const answer = entryWithText(page, 'Hi Jo, how can I help?');
      await answer.waitFor(visible);
      expect(await answer.getAttribute('data-origin')).toBe('other');
      expect(await answer.locator('.entry-author').textContent()).toBe('Agent Smith');
      // The answer clears the indicator at once: the service never says when someone stops typing.
      await typing.waitFor(hidden);
      const read = await chat.agent.waitForItem(
        "the customer's read receipt for the answer",
        (item) =>
          item.MessageMetadata?.MessageId === answerId &&
          (item.MessageMetadata.Receipts ?? []).some(
            (receipt) =>
              receipt.RecipientParticipantId === chat.contact.ParticipantId &&
              receipt.ReadTimestamp !== undefined,
          ),
      );
      expect(read.ContentType).toBe(EventContentType.messageMetadata);
    },
  );

  test('an attachment uploads with progress to 100% and reaches the agent', slow, async () => {
    const bytes = Buffer.alloc(256 * 1024, 'connect-chat ');
    await page.locator('#attachment-input').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: bytes,
    });
    const row = page.locator('#uploads > li.upload[data-state="sent"]', { hasText: 'notes.txt' });
    await row.waitFor(visible);
    expect(await row.getAttribute('data-reported-percent')).toBe('100');
    expect(await row.locator('progress').getAttribute('value')).toBe('100');
    const item = await chat.agent.waitForItem(
      'the attachment',
      (candidate) =>
        candidate.Type === 'ATTACHMENT' && candidate.Attachments?.[0]?.AttachmentName === 'notes.txt',
    );
    expect(fromCustomer(item)).toBe(true);
    const entry = page.locator('#transcript > li.entry[data-kind="attachment"]', { hasText: 'notes.txt' });
    const download = entry.getByRole('button', { name: 'Download notes.txt' });
    await download.waitFor(visible);
    const [saved] = await Promise.all([
      page.waitForEvent('download', { timeout: waitTimeoutMs }),
      download.click(),
    ]);
    expect(saved.suggestedFilename()).toBe('notes.txt');
    const path = await saved.path();
    expect(Buffer.compare(await readFile(path), bytes)).toBe(0);
  });

  test('a cancelled upload leaves nothing behind', slow, async () => {
    fixture.emulator.addFault({
      match: { operation: 'StartAttachmentUpload', participantId: chat.contact.ParticipantId },
      action: { type: 'delay', ms: heldDelayMs },
      times: 1,
    });
    await page.locator('#attachment-input').setInputFiles({
      name: 'never.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not to be sent'),
    });
    await withDeadline(fixture.hold.parked(1), 'StartAttachmentUpload to reach the emulator');
    const row = page.locator('#uploads > li.upload', { hasText: 'never.txt' });
    await row.getByRole('button', { name: 'Cancel uploading never.txt' }).click();
    await page
      .locator('#uploads > li.upload[data-state="cancelled"]', { hasText: 'never.txt' })
      .waitFor(visible);
    fixture.hold.release();
    expect(await page.locator('#transcript > li.entry', { hasText: 'never.txt' }).count()).toBe(0);
    const state = fixture.emulator.getContactState(chat.contact.ContactId);
    expect(state.Items.filter((item) => item.Attachments?.[0]?.AttachmentName === 'never.txt')).toEqual([]);
  });

  test(
    'a dropped socket shows the reconnect banner; afterwards it hides and nothing is lost',
    slow,
    async () => {
      const banner = page.locator('#reconnect-banner');
      expect(await banner.isHidden()).toBe(true);
      // The reconnection's CreateParticipantConnection is held, so the customer stays away while both sides talk.
      fixture.emulator.addFault({
        match: { operation: 'CreateParticipantConnection', participantId: chat.contact.ParticipantId },
        action: { type: 'delay', ms: heldDelayMs },
        times: 1,
      });
      fixture.emulator.addFault({
        match: { participantId: chat.contact.ParticipantId },
        action: { type: 'drop' },
      });
      await banner.waitFor(visible);
      expect(await banner.textContent()).toContain('Connection lost');
      await page.locator('#connection-status', { hasText: 'Reconnecting' }).waitFor(visible);
      await withDeadline(fixture.hold.parked(2), 'the reconnection to reach the emulator');

      const missed = ['Are you still there?', 'I will wait for you'].map(agentSays);
      await page.getByLabel('Message', { exact: true }).fill('Sorry, my connection dropped');
      await page.getByLabel('Message', { exact: true }).press('Enter');
      const queued = entryWithText(page, 'Sorry, my connection dropped');
      await queued.locator('.entry-receipt', { hasText: 'Sending…' }).waitFor(visible);

      fixture.hold.release();
      await banner.waitFor(hidden);
      await page.locator('#connection-status', { hasText: 'Connected' }).waitFor(visible);
      for (const text of ['Are you still there?', 'I will wait for you'])
        await entryWithText(page, text).waitFor(visible);
      for (const id of missed)
        expect(await page.locator(`#transcript > li[data-message-id="${id}"]`).count()).toBe(1);
      await chat.agent.waitForItem(
        'the message queued while reconnecting',
        (item) => item.Type === 'MESSAGE' && item.Content === 'Sorry, my connection dropped',
      );
      await queued.locator('.entry-receipt', { hasText: /^Sent$/ }).waitFor(visible);
      // Every message the service holds is shown exactly once, in transcript order (time, then id for a tie).
      const serviceMessages = fixture.emulator
        .getContactState(chat.contact.ContactId)
        .Items.filter((item) => item.Type === 'MESSAGE')
        .map((item) => `${item.AbsoluteTime} ${item.Id}`)
        .sort()
        .map((key) => key.split(' ')[1]);
      const shownMessages = await page
        .locator('#transcript > li.entry[data-kind="message"]')
        .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.messageId));
      expect(shownMessages).toEqual(serviceMessages);
    },
  );

  test(
    'End chat leaves the chat: the agent sees the customer leave and the composer closes',
    slow,
    async () => {
      await page.getByRole('button', { name: 'End chat' }).click();
      await page.locator('#chat-ended', { hasText: 'You left the chat.' }).waitFor(visible);
      await chat.agent.waitForItem(
        'the customer leaving',
        (item) => item.ContentType === EventContentType.participantLeft && fromCustomer(item),
      );
      expect(await page.getByLabel('Message', { exact: true }).isDisabled()).toBe(true);
      const customer = fixture.emulator
        .getContactState(chat.contact.ContactId)
        .Participants.find((participant) => participant.ParticipantId === chat.contact.ParticipantId);
      expect(customer?.State).toBe('LEFT');
    },
  );

  test('the whole chat ran under the strict CSP with no violation and no page error', async () => {
    const response = await page.request.get(page.url());
    const policy = response.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(await opened.csp.violations()).toEqual([]);
    expect(opened.csp.consoleErrors).toEqual([]);
    expect(fixture.chromium.pageErrors).toEqual([]);
  });
});
