// Migrating from ChatJS: step 1 swaps the package and keeps the code; step 2 moves to the core API.
import '@connect-chat/compat'; // installs connect.ChatSession, like amazon-connect-chatjs
import { browserPlatform, createChatSession } from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';

declare const startChatResult: { ContactId: string; ParticipantId: string; ParticipantToken: string };
declare function render(text: string | undefined): void;
declare function showSurvey(): void;

// Step 1: ChatJS code, unchanged, on @connect-chat/compat.
async function withCompat(): Promise<void> {
  connect.ChatSession.setGlobalConfig({ region: 'us-west-2' });
  const session = connect.ChatSession.create({
    chatDetails: startChatResult,
    type: connect.ChatSession.SessionTypes.CUSTOMER,
  });
  session.onMessage(({ data }) => render(data.Content));
  session.onEnded(() => showSurvey());
  await session.connect();
  await session.sendMessage({ contentType: 'text/plain', message: 'Hello!' });
}

// Step 2: the same chat on the core API.
async function withCore(): Promise<void> {
  const session = createChatSession({
    chatDetails: {
      contactId: startChatResult.ContactId,
      participantId: startChatResult.ParticipantId,
      participantToken: startChatResult.ParticipantToken,
    },
    participantApi: createFetchParticipantApi({ region: 'us-west-2' }),
    sockets: createWebSocketFactory(),
    platform: browserPlatform(),
  });
  session.on('message', ({ item }) => render(item.Content));
  session.on('chatEnded', () => showSurvey());
  await session.connect();
  await session.sendMessage('Hello!');
}

export { withCompat, withCore };
