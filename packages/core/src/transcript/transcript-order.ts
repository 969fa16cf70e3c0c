/** The transcript's order as pure functions: sort keys, their comparison, and binary search over a sorted list. */
import type { Item } from '../protocol/item.types';

/**
 * Where an entry sorts. Entries placed by the service (`placed: true`) sort by `time` then `id`; own sends still
 * waiting for their server time (`placed: false`) sort after all of them, by `seq` (the order they were added).
 */
export interface TranscriptOrderKey {
  readonly placed: boolean;
  /** `AbsoluteTime`, or `''` when the item has none (so it sorts first). */
  readonly time: string;
  readonly id: string;
  readonly seq: number;
}

/** The key of an item the service has placed: its `AbsoluteTime` (missing sorts as `''`, i.e. first) and `Id`. */
export function placedOrderKey(absoluteTime: string | undefined, id: string): TranscriptOrderKey {
  return { placed: true, time: absoluteTime ?? '', id, seq: 0 };
}

/** The key of an own send not placed by the service yet: after every placed entry, in the order of `seq`. */
export function pendingOrderKey(seq: number): TranscriptOrderKey {
  return { placed: false, time: '', id: '', seq };
}

/** Plain code-unit comparison; ISO-8601 UTC times of the same format sort correctly this way. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two order keys: negative when `a` sorts first. */
export function compareOrderKeys(a: TranscriptOrderKey, b: TranscriptOrderKey): number {
  if (a.placed !== b.placed) return a.placed ? -1 : 1;
  if (!a.placed) return a.seq - b.seq;
  return compareStrings(a.time, b.time) || compareStrings(a.id, b.id);
}

/** Compares two service items the way the transcript orders them: by `AbsoluteTime`, then `Id`. */
export function compareTranscriptItems(a: Item, b: Item): number {
  return compareStrings(a.AbsoluteTime ?? '', b.AbsoluteTime ?? '') || compareStrings(a.Id ?? '', b.Id ?? '');
}

/**
 * Binary search over elements sorted by order key: the first index whose element sorts after `key`, or at or
 * after it when `inclusive`.
 */
function bound<T>(
  sorted: readonly T[],
  key: TranscriptOrderKey,
  keyOf: (element: T) => TranscriptOrderKey,
  inclusive: boolean,
): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const order = compareOrderKeys(keyOf(sorted[middle] as T), key);
    if (order < 0 || (!inclusive && order === 0)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first index whose element sorts at or after `key` (where an equal element is, if there is one). */
export function lowerBound<T>(
  sorted: readonly T[],
  key: TranscriptOrderKey,
  keyOf: (element: T) => TranscriptOrderKey,
): number {
  return bound(sorted, key, keyOf, true);
}

/** The first index whose element sorts strictly after `key` (where a new element with that key goes). */
export function upperBound<T>(
  sorted: readonly T[],
  key: TranscriptOrderKey,
  keyOf: (element: T) => TranscriptOrderKey,
): number {
  return bound(sorted, key, keyOf, false);
}
