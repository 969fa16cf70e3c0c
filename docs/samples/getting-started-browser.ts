// Getting started, step 2: the same chat in a browser, against a real Amazon Connect instance. Your backend calls
// StartChatContact (see start-chat-backend.ts) and hands the page the three values it returns.
import { browserPlatform, createChatSession } from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';

const started = await fetch('/start-chat', { method: 'POST' });
const { ContactId, ParticipantId, ParticipantToken } = (await started.json()) as Record<string, string>;

const session = createChatSession({
  chatDetails: { contactId: ContactId!, participantId: ParticipantId!, participantToken: ParticipantToken! },
  participantApi: createFetchParticipantApi({ region: 'us-west-2' }), // your instance's region
  sockets: createWebSocketFactory(), // the browser's WebSocket
  platform: browserPlatform(), // online/offline and page visibility
});

const list = document.querySelector('#messages')!;
session.on('transcript', ({ entries }) => {
  list.replaceChildren(
    ...entries
      .filter((entry) => entry.kind === 'message')
      .map((entry) => Object.assign(document.createElement('li'), { textContent: entry.item.Content ?? '' })),
  );
});

const form = document.querySelector('form')!;
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const input = form.elements.namedItem('text') as HTMLInputElement;
  void session.sendMessage(input.value);
  input.value = '';
});
await session.connect();
