/**
 * The page for `@connect-chat/core`: a customer app as docs/session.md writes it. With `data-listen="transcript"`
 * it also re-reads the merged transcript on every change, as an app that renders the whole list does.
 */
import { browserPlatform, createChatSession } from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';
import { installBenchPage } from './bench-page';

const listensToTranscript = document.documentElement.dataset.listen === 'transcript';
/** What a renderer would draw; kept so the listener's work cannot be optimised away. */
export let renderedEntries = 0;

installBenchPage('core', (endpoint, chat, hooks) => {
  const session = createChatSession({
    chatDetails: {
      contactId: chat.ContactId,
      participantId: chat.ParticipantId,
      participantToken: chat.ParticipantToken,
    },
    participantApi: createFetchParticipantApi({ endpoint }),
    sockets: createWebSocketFactory(),
    platform: browserPlatform(),
  });
  session.on('status', ({ current, retryIn }) => {
    if (current === 'connected') hooks.connected();
    if (current === 'reconnecting' && retryIn !== undefined) hooks.retryScheduled(retryIn);
  });
  session.on('message', ({ item }) => hooks.message(item));
  if (listensToTranscript)
    session.on('transcript', ({ entries }) => {
      renderedEntries = entries.length;
    });
  return { connect: () => session.connect() };
});
