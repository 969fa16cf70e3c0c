/**
 * A test double of the WebSocket manager StreamsJS runs in agent desktops (wire-protocol §3.5-3.6,
 * legacy-chatjs §7.3), driven by a test or backed by the emulator. See {@link StreamsWebSocketManagerDouble}.
 */
import type {
  StreamsConnectionClosePayload,
  StreamsConnectionLostPayload,
  StreamsConnectionOpenPayload,
  StreamsInitFailurePayload,
  StreamsTransportHandle,
} from '../../streams';
import { StreamsCallbackRegistry } from './streams-manager-callbacks';
import type {
  StreamsManagerDoubleOptions,
  StreamsManagerDoubleState,
  StreamsWebSocketManagerDouble,
} from './streams-manager-double.types';
import { isValidStreamsTransport, openStreamsLink, type StreamsLink } from './streams-manager-link';
import { routeStreamsFrame } from './streams-manager-routing';

const reservedTopics: ReadonlySet<string> = new Set([
  'aws/subscribe',
  'aws/unsubscribe',
  'aws/heartbeat',
  'aws/ping',
]);

/** The reason StreamsJS terminates with when a transport fails its checks. */
export const invalidTransportReason = 'Invalid WebSocket Connection Configuration';
const userCloseReason = '[Primary] WebSocket User request to close WebSocket';
const terminateCloseReason = '[Primary] WebSocket Terminating WebSocket Manager';

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Creates a StreamsJS WebSocket-manager double. Controlled by default; `init(transportHandle)` backs it with
 * a real socket (for example to the emulator).
 *
 * @example
 * ```ts
 * const manager = createStreamsWebSocketManagerDouble();
 * const socket = createStreamsManagedSocket(manager);
 * socket.subscribe(['aws/chat']);
 * socket.listen(onEvent);
 * manager.gainConnection(); // onEvent({ type: 'managed.connectionGained' })
 * ```
 */
