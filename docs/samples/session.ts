// The example at the top of session.md.
import { browserPlatform, createChatSession } from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';

const session = createChatSession({
  chatDetails: { contactId, participantId, participantToken }, // from StartChatContact, via your backend
  participantApi: createFetchParticipantApi({ region: 'us-west-2' }),
  sockets: createWebSocketFactory(),
  platform: browserPlatform(),
});

session.on('transcript', ({ entries }) => render(entries)); // the whole merged view, after every change
session.on('typing', ({ item }) => showTyping(item.DisplayName));
session.on('status', ({ current, retryIn }) => showBanner(current, retryIn));
await session.connect();
await session.sendMessage('Hello!');

// What the example assumes.
declare const contactId: string;
declare const participantId: string;
declare const participantToken: string;
declare function render(entries: readonly import('@connect-chat/core').TranscriptEntry[]): void;
declare function showTyping(name: string | undefined): void;
declare function showBanner(status: string, retryIn: number | undefined): void;
