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
  type Listener = (event: never) => void;
  const listeners = new Map<keyof EventMap, Set<Listener>>();
  return {
    emit(type, event) {
      const set = listeners.get(type);
      if (!set) return;
      for (const listener of [...set]) {
        if (!onListenerError) (listener as (event: unknown) => void)(event);
        else
          try {
            (listener as (event: unknown) => void)(event);
          } catch (error) {
            onListenerError(type, error);
          }
      }
    },
    on(type, listener) {
      let set = listeners.get(type);
      if (!set) {
        set = new Set();
        listeners.set(type, set);
      }
      const entry = listener as Listener;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    has: (type) => (listeners.get(type)?.size ?? 0) > 0,
  };
}
