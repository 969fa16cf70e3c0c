// A clock that only moves when a test says so. Timers fire in due order during `increment`, including timers
// scheduled meanwhile. Shared by the compat sessions and the emulator, so nothing in a test waits on real time.

interface Timer {
  id: number;
  due: number;
  callback: () => void;
}

export class ManualClock {
  private current = 0;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

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

  /** Moves time forward by `ms`, firing every timer that falls due. */
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