export function createStreamsWebSocketManagerDouble(
  options: StreamsManagerDoubleOptions = {},
): StreamsWebSocketManagerDouble {
  const now = options.now ?? Date.now;
  const callbacks = new StreamsCallbackRegistry();
  const pending = new Set<string>();
  const subscribed = new Set<string>();
  const sentFrames: Readonly<Record<string, unknown>>[] = [];
  const waiters = new Set<Waiter>();
  const closing = new Set<Promise<void>>();
  let state: StreamsManagerDoubleState = 'idle';
  let transportHandle: StreamsTransportHandle | undefined;
  let link: StreamsLink | undefined;
  let attempt = 0;
  let attemptStartedAt: number | null = null;
  let openedAt: number | null = null;
  let noOpenSince: number | null = null;
  let lost: StreamsConnectionLostPayload | undefined;
  let failure: StreamsInitFailurePayload | undefined;
  const routing = { callbacks, pending, subscribed, now };

  const settleWaiters = (error?: Error): void => {
    for (const waiter of [...waiters]) {
      waiters.delete(waiter);
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  };
  const ended = (): boolean => state === 'closed' || state === 'terminated';
  const transmit = (frame: Readonly<Record<string, unknown>>): boolean => {
    if (state !== 'connected') return false;
    const sent = link ? link.send(frame) : true;
    if (sent) sentFrames.push(frame);
    return sent;
  };
  const sendSubscribe = (): void => {
    if (pending.size > 0) transmit({ topic: 'aws/subscribe', content: { topics: [...pending] } });
  };
  const detachLink = (reason: string): void => {
    if (!link) return;
    const closed = link.close(reason);
    link = undefined;
    closing.add(closed);
    void closed.then(() => closing.delete(closed));
  };

  const opened = (): void => {
    const previous = state;
    const at = now();
    const startedAt = attemptStartedAt ?? at;
    const metrics: StreamsConnectionOpenPayload = {
      connectWebSocketRetryCount: 0,
      connectionAttemptStartTime: startedAt,
      noOpenConnectionsTimestamp: noOpenSince,
      connectionEstablishedTime: at,
      timeToConnect: at - startedAt,
      timeWithoutConnection: noOpenSince === null ? null : at - noOpenSince,
    };
    state = 'connected';
    openedAt = at;
    noOpenSince = null;
    lost = undefined;
    // A new socket starts unsubscribed: StreamsJS moves subscribed topics back to pending and subscribes
    // again.
    for (const topic of subscribed) pending.add(topic);
    subscribed.clear();
    if (previous !== 'connected') callbacks.fire('connectionGain', undefined);
    callbacks.fire('connectionOpen', metrics);
    sendSubscribe();
    settleWaiters();
  };

  const socketClosed = (code: number, reason: string, wasClean: boolean): void => {
    const at = now();
    const times = { openTimestamp: openedAt, closeTimestamp: at };
    const duration = openedAt === null ? null : at - openedAt;
    const closePayload: StreamsConnectionClosePayload = {
      ...times,
      connectionDuration: duration,
      code,
      reason,
      wasClean,
    };
    openedAt = null;
    callbacks.fire('connectionClose', closePayload);
    if (ended()) return;
    for (const topic of subscribed) pending.add(topic);
    subscribed.clear();
    if (state === 'disconnected') return;
    state = 'disconnected';
    noOpenSince = at;
    lost = { ...times, connectionDuration: duration, code, reason };
    callbacks.fire('connectionLost', lost);
    settleWaiters(new Error('the StreamsJS manager double lost its connection before it was established'));
  };

  const terminate = (reason: unknown): void => {
    if (state === 'terminated') return;
    state = 'terminated';
    detachLink(terminateCloseReason);
    failure = { connectWebSocketRetryCount: 0, connectionAttemptStartTime: attemptStartedAt, reason };
    callbacks.fire('initFailure', failure);
    settleWaiters(new Error('the StreamsJS manager double terminated'));
  };

  const fetchAndOpen = async (handle: StreamsTransportHandle): Promise<void> => {
    const current = ++attempt;
    attemptStartedAt = now();
    let transport: unknown;
    try {
      transport = await handle();
    } catch (error) {
      if (current === attempt && !ended()) terminate(error);
      return;
    }
    if (current !== attempt || ended()) return;
    const details = (
      transport as { webSocketTransport?: { url?: unknown; transportLifeTimeInSeconds?: unknown } }
    )?.webSocketTransport;
    if (!isValidStreamsTransport(details?.url, details?.transportLifeTimeInSeconds)) {
      terminate(invalidTransportReason);
      return;
    }
    detachLink(userCloseReason);
    let next: StreamsLink | undefined;
    try {
      next = openLink(details?.url as string);
    } catch {
      // `ws` refuses some URLs the pattern lets through (`wss://` alone); StreamsJS would fail to open them too.
      terminate(invalidTransportReason);
      return;
    }
    link = next;
  };

  const openLink = (url: string): StreamsLink => {
    const next: StreamsLink = openStreamsLink(url, {
      opened: () => {
        if (link === next && !ended()) opened();
      },
      received: (frame) => {
        if (link === next && !ended()) double.deliver(frame);
      },
      closed: (code, reason, wasClean) => {
        if (link !== next) return;
        link = undefined;
        socketClosed(code, reason, wasClean);
      },
    });
    return next;
  };

  const double: StreamsWebSocketManagerDouble = {
    get state() {
      return state;
    },
    get pendingTopics() {
      return [...pending];
    },
    get subscribedTopics() {
      return [...subscribed];
    },
    get sentFrames() {
      return [...sentFrames];
    },
    callbackCount: (kind) => callbacks.count(kind),

    init(handle) {
      if (transportHandle || ended()) return;
      transportHandle = handle;
      void fetchAndOpen(handle);
    },
    subscribeTopics(topics) {
      for (const topic of topics) if (!subscribed.has(topic)) pending.add(topic);
      sendSubscribe();
    },
    onMessage: (topic, callback) => callbacks.addForTopic(topic, callback),
    onAllMessage: (callback) => callbacks.add('allMessage', callback),
    onConnectionGain(callback) {
      const unsubscribe = callbacks.add('connectionGain', callback);
      if (state === 'connected') callback();
      return unsubscribe;
    },
    onConnectionLost(callback) {
      const unsubscribe = callbacks.add('connectionLost', callback);
      if (state === 'disconnected' && lost) callback(lost);
      return unsubscribe;
    },
    onInitFailure(callback) {
      const unsubscribe = callbacks.add('initFailure', callback);
      if (state === 'terminated' && failure) callback(failure);
      return unsubscribe;
    },
    onConnectionOpen: (callback) => callbacks.add('connectionOpen', callback),
    onConnectionClose: (callback) => callbacks.add('connectionClose', callback),
    onSubscriptionUpdate: (callback) => callbacks.add('subscriptionUpdate', callback),
    onSubscriptionFailure: (callback) => callbacks.add('subscriptionFailure', callback),
    onDeepHeartbeatSuccess: (callback) => callbacks.add('deepHeartbeatSuccess', callback),
    onDeepHeartbeatFailure: (callback) => callbacks.add('deepHeartbeatFailure', callback),
    onTopicFailure: (callback) => callbacks.add('topicFailure', callback),
    sendMessage(payload) {
      if (!reservedTopics.has(payload.topic)) transmit(payload);
    },
    closeWebSocket() {
      if (ended()) return;
      const wasConnected = state === 'connected';
      state = 'closed';
      settleWaiters(new Error('the StreamsJS manager double was closed'));
      if (link) {
        // The close event still arrives and is reported through onConnectionClose, as StreamsJS does.
        const closed = link.close(userCloseReason);
        closing.add(closed);
        void closed.then(() => closing.delete(closed));
      } else if (wasConnected) socketClosed(1000, userCloseReason, true);
    },
    terminateWebSocketManager: (reason) => terminate(reason),

    gainConnection() {
      if (ended()) throw new Error(`unable to gain a connection; the StreamsJS manager double is ${state}`);
      attemptStartedAt ??= now();
      opened();
    },
    loseConnection(input = {}) {
      if (ended() || state === 'disconnected') return;
      detachLink('');
      const code = input.code ?? 1006;
      socketClosed(code, input.reason ?? '', code !== 1006);
    },
    failInit: (reason) => terminate(reason),
    deliver: (frame) => routeStreamsFrame(routing, frame),
    confirmSubscription(topics = [...pending]) {
      routeStreamsFrame(routing, { topic: 'aws/subscribe', content: { status: 'success', topics } });
    },
    rejectSubscription(topics = [...pending]) {
      routeStreamsFrame(routing, { topic: 'aws/subscribe', content: { status: 'failure', topics } });
    },
    deepHeartbeatSucceeded() {
      callbacks.fire('deepHeartbeatSuccess', { timestamp: now() });
    },
    deepHeartbeatFailed(input = { error: 'aws/ping response is not received' }) {
      callbacks.fire('deepHeartbeatFailure', { timestamp: now(), ...input });
    },
    failTopic(input) {
      callbacks.fire('topicFailure', { timestamp: now(), ...input });
    },

    ping: () => transmit({ topic: 'aws/ping' }),
    heartbeat: () => transmit({ topic: 'aws/heartbeat' }),
    reconnect() {
      if (!transportHandle) {
        return Promise.reject(new Error('unable to reconnect; call init(transportHandle) first'));
      }
      const waiting = double.connected();
      if (state !== 'connected' && !ended()) void fetchAndOpen(transportHandle);
      return waiting;
    },
    connected() {
      if (state === 'connected') return Promise.resolve();
      if (ended()) return Promise.reject(new Error(`the StreamsJS manager double is ${state}`));
      return new Promise<void>((resolve, reject) => waiters.add({ resolve, reject }));
    },
    async close() {
      double.closeWebSocket();
      await Promise.all([...closing]);
    },
    [Symbol.asyncDispose]: () => double.close(),
  };

  return double;
}
