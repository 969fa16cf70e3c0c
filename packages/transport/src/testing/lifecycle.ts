/** Chat lifecycle steps shared by the REST operations, the Connect API, the control API and faults. */
import { randomUUID } from 'node:crypto';
import { EventContentType, type Item, type ParticipantRole, type Receipt } from '@connect-chat/core';
import type { EmulatorContext } from './context';
import { conflict, ServiceError, validationError } from './errors';
import type { ContactRecord, ParticipantRecord, RehydrationType } from './state.types';
import type { ItemDraft } from './store';

/** Participants one chat may hold at once: 1 customer, 1 primary agent and 4 more. @defaultValue 6 */
export const maxParticipantsPerChat = 6;

/** What starting a chat needs (StartChatContact and `POST /__emulator/contacts`). */
export interface StartChatInput {
  DisplayName: string;
  SupportedMessagingContentTypes?: readonly string[] | undefined;
  InitialMessage?: { ContentType: string; Content: string } | undefined;
  PersistentChat?: { SourceContactId: string; RehydrationType: RehydrationType } | undefined;
}

/** Fields an item gets from the participant who sent it. */
export function senderFields(
  participant: ParticipantRecord,
): Pick<Item, 'ParticipantId' | 'DisplayName' | 'ParticipantRole'> {
  return {
    ParticipantId: participant.participantId,
    DisplayName: participant.displayName,
    ParticipantRole: participant.role,
  };
}

/** An EVENT item draft, from a participant or from the system. */
export function eventDraft(
  contentType: string,
  participant?: ParticipantRecord,
  content?: string,
): ItemDraft {
  return {
    Type: 'EVENT',
    ContentType: contentType,
    ...(content === undefined ? {} : { Content: content }),
    ...(participant ? senderFields(participant) : {}),
  };
}

/** Creates a contact with its customer, emitting `participant.joined` (and `chat.rehydrated` when persistent). */
export function startChat(
  context: EmulatorContext,
  input: StartChatInput,
): { contact: ContactRecord; customer: ParticipantRecord } {
  const source = input.PersistentChat?.SourceContactId;
  if (source !== undefined && !context.store.contacts.has(source)) {
    throw new ServiceError(
      'ResourceNotFoundException',
      `unable to start persistent chat; source contact ${source} does not exist`,
      404,
      { ResourceId: source, ResourceType: 'CONTACT' },
    );
  }
  const contact = context.store.createContact({
    supportedMessagingContentTypes: input.SupportedMessagingContentTypes,
    previousContactId: source,
    rehydrationType: input.PersistentChat?.RehydrationType,
  });
  const customer = context.store.addParticipant(contact, 'CUSTOMER', input.DisplayName);
  context.store.appendItem(contact, eventDraft(EventContentType.participantJoined, customer));
  if (source !== undefined) context.store.appendItem(contact, eventDraft(EventContentType.chatRehydrated));
  if (input.InitialMessage) {
    context.store.appendItem(contact, {
      Type: 'MESSAGE',
      ContentType: input.InitialMessage.ContentType,
      Content: input.InitialMessage.Content,
      ...senderFields(customer),
    });
  }
  return { contact, customer };
}

/** Adds an agent, bot or supervisor, emitting `participant.joined` (after `participant.invited` if configured). */
export function joinParticipant(
  context: EmulatorContext,
  contact: ContactRecord,
  role: ParticipantRole,
  displayName: string,
): ParticipantRecord {
  if (contact.status === 'ENDED') {
    throw validationError(`unable to add participant; contact ${contact.contactId} has ended`);
  }
  if (role === 'CUSTOMER' || role === 'SYSTEM') {
    throw validationError(`unable to add participant; role ${role} cannot be added to a chat`);
  }
  if (context.store.activeParticipants(contact).length >= maxParticipantsPerChat) {
    throw new ServiceError(
      'ServiceQuotaExceededException',
      `unable to add participant; the chat already has ${maxParticipantsPerChat} participants`,
    );
  }
  const participant = context.store.addParticipant(contact, role, displayName);
  if (context.options.emitParticipantInvited) {
    context.store.appendItem(contact, eventDraft(EventContentType.participantInvited, participant));
  }
  context.store.appendItem(contact, eventDraft(EventContentType.participantJoined, participant));
  return participant;
}

function scheduleSocketClose(context: EmulatorContext, participant: ParticipantRecord): void {
  context.schedule(context.options.lifetimes.socketCloseGraceMs, () =>
    context.closeParticipantSockets(participant.participantId, 1000, 'participant left the chat'),
  );
}

/** Ends a chat: `participant.left` for every agent/bot still in it, then `chat.ended`; all participants leave. */
export function endChat(context: EmulatorContext, contact: ContactRecord): void {
  if (contact.status === 'ENDED') return;
  for (const participant of context.store.activeParticipants(contact)) {
    if (participant.role === 'CUSTOMER') continue;
    context.store.appendItem(contact, eventDraft(EventContentType.participantLeft, participant));
  }
  context.store.appendItem(contact, eventDraft(EventContentType.chatEnded));
  contact.status = 'ENDED';
  contact.endedAt = context.now();
  for (const participant of context.store.activeParticipants(contact)) {
    participant.state = 'LEFT';
    scheduleSocketClose(context, participant);
  }
}

