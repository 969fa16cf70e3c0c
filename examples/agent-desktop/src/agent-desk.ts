/**
 * The agent desk: every chat the agent is in, kept as plain snapshots the page renders. Each chat is a ChatJS-style
 * agent session on the `connect.ChatSession` global (compat), subscribed to StreamsJS's own WebSocket manager, so
 * the desk opens no socket of its own. Nothing here touches the DOM, which is what lets a Node test drive it with
 * a StreamsJS double against the emulator.
 *
 * Multi-party chats (ChatJS's multi-party recipe): up to six participants, one customer, the primary agent and four
 * more agents added through quick connects. Every agent's desk sees everyone's messages, joins, leaves and typing;
 * read and delivered receipts are not supported there, so the desk sends none once a third participant is present.
 */
import type {
  AgentChatSession,
  ChatDetailsInput,
  ChatSessionApi,
  ChatTranscriptItem,
} from '@connect-chat/compat/module';
import { EventContentType } from '@connect-chat/core';
import type { StreamsManagerSubscriber } from '@connect-chat/transport';

/** Where a chat's real-time channel is. */
export type DeskChatStatus = 'connecting' | 'connected' | 'reconnecting' | 'broken' | 'ended';

/** Someone in a chat. */
export interface DeskParticipant {
  readonly participantId: string;
  readonly displayName: string;
  readonly role: string | undefined;
  /** Joined and not left. */
  readonly present: boolean;
  /** This desk's own agent. */
  readonly self: boolean;
}

/** One line of a chat's transcript. */
export interface DeskLine {
  /** The item's `Id`. */
  readonly id: string;
  readonly kind: 'message' | 'attachment' | 'event';
  readonly participantId: string | undefined;
  readonly displayName: string;
  readonly role: string | undefined;
  readonly contentType: string | undefined;
  /** The text for messages, the file name for attachments, a sentence for events. */
  readonly text: string;
  readonly absoluteTime: string;
  /** Sent by this desk's agent. */
  readonly own: boolean;
}

/** One chat on the desk. A new object after every change. */
export interface DeskChat {
  readonly contactId: string;
  /** The agent's own participant id in this chat. */
  readonly participantId: string;
  readonly status: DeskChatStatus;
  readonly participants: readonly DeskParticipant[];
  readonly lines: readonly DeskLine[];
  /** Display names of the people typing now. */
  readonly typing: readonly string[];
  /** More than two participants are present: a conference, with no receipts. */
  readonly multiParty: boolean;
}

/** Everything on the desk. */
export interface DeskSnapshot {
  readonly chats: readonly DeskChat[];
}

/** Timers for the typing indicator (the host's by default; a test passes its clock). */
export interface DeskTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of {@link createAgentDesk}. */
export interface AgentDeskOptions {
  /** `connect.ChatSession` (compat's global, or ChatJS's). */
  readonly ChatSession: Pick<ChatSessionApi, 'create'>;
  /** StreamsJS's manager: `connect.core.getWebSocketManager()`. */
  readonly websocketManager: StreamsManagerSubscriber;
  /** The instance's region, for sessions the desk creates itself. */
  readonly region?: string | undefined;
  /** @defaultValue the global `setTimeout`/`clearTimeout` */
  readonly timers?: DeskTimers | undefined;
  /** How long someone shows as typing after their last typing event. @defaultValue 12000 */
  readonly typingHoldMs?: number | undefined;
}

/** The desk. */
export interface AgentDesk {
  /**
   * Puts a chat on the desk. `session` is the one StreamsJS made (`agentConnection.getMediaController()`); without
   * it the desk creates one from the media info (`agentConnection.getMediaInfo()`) and connects it. Loads the
   * transcript. Opening a chat already on the desk returns it.
   */
  openChat(mediaInfo: ChatDetailsInput, session?: AgentChatSession): Promise<DeskChat>;
  /** Sends a plain-text message; resolves with its item id. */
  sendMessage(contactId: string, text: string): Promise<string>;
  /** Tells the others the agent is typing (the session throttles it). */
  sendTyping(contactId: string): Promise<void>;
  /**
   * The agent has seen the chat: a read receipt for the newest message from someone else, unless the chat is
   * multi-party (the service does not support receipts there).
   */
  markRead(contactId: string): void;
  /** Takes the chat off the live desk (the agent left, or the contact ended): handlers removed, status `ended`. */
  closeChat(contactId: string): void;
  chat(contactId: string): DeskChat | undefined;
  getSnapshot(): DeskSnapshot;
  /** Calls `listener` after every change; returns a function that stops it. */
  subscribe(listener: () => void): () => void;
}

