// A deliberately small chat participant built directly on the transport adapters: fetch connection details, open
// the socket, subscribe, collect items, and fill gaps from the transcript after a reconnect. The session API of
// `@connect-chat/core` will replace this hand-rolled loop; until then it shows the wire protocol end to end.
import type { ChatSocket, IncomingFrame, Item, ParticipantApi } from '@connect-chat/core';
import { createWebSocketFactory } from '@connect-chat/transport';
import { WebSocket } from 'ws';

export type ParticipantStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'ended';

export interface ParticipantOptions {
  name: string;
  participantToken: string;
  api: ParticipantApi;
  /** Agents acknowledge the connection (`ConnectParticipant: true`). */
  acknowledge?: boolean;
  onStatus(name: string, from: ParticipantStatus, to: ParticipantStatus, reason: string): void;
  onItem?(name: string, item: Item, via: 'socket' | 'transcript'): void;
}

/** How long a scripted step may wait for the service before the demo fails loudly. */
const stepTimeoutMs = 10_000;

export class ScriptedParticipant {
  readonly items = new Map<string, Item>();
  /** Every item id, once per time it reached the app (duplicates would show up here twice). */
  readonly deliveries: string[] = [];
  status: ParticipantStatus = 'idle';
  connectionToken = '';
  participantId: string | undefined;
  reconnects = 0;
  private socket: ChatSocket | undefined;
  private readonly waiters = new Set<() => void>();
  private readonly sockets = createWebSocketFactory({ WebSocket });

  constructor(private readonly options: ParticipantOptions) {}

  async connect(): Promise<void> {
    this.setStatus(this.status === 'idle' ? 'connecting' : 'reconnecting', 'connect requested');
    const connection = await this.options.api.createParticipantConnection({
      ParticipantToken: this.options.participantToken,
      Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'],
      ...(this.options.acknowledge ? { ConnectParticipant: true } : {}),
    });
    const url = connection.Websocket?.Url;
    const token = connection.ConnectionCredentials?.ConnectionToken;
    if (!url || !token) throw new Error(`${this.options.name}: connection details are incomplete`);
    this.connectionToken = token;

    const subscribed = new Promise<void>((resolve, reject) => {
      this.socket = this.sockets.open(url, (event) => {
        switch (event.type) {
          case 'socket.opened':
            this.socket?.send({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } });
            break;
          case 'socket.frameReceived':
            if (event.frame.kind === 'subscribeResult') {
              if (event.frame.status === 'success') resolve();
              else reject(new Error(`${this.options.name}: subscription failed`));
            } else this.receive(event.frame);
            break;
          case 'socket.closed':
            reject(new Error(`${this.options.name}: socket closed before subscribing (${event.code})`));
            if (this.status === 'connected')
              this.setStatus('reconnecting', `socket closed with ${event.code}`);
            this.notify();
            break;
          default:
            break;
        }
      });
    });
    await subscribed;
    this.setStatus('connected', 'subscribed to aws/chat');
  }

  /** Reconnects and fills the gap: pages the transcript backwards until it meets an item already held. */
  async reconnectAndFillGap(): Promise<number> {
    this.reconnects += 1;
    await this.connect();
    let filled = 0;
    let nextToken: string | undefined;
    for (;;) {
      const page = await this.options.api.getTranscript({
        ConnectionToken: this.connectionToken,
        MaxResults: 15,
        ScanDirection: 'BACKWARD',
        SortOrder: 'ASCENDING',
        ...(nextToken ? { NextToken: nextToken } : {}),
      });
      const transcript = page.Transcript ?? [];
      let metKnown = false;
      for (const item of transcript) {
        if (item.Id && this.items.has(item.Id)) metKnown = true;
        else if (this.accept(item, 'transcript')) filled += 1;
      }
      nextToken = page.NextToken;
      if (metKnown || !nextToken) return filled;
    }
  }

  close(): void {
    this.socket?.close(1000, 'scripted chat finished');
  }

  /** Resolves once an item matching `predicate` has arrived (or already had). */
  async waitFor(description: string, predicate: (item: Item) => boolean): Promise<Item> {
    let found: Item | undefined;
    await this.waitForCondition(description, () => {
      for (const item of this.items.values()) if (predicate(item)) found = item;
      return found !== undefined;
    });
    return found as Item;
  }

  async waitForStatus(status: ParticipantStatus): Promise<void> {
    await this.waitForCondition(`status ${status}`, () => this.status === status);
  }

  private async waitForCondition(description: string, condition: () => boolean): Promise<void> {
    const deadline = Date.now() + stepTimeoutMs;
    while (!condition()) {
      if (Date.now() > deadline)
        throw new Error(`${this.options.name}: timed out waiting for ${description}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, stepTimeoutMs);
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private receive(frame: IncomingFrame): void {
    if (frame.kind !== 'chat') return;
    this.accept(frame.item, 'socket');
  }

  private accept(item: Item, via: 'socket' | 'transcript'): boolean {
    const key = item.Id ?? `${item.Type}:${item.AbsoluteTime}`;
    // Deduplicate by Id; an attachment's scan verdict arrives as a second item with the same Id.
    if (this.items.has(key) && !isNewAttachmentStatus(this.items.get(key), item)) return false;
    this.items.set(key, item);
    if (item.Type === 'MESSAGE') this.deliveries.push(key);
    this.options.onItem?.(this.options.name, item, via);
    if (item.ContentType?.endsWith('.chat.ended')) this.setStatus('ended', 'chat.ended received');
    this.notify();
    return true;
  }

  private setStatus(to: ParticipantStatus, reason: string): void {
    if (to === this.status) return;
    const from = this.status;
    this.status = to;
    this.options.onStatus(this.options.name, from, to, reason);
    this.notify();
  }

  private notify(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }
}

function isNewAttachmentStatus(previous: Item | undefined, next: Item): boolean {
  return previous?.Attachments?.[0]?.Status !== next.Attachments?.[0]?.Status;
}
