import { expect, test } from 'vitest';
import { censusDifference, censusOf } from './heap-snapshot';

const snapshot = {
  snapshot: {
    meta: {
      node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'],
      node_types: [['hidden', 'object', 'string', 'closure']] as [string[]],
    },
  },
  // object Actor (40 B), object Actor (40 B), a string holding a token (24 B), closure send (32 B)
  nodes: [1, 0, 1, 40, 0, 1, 0, 2, 40, 0, 2, 1, 3, 24, 0, 3, 2, 4, 32, 0],
  strings: ['Actor', 'secret-token-value', 'send'],
};

test('censusOf counts by constructor or function name, and never by a string’s content', () => {
  const census = censusOf(snapshot);
  expect(census.get('object Actor')).toEqual({ bytes: 80, count: 2 });
  expect(census.get('closure send')).toEqual({ bytes: 32, count: 1 });
  expect(census.get('string')).toEqual({ bytes: 24, count: 1 });
  expect([...census.keys()].some((key) => key.includes('secret'))).toBe(false);
});

test('censusDifference reports what was added, per session, largest first', () => {
  const before = new Map([['object Actor', { bytes: 40, count: 1 }]]);
  const after = new Map([
    ['object Actor', { bytes: 440, count: 11 }],
    ['closure send', { bytes: 100, count: 5 }],
    ['string', { bytes: 10, count: 1 }],
  ]);
  expect(censusDifference(before, after, 10, 2)).toEqual([
    { name: 'object Actor', bytesPerSession: 40, countPerSession: 1 },
    { name: 'closure send', bytesPerSession: 10, countPerSession: 0.5 },
  ]);
});
