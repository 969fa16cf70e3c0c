// Connections on fake slots and a simulated clock (own sockets, or a managed socket for agents), plus a record of
// everything they reported.
import { SimulatedClock } from 'xstate';
import { ChatError, ChatErrorCode } from '../errors';
import type { ConnectionPlatform, PlatformSignal, PlatformSignalListener } from '../platform/platform.types';
import type { Item } from '../protocol/item.types';
import type { ChatSocketFactory } from '../socket/chat-socket.types';
import type { StatusChange } from './connection.connect';
import type { ConnectionSettings, ProvidedConnectionToken } from './connection.types';
import { type Connection, type ConnectionRuntimeOptions, createConnection } from './create-connection';
import { FakeManagedSocket, FakeParticipantApi, FakeSockets, flush } from './fakes.test-support';
import { reconnectDelay } from './reconnect-delay';

export const startTime = Date.parse('2025-01-01T00:00:00.000Z');

/** A platform whose signals the test sends. */
export class FakePlatform implements ConnectionPlatform {
  online = true;
  visible = true;
  private listener: PlatformSignalListener | undefined;

  subscribe(listener: PlatformSignalListener): () => void {
    this.listener = listener;
    return () => {
      this.listener = undefined;
    };
  }

  isOnline = (): boolean => this.online;
  isVisible = (): boolean => this.visible;

  signal(signal: PlatformSignal): void {
    if (signal === 'network.online') this.online = true;
    if (signal === 'network.offline') this.online = false;
    if (signal === 'page.visible' || signal === 'page.resumed') this.visible = true;
    if (signal === 'page.hidden' || signal === 'page.frozen') this.visible = false;
    this.listener?.(signal);
  }
}

/** Options a test may override: any setting, the runtime options, and the socket slot. */
export type HarnessOptions = Partial<Omit<ConnectionSettings, 'now'>> &
  ConnectionRuntimeOptions & { sockets?: ChatSocketFactory | undefined };

export function harness(options: HarnessOptions = {}) {
  const clock = new SimulatedClock();
  clock.set(startTime);
  const service = new FakeParticipantApi(() => clock.now());
  const sockets = new FakeSockets();
  const platform = new FakePlatform();
  const connection = createConnection({
    participantApi: service.api,
    credentials: { participantToken: 'participant-secret' },
    platform,
    clock,
    reconnectDelay: (attempt) => reconnectDelay(attempt, () => 0.5),
    ...options,
    sockets: options.sockets ?? sockets,
  });
  const record = recordEvents(connection);

  const advance = async (ms: number): Promise<void> => {
    clock.increment(ms);
    await flush();
  };

  /** Accepts the last socket and answers its subscribe. */
  const acceptLast = async (): Promise<void> => {
    await flush();
    sockets.last.open();
    sockets.last.receive({ kind: 'subscribeResult', status: 'success', topics: ['aws/chat'] });
    await flush();
  };

  /** Answers the heartbeat pair on the newest open socket. */
  const answerBeat = (statusCode: unknown = 200): void => {
    const socket = sockets.openSockets().at(-1)!;
    socket.receive({ kind: 'ping', statusCode, statusContent: statusCode === 200 ? 'OK' : 'Down' });
    socket.receive({ kind: 'heartbeat' });
  };

  const establish = async (): Promise<void> => {
    const connected = connection.connect();
    await acceptLast();
    await connected;
  };

  return {
    clock,
    service,
    sockets,
    platform,
    connection,
    record,
    advance,
    acceptLast,
    answerBeat,
    establish,
  };
}

/** Everything a connection reported, as it happened. */
export function recordEvents(connection: Connection) {
  const record = {
    statuses: [] as StatusChange[],
    established: 0,
    lost: [] as string[],
    items: [] as Item[],
    deep: [] as boolean[],
    tokenRefreshed: 0,
  };
  connection.on('status', (change) => record.statuses.push(change));
  connection.on('established', () => (record.established += 1));
  connection.on('lost', ({ reason }) => record.lost.push(reason.code));
  connection.on('item', (item) => record.items.push(item));
  connection.on('deepHeartbeat', (outcome) => record.deep.push(outcome.ok));
  connection.on('tokenRefreshed', () => (record.tokenRefreshed += 1));
  return record;
}

/** A logger that keeps every entry. */
export function recordingLogger() {
  const entries: { level: string; message: string; details: Record<string, unknown> | undefined }[] = [];
  const at =
    (level: string) =>
    (message: string, details?: Record<string, unknown>): void => {
      entries.push({ level, message, details });
    };
  return { entries, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

/** Managed-mode options a test may override. */
export type ManagedHarnessOptions = Partial<Omit<ConnectionSettings, 'now'>> & ConnectionRuntimeOptions;

/**
 * An agent's connection on a fake managed socket: the token comes from `provider` (scripted by the test: a token,
 * `undefined`, or an error), the fallback and the acknowledgement go to the fake participant API.
 */
export function managedHarness(options: ManagedHarnessOptions = {}) {
  const clock = new SimulatedClock();
  clock.set(startTime);
  const service = new FakeParticipantApi(() => clock.now());
  const managedSocket = new FakeManagedSocket();
  const provider = {
    calls: 0,
    script: [] as (ProvidedConnectionToken | Error | undefined)[],
    next: (): ProvidedConnectionToken | Error | undefined => ({
      connectionToken: `agent-token-${provider.calls}`,
      expiresAt: new Date(clock.now() + 24 * 3_600_000).toISOString(),
    }),
  };
  const getConnectionToken = async (): Promise<ProvidedConnectionToken | undefined> => {
    provider.calls += 1;
    const answer = provider.script.length > 0 ? provider.script.shift() : provider.next();
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const log = recordingLogger();
  const connection = createConnection({
    participantApi: service.api,
    credentials: { participantToken: 'participant-secret', getConnectionToken },
    clock,
    logger: log.logger,
    reconnectDelay: (attempt) => reconnectDelay(attempt, () => 0.5),
    ...options,
    managedSocket,
  });
  const record = recordEvents(connection);
  const advance = async (ms: number): Promise<void> => {
    clock.increment(ms);
    await flush();
  };
  return { clock, service, managedSocket, provider, log, connection, record, advance };
}

export const chatItem = (id: string, contentType = 'text/plain'): Item => ({
  Id: id,
  Type: 'MESSAGE',
  ContentType: contentType,
  Content: `content of ${id}`,
});

export const serviceError = (code: ChatErrorCode, status: number): ChatError =>
  new ChatError(code, `unable to create participant connection; status ${status}`, {
    status,
    operation: 'CreateParticipantConnection',
  });

export { ChatErrorCode };
