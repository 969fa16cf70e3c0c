/** Token and lifecycle fault actions, applied once (§5.9 "Token actions" and "Lifecycle actions"). */
import { EventContentType } from '@connect-chat/core';
import type { EmulatorContext } from './context';
import type { FaultRule } from './faults.types';
import { endChat, eventDraft, leaveChat } from './lifecycle';
import type { ContactRecord } from './state.types';

const presenceEvents = {
  idle: EventContentType.participantIdle,
  returned: EventContentType.participantReturned,
  autodisconnect: EventContentType.participantAutoDisconnection,
} as const;

function targetContacts(context: EmulatorContext, rule: FaultRule): ContactRecord[] {
  const contacts = [...context.store.contacts.values()].filter((contact) => contact.status === 'ACTIVE');
  const contactId = rule.match?.contactId;
  return contactId === undefined ? contacts : contacts.filter((contact) => contact.contactId === contactId);
}

/** Applies a token or lifecycle action now. Returns how many tokens, contacts or participants it touched. */
export function applyImmediateFault(context: EmulatorContext, rule: FaultRule): number {
  const { action } = rule;
  const { store } = context;
  switch (action.type) {
    case 'expireConnectionTokens':
      return store.expireConnectionTokens(action.participantId ?? rule.match?.participantId);
    case 'expireParticipantToken':
      return store.revokeParticipantTokens(action.participantId ?? rule.match?.participantId);
    case 'expireWebsocketUrls':
      return store.expireSocketTokens(action.participantId ?? rule.match?.participantId);
    default:
      break;
  }
  let count = 0;
  for (const contact of targetContacts(context, rule)) {
    const active = store.activeParticipants(contact);
    const chosenId =
      'participantId' in action ? (action.participantId ?? rule.match?.participantId) : undefined;
    switch (action.type) {
      case 'endChat':
        endChat(context, contact);
        count += 1;
        break;
      case 'agentLeaves': {
        const agent = active.find((participant) =>
          chosenId ? participant.participantId === chosenId : participant.role === 'AGENT',
        );
        if (agent) {
          leaveChat(context, agent);
          count += 1;
        }
        break;
      }
      case 'idle':
      case 'returned':
      case 'autodisconnect': {
        const who = active.find((participant) =>
          chosenId ? participant.participantId === chosenId : participant.role === 'CUSTOMER',
        );
        if (!who) break;
        store.appendItem(contact, eventDraft(presenceEvents[action.type], who));
        if (action.type === 'autodisconnect') leaveChat(context, who);
        count += 1;
        break;
      }
      case 'transfer':
        store.appendItem(
          contact,
          eventDraft(
            action.outcome === 'succeeded'
              ? EventContentType.transferSucceeded
              : EventContentType.transferFailed,
          ),
        );
        count += 1;
        break;
      default:
        break;
    }
  }
  return count;
}
