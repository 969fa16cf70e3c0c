/** Chats on the emulator for the measurements: a customer, and an agent who only sends (no socket). */
import type { Emulator } from '@connect-chat/transport/testing';
import type { PageChatDetails } from '../browser/page/page-api';

/** A customer's chat and the id of the agent who talks to them. */
export interface BenchChat {
  customer: PageChatDetails;
  agentId: string;
}

/** Starts a chat and adds an agent to it. */
export function startChat(emulator: Emulator, index = 0): BenchChat {
  const contact = emulator.createContact({ DisplayName: `Customer ${index}` });
  const agent = emulator.addParticipant(contact.ContactId, { Role: 'AGENT', DisplayName: `Agent ${index}` });
  return {
    customer: {
      ContactId: contact.ContactId,
      ParticipantId: contact.ParticipantId,
      ParticipantToken: contact.ParticipantToken,
    },
    agentId: agent.ParticipantId,
  };
}

/** The agent sends a plain-text message, as the service pushes it to every subscribed socket of the chat. */
export function agentSays(emulator: Emulator, chat: BenchChat, content: string): void {
  emulator.injectItem(chat.customer.ContactId, {
    AsParticipantId: chat.agentId,
    Type: 'MESSAGE',
    ContentType: 'text/plain',
    Content: content,
  });
}

/** A real pause, for benchmarks only (tests never sleep). */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
