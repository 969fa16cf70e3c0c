// Runs core's connection machine over the real fetch adapter, real `ws` sockets and the real emulator. Time is one
// manual clock shared by the client (its `clock` option) and the emulator (its `clock` option), so nothing
// sleeps: tests step the clock explicitly and wait for real I/O through events.
import {
  type Connection,
  type ConnectionPlatform,
  type ConnectionRuntimeOptions,
  type ConnectionSettings,
  type ConnectionStatus,
  createConnection,
  type ParticipantApi,
  type PlatformSignal,
  type PlatformSignalListener,
  reconnectDelay,
} from '@connect-chat/core';
import { vi } from 'vitest';
import { WebSocket } from 'ws';
import { createFetchParticipantApi, createWebSocketFactory } from '../../src';
import { type CreatedContact, type Emulator, type EmulatorLifetimes, startEmulator } from '../../src/testing';
import { type Recorded, recordConnection, untilStatus as untilConnectionStatus } from './connection-record';
import { ManualClock } from './manual-clock';

/** A platform whose signals the test sends. */
export class TestPlatform implements ConnectionPlatform {
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
    if (signal === 'network.online' || signal === 'network.offline')
      this.online = signal === 'network.online';
    if (signal.startsWith('page.')) this.visible = signal === 'page.visible' || signal === 'page.resumed';
    this.listener?.(signal);
  }
}

export interface ConnectionFixture extends AsyncDisposable {
  emulator: Emulator;
  contact: CreatedContact;
  clock: ManualClock;
  platform: TestPlatform;
  connection: Connection;
  record: Recorded;
  /** CreateParticipantConnection calls the client made. */
  connectionCalls(): number;
  /** Moves both clocks forward. */
  advance(ms: number): void;
  /** Moves time forward while connected, letting every heartbeat be answered over the real socket. */
  advanceConnected(ms: number): Promise<void>;
  /** Resolves once the status is `status`. */
  untilStatus(status: ConnectionStatus): Promise<void>;
  /** Waits for the scheduled retry and fires it. */
  fireRetry(): Promise<void>;
}

export async function connectionFixture(
  options: {
    lifetimes?: Partial<EmulatorLifetimes>;
    connection?: Partial<Omit<ConnectionSettings, 'now'>> & ConnectionRuntimeOptions;
  } = {},
): Promise<ConnectionFixture> {
  const clock = new ManualClock();
  clock.set(Date.parse('2030-01-01T00:00:00.000Z'));
  const parked: Array<() => void> = [];
  const emulator = await startEmulator({
    clock: { now: () => clock.now() },
    // The emulator's own timers (sweeps, close grace) are parked; tests drive expiry through the shared clock.
    scheduler: { setTimeout: (callback) => parked.push(callback), clearTimeout: () => undefined },
    ...(options.lifetimes ? { lifetimes: options.lifetimes } : {}),
  });
  const contact = emulator.createContact({ DisplayName: 'Casey' });
  const fetchApi = createFetchParticipantApi({ endpoint: emulator.endpoint, maxAttempts: 1 });
  let calls = 0;
  const participantApi: ParticipantApi = {
    ...fetchApi,
    createParticipantConnection(input, callOptions) {
      calls += 1;
      return fetchApi.createParticipantConnection(input, callOptions);
    },
  };
  const platform = new TestPlatform();
  const connection = createConnection({
    participantApi,
    sockets: createWebSocketFactory({ WebSocket }),
    credentials: { participantToken: contact.ParticipantToken },
    platform,
    clock,
    reconnectDelay: (attempt) => reconnectDelay(attempt, () => 0.5),
    ...options.connection,
  });
  const record = recordConnection(connection);
  const untilStatus = (status: ConnectionStatus): Promise<void> => untilConnectionStatus(connection, status);

  const advance = (ms: number): void => clock.increment(ms);
  const heartbeatInterval = options.connection?.delays?.heartbeatInterval ?? 10_000;

  return {
    emulator,
    contact,
    clock,
    platform,
    connection,
    record,
    connectionCalls: () => calls,
    advance,
    untilStatus,
    async advanceConnected(ms) {
      // Heartbeats go out when the connection is established and every interval after; before each step, wait
      // until the latest one has been answered over the real socket, so no tick finds a reply still in flight.
      const answered = () =>
        vi.waitFor(() => {
          const { connectedAt, lastHeartbeatAt } = connection.diagnostics();
          if (connectedAt === undefined) throw new Error('not connected');
          const lastBeat =
            connectedAt + Math.floor((clock.now() - connectedAt) / heartbeatInterval) * heartbeatInterval;
          if ((lastHeartbeatAt ?? -1) < lastBeat) throw new Error('heartbeat not answered yet');
        });
      const step = 5_000;
      for (let done = 0; done < ms; done += step) {
        await answered();
        advance(Math.min(step, ms - done));
      }
      await answered();
    },
    async fireRetry() {
      await vi.waitFor(() => {
        if (connection.getSnapshot().retryIn === undefined)
          throw new Error(`no retry scheduled yet (${connection.diagnostics().state})`);
      });
      advance(connection.getSnapshot().retryIn ?? 0);
    },
    async [Symbol.asyncDispose]() {
      connection.disconnect();
      await emulator.close();
    },
  };
}
