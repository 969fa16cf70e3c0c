// An agent desktop on StreamsJS: StreamsJS owns the one WebSocket of the agent; each chat the agent accepts gets
// a connect-chat session that subscribes to it, with the agent's connection token from StreamsJS's media info.
import { type ChatSession, createChatSession, type ProvidedConnectionToken } from '@connect-chat/core';
import {
  createFetchParticipantApi,
  createStreamsManagedSocket,
  type StreamsManagerSubscriber,
} from '@connect-chat/transport';

// What this page reads from StreamsJS (declared here only so the sample compiles without StreamsJS installed).
interface StreamsChatMediaInfo {
  contactId: string;
  participantId: string;
  initialContactId?: string;
  participantToken?: string;
  getConnectionToken(): Promise<{ chatTokenTransport: { participantToken: string; expiry?: string } }>;
}
declare const connect: {
  core: { getWebSocketManager(): StreamsManagerSubscriber };
};
declare function agentChatMediaInfo(contactId: string): StreamsChatMediaInfo;

const participantApi = createFetchParticipantApi({ region: 'us-west-2' }); // the region given to initCCP
const manager = connect.core.getWebSocketManager();

// The agent's socket carries every chat the agent is in: keep only this chat's items (and receipts).
function openAgentChat(contactId: string): ChatSession {
  const media = agentChatMediaInfo(contactId);
  const initialContactId = media.initialContactId ?? media.contactId;
  const session = createChatSession({
    role: 'AGENT',
    chatDetails: {
      contactId: media.contactId,
      participantId: media.participantId,
      participantToken: media.participantToken,
      initialContactId,
    },
    participantApi,
    // StreamsJS has one socket for all of the agent's chats: keep this chat's items.
    managedSocket: createStreamsManagedSocket(manager, {
      chat: { contactId: media.contactId, initialContactId },
    }),
    getConnectionToken: async (): Promise<ProvidedConnectionToken | undefined> => {
      const { chatTokenTransport } = await media.getConnectionToken();
      return { connectionToken: chatTokenTransport.participantToken, expiresAt: chatTokenTransport.expiry };
    },
  });
  // Multi-party: up to six participants; every join, leave, message and typing event names its sender.
  session.on('participantJoined', ({ item }) =>
    console.log(`${item.DisplayName} (${item.ParticipantRole}) joined`),
  );
  session.on('participantLeft', ({ item }) => console.log(`${item.DisplayName} left`));
  session.on('typing', ({ item }) => console.log(`${item.DisplayName} is typing`));
  return session;
}

export { openAgentChat };
