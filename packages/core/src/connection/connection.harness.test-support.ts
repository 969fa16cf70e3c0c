// A connection on fake slots and a simulated clock, plus a record of everything it reported.
import { SimulatedClock } from 'xstate';
import { ChatError, ChatErrorCode } from '../errors';
import type { ConnectionPlatform, PlatformSignal, PlatformSignalListener } from '../platform/platform.types';
import type { Item } from '../protocol/item.types';
import { type ConnectionOptions, createConnection, type StatusChange } from './create-connection';
import { FakeParticipantApi, FakeSockets, flush } from './fakes.test-support';
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

export function harness(options: Partial<ConnectionOptions> = {}) {
  const clock = new SimulatedClock();
  clock.set(startTime);
  const service = new FakeParticipantApi(() => clock.now());
  const sockets = new FakeSockets();
  const platform = new FakePlatform();
  const connection = createConnection({
    participantApi: service.api,
    sockets,
    credentials: { participantToken: 'participant-secret' },
    platform,
    clock,
    reconnectDelay: (attempt) => reconnectDelay(attempt, () => 0.5),
    ...options,
  });
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
