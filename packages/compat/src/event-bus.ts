/**
 * The per-session event bus behind the `on*` methods: handlers per ChatJS event name, called asynchronously and in
 * order (ChatJS defers each emission too), with a handler that throws kept from breaking the others.
 */

import type { ChatEventName } from './legacy-constants';
import { ValueError } from './legacy-errors';
import type { PrefixedLogger } from './log-manager';

/** A handler, called with the payload and the event name. */
export type BusHandler = (payload: unknown, eventName: ChatEventName) => void;

/** The event bus of one session. */
export interface EventBus {
  /** Adds a handler; throws `ValueError` when it is not a function, as ChatJS does. */
  subscribe(eventName: ChatEventName, handler: unknown): void;
  /** Queues an emission; handlers run after the current call stack, in emission order. */
  emit(eventName: ChatEventName, payload: unknown): void;
  /** Queues a task to run after every emission queued so far. */
  afterQueued(task: () => void): void;
  /** Whether anything listens to an event. */
  has(eventName: ChatEventName): boolean;
  /** Removes every handler. */
  clear(): void;
}

type Queued =
  | { kind: 'emit'; eventName: ChatEventName; payload: unknown }
  | { kind: 'task'; task: () => void };

const defer: (callback: () => void) => void =
  typeof queueMicrotask === 'function' ? queueMicrotask : (callback) => void Promise.resolve().then(callback);

/** Creates an event bus; handler failures are logged, never rethrown. */
export function createEventBus(log: PrefixedLogger): EventBus {
  const handlers = new Map<ChatEventName, BusHandler[]>();
  const queue: Queued[] = [];
  let scheduled = false;

  const flush = (): void => {
    scheduled = false;
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (next.kind === 'task') {
        run(() => next.task());
        continue;
      }
      const { eventName, payload } = next;
      for (const handler of [...(handlers.get(eventName) ?? [])]) run(() => handler(payload, eventName));
    }
  };
  const run = (call: () => void): void => {
    try {
      call();
    } catch (error) {
      log.error('An event handler threw:', error instanceof Error ? error.message : String(error));
    }
  };
  const enqueue = (item: Queued): void => {
    queue.push(item);
    if (scheduled) return;
    scheduled = true;
    defer(flush);
  };

  return {
    subscribe(eventName, handler) {
      if (handler === undefined || handler === null) throw new ValueError('f must be provided');
      if (typeof handler !== 'function') throw new ValueError('f must be a function');
      const list = handlers.get(eventName) ?? [];
      list.push(handler as BusHandler);
      handlers.set(eventName, list);
      log.info('Subscribed successfully to event:', eventName);
    },
    emit: (eventName, payload) => enqueue({ kind: 'emit', eventName, payload }),
    afterQueued: (task) => enqueue({ kind: 'task', task }),
    has: (eventName) => (handlers.get(eventName)?.length ?? 0) > 0,
    clear: () => handlers.clear(),
  };
}
