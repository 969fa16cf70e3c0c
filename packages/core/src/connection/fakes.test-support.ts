// Fakes for the connection's slots: a participant API whose answers a test scripts, a chat-socket factory whose
// sockets a test drives by hand, and a managed socket standing in for StreamsJS's manager. Nothing here waits on time.
import { ChatError, ChatErrorCode } from '../errors';
import type {
  CreateParticipantConnectionInput,
  CreateParticipantConnectionOutput,
  ParticipantApi,
} from '../protocol/participant-api.types';
import type {
  ChatSocket,
  ChatSocketFactory,
  ChatSocketListener,
  ChatSocketState,
  IncomingFrame,
  OutgoingFrame,
} from '../socket/chat-socket.types';
import type {
  ManagedSocket,
  ManagedSocketEvent,
  ManagedSocketListener,
} from '../socket/managed-socket.types';

export type Answer = CreateParticipantConnectionOutput | ChatError | 'hang';

/** A participant API that answers CreateParticipantConnection from a script (default: a fresh URL and token). */
export class FakeParticipantApi {
  readonly calls: CreateParticipantConnectionInput[] = [];
  readonly script: Answer[] = [];
  private issued = 0;

  constructor(
    private readonly now: () => number,
    private readonly tokenLifetimeMs = 24 * 3_600_000,
  ) {}

  readonly api = new Proxy({} as ParticipantApi, {
    get: (_, name) => {
      // Serialisers and promise checks probe `toJSON` and `then`: only the service's operations exist.
      if (typeof name !== 'string' || name === 'toJSON' || name === 'then') return undefined;
      if (name === 'createParticipantConnection')
        return (input: CreateParticipantConnectionInput) => this.create(input);
      return () => Promise.reject(new ChatError(ChatErrorCode.unsupported, `${String(name)} is not faked`));
    },
  });

  private create(input: CreateParticipantConnectionInput): Promise<CreateParticipantConnectionOutput> {
    this.calls.push(input);
    const answer = this.script.shift();
    if (answer === 'hang') return new Promise(() => undefined);
    if (answer instanceof ChatError) return Promise.reject(answer);
    if (answer) return Promise.resolve(answer);
    this.issued += 1;
    return Promise.resolve({
      Websocket: { Url: `wss://fake.test/socket?token=url-secret-${this.issued}` },
      ConnectionCredentials: {
        ConnectionToken: `connection-token-${this.issued}`,
        Expiry: new Date(this.now() + this.tokenLifetimeMs).toISOString(),
      },
    });
  }
}

/** One socket of the {@link FakeSockets} factory. */
export class FakeSocket implements ChatSocket {
  readonly sent: OutgoingFrame[] = [];
  state: ChatSocketState = 'connecting';
  closedWith: { code: number; reason: string } | undefined;

  constructor(
    readonly url: string,
    private readonly listener: ChatSocketListener,
  ) {}

  send(frame: OutgoingFrame): boolean {
    if (this.state !== 'open') return false;
    this.sent.push(frame);
    return true;
  }

  close(code = 1000, reason = ''): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.closedWith = { code, reason };
    this.listener({ type: 'socket.closed', code, reason, wasClean: true });
  }

  /** The server side: accept the upgrade. */
  open(): void {
    this.state = 'open';
    this.listener({ type: 'socket.opened' });
  }

  /** The server side: drop the connection. */
  drop(code = 1006): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.listener({ type: 'socket.closed', code, reason: '', wasClean: false });
  }

  receive(frame: IncomingFrame): void {
    this.listener({ type: 'socket.frameReceived', frame });
  }

  topics(): string[] {
    return this.sent.map((frame) => frame.topic);
  }
}

/** A chat-socket factory whose sockets the test drives. */
export class FakeSockets implements ChatSocketFactory {
  readonly opened: FakeSocket[] = [];

  open(url: string, listener: ChatSocketListener): ChatSocket {
    const socket = new FakeSocket(url, listener);
    this.opened.push(socket);
    return socket;
  }

  get last(): FakeSocket {
    const socket = this.opened.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }

  openSockets(): FakeSocket[] {
    return this.opened.filter((socket) => socket.state !== 'closed');
  }
}

/** Lets promise callbacks (the fake API's answers, XState's actor plumbing) run. Does not wait on time. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
}

/**
 * A managed socket (the StreamsJS manager's slot) the test drives by hand. Like the real manager, it replays its
 * state to a new listener at once: `managed.connectionGained` when connected, `managed.initFailed` when failed.
 */
export class FakeManagedSocket implements ManagedSocket {
  readonly subscriptions: string[][] = [];
  state: 'idle' | 'connected' | 'disconnected' | 'failed' = 'idle';
  private failure = '';
  private readonly listeners = new Set<ManagedSocketListener>();
  /** How many times `listen` was called. */
  listens = 0;

  subscribe(topics: string[]): void {
    this.subscriptions.push([...topics]);
  }

  listen(listener: ManagedSocketListener): () => void {
    this.listens += 1;
    this.listeners.add(listener);
    if (this.state === 'connected') listener({ type: 'managed.connectionGained' });
    if (this.state === 'failed') listener({ type: 'managed.initFailed', reason: this.failure });
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  gain(): void {
    this.state = 'connected';
    this.emit({ type: 'managed.connectionGained' });
  }

  lose(code = 1006): void {
    this.state = 'disconnected';
    this.emit({ type: 'managed.connectionLost', code, reason: '' });
  }

  failInit(reason: string): void {
    this.state = 'failed';
    this.failure = reason;
    this.emit({ type: 'managed.initFailed', reason });
  }

  receive(frame: IncomingFrame): void {
    this.emit({ type: 'managed.frameReceived', frame });
  }

  emit(event: ManagedSocketEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
