// Model-based tests of managed mode (agent desktops): walk every reachable state of the connection machine when it
// runs on a managed socket, check the per-state invariants, then replay each path on a live actor and check that
// no own socket or heartbeat ever ran and that the managed link ran exactly while the connection was managed.
import { describe, expect, it } from 'vitest';
import {
  type AnyStateMachine,
  createActor,
  fromCallback,
  fromPromise,
  SimulatedClock,
  type SnapshotFrom,
} from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import { ChatError, ChatErrorCode } from '../errors';
import { EventContentType } from '../protocol/content-types';
import { statusOf } from './connection.connect';
import { connectionMachine } from './connection.machine';
import type { ConnectionDetails, ConnectionEvent, ConnectionInput } from './connection.types';
import { FakeManagedSocket, FakeParticipantApi } from './fakes.test-support';
import { type AnyEvent, canHappen, delayedEventTypes, leafIds, stateIds } from './graph.test-support';
import { Secret } from './secret';

type Snapshot = SnapshotFrom<typeof connectionMachine>;

const input: ConnectionInput = {
  participantApi: new FakeParticipantApi(() => 0).api,
  managedSocket: new FakeManagedSocket(),
  credentials: {
    participantToken: 'participant-secret',
    getConnectionToken: async () => ({ connectionToken: 'agent-token' }),
  },
  reconnectDelay: () => 100,
  now: () => 0,
};

const tokenDetails = (acknowledged: boolean): ConnectionDetails => ({
  connectionToken: new Secret('connection-token'),
  connectionTokenExpiresAt: 86_400_000,
  socketUrl: undefined,
  acknowledged,
});

const failures = [
  new ChatError(ChatErrorCode.accessDenied, 'denied', { status: 403 }),
  new ChatError(ChatErrorCode.serviceUnavailable, 'unavailable', { status: 503 }),
  new ChatError(ChatErrorCode.validation, 'invalid', { status: 400 }),
];

const actorEvents = (id: string, outputs: unknown[]): AnyEvent[] => [
  ...outputs.map((output) => ({ type: `xstate.done.actor.${id}`, output })),
  ...failures.map((error) => ({ type: `xstate.error.actor.${id}`, error })),
];

const events: AnyEvent[] = [
  { type: 'session.connect' },
  { type: 'session.disconnect' },
  { type: 'session.tokenRejected' },
  { type: 'managed.connectionGained' },
  { type: 'managed.connectionLost', code: 1006 },
  { type: 'managed.initFailed', reason: 'invalid transport' },
  { type: 'managed.itemReceived', item: { Id: 'm1', Type: 'MESSAGE', ContentType: 'text/plain' } },
  {
    type: 'managed.itemReceived',
    item: { Id: 'e1', Type: 'EVENT', ContentType: EventContentType.chatEnded },
  },
  { type: 'managed.deepHeartbeatSucceeded' },
  { type: 'managed.deepHeartbeatFailed', failure: { reason: 'noAnswer' } },
  // Own-socket facts must change nothing in managed mode.
  { type: 'socket.opened' },
  { type: 'socket.closed', code: 1006, reason: '' },
  { type: 'heartbeat.timedOut' },
  ...actorEvents('fetchToken', [tokenDetails(false), tokenDetails(true)]),
  ...actorEvents('refreshToken', [tokenDetails(false)]),
  ...actorEvents('acknowledge', [undefined]),
  ...delayedEventTypes(connectionMachine.root).map((type) => ({ type })),
];

const serializeState = (snapshot: Snapshot): string =>
  JSON.stringify({
    value: snapshot.value,
    everConnected: snapshot.context.everConnected,
    managerConnected: snapshot.context.managerConnected,
    acknowledged: snapshot.context.acknowledged,
  });

const traversal = {
  input,
  events: events as ConnectionEvent[],
  filterEvents: canHappen,
  serializeState,
  stopWhen: (snapshot: Snapshot) => snapshot.status === 'done',
};
const paths = getShortestPaths(connectionMachine, traversal);

