// Model-based tests: walk every reachable state of the connection machine with xstate/graph, check the per-state
// invariants on the pure snapshots, then replay each path on a live actor (fake actors provided through the same
// slots, simulated clock) and check what the fakes saw: sockets, subscriptions and the heartbeat child.
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
import type {
  ConnectionDetails,
  ConnectionEvent,
  ConnectionInput,
  SocketLinkCommand,
} from './connection.types';
import { FakeParticipantApi, FakeSockets } from './fakes.test-support';
import { type AnyEvent, canHappen, delayedEventTypes, leafIds, stateIds } from './graph.test-support';
import { Secret } from './secret';
import type { SocketLinkInput } from './socket-link';

type Snapshot = SnapshotFrom<typeof connectionMachine>;

const input: ConnectionInput = {
  participantApi: new FakeParticipantApi(() => 0).api,
  sockets: new FakeSockets(),
  credentials: { participantToken: 'participant-secret' },
  reconnectDelay: () => 100,
  now: () => 0,
};

const details: ConnectionDetails = {
  connectionToken: new Secret('connection-token'),
  connectionTokenExpiresAt: 86_400_000,
  socketUrl: new Secret('wss://fake.test/?secret'),
  acknowledged: false,
};

const failures = {
  accessDenied: new ChatError(ChatErrorCode.accessDenied, 'denied', { status: 403 }),
  transient: new ChatError(ChatErrorCode.serviceUnavailable, 'unavailable', { status: 503 }),
  fatal: new ChatError(ChatErrorCode.validation, 'invalid', { status: 400 }),
};

const actorEvents = (id: string): AnyEvent[] => [
  { type: `xstate.done.actor.${id}`, output: details },
  ...Object.values(failures).map((error) => ({ type: `xstate.error.actor.${id}`, error })),
];

const events: AnyEvent[] = [
  { type: 'session.connect' },
  { type: 'session.disconnect' },
  { type: 'session.tokenRejected' },
  { type: 'socket.opened' },
  { type: 'socket.closed', code: 1006, reason: '' },
  { type: 'socket.subscribed' },
  { type: 'socket.subscribeFailed' },
  { type: 'socket.heartbeatAnswered' },
  { type: 'socket.pingAnswered', statusCode: 200, statusContent: 'OK' },
  { type: 'socket.itemReceived', item: { Id: 'm1', Type: 'MESSAGE', ContentType: 'text/plain' } },
  { type: 'socket.itemReceived', item: { Id: 'e1', Type: 'EVENT', ContentType: EventContentType.chatEnded } },
  { type: 'socket.unavailable', error: new ChatError(ChatErrorCode.unsupported, 'no WebSocket') },
  { type: 'standby.opened' },
  { type: 'standby.closed', code: 1006, reason: '' },
  { type: 'standby.subscribed' },
  { type: 'standby.subscribeFailed' },
  { type: 'heartbeat.timedOut' },
  { type: 'heartbeat.deepFailed', failure: { reason: 'noAnswer' } },
  { type: 'network.offline' },
  { type: 'network.online' },
  { type: 'page.hidden' },
  { type: 'page.visible' },
  { type: 'page.frozen' },
  { type: 'page.resumed' },
  ...actorEvents('fetchSocket'),
  ...actorEvents('refreshToken'),
  ...actorEvents('fetchStandby'),
  ...delayedEventTypes(connectionMachine.root).map((type) => ({ type })),
];

// Counters (attempts, reconnects) grow without bound; the state space is the value plus the flags guards read.
const serializeState = (snapshot: Snapshot): string =>
  JSON.stringify({
    value: snapshot.value,
    everConnected: snapshot.context.everConnected,
    online: snapshot.context.online,
    visible: snapshot.context.visible,
    subscribeAttempts: snapshot.context.subscribeAttempts,
  });

const traversal = {
  input,
  events: events as ConnectionEvent[],
  filterEvents: canHappen,
  serializeState,
  stopWhen: (snapshot: Snapshot) => snapshot.status === 'done',
};
const paths = getShortestPaths(connectionMachine, traversal);

