/**
 * Fills core's managed-socket slot with the WebSocket manager StreamsJS owns in agent desktops. The adapter
 * only subscribes and listens: it never opens, heartbeats, reconnects or closes the manager's socket.
 */
import type { ManagedSocket, ManagedSocketEvent, ManagedSocketListener } from '@connect-chat/core';
import { defaultMaxFrameBytes } from '../socket/frame-codec';
import {
  closeCodeOf,
  closeReasonOf,
  concernsTopics,
  decodeStreamsFrame,
  decodeTopicFailure,
  deepHeartbeatFailureOf,
  initFailureReasonOf,
  type StreamsFrameDecodeResult,
  timestampOf,
} from './streams-frame';
import type { StreamsManagerSubscriber, StreamsUnsubscribe } from './streams-websocket-manager.types';

/** Options of {@link createStreamsManagedSocket}. */
export interface StreamsManagedSocketOptions {
  /**
   * The largest frame accepted, in UTF-8 bytes (for `aws/chat`, the size of its `content`).
   *
   * @defaultValue {@link defaultMaxFrameBytes}
   */
  maxFrameBytes?: number | undefined;
  /**
   * The clock used for a deep-heartbeat event whose payload carries no timestamp.
   *
   * @defaultValue `Date.now`
   */
  now?: (() => number) | undefined;
  /**
   * Keep only this chat's items. StreamsJS has one socket for all of an agent's chats, so every chat's items arrive
   * on `aws/chat`; with this set, an item is passed on only when its `ContactId` or `InitialContactId` names this
   * chat (an item naming neither is passed on, since it cannot be placed). Leave it unset to see every chat.
   *
   * @defaultValue every chat's items
   */
  chat?: { contactId: string; initialContactId?: string | undefined } | undefined;
}

/** Whether an item may belong to the chat: it names the chat, or names no contact at all. */
function isForChat(
  item: { ContactId?: string; InitialContactId?: string },
  chat: { contactId: string; initialContactId?: string | undefined },
): boolean {
  if (item.ContactId === undefined && item.InitialContactId === undefined) return true;
  const ids = [chat.contactId, chat.initialContactId ?? chat.contactId];
  return (
    (item.ContactId !== undefined && ids.includes(item.ContactId)) ||
    (item.InitialContactId !== undefined && ids.includes(item.InitialContactId))
  );
}

interface ListeningSession {
  start(): void;
  listenTo(topic: string): void;
  stop(): void;
}

/**
 * Adapts a StreamsJS WebSocket manager to core's {@link ManagedSocket} slot.
 *
 * `subscribe(topics)` forwards to `manager.subscribeTopics`. `listen(listener)` registers the manager's
 * callbacks (frames of the subscribed topics, subscription answers, connection gain/loss, init failure, deep
 * heartbeats, topic failures) and reports them as `ManagedSocketEvent`s; the function it returns removes
 * every callback it registered and leaves the manager running. Malformed frames are reported as
 * `managed.frameRejected`, never thrown into the manager.
 *
 * @example
 * ```ts
 * const socket = createStreamsManagedSocket(connect.core.getWebSocketManager());
 * socket.subscribe(['aws/chat']);
 * const stop = socket.listen((event) => console.log(event.type));
 * ```
 */
export function createStreamsManagedSocket(
  manager: StreamsManagerSubscriber,
  options: StreamsManagedSocketOptions = {},
): ManagedSocket {
  const topics = new Set<string>();
  const sessions = new Set<ListeningSession>();
  const settings = {
    maxFrameBytes: options.maxFrameBytes ?? defaultMaxFrameBytes,
    now: options.now ?? Date.now,
    chat: options.chat,
  };
  return {
    subscribe(requested) {
      const added = requested.filter((topic) => !topics.has(topic));
      for (const topic of added) topics.add(topic);
      manager.subscribeTopics([...requested]);
      for (const session of sessions) for (const topic of added) session.listenTo(topic);
    },
    listen(listener) {
      const session = createSession(manager, listener, topics, settings);
      // Registered before it starts: a listener may subscribe from a callback the manager replays at once.
      sessions.add(session);
      session.start();
      return () => {
        sessions.delete(session);
        session.stop();
      };
    },
  };
}

function createSession(
  manager: StreamsManagerSubscriber,
  listener: ManagedSocketListener,
  topics: ReadonlySet<string>,
  settings: {
    maxFrameBytes: number;
    now: () => number;
    chat: StreamsManagedSocketOptions['chat'];
  },
): ListeningSession {
  let active = true;
  const registrations: StreamsUnsubscribe[] = [];

  const register = (unsubscribe: StreamsUnsubscribe | undefined): void => {
    if (typeof unsubscribe === 'function') registrations.push(unsubscribe);
  };
  const deliver = (event: ManagedSocketEvent): void => {
    if (!active) return;
    try {
      listener(event);
    } catch (error) {
      // A throwing listener must not break the manager's own callback loop (it is shared with the whole
      // desktop).
      queueMicrotask(() => {
        throw error;
      });
    }
  };
  const deliverDecoded = (decoded: StreamsFrameDecodeResult): void => {
    if (decoded.ok) {
      const { frame } = decoded;
      if (settings.chat && frame.kind === 'chat' && !isForChat(frame.item, settings.chat)) return;
      deliver({ type: 'managed.frameReceived', frame });
    } else deliver({ type: 'managed.frameRejected', reason: decoded.reason, size: decoded.size });
  };
  const onFrame = (frame: unknown): void => deliverDecoded(decodeStreamsFrame(frame, settings.maxFrameBytes));
  const onSubscriptionFrame = (frame: unknown): void => {
    if (concernsTopics(frame, topics)) onFrame(frame);
  };
  const listenTo = (topic: string): void => register(manager.onMessage(topic, onFrame));

  const start = (): void => {
    for (const topic of topics) listenTo(topic);
    register(manager.onSubscriptionUpdate?.(onSubscriptionFrame));
    register(manager.onSubscriptionFailure?.(onSubscriptionFrame));
    register(manager.onTopicFailure?.((payload) => deliverDecoded(decodeTopicFailure(payload))));
    register(
      manager.onDeepHeartbeatSuccess?.((payload) =>
        deliver({ type: 'managed.deepHeartbeatSucceeded', timestamp: timestampOf(payload, settings.now) }),
      ),
    );
    register(
      manager.onDeepHeartbeatFailure?.((payload) =>
        deliver({
          type: 'managed.deepHeartbeatFailed',
          timestamp: timestampOf(payload, settings.now),
          ...deepHeartbeatFailureOf(payload),
        }),
      ),
    );
    // Connection callbacks last: they replay the manager's state at once, and every other callback is in
    // place by then.
    register(manager.onConnectionGain(() => deliver({ type: 'managed.connectionGained' })));
    register(
      manager.onConnectionLost((payload) =>
        deliver({
          type: 'managed.connectionLost',
          code: closeCodeOf(payload),
          reason: closeReasonOf(payload),
        }),
      ),
    );
    register(
      manager.onInitFailure((payload) =>
        deliver({ type: 'managed.initFailed', reason: initFailureReasonOf(payload) }),
      ),
    );
  };

  return {
    start,
    listenTo(topic) {
      if (active) listenTo(topic);
    },
    stop() {
      if (!active) return;
      active = false;
      for (const unsubscribe of registrations.splice(0)) {
        try {
          unsubscribe();
        } catch {
          // One broken unsubscribe function must not keep the others registered.
        }
      }
    },
  };
}
