/** The connection machine: see `connection.types.ts` for the states, events and reasons. */
import { connectionActions } from './connection.actions';
import { connectionSetup } from './connection.setup';
import {
  type ConnectionContext,
  type ConnectionDependencies,
  type ConnectionInput,
  defaultConnectionDelays,
} from './connection.types';
import { reconnectDelay } from './reconnect-delay';
import { Secret } from './secret';

const dependenciesOf = (input: ConnectionInput): ConnectionDependencies => {
  const deps: ConnectionDependencies = {
    participantApi: input.participantApi,
    sockets: input.sockets,
    credentials: {
      participantToken: input.credentials.participantToken
        ? new Secret(input.credentials.participantToken)
        : undefined,
      getConnectionToken: input.credentials.getConnectionToken,
    },
    platform: input.platform,
    reconnectDelay: input.reconnectDelay ?? ((attempt) => reconnectDelay(attempt)),
    now: input.now ?? (() => Date.now()),
  };
  // Inspectors and loggers serialise context; the collaborators hold nothing they should see.
  Object.defineProperty(deps, 'toJSON', { value: () => '[dependencies]', enumerable: false });
  return deps;
};

const initialContext = (input: ConnectionInput): ConnectionContext => ({
  deps: dependenciesOf(input),
  delays: { ...defaultConnectionDelays, ...input.delays },
  connectionToken: undefined,
  connectionTokenExpiresAt: undefined,
  socketUrl: undefined,
  acknowledged: false,
  attempt: 0,
  reconnects: 0,
  retryIn: undefined,
  reason: undefined,
  everConnected: false,
  subscribeAttempts: 0,
  online: true,
  visible: true,
  connectedAt: undefined,
  lastHeartbeatAt: undefined,
  overlap: 'off',
  overlapItemIds: [],
});

const fetchFor =
  (purpose: 'socket' | 'token') =>
  ({ context }: { context: ConnectionContext }) => ({
    participantApi: context.deps.participantApi,
    credentials: context.deps.credentials,
    purpose,
    now: context.deps.now,
  });

const toReconnecting = '#connection.active.reconnecting';
const endedByAccessDenied = {
  guard: 'isAccessDenied',
  target: '#connection.ended',
  actions: 'markAccessDenied',
} as const;

