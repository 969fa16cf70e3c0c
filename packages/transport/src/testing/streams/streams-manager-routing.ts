/** How StreamsJS's manager dispatches one server frame (wire-protocol §3.3), for the double. */
import type { StreamsCallbackRegistry } from './streams-manager-callbacks';

/** What routing a frame may touch: the callbacks, the topic Sets, and the clock for payload timestamps. */
export interface StreamsRoutingTarget {
  callbacks: StreamsCallbackRegistry;
  pending: Set<string>;
  subscribed: Set<string>;
  now(): number;
}

/**
 * Dispatches a frame like the manager: subscribe answers move topics and fire the subscription callbacks,
 * `aws/ping` is a deep heartbeat (healthy only for the number 200), `aws/heartbeat` is absorbed, a topic-less
 * frame with a `message` is a topic failure, and any other topic goes to `onAllMessage` then
 * `onMessage(topic)`.
 */
export function routeStreamsFrame(
  target: StreamsRoutingTarget,
  frame: Readonly<Record<string, unknown>>,
): void {
  const { callbacks, now } = target;
  const topic = frame.topic;
  if (topic === undefined) {
    if (typeof frame.message !== 'string') return;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    callbacks.fire('topicFailure', {
      timestamp: now(),
      errorMessage: frame.message,
      connectionId: text(frame.connectionId),
      requestId: text(frame.requestId),
    });
    return;
  }
  if (typeof topic !== 'string') return;
  if (topic === 'aws/subscribe') routeSubscription(target, frame);
  else if (topic === 'aws/ping') {
    if (frame.statusCode === 200) callbacks.fire('deepHeartbeatSuccess', { timestamp: now() });
    else {
      callbacks.fire('deepHeartbeatFailure', {
        timestamp: now(),
        statusCode: frame.statusCode,
        statusContent: frame.statusContent,
      });
    }
  } else if (topic !== 'aws/heartbeat') {
    callbacks.fire('allMessage', frame);
    callbacks.fireForTopic(topic, frame);
  }
}

function routeSubscription(target: StreamsRoutingTarget, frame: Readonly<Record<string, unknown>>): void {
  const content = frame.content as { status?: unknown; topics?: unknown } | undefined;
  const topics = Array.isArray(content?.topics) ? content.topics.filter((t) => typeof t === 'string') : [];
  if (content?.status === 'success') {
    for (const topic of topics) {
      target.pending.delete(topic);
      target.subscribed.add(topic);
    }
    target.callbacks.fire('subscriptionUpdate', frame);
  } else if (content?.status === 'failure') {
    target.callbacks.fire('subscriptionFailure', frame);
  }
}
