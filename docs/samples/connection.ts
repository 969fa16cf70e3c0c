// The first example of connection.md.
import { browserPlatform, createConnection } from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';

const connection = createConnection({
  participantApi: createFetchParticipantApi({ region: 'us-west-2' }),
  sockets: createWebSocketFactory(),
  credentials: { participantToken },
  platform: browserPlatform(), // online/offline and visibility; React Native passes its own
});
connection.on('status', ({ current, reason, retryIn }) => render(current, reason, retryIn));
connection.on('item', (item) => transcript.add(item));
await connection.connect();

// What the example assumes.
declare const participantToken: string;
declare function render(
  status: string,
  reason: import('@connect-chat/core').ConnectionReason | undefined,
  retryIn: number | undefined,
): void;
declare const transcript: { add(item: import('@connect-chat/core').Item): void };