function checkSnapshotInvariants(snapshot: Snapshot): void {
  const status = statusOf(snapshot);
  const children = snapshot.children as Record<string, unknown>;
  expect(snapshot.hasTag('canSend')).toBe(status === 'connected');
  if (snapshot.matches({ active: 'connected' })) {
    expect(children.heartbeat).toBeDefined();
    expect(snapshot.context.everConnected).toBe(true);
    expect(snapshot.context.connectedAt).toBeDefined();
  } else {
    expect(children.heartbeat).toBeUndefined();
  }
  if (snapshot.matches('active')) expect(children.socket).toBeDefined();
  else expect(children.socket).toBeUndefined();
  if (snapshot.matches({ active: { reconnecting: 'waiting' } })) {
    expect(snapshot.context.retryIn).toBeTypeOf('number');
  }
  if (snapshot.matches({ active: { reconnecting: 'paused' } })) {
    expect(snapshot.context.online && snapshot.context.visible).toBe(false);
    expect(snapshot.context.retryIn).toBeUndefined();
  }
  if (snapshot.matches('ended')) {
    expect(snapshot.status).toBe('done');
    expect(snapshot.context.reason).toBeDefined();
  }
  if (snapshot.matches('failed')) {
    expect(snapshot.context.reason?.code).toBe('nonRetryable');
  }
}

describe('connection machine graph', () => {
  it('CONN-90 reaches every state of the machine', () => {
    // The managed-mode states are walked by connection.managed.graph.test.ts.
    const reached = new Set(paths.flatMap((path) => stateIds(path.state)));
    const ownSocketLeaves = leafIds(connectionMachine.root).filter(
      (id) => !id.startsWith('connection.managed.'),
    );
    expect([...reached].sort()).toEqual(ownSocketLeaves.sort());
  });

  it('CONN-91 holds the per-state invariants on every step of every path', () => {
    for (const path of paths) for (const step of path.steps) checkSnapshotInvariants(step.state);
  });

  it('CONN-93 holds the per-state invariants after every transition from every reachable state', () => {
    // getAdjacencyMap's types do not carry a machine's emitted events; the traversal is the same.
    const adjacency = getAdjacencyMap(connectionMachine as AnyStateMachine, traversal as never);
    let transitions = 0;
    for (const vertex of Object.values(adjacency)) {
      for (const edge of Object.values(vertex.transitions) as { state: unknown }[]) {
        checkSnapshotInvariants(edge.state as Snapshot);
        transitions += 1;
      }
    }
    expect(transitions).toBeGreaterThan(200);
  });

  it('CONN-92 replays every path on a live actor: sockets, subscriptions and heartbeat match the state', () => {
    for (const path of paths) {
      const link = { running: false, commands: [] as SocketLinkCommand[] };
      const machine = connectionMachine.provide({
        actors: {
          fetchConnectionDetails: fromPromise(() => new Promise<ConnectionDetails>(() => undefined)),
          socketLink: fromCallback<SocketLinkCommand, SocketLinkInput>(({ receive }) => {
            link.running = true;
            link.commands = [];
            receive((command) => link.commands.push(command));
            return () => {
              link.running = false;
            };
          }),
        },
      });
      const actor = createActor(machine, { input, clock: new SimulatedClock() }).start();
      for (const step of path.steps) {
        actor.send(step.event);
        const snapshot = actor.getSnapshot();
        expect(serializeState(snapshot), `after ${step.event.type}`).toBe(serializeState(step.state));
        checkLiveInvariants(snapshot, link);
      }
      actor.stop();
      expect(link.running).toBe(false);
    }
  });
});

function checkLiveInvariants(
  snapshot: Snapshot,
  link: { running: boolean; commands: SocketLinkCommand[] },
): void {
  const inactive = snapshot.matches('idle') || snapshot.matches('ended') || snapshot.matches('failed');
  expect(link.running).toBe(!inactive);
  if (!snapshot.matches({ active: 'connected' })) return;
  const lastIndex = (matches: (command: SocketLinkCommand) => boolean): number =>
    link.commands.reduce((found, command, index) => (matches(command) ? index : found), -1);
  const lastOpen = lastIndex((command) => command.type === 'link.open' && command.role === 'primary');
  const lastClose = lastIndex((command) => command.type === 'link.closeAll');
  const subscribed = link.commands.findIndex(
    (command, index) =>
      index > lastOpen && command.type === 'link.send' && command.frame.topic === 'aws/subscribe',
  );
  expect(lastOpen).toBeGreaterThan(lastClose);
  expect(subscribed).toBeGreaterThan(lastOpen);
  const heartbeat = (snapshot.children as Record<string, { getSnapshot(): { status: string } } | undefined>)
    .heartbeat;
  expect(heartbeat?.getSnapshot().status).toBe('active');
}