/** How long someone shows as typing after their last typing event. @defaultValue 12000 */
export const deskTypingHoldMs = 12_000;
/** Transcript items loaded when a chat opens (the service's maximum page). @defaultValue 100 */
export const deskTranscriptPageSize = 100;

const hostTimers: DeskTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The sentence an event item shows as, or `undefined` for events the desk does not show. */
export function deskEventText(item: ChatTranscriptItem): string | undefined {
  const who = item.DisplayName || item.ParticipantRole || 'Someone';
  switch (item.ContentType) {
    case EventContentType.participantJoined:
      return `${who} joined`;
    case EventContentType.participantLeft:
      return `${who} left`;
    case EventContentType.chatEnded:
      return 'The chat ended';
    case EventContentType.transferSucceeded:
      return 'Transferred';
    case EventContentType.transferFailed:
      return 'The transfer failed';
    default:
      return undefined;
  }
}

const lineOrder = (a: DeskLine, b: DeskLine) =>
  a.absoluteTime < b.absoluteTime ? -1 : a.absoluteTime > b.absoluteTime ? 1 : a.id < b.id ? -1 : 1;

/** One chat's mutable state; {@link DeskChat} snapshots are made from it. */
class ChatRecord {
  status: DeskChatStatus = 'connecting';
  readonly participants = new Map<
    string,
    { displayName: string; role: string | undefined; present: boolean }
  >();
  readonly lines = new Map<string, DeskLine>();
  readonly typing = new Map<string, { name: string; timer: unknown }>();
  lastReadId: string | undefined;
  snapshot: DeskChat;

  constructor(
    readonly contactId: string,
    readonly participantId: string,
    readonly session: AgentChatSession,
  ) {
    this.participants.set(participantId, { displayName: 'You', role: 'AGENT', present: true });
    this.snapshot = this.freeze();
  }

  presentCount(): number {
    let count = 0;
    for (const participant of this.participants.values()) if (participant.present) count += 1;
    return count;
  }

  freeze(): DeskChat {
    return {
      contactId: this.contactId,
      participantId: this.participantId,
      status: this.status,
      participants: [...this.participants].map(([participantId, participant]) => ({
        participantId,
        ...participant,
        self: participantId === this.participantId,
      })),
      lines: [...this.lines.values()].sort(lineOrder),
      typing: [...this.typing.values()].map((person) => person.name),
      multiParty: this.presentCount() > 2,
    };
  }
}