/** The lifecycle of one participant's real-time connection. */
export const connectionMachine = connectionSetup.extend({ actions: connectionActions }).createMachine({
  id: 'connection',
  context: ({ input }) => initialContext(input),
  invoke: {
    id: 'platform',
    src: 'platformSignals',
    input: ({ context }) => ({ platform: context.deps.platform }),
  },
  on: {
    'network.online': { actions: 'trackSignal' },
    'network.offline': { actions: 'trackSignal' },
    'page.visible': { actions: 'trackSignal' },
    'page.hidden': { actions: 'trackSignal' },
    'page.frozen': { actions: 'trackSignal' },
    'page.resumed': { actions: 'trackSignal' },
  },
  initial: 'idle',
  states: {
    idle: {
      on: { 'session.connect': { target: 'active', actions: 'beginSession' } },
    },
    active: {
      invoke: {
        id: 'socket',
        src: 'socketLink',
        input: ({ context }) => ({ sockets: context.deps.sockets }),
      },
      on: {
        'session.disconnect': {
          target: 'ended',
          actions: 'markClientDisconnected',
        },
        'socket.itemReceived': [
          { guard: 'isOverlapDuplicate' },
          { guard: 'isChatEnded', target: 'ended', actions: ['emitItem', 'markChatEnded'] },
          { actions: ['rememberItem', 'emitItem'] },
        ],
        'socket.unavailable': { target: 'failed', actions: 'recordUnavailable' },
      },
      initial: 'connecting',
      states: {
        connecting: {
          on: {
            'network.offline': { target: 'reconnecting.paused', actions: ['trackSignal', 'closeSockets'] },
            'socket.closed': {
              target: 'reconnecting',
              actions: 'markSocketClosed',
            },
          },
          initial: 'fetching',
          states: {
            fetching: {
              invoke: {
                id: 'fetchSocket',
                src: 'fetchConnectionDetails',
                input: fetchFor('socket'),
                onDone: { target: 'opening', actions: 'storeDetails' },
                onError: [
                  endedByAccessDenied,
                  { guard: 'isRetryable', target: toReconnecting, actions: 'markRequestFailed' },
                  { target: '#connection.failed', actions: 'markConnectFailed' },
                ],
              },
            },
            opening: {
              entry: 'openSocket',
              on: { 'socket.opened': 'subscribing' },
              after: {
                socketOpenTimeout: {
                  target: toReconnecting,
                  actions: 'markOpenTimedOut',
                },
              },
            },
            subscribing: {
              entry: 'resetSubscribeAttempts',
              on: { 'socket.subscribed': '#connection.active.connected' },
              initial: 'requesting',
              states: {
                requesting: {
                  entry: ['countSubscribeAttempt', 'sendSubscribe'],
                  on: { 'socket.subscribeFailed': 'pausing' },
                  after: {
                    subscribeTimeout: [
                      { guard: 'subscribeAttemptsLeft', target: 'requesting', reenter: true },
                      { target: toReconnecting, actions: 'markSubscribeUnanswered' },
                    ],
                  },
                },
                pausing: {
                  after: {
                    subscribeRetryDelay: [
                      { guard: 'subscribeAttemptsLeft', target: 'requesting' },
                      { target: toReconnecting, actions: 'markSubscribeFailing' },
                    ],
                  },
                },
              },
            },
          },
        },
        connected: {
          tags: ['canSend'],
          entry: ['recordConnected', 'emitEstablished'],
          exit: 'endOverlap',
          invoke: {
            id: 'heartbeat',
            src: 'heartbeat',
            input: ({ context }) => ({ intervalMs: context.delays.heartbeatInterval }),
          },
          on: {
            'heartbeat.beatDue': { actions: 'sendBeat' },
            'socket.heartbeatAnswered': { actions: ['recordHeartbeat', 'forwardHeartbeatAnswer'] },
            'socket.pingAnswered': { actions: 'forwardPingAnswer' },
            'heartbeat.deepSucceeded': { actions: 'emitDeepSucceeded' },
            'heartbeat.deepFailed': { actions: 'emitDeepFailed' },
            'heartbeat.timedOut': {
              target: 'reconnecting',
              actions: ['markHeartbeatTimedOut', 'emitLost'],
            },
            'socket.closed': {
              target: 'reconnecting',
              actions: ['markSocketClosed', 'emitLost'],
            },
            'page.visible': { actions: ['trackSignal', 'probeHeartbeat'] },
            'page.resumed': { actions: ['trackSignal', 'probeHeartbeat'] },
          },
          after: { stablePeriod: { actions: 'resetAttempts' } },
          type: 'parallel',
          states: {
            token: {
              initial: 'valid',
              states: {
                valid: { after: { tokenRefresh: 'refreshing' } },
                refreshing: {
                  invoke: {
                    id: 'refreshToken',
                    src: 'fetchConnectionDetails',
                    input: fetchFor('token'),
                    onDone: { target: 'valid', actions: ['storeDetails', 'emitTokenRefreshed'] },
                    onError: [endedByAccessDenied, { target: 'retrying' }],
                  },
                },
                retrying: { after: { tokenRefreshRetryDelay: 'refreshing' } },
              },
            },
            rotation: {
              initial: 'waiting',
              states: {
                waiting: { after: { socketLifetime: 'fetching' } },
                fetching: {
                  entry: 'endOverlap',
                  invoke: {
                    id: 'fetchStandby',
                    src: 'fetchConnectionDetails',
                    input: fetchFor('socket'),
                    onDone: { target: 'opening', actions: ['storeDetails', 'emitTokenRefreshed'] },
                    onError: [endedByAccessDenied, { target: 'backingOff' }],
                  },
                },
                opening: {
                  entry: 'openStandby',
                  on: { 'standby.opened': 'subscribing', 'standby.closed': 'backingOff' },
                  after: { socketOpenTimeout: 'backingOff' },
                },
                subscribing: {
                  entry: ['startOverlap', 'subscribeStandby'],
                  on: {
                    'standby.subscribed': { target: 'waiting', actions: 'promoteStandby' },
                    'standby.subscribeFailed': 'backingOff',
                    'standby.closed': 'backingOff',
                  },
                  after: { subscribeTimeout: 'backingOff' },
                },
                backingOff: {
                  entry: ['closeStandby', 'endOverlap'],
                  after: { rotationRetryDelay: 'fetching' },
                },
              },
            },
          },
        },
        reconnecting: {
          entry: 'closeSockets',
          exit: 'clearRetry',
          initial: 'deciding',
          states: {
            deciding: {
              always: [{ guard: 'mustWait', target: 'paused' }, { target: 'waiting' }],
            },
            waiting: {
              entry: 'scheduleRetry',
              after: { retryDelay: '#connection.active.connecting' },
              on: {
                'network.offline': { target: 'paused', actions: 'trackSignal' },
                'page.hidden': { target: 'paused', actions: 'trackSignal' },
                'page.frozen': { target: 'paused', actions: 'trackSignal' },
                'network.online': {
                  target: '#connection.active.connecting',
                  actions: ['trackSignal', 'resetAttempts'],
                },
                'page.visible': {
                  target: '#connection.active.connecting',
                  actions: ['trackSignal', 'resetAttempts'],
                },
                'page.resumed': {
                  target: '#connection.active.connecting',
                  actions: ['trackSignal', 'resetAttempts'],
                },
              },
            },
            paused: {
              entry: 'clearRetry',
              on: {
                'network.online': [
                  {
                    guard: 'mayResume',
                    target: '#connection.active.connecting',
                    actions: ['trackSignal', 'resetAttempts'],
                  },
                  { actions: 'trackSignal' },
                ],
                'page.visible': [
                  {
                    guard: 'mayResume',
                    target: '#connection.active.connecting',
                    actions: ['trackSignal', 'resetAttempts'],
                  },
                  { actions: 'trackSignal' },
                ],
                'page.resumed': [
                  {
                    guard: 'mayResume',
                    target: '#connection.active.connecting',
                    actions: ['trackSignal', 'resetAttempts'],
                  },
                  { actions: 'trackSignal' },
                ],
              },
            },
          },
        },
      },
    },
    ended: { type: 'final' },
    failed: {
      on: { 'session.connect': { target: 'active', actions: 'beginSession' } },
    },
  },
});