/**
 * One participant leaves (DisconnectParticipant, or `agentLeaves`). When the customer or the last non-system
 * participant leaves, the chat ends.
 */
export function leaveChat(context: EmulatorContext, participant: ParticipantRecord): void {
  if (participant.state === 'LEFT') return;
  participant.state = 'LEFT';
  announceLeave(context, participant);
}

/** The broadcasts of {@link leaveChat}, for a participant already marked `LEFT` (DisconnectParticipant defers them). */
export function announceLeave(context: EmulatorContext, participant: ParticipantRecord): void {
  const contact = context.store.contacts.get(participant.contactId);
  if (!contact || contact.status === 'ENDED') return;
  context.store.appendItem(contact, eventDraft(EventContentType.participantLeft, participant));
  const remaining = context.store.activeParticipants(contact).filter((other) => other.role !== 'SYSTEM');
  if (participant.role === 'CUSTOMER' || remaining.length === 0) {
    context.store.appendItem(contact, eventDraft(EventContentType.chatEnded));
    contact.status = 'ENDED';
    contact.endedAt = context.now();
    for (const other of remaining) {
      other.state = 'LEFT';
      scheduleSocketClose(context, other);
    }
  }
  scheduleSocketClose(context, participant);
}

/** Marks a participant connected, emitting one `CONNECTION_ACK` item the first time. */
export function acknowledgeConnection(context: EmulatorContext, participant: ParticipantRecord): void {
  const contact = context.store.contacts.get(participant.contactId);
  if (!contact || participant.connected) return;
  participant.connected = true;
  context.store.appendItem(
    contact,
    { ...eventDraft(EventContentType.connectionAcknowledged, participant), Type: 'CONNECTION_ACK' },
    { store: false },
  );
}

/** Broadcasts a typing event; typing is never stored. */
export function sendTyping(context: EmulatorContext, participant: ParticipantRecord): Item {
  const contact = context.store.contacts.get(participant.contactId)!;
  return context.store.appendItem(contact, eventDraft(EventContentType.typing, participant), {
    store: false,
  });
}

/** Which receipt a participant sends. */
export type ReceiptKind = 'read' | 'delivered';

/**
 * Records a receipt on a message and broadcasts a `MESSAGEMETADATA` item. Receipts need a chat of at most two
 * active non-system participants and no supervisor (else 409). A delivered receipt after a read one is a no-op.
 */
export function recordReceipt(
  context: EmulatorContext,
  participant: ParticipantRecord,
  messageId: string,
  kind: ReceiptKind,
): Item | undefined {
  const contact = context.store.contacts.get(participant.contactId)!;
  const target = contact.items.find(
    (entry) =>
      entry.item.Id === messageId && (entry.item.Type === 'MESSAGE' || entry.item.Type === 'ATTACHMENT'),
  );
  if (!target)
    throw validationError(`unable to send receipt; message ${messageId} does not exist in this chat`);
  const active = context.store.activeParticipants(contact).filter((other) => other.role !== 'SYSTEM');
  if (active.length > 2 || active.some((other) => other.role === 'SUPERVISOR')) {
    throw conflict('unable to send receipt; receipts are not supported with more than two participants');
  }
  const byRecipient = contact.receipts.get(messageId) ?? new Map<string, Receipt>();
  contact.receipts.set(messageId, byRecipient);
  const existing = byRecipient.get(participant.participantId) ?? {
    RecipientParticipantId: participant.participantId,
  };
  if (
    kind === 'delivered' &&
    (existing.ReadTimestamp !== undefined || existing.DeliveredTimestamp !== undefined)
  ) {
    return undefined;
  }
  if (kind === 'read' && existing.ReadTimestamp !== undefined) return undefined;
  const stamp = new Date(context.now()).toISOString();
  const updated: Receipt = {
    ...existing,
    ...(kind === 'read' ? { ReadTimestamp: stamp } : { DeliveredTimestamp: stamp }),
  };
  byRecipient.set(participant.participantId, updated);
  const socketReceipt: Receipt =
    kind === 'read'
      ? { ReadTimestamp: stamp, RecipientParticipantId: participant.participantId }
      : { DeliveredTimestamp: stamp, RecipientParticipantId: participant.participantId };
  return context.store.appendItem(
    contact,
    {
      Type: 'MESSAGEMETADATA',
      ContentType: EventContentType.messageMetadata,
      MessageMetadata: { MessageId: messageId, Receipts: [socketReceipt] },
    },
    { store: false },
  );
}

/** Emits `authentication.initiated` with a fresh 36-character `SessionId` and opens the session. */
export function initiateAuthentication(
  context: EmulatorContext,
  contact: ContactRecord,
  participant?: ParticipantRecord,
): string {
  const sessionId = randomUUID();
  context.store.openAuthSession(contact, sessionId, participant?.participantId);
  context.store.appendItem(
    contact,
    eventDraft(EventContentType.authenticationInitiated, undefined, JSON.stringify({ SessionId: sessionId })),
  );
  return sessionId;
}
