/**
 * The `active` state of the connection machine: own-socket mode. The connection fetches a socket URL, opens and
 * subscribes its own socket, heartbeats it, rotates it before the service's lifetime runs out, and reconnects
 * with back-off (paused while offline or hidden) whenever the link is lost.
 */

import { endedByAccessDenied, fetchFor, tokenRegion } from './connection.token.states';
import type { ConnectionContext } from './connection.types';

const toReconnecting = '#connection.active.reconnecting';

/** The own-socket mode's states. */
export const activeState = {
  invoke: {
    id: 'socket',
    src: 'socketLink',
    input: ({ context }: { context: ConnectionContext }) => ({
      sockets: context.deps.sockets,
      deliver: context.deps.deliverItem,
    }),
  },
  on: {
    'session.disconnect': {
      target: 'ended',
      actions: 'markClientDisconnected',
    },
    // With `deliverItem`, only `chat.ended` comes this way (see socket-link.ts).
    'socket.itemReceived': [
      { guard: 'isChatEnded', target: 'ended', actions: ['emitItem', 'markChatEnded'] },
      { actions: 'emitItem' },
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
      invoke: {
        id: 'heartbeat',
        src: 'heartbeat',
        input: ({ context }: { context: ConnectionContext }) => ({
          intervalMs: context.delays.heartbeatInterval,
        }),
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
        token: tokenRegion,
        rotation: {
          initial: 'waiting',
          states: {
            waiting: { after: { socketLifetime: 'fetching' } },
            fetching: {
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
              entry: 'subscribeStandby',
              on: {
                'standby.subscribed': { target: 'waiting', actions: 'promoteStandby' },
                'standby.subscribeFailed': 'backingOff',
                'standby.closed': 'backingOff',
              },
              after: { subscribeTimeout: 'backingOff' },
            },
            backingOff: {
              entry: 'closeStandby',
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
} as const;
