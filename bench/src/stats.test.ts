import { describe, expect, test } from 'vitest';
import { median, ratio, rotation, round } from './stats';

describe('median', () => {
  test('of an odd count is the middle value, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
  });
  test('of an even count is the mean of the middle two', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  test('of nothing is NaN', () => {
    expect(median([])).toBeNaN();
  });
});

describe('ratio', () => {
  test('divides and rounds to three decimals', () => {
    expect(ratio(1, 3)).toBe(0.333);
  });
  test('is NaN against zero or a missing figure', () => {
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(Number.NaN, 2)).toBeNaN();
  });
});

test('round keeps the requested decimals', () => {
  expect(round(12.3456, 2)).toBe(12.35);
  expect(round(12.35)).toBe(12.4);
});

test('rotation moves the first item to the back each round and wraps around', () => {
  const items = ['floor', 'core', 'compat', 'chatjs'];
  expect(rotation(items, 0)).toEqual(items);
  expect(rotation(items, 1)).toEqual(['core', 'compat', 'chatjs', 'floor']);
  expect(rotation(items, 5)).toEqual(rotation(items, 1));
  expect(rotation([], 3)).toEqual([]);
});
