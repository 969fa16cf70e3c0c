/** A tiny typed event emitter: one set of listeners per event name, safe against changes while dispatching. */

/** Listens to and dispatches the events of one event map. */
export interface TypedEmitter<EventMap> {
  /** Calls every listener of `type` with `event`, in the order they were added. */
  emit<K extends keyof EventMap>(type: K, event: EventMap[K]): void;
  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof EventMap>(type: K, listener: (event: EventMap[K]) => void): () => void;
  /** Whether `type` has any listener (to skip building a payload no one reads). */
  has(type: keyof EventMap): boolean;
}

/**
 * Creates an emitter. With `onListenerError`, a listener that throws is reported there and the others still run;
 * without it, the error propagates to the code that emitted.
 */
export function createTypedEmitter<EventMap>(
  onListenerError?: (type: keyof EventMap, error: unknown) => void,
): TypedEmitter<EventMap> {
  type Listener = (event: unknown) => void;
  // Each list is replaced, never changed in place, so `emit` walks the list as it was when it began whatever its
  // listeners add or remove, without copying it for every event.
  const listeners = new Map<keyof EventMap, readonly Listener[]>();
  return {
    emit(type, event) {
      const list = listeners.get(type);
      if (!list) return;
      for (const listener of list) {
        if (!onListenerError) listener(event);
        else
          try {
            listener(event);
          } catch (error) {
            onListenerError(type, error);
          }
      }
    },
    on(type, listener) {
      // A function added twice is called once, as with a `Set`.
      const entry = listener as Listener;
      const list = listeners.get(type) ?? [];
      if (!list.includes(entry)) listeners.set(type, [...list, entry]);
      return () => {
        const current = listeners.get(type);
        if (!current?.includes(entry)) return;
        const rest = current.filter((candidate) => candidate !== entry);
        if (rest.length > 0) listeners.set(type, rest);
        else listeners.delete(type);
      };
    },
    has: (type) => listeners.has(type),
  };
}
