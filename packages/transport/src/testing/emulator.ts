/** `startEmulator`: one `node:http` server (REST, control API, uploads, WebSocket) on one port. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventContentType, type Item, MessageContentType } from '@connect-chat/core';
import { ActivityLog, type ActivityLogEntry } from './activity-log';
import type { EmulatorContext } from './context';
import type {
  AddedFault,
  AddedParticipant,
  AddParticipantInput,
  ContactState,
  CreateContactInput,
  CreatedContact,
  Emulator,
  InjectItemInput,
  ReceiptInput,
} from './emulator.types';
import { ServiceError } from './errors';
import { applyImmediateFault } from './fault-actions';
import { FaultTable, immediateFaultTypes, socketEventFaultTypes } from './faults';
import type { ActiveFault, FaultRule, SocketEventFaultAction } from './faults.types';
import {
  endChat,
  initiateAuthentication,
  joinParticipant,
  recordReceipt,
  senderFields,
  sendTyping,
  startChat,
} from './lifecycle';
import {
  type EmulatorOptions,
  type ResolvedEmulatorOptions,
  resolveEmulatorOptions,
  type ViewFixture,
} from './options';
import { seededRandom } from './random';
import { answerMalformedRequest, answerUnexpectedFailure, handleRequest } from './request-pipeline';
import { createSigner } from './signing';
import { SocketServer } from './socket-server';
import type { ContactRecord } from './state.types';
import { ChatStore } from './store';

/** Message content types a control-API contact supports unless told otherwise. */
export const defaultControlContentTypes: readonly string[] = Object.values(MessageContentType);

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

