import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/testing';

// A clock for the connection's timers that only moves when the test says so (XState's SimulatedClock is not a
// dependency of this package; this one has the same contract: timers fire in due order during `increment`).

interface Timer {
  id: number;
  due: number;
  callback: () => void;
}

export class ManualClock {
  private current = 0;
  private nextId = 1;
  private timers = new Map<number, Timer>();

  now(): number {
    return this.current;
  }

  set(ms: number): void {
    this.current = ms;
  }

  setTimeout(callback: (...args: unknown[]) => void, timeout: number): number {
    const id = this.nextId++;
    this.timers.set(id, { id, due: this.current + Math.max(0, timeout), callback: () => callback() });
    return id;
  }

  clearTimeout(id: unknown): void {
    this.timers.delete(id as number);
  }

  /** Moves time forward by `ms`, firing every timer that falls due (including ones scheduled meanwhile). */
  increment(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = [...this.timers.values()]
        .filter((timer) => timer.due <= target)
        .sort((a, b) => a.due - b.due || a.id - b.id)[0];
      if (!due) break;
      this.timers.delete(due.id);
      this.current = Math.max(this.current, due.due);
      due.callback();
    }
    this.current = target;
  }
}

/**
 * Starts an emulator whose time and timers are `clock`'s (set to 2030-01-01), so the sessions under test and the
 * service move together when the test steps the clock.
 */
export async function startEmulatorOnClock(
  clock: ManualClock,
  options: Partial<EmulatorOptions> = {},
): Promise<Emulator> {
  clock.set(Date.parse('2030-01-01T00:00:00.000Z'));
  return startEmulator({
    clock: { now: () => clock.now() },
    scheduler: {
      setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
      clearTimeout: (handle) => clock.clearTimeout(handle),
    },
    ...options,
  });
}
