// Reconnection, gap fill and the outbox, as a widget sees them: a banner driven by `status`, per-message delivery
// state from the transcript, a resend that cannot duplicate, and the knobs.
import {
  browserPlatform,
  type ChatDetails,
  type ChatSession,
  createChatSession,
  isChatError,
  reconnectDelay,
  type TranscriptEntry,
} from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';

declare function showBanner(text: string | undefined): void;
declare function renderEntry(entry: TranscriptEntry, actions: { resend?: () => void }): void;
declare function startNewChat(): Promise<ChatDetails>;

// -- the banner --
function watchConnection(session: ChatSession): void {
  session.on('status', ({ current, reason, retryIn }) => {
    if (current === 'connected') showBanner(undefined);
    else if (current === 'reconnecting')
      showBanner(retryIn === undefined ? 'Offline. Waiting for the network…' : 'Reconnecting…');
    else if (current === 'ended')
      showBanner(reason?.code === 'clientDisconnected' ? undefined : 'This chat has ended.');
    else if (current === 'failed') showBanner(`Unable to connect (${reason?.code}).`);
  });
  session.on('gapFilled', ({ items }) => console.debug(`${items} missed items recovered`));
  session.on('error', ({ error, operation }) => console.warn(operation, error.code));
}

// -- delivery state, and a resend that reuses the send's idempotency token --
function watchTranscript(session: ChatSession): void {
  session.on('transcript', ({ entries }) => {
    for (const entry of entries) {
      const failed = entry.origin === 'self' && entry.kind === 'message' && entry.status === 'failed';
      renderEntry(entry, {
        ...(failed && {
          resend: () =>
            void session.sendMessage({ content: entry.item.Content ?? '', clientToken: entry.clientToken }),
        }),
      });
    }
  });
}

// -- the knobs (every one optional; these are the defaults unless noted) --
function createWidgetSession(chatDetails: ChatDetails): ChatSession {
  return createChatSession({
    chatDetails,
    participantApi: createFetchParticipantApi({ region: 'us-west-2' }),
    sockets: createWebSocketFactory(),
    platform: browserPlatform(),
    delays: { heartbeatInterval: 10_000, stablePeriod: 30_000 },
    reconnectDelay: (attempt) => reconnectDelay(attempt), // or your own (attempt) => ms
    outboxCapacity: 100,
    transcript: { loadOnConnect: true, pageSize: 100, maxGapPages: 10 },
    receipts: { enabled: true, throttleMs: 5_000, deliveredHoldMs: 300 },
    typingThrottleMs: 10_000,
  });
}

// -- surviving a page reload: keep the chat details for the tab's life, and start over once the chat is over --
async function resumeOrStart(): Promise<ChatSession> {
  const stored = sessionStorage.getItem('chat');
  const chatDetails: ChatDetails = stored ? JSON.parse(stored) : await startNewChat();
  sessionStorage.setItem('chat', JSON.stringify(chatDetails));
  const session = createWidgetSession(chatDetails);
  watchConnection(session);
  watchTranscript(session);
  try {
    await session.connect(); // the newest page of the transcript is loaded by itself (transcript.loadOnConnect)
    return session;
  } catch (error) {
    session.close();
    if (!stored || !isChatError(error) || error.code !== 'ended') throw error;
    sessionStorage.removeItem('chat'); // the stored chat ended meanwhile (its token is refused): start a new one
    return resumeOrStart();
  }
}

export { resumeOrStart };
