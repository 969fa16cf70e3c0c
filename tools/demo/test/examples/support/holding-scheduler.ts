/**
 * An emulator scheduler that parks every timer of one marker length instead of running it. A `delay` fault of
 * {@link heldDelayMs} therefore holds a request at the emulator until the test releases it: the page is caught
 * mid-request (reconnecting, uploading) for as long as the test needs, and no test waits on the clock.
 */
import type { EmulatorScheduler } from '@connect-chat/transport/testing';

/** The delay that means "hold until released". Any other delay runs on the real timers. */
export const heldDelayMs = 3_600_000;

/** What {@link holdingScheduler} returns. */
export interface HoldingScheduler {
  readonly scheduler: EmulatorScheduler;
  /** Resolves once `count` requests in all have been parked (already parked ones count). */
  parked(count: number): Promise<void>;
  /** Lets every parked request go on. */
  release(): void;
}

interface ParkedTimer {
  callback: () => void;
}

/** Creates the scheduler. */
export function holdingScheduler(): HoldingScheduler {
  const parked = new Set<ParkedTimer>();
  let total = 0;
  const waiters = new Set<{ count: number; resolve: () => void }>();
  const notify = () => {
    for (const waiter of [...waiters]) {
      if (total < waiter.count) continue;
      waiters.delete(waiter);
      waiter.resolve();
    }
  };
  return {
    scheduler: {
      setTimeout(callback, ms) {
        if (ms !== heldDelayMs) return setTimeout(callback, ms);
        const timer: ParkedTimer = { callback };
        parked.add(timer);
        total += 1;
        notify();
        return timer;
      },
      clearTimeout(handle) {
        if (parked.delete(handle as ParkedTimer)) return;
        clearTimeout(handle as ReturnType<typeof setTimeout>);
      },
    },
    parked(count) {
      if (total >= count) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.add({ count, resolve }));
    },
    release() {
      const due = [...parked];
      parked.clear();
      for (const timer of due) timer.callback();
    },
  };
}
