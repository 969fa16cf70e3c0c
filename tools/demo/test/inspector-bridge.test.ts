// `--inspect`: the bridge serves its page on loopback and relays the Stately inspector's events to every page that
// connects, buffered ones first. A `ws` client stands in for the page; no browser and no stately.ai are involved.
import { createChatSession } from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';
import { startEmulator } from '@connect-chat/transport/testing';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startInspectorBridge } from '../src/inspector-bridge';

interface Relayed {
  type: string;
  name?: string;
  event?: { type: string };
}

function collect(url: string): {
  events: Relayed[];
  until(predicate: () => boolean): Promise<void>;
  close(): void;
} {
  const socket = new WebSocket(url);
  const events: Relayed[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    events.push(JSON.parse(data.toString()) as Relayed);
    for (const wake of [...waiters]) wake();
  });
  return {
    events,
    until: (predicate) =>
      new Promise((resolve, reject) => {
        const guard = setTimeout(() => reject(new Error('the bridge relayed nothing that matched')), 10_000);
        const wake = (): void => {
          if (!predicate()) return;
          waiters.delete(wake);
          clearTimeout(guard);
          resolve();
        };
        waiters.add(wake);
        wake();
      }),
    close: () => socket.close(),
  };
}

describe('the inspector bridge', () => {
  it('INSP-01 serves the page and its script under a CSP, on loopback only', async () => {
    await using bridge = await startInspectorBridge({ inspectorUrl: 'https://inspector.example/inspect' });
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(bridge.url);
    const html = await page.text();
    expect(html).toContain('src="https://inspector.example/inspect"');
    expect(html).toContain('<script src="/bridge.js"></script>');
    expect(page.headers.get('content-security-policy')).toContain('frame-src https://inspector.example');
    const script = await (await fetch(new URL('/bridge.js', bridge.url))).text();
    expect(script).toContain('@statelyai.connected');
    expect((await fetch(new URL('/nothing', bridge.url))).status).toBe(404);
  });

  it('INSP-02 a session inspected through it reaches a page that connects later, without a token', async () => {
    await using emulator = await startEmulator();
    await using bridge = await startInspectorBridge();
    const contact = emulator.createContact({ DisplayName: 'Casey' });
    const session = createChatSession({
      chatDetails: {
        contactId: contact.ContactId,
        participantId: contact.ParticipantId,
        participantToken: contact.ParticipantToken,
      },
      participantApi: createFetchParticipantApi({ endpoint: emulator.endpoint }),
      sockets: createWebSocketFactory({ WebSocket }),
      inspect: bridge.inspect,
    });
    try {
      await session.connect();
      const page = collect(`${bridge.url.replace('http', 'ws')}events`);
      try {
        await page.until(() =>
          page.events.some(
            (event) => event.type === '@xstate.event' && event.event?.type === 'socket.subscribed',
          ),
        );
        const actorNames = () =>
          page.events.filter((event) => event.type === '@xstate.actor').map((event) => event.name);
        expect(actorNames()).toEqual(expect.arrayContaining(['connection', 'heartbeat']));
        // The receipts actor starts with the first message that needs a receipt.
        expect(actorNames()).not.toContain('receipts');
        const agent = emulator.addParticipant(contact.ContactId, { Role: 'AGENT', DisplayName: 'Alex' });
        emulator.injectItem(contact.ContactId, {
          AsParticipantId: agent.ParticipantId,
          Type: 'MESSAGE',
          ContentType: 'text/plain',
          Content: 'hello',
        });
        await page.until(() => actorNames().includes('receipts'));
        expect(JSON.stringify(page.events)).not.toContain(contact.ParticipantToken);
        const connectionToken = session.connection.connectionToken ?? 'none';
        expect(JSON.stringify(page.events)).not.toContain(connectionToken);
      } finally {
        page.close();
      }
    } finally {
      session.close();
    }
  });
});
