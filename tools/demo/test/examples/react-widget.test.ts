// The React widget in Chromium against the emulator, under the server's CSP: start a chat, then messages both ways
// through `useChatSession`, with the agent's typing and receipts rendered from the hook's snapshots.
import { EventContentType } from '@connect-chat/core';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeInChromium } from '../../../../packages/transport/test/browser/chromium';
import {
  type ExamplesFixture,
  type OpenedPage,
  type StartedChat,
  startExamplesFixture,
  waitTimeoutMs,
} from './support/examples-fixture';

const visible = { state: 'visible', timeout: waitTimeoutMs } as const;
const slow = { timeout: 60_000 };

const entryWithText = (page: Page, text: string): Locator =>
  page.locator('ol.transcript > li.entry').filter({ has: page.locator('.entry-text', { hasText: text }) });

describeInChromium('React widget (useChatSession)', () => {
  let fixture: ExamplesFixture;
  let opened: OpenedPage;
  let page: Page;
  let chat: StartedChat;

  beforeAll(async () => {
    fixture = await startExamplesFixture();
    opened = await fixture.openPage('react-widget');
    page = opened.page;
  }, 60_000);

  afterAll(async () => {
    await fixture?.[Symbol.asyncDispose]();
  });

  test('starts a chat and connects', slow, async () => {
    await page.getByLabel('Your name').fill('Robin');
    await page.getByRole('button', { name: 'Start chat' }).click();
    chat = await fixture.chat(1);
    expect(chat.displayName).toBe('Robin');
    await page.locator('.connection-status[data-status="connected"]').waitFor(visible);
  });

  test('a customer message reaches the agent once and shows its receipts', slow, async () => {
    const input = page.getByLabel('Message', { exact: true });
    await input.fill('Hi from React');
    await chat.agent.waitForItem(
      'typing from the customer',
      (item) =>
        item.ContentType === EventContentType.typing && item.ParticipantId === chat.contact.ParticipantId,
    );
    await input.press('Enter');
    const sent = await chat.agent.waitForItem(
      'the customer message',
      (item) => item.Type === 'MESSAGE' && item.Content === 'Hi from React',
    );
    expect(sent.ParticipantId).toBe(chat.contact.ParticipantId);
    const entry = entryWithText(page, 'Hi from React');
    await entry.locator('.entry-receipt', { hasText: /^Sent$/ }).waitFor(visible);
    expect(await entry.count()).toBe(1);
    fixture.emulator.sendReceipt(chat.contact.ContactId, {
      AsParticipantId: chat.agent.participantId,
      MessageId: sent.Id as string,
      Kind: 'read',
    });
    await entry.locator('.entry-receipt', { hasText: 'Read' }).waitFor(visible);
  });

  test("the agent's typing and answer render, and the answer is read", slow, async () => {
    fixture.emulator.sendTyping(chat.contact.ContactId, chat.agent.participantId);
    await page.locator('.typing-indicator', { hasText: 'Agent Smith is typing…' }).waitFor(visible);
    const answer = fixture.emulator.injectItem(chat.contact.ContactId, {
      AsParticipantId: chat.agent.participantId,
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'Hello Robin',
    });
    const entry = entryWithText(page, 'Hello Robin');
    await entry.waitFor(visible);
    expect(await entry.getAttribute('data-origin')).toBe('other');
    expect(await entry.getAttribute('data-message-id')).toBe(answer.Id);
    await page
      .locator('.typing-indicator', { hasText: 'typing' })
      .waitFor({ state: 'detached', timeout: waitTimeoutMs });
    await chat.agent.waitForItem(
      "the customer's read receipt",
      (item) =>
        item.MessageMetadata?.MessageId === answer.Id &&
        (item.MessageMetadata?.Receipts ?? []).some((receipt) => receipt.ReadTimestamp !== undefined),
    );
  });

  test('ran under the strict CSP with no violation and no page error', async () => {
    expect(await opened.csp.violations()).toEqual([]);
    expect(opened.csp.consoleErrors).toEqual([]);
    expect(fixture.chromium.pageErrors).toEqual([]);
  });
});
