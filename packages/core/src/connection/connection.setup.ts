/** The connection machine's types, actors, guards and delays; its actions are in `connection.actions.ts`. */
import { type DoneActorEvent, setup } from 'xstate';
import { isChatError } from '../errors';
import { heartbeatMachine } from '../heartbeat/heartbeat.machine';
import { EventContentType } from '../protocol/content-types';
import type {
  ConnectionContext,
  ConnectionDetails,
  ConnectionEmitted,
  ConnectionEvent,
  ConnectionInput,
} from './connection.types';
import { acknowledgeConnection, fetchConnectionDetails } from './fetch-connection-details';
import { managedSocketLink } from './managed-socket-link';
import { platformSignals } from './platform-signals';
import { socketLink } from './socket-link';
import { tokenRefreshDelay } from './token-refresh-delay';

/** The error of an `xstate.error.actor.*` event (events outside the union reach guards at runtime). */
export const errorOf = (event: { type: string }): unknown => (event as { error?: unknown }).error;

/** The output of an `xstate.done.actor.*` event. */
export const detailsOf = (event: { type: string }): ConnectionDetails =>
  (event as unknown as DoneActorEvent<ConnectionDetails>).output;

const afterSignal = (context: ConnectionContext, event: ConnectionEvent) => ({
  online: event.type === 'network.online' ? true : event.type === 'network.offline' ? false : context.online,
  visible:
    event.type === 'page.visible' || event.type === 'page.resumed'
      ? true
      : event.type === 'page.hidden' || event.type === 'page.frozen'
        ? false
        : context.visible,
});

/** The connection machine's setup, before actions. */
export const connectionSetup = setup({
  types: {
    context: {} as ConnectionContext,
    events: {} as ConnectionEvent,
    input: {} as ConnectionInput,
    emitted: {} as ConnectionEmitted,
    tags: {} as 'canSend',
  },
  actors: {
    fetchConnectionDetails,
    acknowledgeConnection,
    socketLink,
    managedSocketLink,
    platformSignals,
    heartbeat: heartbeatMachine,
  },
  guards: {
    isAccessDenied: ({ event }) => {
      const error = errorOf(event);
      return isChatError(error) && error.code === 'accessDenied';
    },
    isRetryable: ({ context, event }) => {
      const error = errorOf(event);
      if (!context.everConnected && !context.deps.retryFirstConnect) return false;
      return isChatError(error) && error.retryable;
    },
    isChatEnded: ({ event }) =>
      (event.type === 'socket.itemReceived' || event.type === 'managed.itemReceived') &&
      event.item.ContentType === EventContentType.chatEnded,
    isManaged: ({ context }) => context.mode === 'managedSocket',
    isManagerConnected: ({ context }) => context.managerConnected,
    needsAcknowledgement: ({ context }) =>
      !context.acknowledged &&
      context.deps.credentials.getConnectionToken !== undefined &&
      context.deps.credentials.participantToken !== undefined,
    mustWait: ({ context }) => !context.online || !context.visible,
    mayResume: ({ context, event }) => {
      const next = afterSignal(context, event);
      return next.online && next.visible;
    },
    subscribeAttemptsLeft: ({ context }) => context.subscribeAttempts < context.delays.maxSubscribeAttempts,
  },
  delays: {
    retryDelay: ({ context }) => context.retryIn ?? 0,
    socketOpenTimeout: ({ context }) => context.delays.socketOpenTimeout,
    subscribeTimeout: ({ context }) => context.delays.subscribeTimeout,
    subscribeRetryDelay: ({ context }) => context.delays.subscribeRetryDelay,
    stablePeriod: ({ context }) => context.delays.stablePeriod,
    socketLifetime: ({ context }) => context.delays.socketLifetime,
    rotationRetryDelay: ({ context }) => context.delays.rotationRetryDelay,
    tokenRefresh: ({ context }) =>
      tokenRefreshDelay(
        context.connectionTokenExpiresAt,
        context.deps.now(),
        context.delays.tokenRefreshLead,
      ),
    tokenRefreshRetryDelay: ({ context }) => context.delays.tokenRefreshRetryDelay,
  },
});

export { afterSignal };
