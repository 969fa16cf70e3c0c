/**
 * The `managed` state of the connection machine: managed mode (agent desktops). The socket belongs to StreamsJS's
 * manager, so this mode never opens, heartbeats, rotates or reconnects one: it gets the connection token
 * (`getConnectionToken`, or the CreateParticipantConnection fallback), acknowledges the connection once, and
 * follows the manager's view of its socket. The manager reconnects by itself, so `reconnecting` has no retry timer.
 */

import { endedByAccessDenied, fetchFor, tokenRegion } from './connection.token.states';
import type { ConnectionContext } from './connection.types';

const toFailed = '#connection.failed';

/** The managed mode's states. */
export const managedState = {
  invoke: {
    id: 'managedSocket',
    src: 'managedSocketLink',
    input: ({ context }: { context: ConnectionContext }) => ({ managedSocket: context.deps.managedSocket }),
  },
  on: {
    'session.disconnect': { target: '#connection.ended', actions: 'markClientDisconnected' },
    'managed.itemReceived': [
      { guard: 'isChatEnded', target: '#connection.ended', actions: ['emitItem', 'markChatEnded'] },
      { actions: 'emitItem' },
    ],
    'managed.initFailed': { target: toFailed, actions: 'markManagerFailed' },
    'managed.connectionGained': { actions: 'recordManagerUp' },
    'managed.connectionLost': { actions: 'recordManagerDown' },
    'managed.deepHeartbeatSucceeded': { actions: 'emitDeepSucceeded' },
    'managed.deepHeartbeatFailed': { actions: 'emitDeepFailed' },
  },
  initial: 'authorizing',
  states: {
    authorizing: {
      invoke: {
        id: 'fetchToken',
        src: 'fetchConnectionDetails',
        input: fetchFor('token'),
        onDone: { target: 'linked', actions: 'storeDetails' },
        onError: [
          endedByAccessDenied,
          { guard: 'isRetryable', target: 'backingOff', actions: 'markRequestFailed' },
          { target: toFailed, actions: 'markConnectFailed' },
        ],
      },
    },
    backingOff: {
      entry: 'scheduleRetry',
      exit: 'clearRetry',
      after: { retryDelay: 'authorizing' },
    },
    linked: {
      type: 'parallel',
      states: {
        link: {
          initial: 'deciding',
          states: {
            deciding: {
              always: [{ guard: 'isManagerConnected', target: 'connected' }, { target: 'waiting' }],
            },
            waiting: {
              on: { 'managed.connectionGained': { target: 'connected', actions: 'recordManagerUp' } },
            },
            connected: {
              tags: ['canSend'],
              entry: ['recordConnected', 'emitEstablished'],
              on: {
                'managed.connectionLost': {
                  target: 'reconnecting',
                  actions: ['recordManagerDown', 'markManagerLost', 'emitLost'],
                },
              },
            },
            reconnecting: {
              on: { 'managed.connectionGained': { target: 'connected', actions: 'recordManagerUp' } },
            },
          },
        },
        token: tokenRegion,
        acknowledgement: {
          initial: 'deciding',
          states: {
            deciding: {
              always: [{ guard: 'needsAcknowledgement', target: 'acknowledging' }, { target: 'done' }],
            },
            acknowledging: {
              invoke: {
                id: 'acknowledge',
                src: 'acknowledgeConnection',
                input: fetchFor('token'),
                onDone: { target: 'done', actions: 'markAcknowledged' },
                onError: { target: 'done', actions: 'emitAcknowledgeFailed' },
              },
            },
            done: {},
          },
        },
      },
    },
  },
} as const;
