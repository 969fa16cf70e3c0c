/** The double's callback Sets: one per registration method, and one per topic for `onMessage`. */
import type { StreamsUnsubscribe } from '../../streams';
import type { StreamsCallbackKind } from './streams-manager-double.types';

type Callback = (payload: never) => void;

/** Registers and fires callbacks the way StreamsJS does: Sets, unsubscribe functions, snapshot iteration. */
export class StreamsCallbackRegistry {
  private readonly byKind = new Map<Exclude<StreamsCallbackKind, 'message'>, Set<Callback>>();
  private readonly byTopic = new Map<string, Set<Callback>>();

  /** Adds `callback` to the Set of `kind` and returns the function that removes it. */
  add(kind: Exclude<StreamsCallbackKind, 'message'>, callback: Callback): StreamsUnsubscribe {
    let callbacks = this.byKind.get(kind);
    if (!callbacks) {
      callbacks = new Set();
      this.byKind.set(kind, callbacks);
    }
    return removerFor(callbacks, callback);
  }

  /** Adds a callback for frames of one topic. */
  addForTopic(topic: string, callback: Callback): StreamsUnsubscribe {
    let callbacks = this.byTopic.get(topic);
    if (!callbacks) {
      callbacks = new Set();
      this.byTopic.set(topic, callbacks);
    }
    return removerFor(callbacks, callback);
  }

  /** Calls every callback of `kind` registered when the call starts. */
  fire<T>(kind: Exclude<StreamsCallbackKind, 'message'>, payload: T): void {
    callEach(this.byKind.get(kind), payload);
  }

  /** Calls every callback of `topic`. */
  fireForTopic<T>(topic: string, payload: T): void {
    callEach(this.byTopic.get(topic), payload);
  }

  /** How many callbacks are registered, of one kind or in all. */
  count(kind?: StreamsCallbackKind): number {
    const sizeOf = (sets: Iterable<Set<Callback>>): number => {
      let total = 0;
      for (const set of sets) total += set.size;
      return total;
    };
    if (kind === 'message') return sizeOf(this.byTopic.values());
    if (kind !== undefined) return this.byKind.get(kind)?.size ?? 0;
    return sizeOf(this.byKind.values()) + sizeOf(this.byTopic.values());
  }
}

function removerFor(callbacks: Set<Callback>, callback: Callback): StreamsUnsubscribe {
  callbacks.add(callback);
  return () => {
    callbacks.delete(callback);
  };
}

function callEach<T>(callbacks: Set<Callback> | undefined, payload: T): void {
  if (!callbacks) return;
  // A snapshot, so a callback that unsubscribes (or subscribes) during the loop does not change this round.
  for (const callback of [...callbacks]) (callback as (value: T) => void)(payload);
}
