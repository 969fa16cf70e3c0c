/**
 * Size budgets per entry point (`bench/size-budgets.json`), enforced in CI: each budget is the measured gzip size
 * plus about 2 %, so any growth is a deliberate change to the budget file. Issue 8's targets (20 KB for the
 * customer app, 30 KB for the compat script) are checked by `pnpm bench`; docs/performance.md states the gap.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { measureEntry } from './size/measure-size';
import { baselineEntryId, sizeEntries } from './size/size-entries';

interface Budget {
  gzipBytes: number;
}

const budgets = JSON.parse(readFileSync(new URL('../size-budgets.json', import.meta.url), 'utf8')) as Record<
  string,
  Budget
>;
const ours = sizeEntries.filter((entry) => entry.id !== baselineEntryId);

test('every entry point of ours has a budget, and every budget an entry point', () => {
  expect(Object.keys(budgets).sort()).toEqual(ours.map((entry) => entry.id).sort());
});

describe('size budgets (gzip -9)', () => {
  for (const entry of ours) {
    test(`${entry.label} stays within its budget`, async () => {
      const budget = budgets[entry.id];
      if (!budget) throw new Error(`no budget for ${entry.id} in size-budgets.json`);
      const { gzipBytes } = await measureEntry(entry);
      expect(
        gzipBytes,
        `${entry.id} is ${gzipBytes} B gzip, over its budget of ${budget.gzipBytes} B; shrink it, or raise the budget in bench/size-budgets.json on purpose`,
      ).toBeLessThanOrEqual(budget.gzipBytes);
    });
  }
});