class LocalEmulator implements Emulator {
  endpoint = '';
  port = 0;
  private offsetMs = 0;
  private readonly timers = new Set<unknown>();
  private readonly server: Server;
  private readonly context: EmulatorContext;
  private readonly faults: FaultTable;
  private readonly sockets: SocketServer;
  private readonly log: ActivityLog;
  private sweepTimer: ReturnType<typeof setInterval> | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: ResolvedEmulatorOptions) {
    const now = () => options.clock.now() + this.offsetMs;
    this.log = new ActivityLog(options.log);
    this.faults = new FaultTable(now, seededRandom(options.seed));
    const store = new ChatStore(now, (contact, item) => this.sockets.deliver(contact, item));
    this.context = {
      store,
      options,
      signer: createSigner(),
      log: this.log,
      now,
      httpBase: () => `http://${urlHost(options.host)}:${this.port}`,
      wsBase: () => `ws://${urlHost(options.host)}:${this.port}`,
      schedule: (ms, callback) => this.schedule(ms, callback),
      closeParticipantSockets: (participantId, code, reason) =>
        this.sockets.closeParticipantSockets(participantId, code, reason),
    };
    this.sockets = new SocketServer(this.context, this.faults);
    const deps = { context: this.context, faults: this.faults, emulator: this };
    this.server = createServer((request, response) => {
      handleRequest(deps, request, response).catch((error: unknown) =>
        answerUnexpectedFailure(response, error, options.log),
      );
    });
    this.server.on('upgrade', (request, socket, head: Buffer) => {
      try {
        this.sockets.handleUpgrade(request, socket, head);
      } catch {
        socket.destroy();
      }
    });
    this.server.on('clientError', (error: Error & { code?: string }, socket) =>
      answerMalformedRequest(error, socket, options.log),
    );
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        this.endpoint = this.context.httpBase();
        if (this.options.sweepIntervalMs > 0) {
          this.sweepTimer = setInterval(() => this.sweep(), this.options.sweepIntervalMs);
          this.sweepTimer.unref();
        }
        resolve();
      });
    });
  }

  private schedule(ms: number, callback: () => void): void {
    if (this.closing) return;
    const handle = this.options.scheduler.setTimeout(() => {
      this.timers.delete(handle);
      if (!this.closing) callback();
    }, ms);
    this.timers.add(handle);
  }

  now(): number {
    return this.context.now();
  }

  private contact(contactId: string): ContactRecord {
    const contact = this.context.store.contacts.get(contactId);
    if (!contact) {
      throw new ServiceError('ResourceNotFoundException', `unable to find contact ${contactId}`, 404, {
        ResourceId: contactId,
        ResourceType: 'CONTACT',
      });
    }
    return contact;
  }

  private participant(contact: ContactRecord, participantId: string) {
    const participant = contact.participants.get(participantId);
    if (!participant) {
      throw new ServiceError(
        'ResourceNotFoundException',
        `unable to find participant ${participantId}`,
        404,
        {
          ResourceId: participantId,
          ResourceType: 'PARTICIPANT',
        },
      );
    }
    return participant;
  }

  createContact(input: CreateContactInput = {}): CreatedContact {
    const { contact, customer } = startChat(this.context, {
      DisplayName: input.DisplayName ?? 'Customer',
      SupportedMessagingContentTypes: input.SupportedMessagingContentTypes ?? defaultControlContentTypes,
      InitialMessage: input.InitialMessage,
      PersistentChat: input.PersistentChat,
    });
    return {
      ContactId: contact.contactId,
      ParticipantId: customer.participantId,
      ParticipantToken: customer.participantToken,
      ...(contact.previousContactId ? { ContinuedFromContactId: contact.previousContactId } : {}),
    };
  }

  addParticipant(contactId: string, input: AddParticipantInput): AddedParticipant {
    const participant = joinParticipant(
      this.context,
      this.contact(contactId),
      input.Role,
      input.DisplayName ?? input.Role,
    );
    return { ParticipantId: participant.participantId, ParticipantToken: participant.participantToken };
  }

  injectItem(contactId: string, input: InjectItemInput): Item {
    const contact = this.contact(contactId);
    const { AsParticipantId, AsRole, Store, ...fields } = input;
    const sender = AsParticipantId
      ? senderFields(this.participant(contact, AsParticipantId))
      : AsRole === 'SYSTEM'
        ? { ParticipantRole: 'SYSTEM', DisplayName: input.DisplayName ?? 'SYSTEM_MESSAGE' }
        : {};
    const broadcastOnly =
      fields.Type === 'MESSAGEMETADATA' ||
      fields.Type === 'CONNECTION_ACK' ||
      fields.ContentType === EventContentType.typing ||
      fields.MessageMetadata?.MessageCompleted === false;
    if (fields.ContentType === EventContentType.authenticationInitiated) {
      let sessionId: unknown;
      try {
        sessionId = fields.Content
          ? (JSON.parse(fields.Content) as { SessionId?: unknown }).SessionId
          : undefined;
      } catch {
        sessionId = undefined;
      }
      if (typeof sessionId !== 'string') return this.initiateAuthenticationItem(contact, AsParticipantId);
      this.context.store.openAuthSession(contact, sessionId, AsParticipantId);
    }
    return this.context.store.appendItem(
      contact,
      { ...sender, ...fields },
      { store: Store ?? !broadcastOnly },
    );
  }

  private initiateAuthenticationItem(contact: ContactRecord, participantId: string | undefined): Item {
    initiateAuthentication(this.context, contact, this.customerOrGiven(contact, participantId));
    return contact.items[contact.items.length - 1]!.item;
  }

  private customerOrGiven(contact: ContactRecord, participantId: string | undefined) {
    if (participantId) return this.participant(contact, participantId);
    return [...contact.participants.values()].find((participant) => participant.role === 'CUSTOMER');
  }

  sendTyping(contactId: string, participantId: string): Item {
    return sendTyping(this.context, this.participant(this.contact(contactId), participantId));
  }

  sendReceipt(contactId: string, input: ReceiptInput): Item | undefined {
    const participant = this.participant(this.contact(contactId), input.AsParticipantId);
    return recordReceipt(this.context, participant, input.MessageId, input.Kind);
  }

  initiateAuthentication(contactId: string, participantId?: string): string {
    const contact = this.contact(contactId);
    return initiateAuthentication(this.context, contact, this.customerOrGiven(contact, participantId));
  }

  endChat(contactId: string): void {
    endChat(this.context, this.contact(contactId));
  }

  addFault(rule: FaultRule): AddedFault {
    const type = rule.action.type;
    const immediate =
      immediateFaultTypes.has(type) || (socketEventFaultTypes.has(type) && rule.match?.topic === undefined);
    if (immediate && !rule.afterMs) return { applied: this.applyNow(rule) };
    return { id: this.faults.add(rule).id };
  }

  private applyNow(rule: FaultRule): number {
    if (socketEventFaultTypes.has(rule.action.type)) {
      return this.sockets.applyToOpenSockets(rule.action as SocketEventFaultAction, rule.match, rule.times);
    }
    return applyImmediateFault(this.context, rule);
  }

  clearFaults(id?: string): number {
    const removed = this.faults.remove(id);
    this.sockets.flushHeld();
    return removed;
  }

  listFaults(): readonly ActiveFault[] {
    return this.faults.list();
  }

  advanceClock(ms: number): number {
    return this.setClockOffset(this.offsetMs + ms);
  }

  setClockOffset(offsetMs: number): number {
    this.offsetMs = offsetMs;
    this.sweep();
    return this.offsetMs;
  }

  sweep(): number {
    for (const rule of [...this.faults.list()]) {
      const type = rule.action.type;
      const immediate =
        immediateFaultTypes.has(type) || (socketEventFaultTypes.has(type) && rule.match?.topic === undefined);
      if (!immediate || !this.faults.isDue(rule)) continue;
      this.faults.remove(rule.id);
      this.applyNow(rule);
    }
    return this.sockets.sweep();
  }

  addView(viewToken: string, view: ViewFixture): void {
    this.options.views[viewToken] = view;
  }

  getContactState(contactId: string): ContactState {
    const contact = this.contact(contactId);
    return {
      ContactId: contact.contactId,
      InitialContactId: contact.initialContactId,
      ...(contact.previousContactId ? { PreviousContactId: contact.previousContactId } : {}),
      Status: contact.status,
      Participants: [...contact.participants.values()].map((participant) => ({
        ParticipantId: participant.participantId,
        DisplayName: participant.displayName,
        ParticipantRole: participant.role,
        State: participant.state,
        Connected: participant.connected,
      })),
      Items: contact.items.map((entry) => entry.item),
      Attachments: [...contact.attachments.values()].map((attachment) => ({
        AttachmentId: attachment.attachmentId,
        AttachmentName: attachment.name,
        ContentType: attachment.contentType,
        AttachmentSizeInBytes: attachment.size,
        Status: attachment.status,
        ...(attachment.scanStatus ? { ScanStatus: attachment.scanStatus } : {}),
      })),
      Sockets: [...this.sockets.sockets.values()]
        .filter((open) => open.contactId === contactId)
        .map((open) => ({
          SocketId: open.socketId,
          ParticipantId: open.participantId,
          Topics: [...open.topics],
        })),
      Log: this.log.forContact(contactId),
    };
  }

  activity(): readonly ActivityLogEntry[] {
    return this.log.entries;
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      if (this.sweepTimer) clearInterval(this.sweepTimer);
      for (const handle of this.timers) this.options.scheduler.clearTimeout(handle);
      this.timers.clear();
      this.sockets.closeAll();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    return this.closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/**
 * Starts a local Amazon Connect Participant Service emulator on 127.0.0.1 (ephemeral port by default).
 *
 * @example
 * ```ts
 * await using emulator = await startEmulator();
 * const { ParticipantToken } = emulator.createContact({ DisplayName: 'Ada' });
 * const client = new ConnectParticipantClient({ region: 'us-west-2', endpoint: emulator.endpoint,
 *   credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 * ```
 */
export async function startEmulator(options?: EmulatorOptions): Promise<Emulator> {
  const emulator = new LocalEmulator(resolveEmulatorOptions(options));
  await emulator.listen();
  return emulator;
}
