import { describe, expect, it } from 'vitest';
import {
  defaultRetryDelay,
  maxRetryDelay,
  retryKindFor,
  throttlingRetryBaseDelay,
  transientRetryBaseDelay,
} from './retry-policy';

const almostOne = () => 0.999_999;

describe('defaultRetryDelay', () => {
  it('uses a 500 ms base for throttling and 100 ms for everything else', () => {
    expect(throttlingRetryBaseDelay).toBe(500);
    expect(transientRetryBaseDelay).toBe(100);
    expect(defaultRetryDelay(1, 'throttled', almostOne)).toBe(499);
    expect(defaultRetryDelay(1, 'serviceUnavailable', almostOne)).toBe(99);
    expect(defaultRetryDelay(1, 'network', almostOne)).toBe(99);
  });

  it('doubles the window per attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => defaultRetryDelay(attempt, 'throttled', () => 0.5))).toEqual([
      250, 500, 1000, 2000,
    ]);
  });

  it('applies full jitter: anywhere from 0 to the window', () => {
    expect(defaultRetryDelay(3, 'serviceUnavailable', () => 0)).toBe(0);
    expect(defaultRetryDelay(3, 'serviceUnavailable', () => 0.25)).toBe(100);
  });

  it('caps the window at 20 s', () => {
    expect(maxRetryDelay).toBe(20_000);
    expect(defaultRetryDelay(30, 'throttled', almostOne)).toBe(19_999);
    expect(defaultRetryDelay(8, 'serviceUnavailable', () => 0.5)).toBe(6_400);
    expect(defaultRetryDelay(12, 'serviceUnavailable', () => 0.5)).toBe(10_000);
  });
});

describe('retryKindFor', () => {
  it.each<[number, string | undefined, string | undefined]>([
    [429, undefined, 'throttling'],
    [429, 'AccessDeniedException', 'throttling'],
    [400, 'ThrottlingException', 'throttling'],
    [400, 'TooManyRequestsException', 'throttling'],
    [500, undefined, 'transient'],
    [502, undefined, 'transient'],
    [503, 'InternalServerException', 'transient'],
    [504, undefined, 'transient'],
    [400, 'RequestTimeoutException', 'transient'],
    [501, undefined, undefined],
    [400, 'ValidationException', undefined],
    [403, 'AccessDeniedException', undefined],
    [409, 'ConflictException', undefined],
    [402, 'ServiceQuotaExceededException', undefined],
    [404, 'ResourceNotFoundException', undefined],
  ])('status %i, name %s → %s', (status, name, kind) => {
    expect(retryKindFor(status, name)).toBe(kind);
  });
});
