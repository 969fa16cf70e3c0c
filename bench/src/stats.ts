/** Small statistics for benchmark figures. Pure, so they can be tested. */

/** The median of `values` (the mean of the middle two for an even count); `NaN` when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `value` rounded to `digits` decimals (figures in results.json need no more). */
export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** `ours / theirs`, rounded to 3 decimals; `NaN` when `theirs` is 0 or either is not a number. */
export function ratio(ours: number, theirs: number): number {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return Number.NaN;
  return round(ours / theirs, 3);
}

/**
 * The order of `items` for round `index`: rotated by one each round, so no library always runs first (on a warm
 * or a cold machine) and each runs right after each of the others in turn.
 */
export function rotation<T>(items: readonly T[], index: number): T[] {
  if (items.length === 0) return [];
  const shift = index % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
