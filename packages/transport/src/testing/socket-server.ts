/** The chat WebSocket (§5.4): upgrade checks, the `aws/*` replies, item delivery and socket faults. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Item } from '@connect-chat/core';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import type { EmulatorContext } from './context';
import type { FaultTable } from './faults';
import { faultMatches } from './faults';
import type { FaultMatch, SocketEventFaultAction } from './faults.types';
import type { ContactRecord } from './state.types';

/** The only topic the service delivers on. */
export const chatTopic = 'aws/chat';

/** One open chat socket. */
export interface OpenSocket {
  socketId: string;
  connectionId: string;
  participantId: string;
  contactId: string;
  topics: Set<string>;
  openedAt: number;
  lastFrameAt: number;
  ws: WebSocket;
  /** A frame held back by `reorderFrames`, sent after the next one. */
  held: string | undefined;
}

/** Owns the `ws` server and every chat socket. */
export class SocketServer {
  readonly sockets = new Map<string, OpenSocket>();
  private readonly wss: WebSocketServer;
  private nextId = 1;

  constructor(
    private readonly context: EmulatorContext,
    private readonly faults: FaultTable,
  ) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: context.options.maxSocketMessageBytes });
  }

  /** Validates `?token=` and accepts the upgrade, or answers HTTP 403. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://emulator.invalid');
    const token = url.searchParams.get('token');
    const record = token ? this.context.store.socketTokens.get(token) : undefined;
    const participant = record ? this.context.store.findParticipant(record.participantId) : undefined;
    const subject = {
      operation: 'WebSocketUpgrade',
      participantId: record?.participantId,
      contactId: record?.contactId,
    };
    const injected = this.faults.take(['rejectUpgrades'], subject);
    if (
      injected ||
      !record ||
      !this.context.store.isUsable(record) ||
      !participant ||
      participant.state === 'LEFT'
    ) {
      this.context.log.add({
        kind: 'socket',
        at: this.context.now(),
        event: 'rejected',
        ...subject,
        code: 403,
      });
      const body = JSON.stringify({ message: 'Forbidden' });
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) =>
      this.attach(ws, participant.participantId, participant.contactId),
    );
  }

  private attach(ws: WebSocket, participantId: string, contactId: string): void {
    const now = this.context.now();
    const open: OpenSocket = {
      socketId: `socket-${this.nextId++}`,
      connectionId: randomUUID(),
      participantId,
      contactId,
      topics: new Set(),
      openedAt: now,
      lastFrameAt: now,
      ws,
      held: undefined,
    };
    this.sockets.set(open.socketId, open);
    this.context.log.add({
      kind: 'socket',
      at: now,
      event: 'open',
      socketId: open.socketId,
      participantId,
      contactId,
    });
    ws.on('message', (data, isBinary) => this.receive(open, data, isBinary));
    ws.on('error', () => undefined);
    ws.on('close', (code, reason) => {
      this.sockets.delete(open.socketId);
      this.context.log.add({
        kind: 'socket',
        at: this.context.now(),
        event: 'close',
        socketId: open.socketId,
        participantId,
        contactId,
        code,
        reason: reason.toString(),
      });
    });
  }

  private subjectOf(open: OpenSocket, topic?: string) {
    return { socketId: open.socketId, participantId: open.participantId, contactId: open.contactId, topic };
  }

  private receive(open: OpenSocket, data: RawData, isBinary: boolean): void {
    open.lastFrameAt = this.context.now();
    let frame: { topic?: unknown; content?: unknown } | undefined;
    try {
      const parsed: unknown = isBinary ? undefined : JSON.parse(data.toString());
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) frame = parsed;
    } catch {
      frame = undefined;
    }
    const topic = typeof frame?.topic === 'string' ? frame.topic : undefined;
    this.logFrame(open, 'in', topic);
    const triggered = this.faults.take(
      ['drop', 'close', 'gatewayError', 'badFrame'],
      this.subjectOf(open, topic),
      (rule) => rule.match?.topic !== undefined,
    );
    if (triggered) {
      this.perform(open, triggered.action);
      if (triggered.action.type === 'drop' || triggered.action.type === 'close') return;
    }
    const take = (type: 'stopHeartbeats' | 'stopPings' | 'subscribeNoResponse' | 'subscribeFailure') =>
      this.faults.take([type], this.subjectOf(open));
    switch (topic) {
      case 'aws/subscribe':
      case 'aws/unsubscribe': {
        const requested = (frame?.content as { topics?: unknown } | undefined)?.topics;
        const topics = Array.isArray(requested) ? requested.filter((value) => typeof value === 'string') : [];
        if (topic === 'aws/subscribe' && take('subscribeNoResponse')) return;
        const failed =
          topic === 'aws/subscribe' &&
          (take('subscribeFailure') || topics.some((name) => name !== chatTopic));
        if (!failed) {
          for (const name of topics) {
            if (topic === 'aws/subscribe') open.topics.add(name);
            else open.topics.delete(name);
          }
        }
        this.reply(open, { topic, content: { status: failed ? 'failure' : 'success', topics } });
        return;
      }
      case 'aws/heartbeat':
        if (!take('stopHeartbeats')) this.reply(open, { topic });
        return;
      case 'aws/ping': {
        if (take('stopPings')) return;
        const status = this.faults.take(['pingStatus'], this.subjectOf(open));
        this.reply(open, {
          topic,
          statusCode: status ? status.action.statusCode : 200,
          statusContent: status ? (status.action.statusContent ?? 'Error') : 'OK',
        });
        return;
      }
      default:
        this.reply(open, { message: 'Forbidden', connectionId: open.connectionId, requestId: randomUUID() });
    }
  }

  private reply(open: OpenSocket, frame: { topic?: string; [key: string]: unknown }): void {
    const dropped = this.faults.take(
      ['dropFrames'],
      this.subjectOf(open),
      (rule) =>
        rule.action.type === 'dropFrames' && rule.action.topic === frame.topic && frame.topic !== undefined,
    );
    if (dropped) {
      this.logFrame(open, 'out', frame.topic, undefined, 'dropFrames');
      return;
    }
    this.write(open, JSON.stringify(frame), frame.topic);
  }

  private write(
    open: OpenSocket,
    text: string,
    topic: string | undefined,
    item?: Item,
    fault?: string,
  ): void {
    if (open.ws.readyState !== WebSocket.OPEN) return;
    open.ws.send(text);
    this.logFrame(open, 'out', topic, item, fault);
  }

  private logFrame(
    open: OpenSocket,
    direction: 'in' | 'out',
    topic: string | undefined,
    item?: Item,
    fault?: string,
  ) {
    this.context.log.add({
      kind: 'frame',
      at: this.context.now(),
      direction,
      socketId: open.socketId,
      participantId: open.participantId,
      contactId: open.contactId,
      topic,
      itemType: item?.Type,
      contentType: item?.ContentType,
      fault,
    });
  }

  /** Sends an item to every open socket subscribed to `aws/chat` on the contact. */
  deliver(contact: ContactRecord, item: Item): void {
    const text = JSON.stringify({
      topic: chatTopic,
      contentType: 'application/json',
      content: JSON.stringify(item),
    });
    for (const open of this.sockets.values()) {
      if (open.contactId !== contact.contactId || !open.topics.has(chatTopic)) continue;
      this.deliverTo(open, text, item);
    }
  }

  private deliverTo(open: OpenSocket, text: string, item: Item): void {
    const subject = this.subjectOf(open);
    const dropped = this.faults.take(
      ['dropFrames'],
      subject,
      (rule) => rule.action.type === 'dropFrames' && (rule.action.topic ?? chatTopic) === chatTopic,
    );
    if (dropped) {
      this.logFrame(open, 'out', chatTopic, item, 'dropFrames');
      return;
    }
    const delayed = this.faults.take(['delayFrames'], subject);
    if (delayed) {
      this.context.schedule(delayed.action.ms, () => this.write(open, text, chatTopic, item, 'delayFrames'));
      return;
    }
    if (open.held !== undefined) {
      const held = open.held;
      open.held = undefined;
      this.write(open, text, chatTopic, item);
      this.write(open, held, chatTopic, undefined, 'reorderFrames');
      return;
    }
    if (this.faults.take(['reorderFrames'], subject)) {
      open.held = text;
      return;
    }
    this.write(open, text, chatTopic, item);
    if (this.faults.take(['duplicateFrames'], subject))
      this.write(open, text, chatTopic, item, 'duplicateFrames');
  }

  /** Applies a drop/close/gatewayError/badFrame to every open socket the match selects (at most `limit`). */
  applyToOpenSockets(action: SocketEventFaultAction, match: FaultMatch | undefined, limit?: number): number {
    let count = 0;
    for (const open of [...this.sockets.values()]) {
      if (limit !== undefined && count >= limit) break;
      if (!faultMatches({ ...match, topic: undefined }, this.subjectOf(open))) continue;
      this.perform(open, action);
      count += 1;
    }
    return count;
  }

  private perform(open: OpenSocket, action: SocketEventFaultAction): void {
    switch (action.type) {
      case 'drop':
        open.ws.terminate();
        return;
      case 'close':
        this.close(open, action.code ?? 1000, action.reason ?? '');
        return;
      case 'gatewayError':
        this.write(
          open,
          JSON.stringify({
            message: action.message ?? 'Forbidden',
            connectionId: open.connectionId,
            requestId: randomUUID(),
          }),
          undefined,
          undefined,
          'gatewayError',
        );
        return;
      case 'badFrame':
        this.write(open, 'this frame is not JSON {', undefined, undefined, 'badFrame');
        return;
    }
  }

  private close(open: OpenSocket, code: number, reason: string): void {
    try {
      open.ws.close(code, reason);
    } catch {
      // `ws` refuses codes that may not be sent (1005, 1006, ...); a reset is the closest thing.
      open.ws.terminate();
    }
  }

  /** Sends any frames held back by `reorderFrames` (used when faults are cleared). */
  flushHeld(): void {
    for (const open of this.sockets.values()) {
      if (open.held === undefined) continue;
      const held = open.held;
      open.held = undefined;
      this.write(open, held, chatTopic, undefined, 'reorderFrames');
    }
  }

  /** Closes sockets past the maximum duration or idle time (1001 "Going away"). Returns how many. */
  sweep(): number {
    const now = this.context.now();
    const { maxSocketDurationMs, socketIdleMs } = this.context.options.lifetimes;
    let closed = 0;
    for (const open of this.sockets.values()) {
      if (now - open.openedAt >= maxSocketDurationMs || now - open.lastFrameAt >= socketIdleMs) {
        this.close(open, 1001, 'Going away');
        closed += 1;
      }
    }
    return closed;
  }

  /** Closes every socket of one participant. */
  closeParticipantSockets(participantId: string, code: number, reason: string): void {
    for (const open of this.sockets.values()) {
      if (open.participantId === participantId) this.close(open, code, reason);
    }
  }

  /** Terminates every socket and the `ws` server. */
  closeAll(): void {
    for (const open of this.sockets.values()) open.ws.terminate();
    this.sockets.clear();
    this.wss.close();
  }
}
