import { describe, expect, it } from 'vitest';
import { defaultReconnectDelayOptions, reconnectDelay } from './reconnect-delay';

const lowest = () => 0;
const highest = () => 0.999_999;

describe('reconnectDelay', () => {
  it('CONN-20 retries the first time at once', () => {
    expect(reconnectDelay(0, lowest)).toBe(0);
    expect(reconnectDelay(0, highest)).toBe(0);
    expect(reconnectDelay(-1, highest)).toBe(0);
  });

  it('CONN-21 doubles the ceiling per attempt with equal jitter', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => reconnectDelay(attempt, lowest))).toEqual([
      500, 1000, 2000, 4000, 8000,
    ]);
    expect([1, 2, 3, 4, 5].map((attempt) => reconnectDelay(attempt, highest))).toEqual([
      999, 1999, 3999, 7999, 15999,
    ]);
  });

  it('CONN-22 never exceeds the 30 s cap, even for huge attempt numbers', () => {
    for (const attempt of [6, 7, 20, 1_000, Number.MAX_SAFE_INTEGER]) {
      const delay = reconnectDelay(attempt, highest);
      expect(delay).toBeLessThanOrEqual(defaultReconnectDelayOptions.maxMs);
      expect(delay).toBeGreaterThanOrEqual(defaultReconnectDelayOptions.maxMs / 2);
    }
  });

  it('CONN-23 honours custom options', () => {
    expect(reconnectDelay(2, lowest, { firstRetryMaxMs: 10, baseMs: 100, maxMs: 150 })).toBe(75);
    expect(reconnectDelay(0, highest, { firstRetryMaxMs: 10, baseMs: 100, maxMs: 150 })).toBe(9);
  });
});