/** Creates an empty desk. */
export function createAgentDesk(options: AgentDeskOptions): AgentDesk {
  const timers = options.timers ?? hostTimers;
  const holdMs = options.typingHoldMs ?? deskTypingHoldMs;
  const chats = new Map<string, ChatRecord>();
  const opening = new Map<string, Promise<DeskChat>>();
  const listeners = new Set<() => void>();
  let snapshot: DeskSnapshot = { chats: [] };

  const changed = (record: ChatRecord) => {
    record.snapshot = record.freeze();
    snapshot = { chats: [...chats.values()].map((chat) => chat.snapshot) };
    for (const listener of [...listeners]) listener();
  };

  const stopTyping = (record: ChatRecord, participantId: string | undefined) => {
    const person = participantId === undefined ? undefined : record.typing.get(participantId);
    if (!person || participantId === undefined) return false;
    timers.clearTimeout(person.timer);
    record.typing.delete(participantId);
    return true;
  };

  /** Takes in one item from the socket or the transcript; returns whether anything changed. */
  const receive = (record: ChatRecord, item: ChatTranscriptItem): boolean => {
    const id = item.Id;
    if (!id || record.lines.has(id)) return false;
    const participantId = item.ParticipantId;
    const known = participantId === undefined ? undefined : record.participants.get(participantId);
    if (
      participantId !== undefined &&
      participantId !== record.participantId &&
      item.ParticipantRole !== 'SYSTEM'
    ) {
      const joined = item.ContentType === EventContentType.participantJoined;
      const left = item.ContentType === EventContentType.participantLeft;
      record.participants.set(participantId, {
        displayName: item.DisplayName || known?.displayName || item.ParticipantRole || 'Participant',
        role: item.ParticipantRole ?? known?.role,
        present: left ? false : joined || (known?.present ?? true),
      });
      if (left) stopTyping(record, participantId);
    }
    const kind = item.Type === 'ATTACHMENT' ? 'attachment' : item.Type === 'MESSAGE' ? 'message' : 'event';
    const text =
      kind === 'attachment'
        ? (item.Attachments?.[0]?.AttachmentName ?? 'attachment')
        : kind === 'message'
          ? (item.Content ?? '')
          : deskEventText(item);
    if (kind === 'event' && item.ContentType === EventContentType.chatEnded) record.status = 'ended';
    if (text === undefined) return true;
    if (kind !== 'event') stopTyping(record, participantId);
    record.lines.set(id, {
      id,
      kind,
      participantId,
      displayName: item.DisplayName || item.ParticipantRole || 'Participant',
      role: item.ParticipantRole,
      contentType: item.ContentType,
      text,
      absoluteTime: item.AbsoluteTime ?? '',
      own: participantId === record.participantId,
    });
    return true;
  };

  const wire = (record: ChatRecord) => {
    const { session } = record;
    session.onMessage(({ data }) => {
      if (receive(record, data)) changed(record);
    });
    session.onTyping(({ data }) => {
      const participantId = data.ParticipantId;
      if (participantId === undefined || participantId === record.participantId) return;
      stopTyping(record, participantId);
      const timer = timers.setTimeout(() => {
        if (stopTyping(record, participantId)) changed(record);
      }, holdMs);
      record.typing.set(participantId, { name: data.DisplayName || 'Someone', timer });
      changed(record);
    });
    const moveTo = (next: DeskChatStatus) => () => {
      if (record.status === 'ended') return;
      record.status = next;
      changed(record);
    };
    session.onConnectionEstablished(moveTo('connected'));
    session.onConnectionLost(moveTo('reconnecting'));
    session.onConnectionBroken(moveTo('broken'));
    session.onEnded(() => {
      record.status = 'ended';
      for (const participantId of [...record.typing.keys()]) stopTyping(record, participantId);
      changed(record);
    });
  };

  const loadTranscript = async (record: ChatRecord) => {
    const page = await record.session.getTranscript({
      maxResults: deskTranscriptPageSize,
      scanDirection: 'BACKWARD',
      sortOrder: 'ASCENDING',
    });
    let any = false;
    for (const item of page.data.Transcript ?? []) any = receive(record, item) || any;
    if (any) changed(record);
  };

  const settleConnecting = (record: ChatRecord, next: DeskChatStatus) => {
    if (record.status !== 'connecting') return;
    record.status = next;
    changed(record);
  };

  const open = async (
    mediaInfo: ChatDetailsInput,
    given: AgentChatSession | undefined,
  ): Promise<DeskChat> => {
    const session =
      given ??
      options.ChatSession.create({
        chatDetails: mediaInfo,
        type: 'AGENT',
        websocketManager: options.websocketManager,
        ...(options.region === undefined ? {} : { options: { region: options.region } }),
      });
    const details = session.getChatDetails();
    const record = new ChatRecord(details.contactId, details.participantId, session);
    chats.set(record.contactId, record);
    wire(record);
    changed(record);
    if (given) {
      // StreamsJS connects the sessions it hands out before it resolves them.
      if (given.controller.getConnectionStatus() === 'Established') settleConnecting(record, 'connected');
    } else {
      await session.connect();
    }
    await loadTranscript(record);
    return record.snapshot;
  };

  const recordOf = (contactId: string): ChatRecord => {
    const record = chats.get(contactId);
    if (!record) throw new Error(`no chat ${contactId} on the desk`);
    return record;
  };

  return {
    openChat(mediaInfo, session) {
      const contactId = mediaInfo.contactId ?? mediaInfo.ContactId;
      const existing = contactId === undefined ? undefined : chats.get(contactId);
      if (existing) return Promise.resolve(existing.snapshot);
      const pending = contactId === undefined ? undefined : opening.get(contactId);
      if (pending) return pending;
      const started = open(mediaInfo, session);
      if (contactId !== undefined) {
        opening.set(contactId, started);
        const forget = () => opening.delete(contactId);
        started.then(forget, forget);
      }
      return started;
    },
    async sendMessage(contactId, text) {
      const sent = await recordOf(contactId).session.sendMessage({
        contentType: 'text/plain',
        message: text,
      });
      return sent.data.Id;
    },
    async sendTyping(contactId) {
      await recordOf(contactId).session.sendEvent({ contentType: EventContentType.typing });
    },
    markRead(contactId) {
      const record = recordOf(contactId);
      if (record.snapshot.multiParty || record.status === 'ended') return;
      const latest = [...record.snapshot.lines]
        .reverse()
        .find((line) => !line.own && line.kind !== 'event' && line.role !== 'SYSTEM');
      if (!latest || latest.id === record.lastReadId) return;
      record.lastReadId = latest.id;
      record.session
        .sendEvent({
          contentType: EventContentType.messageRead,
          content: JSON.stringify({ messageId: latest.id }),
        })
        .catch(() => undefined);
    },
    closeChat(contactId) {
      const record = chats.get(contactId);
      if (!record) return;
      record.session.cleanUpOnParticipantDisconnect();
      for (const participantId of [...record.typing.keys()]) stopTyping(record, participantId);
      record.status = 'ended';
      changed(record);
    },
    chat: (contactId) => chats.get(contactId)?.snapshot,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
