// Test fixtures for the emulator: a tiny REST caller and a real `ws` client that records frames and lets a test
// wait for one (by event, never by sleeping).
import { WebSocket } from 'ws';
import type { Emulator, EmulatorScheduler } from '../../src/testing';

/** A REST answer: status, headers and parsed JSON (or the raw text when it is not JSON). */
export interface RestAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** Calls the emulator like a raw client: JSON body, optional bearer, any method. */
export async function rest<T = Record<string, unknown>>(
  emulator: Emulator,
  path: string,
  options: {
    body?: unknown;
    bearer?: string;
    method?: string;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<RestAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.bearer !== undefined) headers['x-amz-bearer'] = options.bearer;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${emulator.endpoint}${path}`, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text };
}

/** A customer (or any participant) with a connection token and socket URL. */
export interface Connected {
  contactId: string;
  participantId: string;
  participantToken: string;
  connectionToken: string;
  socketUrl: string;
}

/** Connects a participant token with CreateParticipantConnection (WEBSOCKET + CONNECTION_CREDENTIALS). */
export async function connect(
  emulator: Emulator,
  contactId: string,
  participantId: string,
  participantToken: string,
): Promise<Connected> {
  const answer = await rest<{
    Websocket: { Url: string };
    ConnectionCredentials: { ConnectionToken: string };
  }>(emulator, '/participant/connection', {
    bearer: participantToken,
    body: { Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] },
  });
  if (answer.status !== 200) throw new Error(`CreateParticipantConnection answered ${answer.status}`);
  return {
    contactId,
    participantId,
    participantToken,
    connectionToken: answer.body.ConnectionCredentials.ConnectionToken,
    socketUrl: answer.body.Websocket.Url,
  };
}

/** Starts a chat through the programmatic control API and connects its customer. */
export async function startCustomer(emulator: Emulator, displayName = 'Ada'): Promise<Connected> {
  const contact = emulator.createContact({ DisplayName: displayName });
  return connect(emulator, contact.ContactId, contact.ParticipantId, contact.ParticipantToken);
}

/** Adds an agent and connects it. */
export async function joinAgent(emulator: Emulator, contactId: string): Promise<Connected> {
  const agent = emulator.addParticipant(contactId, { Role: 'AGENT', DisplayName: 'Agent Smith' });
  return connect(emulator, contactId, agent.ParticipantId, agent.ParticipantToken);
}

/** A received frame: its parsed JSON, or the raw text when it is not JSON. */
export type Frame = Record<string, unknown> & { raw: string };

/** A real `ws` client that records every frame. */
export class TestSocket implements AsyncDisposable {
  readonly frames: Frame[] = [];
  private readonly taken = new Set<Frame>();
  private readonly waiters = new Set<() => void>();
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const raw = data.toString();
      let frame: Frame;
      try {
        frame = { ...(JSON.parse(raw) as Record<string, unknown>), raw };
      } catch {
        frame = { raw };
      }
      this.frames.push(frame);
      for (const wake of [...this.waiters]) wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
  static open(url: string): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('open', () => resolve(new TestSocket(ws)));
      ws.once('unexpected-response', (_request, response) => {
        reject(new Error(`upgrade refused with ${response.statusCode}`));
        ws.terminate();
      });
      ws.once('error', reject);
    });
  }

  /** Opens a socket and subscribes to `aws/chat`. */
  static async subscribed(url: string): Promise<TestSocket> {
    const socket = await TestSocket.open(url);
    socket.send({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } });
    await socket.next((frame) => frame.topic === 'aws/subscribe');
    return socket;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Resolves with the first not-yet-taken frame (received or to come) that matches. */
  next(predicate: (frame: Frame) => boolean = () => true): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.frames.find((frame) => !this.taken.has(frame) && predicate(frame));
        if (!found) return false;
        this.taken.add(found);
        this.waiters.delete(wake);
        resolve(found);
        return true;
      };
      const wake = () => void check();
      if (check()) return;
      this.waiters.add(wake);
      void this.closed.then(() => {
        if (this.waiters.delete(wake)) reject(new Error('socket closed before the expected frame arrived'));
      });
    });
  }

  /** The next `aws/chat` item that matches. */
  async nextItem(
    predicate: (item: Record<string, unknown>) => boolean = () => true,
  ): Promise<Record<string, unknown>> {
    const frame = await this.next(
      (candidate) =>
        candidate.topic === 'aws/chat' &&
        predicate(JSON.parse(candidate.content as string) as Record<string, unknown>),
    );
    return JSON.parse(frame.content as string) as Record<string, unknown>;
  }

  /** Items received so far. */
  items(): Record<string, unknown>[] {
    return this.frames
      .filter((frame) => frame.topic === 'aws/chat')
      .map((frame) => JSON.parse(frame.content as string) as Record<string, unknown>);
  }

  /** A heartbeat round trip: every frame sent before it has been answered once this resolves. */
  async roundTrip(): Promise<void> {
    this.send({ topic: 'aws/ping' });
    await this.next((frame) => frame.topic === 'aws/ping');
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.terminate();
    await this.closed;
  }
}

/** A scheduler that parks every timer callback in `held`, so a test decides when delayed work runs. */
export function heldScheduler(held: (() => void)[]): EmulatorScheduler {
  return { setTimeout: (callback) => held.push(callback), clearTimeout: () => undefined };
}
