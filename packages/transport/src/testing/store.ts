/** The emulator's tables: contacts, participants, tokens, items, attachments, idempotency, auth sessions. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Item, ParticipantRole } from '@connect-chat/core';
import type {
  AuthSessionRecord,
  ContactRecord,
  ExpiringTokenRecord,
  ParticipantRecord,
  RehydrationType,
  StoredItem,
} from './state.types';

/** An item about to be appended; the store fills `Id`, `AbsoluteTime`, `ContactId` and `InitialContactId`. */
export type ItemDraft = Item & { Type: string };

/** Options of {@link ChatStore.appendItem}. */
export interface AppendOptions {
  /** Keep the item for transcripts (typing and receipts are broadcast only). @defaultValue true */
  store?: boolean;
}

/** A cached successful response, replayed for a repeated ClientToken. */
export interface CachedResponse {
  status: number;
  body: unknown;
}

/** Creates an opaque token; the prefix only says which table it belongs to. */
export function newToken(prefix: string): string {
  return `${prefix}${randomBytes(24).toString('base64url')}`;
}

/** Holds all state; every change to items goes through {@link ChatStore.appendItem} so sockets see it. */
export class ChatStore {
  readonly contacts = new Map<string, ContactRecord>();
  readonly participantTokens = new Map<string, ParticipantRecord>();
  readonly connectionTokens = new Map<string, ExpiringTokenRecord>();
  readonly socketTokens = new Map<string, ExpiringTokenRecord>();
  readonly authSessions = new Map<string, AuthSessionRecord>();
  readonly idempotency = new Map<string, CachedResponse>();
  private seq = 0;

  constructor(
    private readonly now: () => number,
    private readonly deliver: (contact: ContactRecord, item: Item) => void,
  ) {}

  /** Creates an ACTIVE contact (no participants yet). */
  createContact(input: {
    supportedMessagingContentTypes?: readonly string[] | undefined;
    previousContactId?: string | undefined;
    rehydrationType?: RehydrationType | undefined;
  }): ContactRecord {
    const contactId = randomUUID();
    const contact: ContactRecord = {
      contactId,
      initialContactId: contactId,
      previousContactId: input.previousContactId,
      rehydrationType: input.rehydrationType,
      status: 'ACTIVE',
      endedAt: undefined,
      supportedMessagingContentTypes: [...(input.supportedMessagingContentTypes ?? ['text/plain'])],
      items: [],
      participants: new Map(),
      attachments: new Map(),
      receipts: new Map(),
    };
    this.contacts.set(contactId, contact);
    return contact;
  }

  /** Adds a participant record with a fresh participant token. */
  addParticipant(contact: ContactRecord, role: ParticipantRole, displayName: string): ParticipantRecord {
    const participant: ParticipantRecord = {
      participantId: randomUUID(),
      contactId: contact.contactId,
      displayName,
      role,
      participantToken: newToken('pt-'),
      participantTokenRevoked: false,
      state: 'JOINED',
      connected: false,
    };
    contact.participants.set(participant.participantId, participant);
    this.participantTokens.set(participant.participantToken, participant);
    return participant;
  }

  /** Participants who have not left. */
  activeParticipants(contact: ContactRecord): ParticipantRecord[] {
    return [...contact.participants.values()].filter((participant) => participant.state === 'JOINED');
  }

  /** Finds a participant anywhere. */
  findParticipant(participantId: string): ParticipantRecord | undefined {
    for (const contact of this.contacts.values()) {
      const participant = contact.participants.get(participantId);
      if (participant) return participant;
    }
    return undefined;
  }

  /** Fills the server-owned fields, stores (unless told not to) and delivers to the contact's sockets. */
  appendItem(contact: ContactRecord, draft: ItemDraft, options: AppendOptions = {}): StoredItem['item'] {
    const time = draft.AbsoluteTime === undefined ? this.now() : Date.parse(draft.AbsoluteTime);
    const item: StoredItem['item'] = {
      ...draft,
      Id: draft.Id ?? randomUUID(),
      AbsoluteTime: draft.AbsoluteTime ?? new Date(time).toISOString(),
      ContactId: draft.ContactId ?? contact.contactId,
      InitialContactId: draft.InitialContactId ?? contact.initialContactId,
    };
    this.seq += 1;
    if (options.store !== false) {
      contact.items.push({ seq: this.seq, time: Number.isNaN(time) ? this.now() : time, item });
    }
    this.deliver(contact, item);
    return item;
  }

  /** Issues a connection token for a participant. */
  issueConnectionToken(
    participant: ParticipantRecord,
    lifetimeMs: number,
  ): { token: string; expiresAt: number } {
    return this.issue(this.connectionTokens, 'ct-', participant, lifetimeMs);
  }

  /** Issues a one-participant socket URL token. */
  issueSocketToken(participant: ParticipantRecord, lifetimeMs: number): { token: string; expiresAt: number } {
    return this.issue(this.socketTokens, 'ws-', participant, lifetimeMs);
  }

  private issue(
    table: Map<string, ExpiringTokenRecord>,
    prefix: string,
    participant: ParticipantRecord,
    lifetimeMs: number,
  ): { token: string; expiresAt: number } {
    const token = newToken(prefix);
    const expiresAt = this.now() + lifetimeMs;
    table.set(token, {
      participantId: participant.participantId,
      contactId: participant.contactId,
      expiresAt,
      revoked: false,
    });
    return { token, expiresAt };
  }

  /** Whether a token record can still be used now. */
  isUsable(record: ExpiringTokenRecord): boolean {
    return !record.revoked && this.now() < record.expiresAt;
  }

  /** Makes every current connection token (of one participant, or all) unusable. */
  expireConnectionTokens(participantId?: string): number {
    return revokeAll(this.connectionTokens, participantId);
  }

  /** Makes every outstanding socket URL (of one participant, or all) unusable. */
  expireSocketTokens(participantId?: string): number {
    return revokeAll(this.socketTokens, participantId);
  }

  /** Makes participant tokens unusable: CreateParticipantConnection then answers 403. */
  revokeParticipantTokens(participantId?: string): number {
    let count = 0;
    for (const participant of this.participantTokens.values()) {
      if (participantId !== undefined && participant.participantId !== participantId) continue;
      participant.participantTokenRevoked = true;
      count += 1;
    }
    return count;
  }

  /** The contacts whose items a contact's transcript may show: itself first, then its persistent-chat past. */
  chain(contact: ContactRecord): ContactRecord[] {
    const chain = [contact];
    let previousId = contact.previousContactId;
    while (previousId !== undefined) {
      const previous = this.contacts.get(previousId);
      if (!previous || chain.includes(previous)) break;
      chain.push(previous);
      if (contact.rehydrationType === 'FROM_SEGMENT') break;
      previousId = previous.previousContactId;
    }
    return chain;
  }

  /** Registers an authentication session (from an `authentication.initiated` item). */
  openAuthSession(contact: ContactRecord, sessionId: string, participantId?: string): AuthSessionRecord {
    const session: AuthSessionRecord = {
      sessionId,
      contactId: contact.contactId,
      participantId,
      issuedAt: this.now(),
      state: 'PENDING',
    };
    this.authSessions.set(sessionId, session);
    return session;
  }
}

function revokeAll(table: Map<string, ExpiringTokenRecord>, participantId: string | undefined): number {
  let count = 0;
  for (const record of table.values()) {
    if (participantId !== undefined && record.participantId !== participantId) continue;
    if (!record.revoked) count += 1;
    record.revoked = true;
  }
  return count;
}
