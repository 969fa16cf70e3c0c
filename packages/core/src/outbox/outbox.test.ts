import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChatError, ChatErrorCode } from '../errors';
import { createOutbox, outboxRetryDelay } from './outbox';
import type { OutboxTimers } from './outbox.types';

/** Timers that fire only when the test says so. */
class ManualTimers implements OutboxTimers {
  private next = 1;
  readonly pending = new Map<number, { due: number; callback: () => void }>();
  now = 0;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { due: this.now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Fires every timer due within `ms`, in order. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.pending.entries()].sort((a, b) => a[1].due - b[1].due)[0];
      if (!due || due[1].due > until) break;
      this.pending.delete(due[0]);
      this.now = due[1].due;
      due[1].callback();
    }
    this.now = until;
  }
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const transient = () => new ChatError(ChatErrorCode.serviceUnavailable, 'unavailable');

describe('outbox', () => {
  it('OUT-01 holds sends until opened, then sends them one at a time in order', async () => {
    const timers = new ManualTimers();
    const outbox = createOutbox({ timers });
    const calls: string[] = [];
    const gates = [deferred<string>(), deferred<string>()];
    const results = ['a', 'b'].map((label, index) =>
      outbox.enqueue({
        label,
        run: () => {
          calls.push(label);
          return gates[index]!.promise;
        },
      }),
    );
    await flush();
    expect(calls).toEqual([]);
    outbox.open();
    await flush();
    expect(calls).toEqual(['a']);
    gates[0]!.resolve('A');
    await flush();
    expect(calls).toEqual(['a', 'b']);
    gates[1]!.resolve('B');
    await expect(Promise.all(results)).resolves.toEqual(['A', 'B']);
    expect(outbox.state()).toEqual({ size: 0, open: true, sending: false, headAttempts: 0 });
  });

  it('OUT-02 retries a transient failure after the back-off, keeping later sends behind it', async () => {
    const timers = new ManualTimers();
    const outbox = createOutbox({ timers });
    outbox.open();
    const calls: string[] = [];
    let failures = 2;
    const first = outbox.enqueue({
      label: 'message',
      run: () => {
        calls.push('first');
        return failures-- > 0 ? Promise.reject(transient()) : Promise.resolve('ok');
      },
    });
    const second = outbox.enqueue({
      label: 'message',
      run: () => {
        calls.push('second');
        return Promise.resolve('ok2');
      },
    });
    await flush();
    expect(calls).toEqual(['first']);
    expect(outbox.state().headAttempts).toBe(1);
    timers.advance(outboxRetryDelay(1) - 1);
    await flush();
    expect(calls).toEqual(['first']);
    timers.advance(1);
    await flush();
    expect(calls).toEqual(['first', 'first']);
    timers.advance(outboxRetryDelay(2));
    await flush();
    await expect(first).resolves.toBe('ok');
    await expect(second).resolves.toBe('ok2');
    expect(calls).toEqual(['first', 'first', 'first', 'second']);
  });

  it('OUT-03 fails a non-retryable send at once and carries on with the next', async () => {
    const outbox = createOutbox({ timers: new ManualTimers() });
    outbox.open();
    const bad = outbox.enqueue({
      label: 'message',
      run: () => Promise.reject(new ChatError(ChatErrorCode.validation, 'too long')),
    });
    const good = outbox.enqueue({ label: 'message', run: () => Promise.resolve(2) });
    await expect(bad).rejects.toMatchObject({ code: 'validation' });
    await expect(good).resolves.toBe(2);
  });

  it('OUT-04 a transient failure while held waits for open, then retries at once', async () => {
    const timers = new ManualTimers();
    const outbox = createOutbox({ timers });
    outbox.open();
    let attempts = 0;
    const sent = outbox.enqueue({
      label: 'event',
      run: () => (++attempts === 1 ? Promise.reject(transient()) : Promise.resolve('done')),
    });
    outbox.hold();
    await flush();
    timers.advance(60_000);
    await flush();
    expect(attempts).toBe(1);
    outbox.open();
    await expect(sent).resolves.toBe('done');
    expect(attempts).toBe(2);
  });

  it('OUT-05 rejects with queueFull beyond capacity without running anything', async () => {
    const outbox = createOutbox({ timers: new ManualTimers(), capacity: 2 });
    let runs = 0;
    const run = () => {
      runs += 1;
      return Promise.resolve();
    };
    void outbox.enqueue({ label: 'message', run });
    void outbox.enqueue({ label: 'message', run });
    await expect(outbox.enqueue({ label: 'message', run })).rejects.toMatchObject({ code: 'queueFull' });
    expect(runs).toBe(0);
    expect(outbox.state().size).toBe(2);
  });

  it('OUT-06 close rejects every waiting send and later ones; the one in flight finishes with its own answer', async () => {
    const outbox = createOutbox({ timers: new ManualTimers() });
    outbox.open();
    const gate = deferred<string>();
    let signal: AbortSignal | undefined;
    const inFlight = outbox.enqueue({
      label: 'message',
      run: (s) => {
        signal = s;
        return gate.promise;
      },
    });
    const queued = outbox.enqueue({ label: 'message', run: () => Promise.resolve('never') });
    await flush();
    const ended = new ChatError(ChatErrorCode.ended, 'the chat ended');
    outbox.close(ended);
    await expect(queued).rejects.toBe(ended);
    expect(signal?.aborted).toBe(false);
    gate.resolve('applied');
    await expect(inFlight).resolves.toBe('applied');
    await expect(outbox.enqueue({ label: 'message', run: () => Promise.resolve() })).rejects.toBe(ended);
  });

  it('OUT-06b close with abortInFlight aborts the request in flight and rejects it', async () => {
    const outbox = createOutbox({ timers: new ManualTimers() });
    outbox.open();
    let signal: AbortSignal | undefined;
    const inFlight = outbox.enqueue({
      label: 'message',
      run: (s) => {
        signal = s;
        return new Promise(() => undefined);
      },
    });
    await flush();
    const closed = new ChatError(ChatErrorCode.ended, 'closed');
    outbox.close(closed, { abortInFlight: true });
    await expect(inFlight).rejects.toBe(closed);
    expect(signal?.aborted).toBe(true);
  });

  it('OUT-07 a caller abort removes a queued send, or aborts it in flight; the rest go on', async () => {
    const outbox = createOutbox({ timers: new ManualTimers() });
    const head = new AbortController();
    const middle = new AbortController();
    let headSignal: AbortSignal | undefined;
    const calls: string[] = [];
    const first = outbox.enqueue({
      label: 'message',
      signal: head.signal,
      run: (s) => {
        calls.push('first');
        headSignal = s;
        return new Promise((_, reject) =>
          s.addEventListener('abort', () => reject(new ChatError(ChatErrorCode.aborted, 'aborted'))),
        );
      },
    });
    const second = outbox.enqueue({
      label: 'message',
      signal: middle.signal,
      run: () => {
        calls.push('second');
        return Promise.resolve();
      },
    });
    const third = outbox.enqueue({
      label: 'message',
      run: () => {
        calls.push('third');
        return Promise.resolve(3);
      },
    });
    middle.abort();
    await expect(second).rejects.toMatchObject({ code: 'aborted' });
    outbox.open();
    await flush();
    head.abort();
    await expect(first).rejects.toMatchObject({ code: 'aborted' });
    expect(headSignal?.aborted).toBe(true);
    await expect(third).resolves.toBe(3);
    expect(calls).toEqual(['first', 'third']);
    const already = new AbortController();
    already.abort();
    await expect(
      outbox.enqueue({ label: 'message', signal: already.signal, run: () => Promise.resolve() }),
    ).rejects.toMatchObject({ code: 'aborted' });
  });

  it('OUT-11 reject settles every waiting send but keeps the outbox usable', async () => {
    const outbox = createOutbox({ timers: new ManualTimers() });
    const waiting = outbox.enqueue({ label: 'message', run: () => Promise.resolve('never') });
    const failed = new ChatError(ChatErrorCode.accessDenied, 'denied');
    outbox.reject(failed);
    await expect(waiting).rejects.toBe(failed);
    outbox.open();
    await expect(outbox.enqueue({ label: 'message', run: () => Promise.resolve('later') })).resolves.toBe(
      'later',
    );
  });

  it('OUT-08 a run that throws synchronously fails that send only', async () => {
    const outbox = createOutbox({ timers: new ManualTimers() });
    outbox.open();
    const thrown = outbox.enqueue({
      label: 'message',
      run: () => {
        throw new TypeError('boom');
      },
    });
    await expect(thrown).rejects.toMatchObject({ code: 'unknown' });
    await expect(outbox.enqueue({ label: 'message', run: () => Promise.resolve(1) })).resolves.toBe(1);
  });

  it('OUT-09 the default retry delay doubles from 1 s and stops at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(outboxRetryDelay)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('OUT-12 with maxAttempts, a send that keeps failing transiently rejects with its last failure after that many runs; the next goes', async () => {
    const timers = new ManualTimers();
    const outbox = createOutbox({ timers, maxAttempts: 3 });
    outbox.open();
    const calls: string[] = [];
    const failures: ChatError[] = [];
    const first = outbox.enqueue({
      label: 'message',
      run: () => {
        calls.push('first');
        const failure = new ChatError(ChatErrorCode.throttled, `slow down #${failures.length + 1}`);
        failures.push(failure);
        return Promise.reject(failure);
      },
    });
    const second = outbox.enqueue({
      label: 'message',
      run: () => {
        calls.push('second');
        return Promise.resolve('ok2');
      },
    });
    const outcome = first.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await flush();
    expect(calls).toEqual(['first']);
    expect(outbox.state()).toMatchObject({ size: 2, headAttempts: 1 });
    timers.advance(outboxRetryDelay(1));
    await flush();
    expect(calls).toEqual(['first', 'first']);
    expect(outbox.state().headAttempts).toBe(2);
    timers.advance(outboxRetryDelay(2));
    await flush();
    expect(await outcome).toBe(failures[2]);
    expect(failures).toHaveLength(3);
    await expect(second).resolves.toBe('ok2');
    expect(calls).toEqual(['first', 'first', 'first', 'second']);
    expect(timers.pending.size).toBe(0);
    expect(outbox.state()).toEqual({ size: 0, open: true, sending: false, headAttempts: 0 });
  });

  it('OUT-13 with maxAttempts, a send that goes through on its last allowed attempt resolves', async () => {
    const timers = new ManualTimers();
    const outbox = createOutbox({ timers, maxAttempts: 3 });
    outbox.open();
    let runs = 0;
    const sent = outbox.enqueue({
      label: 'message',
      run: () => (++runs < 3 ? Promise.reject(transient()) : Promise.resolve('third time')),
    });
    await flush();
    timers.advance(outboxRetryDelay(1));
    await flush();
    timers.advance(outboxRetryDelay(2));
    await expect(sent).resolves.toBe('third time');
    expect(runs).toBe(3);
    expect(outbox.state().headAttempts).toBe(0);
  });

  it('OUT-14 maxAttempts 1 rejects on the first transient failure without waiting, even while held', async () => {
    const timers = new ManualTimers();
    const outbox = createOutbox({ timers, maxAttempts: 1 });
    outbox.open();
    const gate = deferred<string>();
    const failure = transient();
    const first = outbox.enqueue({ label: 'message', run: () => gate.promise });
    let secondRuns = 0;
    const second = outbox.enqueue({
      label: 'message',
      run: () => {
        secondRuns += 1;
        return Promise.resolve('second');
      },
    });
    await flush();
    // The connection drops while the request is on the wire; its failure is final all the same.
    outbox.hold();
    gate.reject(failure);
    await expect(first).rejects.toBe(failure);
    expect(timers.pending.size).toBe(0);
    expect(outbox.state()).toEqual({ size: 1, open: false, sending: false, headAttempts: 0 });
    expect(secondRuns).toBe(0);
    outbox.open();
    await expect(second).resolves.toBe('second');
  });

  it('OUT-15 attempts made before a hold count: the retry that goes at once on open is the last one allowed', async () => {
    const timers = new ManualTimers();
    const outbox = createOutbox({ timers, maxAttempts: 2 });
    outbox.open();
    let runs = 0;
    const sent = outbox.enqueue({
      label: 'event',
      run: () => {
        runs += 1;
        return Promise.reject(new ChatError(ChatErrorCode.network, `reset #${runs}`));
      },
    });
    const outcome = sent.then(
      () => undefined,
      (error: unknown) => error,
    );
    await flush();
    outbox.hold();
    timers.advance(60_000);
    await flush();
    expect(runs).toBe(1);
    expect(outbox.state().headAttempts).toBe(1);
    outbox.open();
    await flush();
    expect(runs).toBe(2);
    expect(await outcome).toMatchObject({ code: 'network', message: 'reset #2' });
    expect(outbox.state().headAttempts).toBe(0);
  });

  it('OUT-16 maxAttempts must be a whole number from 1', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => createOutbox({ timers: new ManualTimers(), maxAttempts: bad })).toThrow(
        expect.objectContaining({ code: 'validation', message: expect.stringContaining('maxAttempts') }),
      );
    }
    expect(() => createOutbox({ timers: new ManualTimers(), maxAttempts: 1 })).not.toThrow();
  });

  // OUT-17: with a limit, under any faults and connection changes, each send runs at most `maxAttempts` times, in
  // queue order; it rejects only after exactly that many transient failures, and otherwise resolves with its answer.
  it('OUT-17 under any faults, a limited send runs at most maxAttempts times and rejects only when all failed', async () => {
    type Fault = 'ok' | 'transient' | 'throttled';
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.constantFrom<Fault>('ok', 'transient', 'throttled'), { maxLength: 40 }),
        fc.array(fc.boolean(), { maxLength: 20 }),
        async (maxAttempts, count, faults, toggles) => {
          const timers = new ManualTimers();
          const outbox = createOutbox({ timers, maxAttempts });
          const runs: number[] = [];
          const outcomes: ('ok' | 'failed')[] = Array.from({ length: count }, () => 'failed');
          let attempt = 0;
          const results = Array.from({ length: count }, (_, index) =>
            outbox
              .enqueue({
                label: 'message',
                run: () => {
                  runs.push(index);
                  const fault = faults[attempt++] ?? 'ok';
                  if (fault === 'transient') return Promise.reject(transient());
                  if (fault === 'throttled')
                    return Promise.reject(new ChatError(ChatErrorCode.throttled, 'slow down'));
                  return Promise.resolve(index);
                },
              })
              .then(
                () => {
                  outcomes[index] = 'ok';
                },
                () => {
                  outcomes[index] = 'failed';
                },
              ),
          );
          for (const open of toggles) {
            if (open) outbox.open();
            else outbox.hold();
            await flush();
            timers.advance(5_000);
            await flush();
          }
          outbox.open();
          for (let round = 0; round < 200 && outbox.state().size > 0; round += 1) {
            await flush();
            timers.advance(30_000);
          }
          await Promise.all(results);
          // Runs come in queue order, each send's runs together.
          expect(runs).toEqual([...runs].sort((a, b) => a - b));
          let cursor = 0;
          for (let index = 0; index < count; index += 1) {
            const own = runs.filter((run) => run === index).length;
            // Runs past the end of `faults` answer 'ok'.
            const faultsOfSend = Array.from({ length: own }, (_, run) => faults[cursor + run] ?? 'ok');
            cursor += own;
            expect(own).toBeGreaterThanOrEqual(1);
            expect(own).toBeLessThanOrEqual(maxAttempts);
            const failedAll = faultsOfSend.every((fault) => fault !== 'ok');
            expect(outcomes[index]).toBe(failedAll ? 'failed' : 'ok');
            if (failedAll) expect(own).toBe(maxAttempts);
            else expect(faultsOfSend.slice(0, -1).every((fault) => fault !== 'ok')).toBe(true);
          }
          expect(outbox.state().headAttempts).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  // OUT-10: the exactly-once property. A fake service applies a send at most once per ClientToken (as the real one
  // does); faults make attempts fail before reaching it, or reach it and lose the answer; the connection is held and
  // opened at random moments. Every send must end up applied exactly once, in the order it was queued.
  it('OUT-10 under any faults and connection changes, every send reaches the service exactly once, in order', async () => {
    type Fault = 'ok' | 'failBefore' | 'failAfter' | 'throttled';
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.constantFrom<Fault>('ok', 'failBefore', 'failAfter', 'throttled'), { maxLength: 60 }),
        fc.array(fc.boolean(), { maxLength: 30 }),
        async (count, faults, toggles) => {
          const timers = new ManualTimers();
          const outbox = createOutbox({ timers });
          const applied: string[] = [];
          const byToken = new Map<string, string>();
          let attempt = 0;
          const send = (token: string): Promise<string> => {
            const fault = faults[attempt++] ?? 'ok';
            if (fault === 'failBefore')
              return Promise.reject(new ChatError(ChatErrorCode.network, 'connection reset'));
            if (fault === 'throttled')
              return Promise.reject(new ChatError(ChatErrorCode.throttled, 'slow down'));
            if (!byToken.has(token)) {
              byToken.set(token, `id-${token}`);
              applied.push(token);
            }
            if (fault === 'failAfter') return Promise.reject(transient());
            return Promise.resolve(byToken.get(token)!);
          };
          const results = Array.from({ length: count }, (_, index) => {
            const token = `t${index}`;
            return outbox.enqueue({ label: 'message', run: () => send(token) });
          });
          for (const open of toggles) {
            if (open) outbox.open();
            else outbox.hold();
            await flush();
            timers.advance(5_000);
            await flush();
          }
          outbox.open();
          for (let round = 0; round < 200 && outbox.state().size > 0; round += 1) {
            await flush();
            timers.advance(30_000);
          }
          const settled = await Promise.all(results);
          expect(settled).toEqual(results.map((_, index) => `id-t${index}`));
          expect(applied).toEqual(results.map((_, index) => `t${index}`));
        },
      ),
      { numRuns: 150 },
    );
  });
});
