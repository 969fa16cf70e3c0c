// Getting started, step 1: a customer chat against the local emulator, in Node (no AWS account needed).
// The emulator plays Amazon Connect; its control API plays the agent.
import { createChatSession } from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';
import { startEmulator } from '@connect-chat/transport/testing';
import { WebSocket } from 'ws'; // Node 20 has no global WebSocket; browsers and React Native do

const emulator = await startEmulator();
// What your backend's StartChatContact call returns, and an agent to talk to.
const contact = emulator.createContact({ DisplayName: 'Casey' });
const agent = emulator.addParticipant(contact.ContactId, { Role: 'AGENT', DisplayName: 'Ada' });

const session = createChatSession({
  chatDetails: {
    contactId: contact.ContactId,
    participantId: contact.ParticipantId,
    participantToken: contact.ParticipantToken,
  },
  participantApi: createFetchParticipantApi({ endpoint: emulator.endpoint }),
  sockets: createWebSocketFactory({ WebSocket }),
});
session.on('status', ({ current }) => console.log(`[${current}]`));
const agentReplied = new Promise<void>((resolve) => {
  session.on('message', ({ item }) => {
    console.log(`${item.DisplayName}: ${item.Content}`);
    if (item.ParticipantId === agent.ParticipantId) resolve();
  });
});

await session.connect();
await session.sendMessage('Hello, where is my order?');
emulator.injectItem(contact.ContactId, {
  AsParticipantId: agent.ParticipantId,
  Type: 'MESSAGE',
  ContentType: 'text/plain',
  Content: 'Hi Casey, let me check.',
});
await agentReplied;
await session.disconnect();
session.close();
await emulator.close();
