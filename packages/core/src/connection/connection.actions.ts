/** The connection machine's actions. Each is named in the machine's table; none touches a socket or a timer. */
import { ChatError, ChatErrorCode, isChatError } from '../errors';
import type { HeartbeatEvent } from '../heartbeat/heartbeat.types';
import { afterSignal, connectionSetup, detailsOf, errorOf } from './connection.setup';
import type {
  ConnectionContext,
  ConnectionReason,
  ConnectionReasonCode,
  SocketLinkCommand,
} from './connection.types';

const { assign, emit, enqueueActions, sendTo } = connectionSetup;

const toLink = (command: SocketLinkCommand | ((context: ConnectionContext) => SocketLinkCommand)) =>
  sendTo('socket', ({ context }) => (typeof command === 'function' ? command(context) : command));

const toHeartbeat = (event: HeartbeatEvent) => sendTo('heartbeat', event);

const reasonFromError = (error: unknown, fallback: string): ConnectionReason => {
  if (isChatError(error)) {
    const code: ConnectionReasonCode =
      error.code === ChatErrorCode.accessDenied
        ? 'accessDenied'
        : error.retryable
          ? 'connectionRequestFailed'
          : 'nonRetryable';
    return { code, message: `${fallback}; ${error.message}`, error };
  }
  return {
    code: 'nonRetryable',
    message: fallback,
    error: new ChatError(ChatErrorCode.unknown, fallback, { cause: error }),
  };
};

const reason = (code: ConnectionReasonCode, message: string) => assign({ reason: { code, message } });
const reasonOfError = (message: string) =>
  assign(({ event }) => ({ reason: reasonFromError(errorOf(event), message) }));

/** The per-session part of the context: what a new `connect()` starts from. */
export const freshSession = () => ({
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
  managerConnected: false,
});