function checkManagedInvariants(snapshot: Snapshot): void {
  const status = statusOf(snapshot);
  const children = snapshot.children as Record<string, unknown>;
  const { context } = snapshot;
  expect(snapshot.matches('active')).toBe(false);
  expect(children.socket).toBeUndefined();
  expect(children.heartbeat).toBeUndefined();
  expect(children.managedSocket !== undefined).toBe(snapshot.matches('managed'));
  expect(snapshot.hasTag('canSend')).toBe(status === 'connected');
  const link = (state: 'connected' | 'reconnecting' | 'waiting') =>
    snapshot.matches({ managed: { linked: { link: state } } });
  expect(link('connected')).toBe(status === 'connected');
  if (link('connected')) {
    expect(context.managerConnected).toBe(true);
    expect(context.everConnected).toBe(true);
    expect(context.connectionToken).toBeDefined();
  }
  if (link('reconnecting')) {
    expect(status).toBe('reconnecting');
    expect(context.retryIn).toBeUndefined();
    expect(context.reason?.code).toBe('socketClosed');
  }
  if (link('waiting')) expect(status).toBe('connecting');
  if (snapshot.matches({ managed: 'backingOff' })) expect(context.retryIn).toBeTypeOf('number');
  if (snapshot.matches({ managed: { linked: { acknowledgement: 'acknowledging' } } })) {
    expect(context.acknowledged).toBe(false);
  }
  if (snapshot.matches('failed')) expect(context.reason?.code).toBe('nonRetryable');
  if (snapshot.matches('ended')) expect(context.reason).toBeDefined();
}

describe('connection machine graph, managed mode', () => {
  it('MGD-90 reaches every managed state, and never an own-socket one', () => {
    const reached = new Set(paths.flatMap((path) => stateIds(path.state)));
    const managedLeaves = leafIds(connectionMachine.root).filter((id) =>
      id.startsWith('connection.managed.'),
    );
    expect(managedLeaves.length).toBeGreaterThan(8);
    for (const id of managedLeaves) expect(reached, id).toContain(id);
    expect([...reached].filter((id) => id.startsWith('connection.active.'))).toEqual([]);
    expect(reached).toContain('connection.failed');
    expect(reached).toContain('connection.ended');
  });

  it('MGD-91 holds the invariants after every transition from every reachable state', () => {
    const adjacency = getAdjacencyMap(connectionMachine as AnyStateMachine, traversal as never);
    let transitions = 0;
    for (const vertex of Object.values(adjacency)) {
      for (const edge of Object.values(vertex.transitions) as { state: unknown }[]) {
        checkManagedInvariants(edge.state as Snapshot);
        transitions += 1;
      }
    }
    expect(transitions).toBeGreaterThan(100);
  });

  it('MGD-92 replays every path live: no own socket or heartbeat ever, the managed link only while managed', () => {
    for (const path of paths) {
      const started = { socketLink: 0, heartbeat: 0 };
      const managed = { running: false, starts: 0 };
      const machine = connectionMachine.provide({
        actors: {
          fetchConnectionDetails: fromPromise(() => new Promise<ConnectionDetails>(() => undefined)),
          acknowledgeConnection: fromPromise(() => new Promise<void>(() => undefined)),
          socketLink: fromCallback(() => {
            started.socketLink += 1;
          }),
          heartbeat: fromCallback(() => {
            started.heartbeat += 1;
          }) as never,
          managedSocketLink: fromCallback(() => {
            managed.running = true;
            managed.starts += 1;
            return () => {
              managed.running = false;
            };
          }),
        },
      });
      const actor = createActor(machine, { input, clock: new SimulatedClock() }).start();
      for (const step of path.steps) {
        actor.send(step.event);
        const snapshot = actor.getSnapshot();
        expect(serializeState(snapshot), `after ${step.event.type}`).toBe(serializeState(step.state));
        checkManagedInvariants(snapshot);
        expect(managed.running).toBe(snapshot.matches('managed'));
      }
      actor.stop();
      expect(started).toEqual({ socketLink: 0, heartbeat: 0 });
      expect(managed.running).toBe(false);
    }
  });
});
