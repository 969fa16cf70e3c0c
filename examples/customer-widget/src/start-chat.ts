/**
 * Starting a chat: the browser asks your own backend, which calls StartChatContact with AWS credentials the page
 * must never hold, and gets back the contact, the participant and the participant token.
 */
import { type ChatDetails, ChatError, ChatErrorCode } from '@connect-chat/core';

/** Posts `{ displayName }` to the chat-start backend and returns the chat to join. */
export async function startChat(startChatUrl: string, displayName: string): Promise<ChatDetails> {
  const response = await fetch(startChatUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ displayName }),
  });
  if (!response.ok) {
    throw new ChatError(
      ChatErrorCode.network,
      `unable to start chat; the backend answered ${response.status}`,
    );
  }
  const started = (await response.json()) as {
    ContactId?: unknown;
    ParticipantId?: unknown;
    ParticipantToken?: unknown;
  };
  if (
    typeof started.ContactId !== 'string' ||
    typeof started.ParticipantId !== 'string' ||
    typeof started.ParticipantToken !== 'string'
  ) {
    throw new ChatError(
      ChatErrorCode.validation,
      'unable to start chat; the backend returned no chat details',
    );
  }
  return {
    contactId: started.ContactId,
    participantId: started.ParticipantId,
    participantToken: started.ParticipantToken,
  };
}