/** The actions, by name. */
export const connectionActions = {
  beginSession: assign(({ context }) => ({
    ...freshSession(),
    online: context.deps.platform?.isOnline?.() ?? true,
    visible: context.deps.platform?.isVisible?.() ?? true,
  })),
  storeDetails: assign(({ context, event }) => {
    const details = detailsOf(event);
    return {
      connectionToken: details.connectionToken ?? context.connectionToken,
      connectionTokenExpiresAt: details.connectionTokenExpiresAt,
      socketUrl: details.socketUrl ?? context.socketUrl,
      acknowledged: context.acknowledged || details.acknowledged,
    };
  }),
  markClientDisconnected: reason('clientDisconnected', 'disconnect() was called'),
  markChatEnded: reason('chatEnded', 'the chat ended'),
  markSocketClosed: reason('socketClosed', 'the socket closed'),
  markOpenTimedOut: reason('socketOpenTimedOut', 'the socket did not open in time'),
  markHeartbeatTimedOut: reason('heartbeatTimedOut', 'a heartbeat went unanswered'),
  markSubscribeUnanswered: reason('subscribeFailed', 'aws/subscribe went unanswered'),
  markSubscribeFailing: reason('subscribeFailed', 'aws/subscribe kept failing'),
  markAccessDenied: reasonOfError('the chat ended or the participant left'),
  markRequestFailed: reasonOfError('unable to get connection details'),
  markConnectFailed: reasonOfError('unable to connect'),
  recordUnavailable: assign(({ event }) => ({
    reason:
      event.type === 'socket.unavailable'
        ? { code: 'nonRetryable' as const, message: event.error.message, error: event.error }
        : undefined,
  })),
  openSocket: toLink((context) => ({ type: 'link.open', role: 'primary', url: context.socketUrl! })),
  openStandby: toLink((context) => ({ type: 'link.open', role: 'standby', url: context.socketUrl! })),
  countSubscribeAttempt: assign(({ context }) => ({ subscribeAttempts: context.subscribeAttempts + 1 })),
  resetSubscribeAttempts: assign({ subscribeAttempts: 0 }),
  sendSubscribe: toLink({
    type: 'link.send',
    role: 'primary',
    frame: { topic: 'aws/subscribe', content: { topics: ['aws/chat'] } },
  }),
  subscribeStandby: toLink({
    type: 'link.send',
    role: 'standby',
    frame: { topic: 'aws/subscribe', content: { topics: ['aws/chat'] } },
  }),
  sendBeat: enqueueActions(({ enqueue }) => {
    enqueue.sendTo('socket', { type: 'link.send', role: 'primary', frame: { topic: 'aws/ping' } });
    enqueue.sendTo('socket', { type: 'link.send', role: 'primary', frame: { topic: 'aws/heartbeat' } });
  }),
  closeSockets: toLink({ type: 'link.closeAll' }),
  closeStandby: toLink({ type: 'link.close', role: 'standby' }),
  promoteStandby: enqueueActions(({ enqueue }) => {
    enqueue.sendTo('socket', { type: 'link.promote' });
    enqueue.sendTo('heartbeat', { type: 'heartbeat.socketReplaced' });
  }),
  emitItem: emit(({ event }) => ({
    type: 'chat.itemReceived' as const,
    item: event.type === 'socket.itemReceived' || event.type === 'managed.itemReceived' ? event.item : {},
  })),
  recordConnected: assign(({ context }) => ({
    everConnected: true,
    connectedAt: context.deps.now(),
    reason: undefined,
    retryIn: undefined,
  })),
  emitEstablished: emit({ type: 'connection.established' }),
  emitLost: emit(({ context }) => ({
    type: 'connection.lost' as const,
    reason: context.reason ?? { code: 'socketClosed' as const, message: 'the connection was lost' },
  })),
  resetAttempts: assign({ attempt: 0 }),
  scheduleRetry: assign(({ context }) => ({
    retryIn: Math.max(0, context.deps.reconnectDelay(context.attempt)),
    attempt: context.attempt + 1,
    reconnects: context.reconnects + 1,
  })),
  clearRetry: assign({ retryIn: undefined }),
  trackSignal: assign(({ context, event }) => afterSignal(context, event)),
  recordHeartbeat: assign(({ context }) => ({ lastHeartbeatAt: context.deps.now() })),
  forwardHeartbeatAnswer: toHeartbeat({ type: 'heartbeat.answered' }),
  forwardPingAnswer: sendTo('heartbeat', ({ event }) => ({
    type: 'ping.answered' as const,
    statusCode: event.type === 'socket.pingAnswered' ? event.statusCode : undefined,
    statusContent: event.type === 'socket.pingAnswered' ? event.statusContent : undefined,
  })),
  probeHeartbeat: toHeartbeat({ type: 'heartbeat.probe' }),
  emitDeepSucceeded: emit({ type: 'heartbeat.deepSucceeded' }),
  emitDeepFailed: emit(({ event }) => ({
    type: 'heartbeat.deepFailed' as const,
    failure:
      event.type === 'heartbeat.deepFailed' || event.type === 'managed.deepHeartbeatFailed'
        ? event.failure
        : { reason: 'noAnswer' as const },
  })),
  emitTokenRefreshed: emit({ type: 'connectionToken.refreshed' }),
  recordManagerUp: assign({ managerConnected: true }),
  recordManagerDown: assign({ managerConnected: false }),
  markManagerLost: assign(({ event }) => ({
    reason: {
      code: 'socketClosed' as const,
      message:
        event.type === 'managed.connectionLost' && event.code !== undefined
          ? `the socket manager lost its connection (code ${event.code})`
          : 'the socket manager lost its connection',
    },
  })),
  markManagerFailed: assign(({ event }) => {
    const detail = event.type === 'managed.initFailed' ? event.reason : 'no reason given';
    const message = `unable to connect; the socket manager failed: ${detail}`;
    return {
      reason: {
        code: 'nonRetryable' as const,
        message,
        error: new ChatError(ChatErrorCode.unknown, message),
      },
    };
  }),
  markAcknowledged: assign({ acknowledged: true }),
  emitAcknowledgeFailed: emit(({ event }) => {
    const error = errorOf(event);
    return {
      type: 'connection.acknowledgeFailed' as const,
      error: isChatError(error)
        ? error
        : new ChatError(ChatErrorCode.unknown, 'unable to acknowledge the connection', { cause: error }),
    };
  }),
};
