// The agent-desktop example of connection.md.
import { createConnection } from '@connect-chat/core';
import { createStreamsManagedSocket } from '@connect-chat/transport';

const connection = createConnection({
  participantApi,
  managedSocket: createStreamsManagedSocket(streamsWebSocketManager),
  credentials: { participantToken, getConnectionToken },
});
await connection.connect();

// What the example assumes: StreamsJS's manager (`connect.core.getWebSocketManager()`) and the agent's token provider.
declare const participantApi: import('@connect-chat/core').ParticipantApi;
declare const streamsWebSocketManager: import('@connect-chat/transport').StreamsManagerSubscriber;
declare const participantToken: string;
declare const getConnectionToken: import('@connect-chat/core').ConnectionTokenProvider;
