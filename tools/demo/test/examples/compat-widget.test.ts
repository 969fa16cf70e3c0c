// ChatJS's README HTML sample, unchanged but for its library import (compat's single script file), in Chromium
// against the emulator under the server's CSP. The sample registers five handlers; each must be called: connection
// established, a message, typing and the end of the chat in one chat, a broken connection in another.
import { EventContentType } from '@connect-chat/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeInChromium } from '../../../../packages/transport/test/browser/chromium';
import { observePageCallbacks, waitForCall } from './support/callback-observer';
import type { CspWatch } from './support/csp-watch';
import { watchCsp } from './support/csp-watch';
import { type ExamplesFixture, type StartedChat, startExamplesFixture } from './support/examples-fixture';

const slow = { timeout: 60_000 };

describeInChromium("ChatJS's README sample on the compat global", () => {
  let fixture: ExamplesFixture;
  const watched: { page: Page; csp: CspWatch }[] = [];

  /** Opens the sample with the handler observer; the sample starts its chat by itself on load. */
  const openSample = async (chatNumber: number): Promise<{ page: Page; chat: StartedChat }> => {
    const page = await fixture.chromium.newPage();
    const csp = await watchCsp(page);
    await observePageCallbacks(page);
    watched.push({ page, csp });
    await page.goto(fixture.server.pages.find((each) => each.name === 'compat-widget')?.url ?? '');
    const chat = await fixture.chat(chatNumber);
    await waitForCall(page, 'onConnectionEstablished', (call) => call.name === 'onConnectionEstablished');
    return { page, chat };
  };

  beforeAll(async () => {
    fixture = await startExamplesFixture();
  }, 60_000);

  afterAll(async () => {
    for (const { page } of watched) await page.close();
    await fixture?.[Symbol.asyncDispose]();
  });

  test('the page is the README sample, served with a hash for its one inline script', async () => {
    const url = fixture.server.pages.find((each) => each.name === 'compat-widget')?.url;
    expect(url).toBeDefined();
    const response = await fetch(url as string);
    const html = await response.text();
    expect(html).toContain('import "./amazon-connect-chat.js";');
    expect(html).not.toContain('unpkg.com/amazon-connect-chatjs@3.0.3";');
    expect(html).toContain('customerChatSession.onConnectionEstablished(event => { /* ... */ });');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
  });

  test(
    "connection established, typing, a message and the end reach the sample's handlers",
    slow,
    async () => {
      const { page, chat } = await openSample(1);
      expect(chat.displayName).toBe('Customer');
      fixture.emulator.sendTyping(chat.contact.ContactId, chat.agent.participantId);
      await waitForCall(page, 'onTyping', (call) => call.name === 'onTyping' && call.role === 'AGENT');
      const said = fixture.emulator.injectItem(chat.contact.ContactId, {
        AsParticipantId: chat.agent.participantId,
        Type: 'MESSAGE',
        ContentType: 'text/plain',
        Content: 'Hello from the agent',
      });
      const message = await waitForCall(
        page,
        'onMessage',
        (call) => call.name === 'onMessage' && call.id === said.Id,
      );
      expect(message.contentType).toBe('text/plain');
      fixture.emulator.endChat(chat.contact.ContactId);
      await waitForCall(page, 'onEnded', (call) => call.name === 'onEnded');
      await waitForCall(
        page,
        'onMessage (chat.ended)',
        (call) => call.name === 'onMessage' && call.contentType === EventContentType.chatEnded,
      );
    },
  );

  test("a connection that cannot come back reaches the sample's onConnectionBroken", slow, async () => {
    const { page, chat } = await openSample(2);
    // The reconnection is refused for good: a validation error is not retried.
    fixture.emulator.addFault({
      match: { operation: 'CreateParticipantConnection', participantId: chat.contact.ParticipantId },
      action: { type: 'error', status: 400, errorType: 'ValidationException', message: 'refused' },
    });
    fixture.emulator.addFault({
      match: { participantId: chat.contact.ParticipantId },
      action: { type: 'drop' },
    });
    await waitForCall(page, 'onConnectionBroken', (call) => call.name === 'onConnectionBroken');
  });

  test('both runs had no CSP violation and no page error', async () => {
    expect(watched).toHaveLength(2);
    for (const { csp } of watched) {
      expect(await csp.violations()).toEqual([]);
      expect(csp.consoleErrors).toEqual([]);
    }
    expect(fixture.chromium.pageErrors).toEqual([]);
  });
});
