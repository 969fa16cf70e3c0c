// A scheduler for the emulator that runs every timer normally, except those of one marker duration: those are held
// (never fire on their own), and the test is told when one is scheduled. A `delay` fault of that duration therefore
// keeps a request in flight, and tells the test the request has reached the server, without any real waiting.

/** The emulator's scheduler slot. */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** A scheduler that holds timers of {@link heldDelayMs}. */
export interface HeldScheduler extends Scheduler {
  /** Resolves when the next held timer is scheduled. */
  nextHeld(): Promise<void>;
  /** Fires every held timer (so delayed requests can finish before the server closes). */
  releaseAll(): void;
}

/** The delay a `delay` fault uses to hold a request in flight. */
export const heldDelayMs = 3_600_000;

/** Creates a {@link HeldScheduler}. */
export function heldScheduler(): HeldScheduler {
  const held = new Set<() => void>();
  let waiters: Array<() => void> = [];
  return {
    setTimeout(callback, ms) {
      if (ms !== heldDelayMs) return { real: setTimeout(callback, ms) };
      held.add(callback);
      for (const wake of waiters.splice(0)) wake();
      return { held: callback };
    },
    clearTimeout(handle) {
      const timer = handle as { real?: ReturnType<typeof setTimeout>; held?: () => void };
      if (timer.real !== undefined) clearTimeout(timer.real);
      if (timer.held !== undefined) held.delete(timer.held);
    },
    nextHeld: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
      }),
    releaseAll() {
      const callbacks = [...held];
      held.clear();
      waiters = [];
      for (const callback of callbacks) callback();
    },
  };
}
