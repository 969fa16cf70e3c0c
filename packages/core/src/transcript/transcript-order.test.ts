import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at } from './transcript.test-support';
import {
  compareOrderKeys,
  compareTranscriptItems,
  lowerBound,
  pendingOrderKey,
  placedOrderKey,
  type TranscriptOrderKey,
  upperBound,
} from './transcript-order';

const identity = (key: TranscriptOrderKey) => key;

describe('transcript order', () => {
  it('TO-01 placed keys sort by time then id; a missing time sorts first', () => {
    expect(compareOrderKeys(placedOrderKey(at(1), 'b'), placedOrderKey(at(2), 'a'))).toBeLessThan(0);
    expect(compareOrderKeys(placedOrderKey(at(1), 'b'), placedOrderKey(at(1), 'a'))).toBeGreaterThan(0);
    expect(compareOrderKeys(placedOrderKey(undefined, 'z'), placedOrderKey(at(0), 'a'))).toBeLessThan(0);
    expect(compareOrderKeys(placedOrderKey(at(1), 'a'), placedOrderKey(at(1), 'a'))).toBe(0);
  });

  it('TO-02 pending keys sort after every placed key, in add order', () => {
    expect(compareOrderKeys(pendingOrderKey(0), placedOrderKey('9999', 'zzz'))).toBeGreaterThan(0);
    expect(compareOrderKeys(placedOrderKey(undefined, ''), pendingOrderKey(0))).toBeLessThan(0);
    expect(compareOrderKeys(pendingOrderKey(1), pendingOrderKey(2))).toBeLessThan(0);
  });

  it('TO-03 compareTranscriptItems orders items by AbsoluteTime then Id', () => {
    const items = [
      { Id: 'b', AbsoluteTime: at(1) },
      { Id: 'a', AbsoluteTime: at(1) },
      { Id: 'c' },
      { Id: 'd', AbsoluteTime: at(0) },
    ];
    expect([...items].sort(compareTranscriptItems).map((item) => item.Id)).toEqual(['c', 'd', 'a', 'b']);
  });

  it('TO-04 lowerBound finds an equal key and upperBound inserts after it', () => {
    const sorted = [1, 2, 2, 3].map((seq) => pendingOrderKey(seq));
    expect(lowerBound(sorted, pendingOrderKey(2), identity)).toBe(1);
    expect(upperBound(sorted, pendingOrderKey(2), identity)).toBe(3);
    expect(lowerBound(sorted, pendingOrderKey(0), identity)).toBe(0);
    expect(upperBound(sorted, pendingOrderKey(9), identity)).toBe(4);
    expect(upperBound([], pendingOrderKey(9), identity)).toBe(0);
  });

  it('TO-05 inserting at upperBound one key at a time yields the fully sorted list', () => {
    const keyArb = fc.oneof(
      fc
        .record({ time: fc.option(fc.integer({ min: 0, max: 5 })), id: fc.constantFrom('a', 'b', 'c') })
        .map(({ time, id }) => placedOrderKey(time === null ? undefined : at(time), id)),
      fc.integer({ min: 0, max: 5 }).map(pendingOrderKey),
    );
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 40 }), (keys) => {
        const list: TranscriptOrderKey[] = [];
        for (const key of keys) list.splice(upperBound(list, key, identity), 0, key);
        expect(list).toEqual([...keys].sort(compareOrderKeys));
      }),
      { numRuns: 200 },
    );
  });
});
