// Agent-desktop connections against the emulator: core's connection in managed mode over the StreamsJS manager
// double, which is backed by the emulator (its transport handle is built from the agent's own
// CreateParticipantConnection, as StreamsJS's media info would give it). One manual clock drives the connections
// and the emulator; the emulator's own timers are parked, so nothing waits on real time.
import {
  type Connection,
  type ConnectionTokenProvider,
  createConnection,
  type ParticipantApi,
} from '@connect-chat/core';
import { createFetchParticipantApi, createStreamsManagedSocket } from '../../src';
import {
  type AddedParticipant,
  type CreatedContact,
  createStreamsWebSocketManagerDouble,
  type Emulator,
  type StreamsWebSocketManagerDouble,
  startEmulator,
} from '../../src/testing';
import { recordConnection } from './connection-record';
import { ManualClock } from './manual-clock';

/** One agent: its participant, its StreamsJS manager double, its connection, and what the connection reported. */
export interface AgentDesktop {
  participant: AddedParticipant;
  manager: StreamsWebSocketManagerDouble;
  connection: Connection;
  record: ReturnType<typeof recordConnection>;
  /** Calls of the agent's `getConnectionToken`. */
  tokenRequests(): number;
}

export interface AgentFixture extends AsyncDisposable {
  emulator: Emulator;
  contact: CreatedContact;
  clock: ManualClock;
  /** CreateParticipantConnection calls made by the connections (not by the managers' transport handles). */
  connectionCalls(): number;
  /**
   * Adds an agent to the contact and creates its connection on a manager double. `initialised` (the default)
   * backs the manager with the emulator; otherwise the manager stays controlled (`gainConnection`, ...).
   */
  addAgent(
    name: string,
    options?: { initialised?: boolean; getConnectionToken?: ConnectionTokenProvider },
  ): AgentDesktop;
}

export async function agentFixture(): Promise<AgentFixture> {
  const clock = new ManualClock();
  clock.set(Date.parse('2030-01-01T00:00:00.000Z'));
  const emulator = await startEmulator({
    clock: { now: () => clock.now() },
    scheduler: { setTimeout: () => undefined, clearTimeout: () => undefined },
  });
  const contact = emulator.createContact({ DisplayName: 'Casey' });
  // What StreamsJS does on the agent's behalf (media info, transports): its own client, not counted.
  const desktopApi = createFetchParticipantApi({ endpoint: emulator.endpoint, maxAttempts: 1 });
  const fetchApi = createFetchParticipantApi({ endpoint: emulator.endpoint, maxAttempts: 1 });
  let calls = 0;
  const participantApi: ParticipantApi = {
    ...fetchApi,
    createParticipantConnection(input, callOptions) {
      calls += 1;
      return fetchApi.createParticipantConnection(input, callOptions);
    },
  };
  const desktops: AgentDesktop[] = [];

  const addAgent: AgentFixture['addAgent'] = (name, options = {}) => {
    const participant = emulator.addParticipant(contact.ContactId, { Role: 'AGENT', DisplayName: name });
    const manager = createStreamsWebSocketManagerDouble({ now: () => clock.now() });
    if (options.initialised ?? true) {
      manager.init(async () => {
        const output = await desktopApi.createParticipantConnection({
          ParticipantToken: participant.ParticipantToken,
          Type: ['WEBSOCKET'],
        });
        return { webSocketTransport: { url: output.Websocket?.Url ?? '', transportLifeTimeInSeconds: 3540 } };
      });
    }
    let tokenRequests = 0;
    const mediaInfoToken: ConnectionTokenProvider = async () => {
      const output = await desktopApi.createParticipantConnection({
        ParticipantToken: participant.ParticipantToken,
        Type: ['CONNECTION_CREDENTIALS'],
      });
      const credentials = output.ConnectionCredentials;
      return credentials?.ConnectionToken
        ? { connectionToken: credentials.ConnectionToken, expiresAt: credentials.Expiry }
        : undefined;
    };
    const getConnectionToken = options.getConnectionToken ?? mediaInfoToken;
    const connection = createConnection({
      participantApi,
      managedSocket: createStreamsManagedSocket(manager),
      credentials: {
        participantToken: participant.ParticipantToken,
        getConnectionToken: () => {
          tokenRequests += 1;
          return getConnectionToken();
        },
      },
      clock,
    });
    const desktop: AgentDesktop = {
      participant,
      manager,
      connection,
      record: recordConnection(connection),
      tokenRequests: () => tokenRequests,
    };
    desktops.push(desktop);
    return desktop;
  };

  return {
    emulator,
    contact,
    clock,
    connectionCalls: () => calls,
    addAgent,
    async [Symbol.asyncDispose]() {
      for (const desktop of desktops) desktop.connection.disconnect();
      await Promise.all(desktops.map((desktop) => desktop.manager.close()));
      await emulator.close();
    },
  };
}
