import { describe, expect, it } from 'vitest';
import { FaultTable, faultMatches } from './faults';
import { seededRandom } from './random';

describe('faultMatches', () => {
  it('requires every given member, matching routes by prefix', () => {
    const subject = { operation: 'SendMessage', route: '/participant/message', participantId: 'p1' };
    expect(faultMatches(undefined, subject)).toBe(true);
    expect(faultMatches({ operation: 'SendMessage' }, subject)).toBe(true);
    expect(faultMatches({ route: '/participant/' }, subject)).toBe(true);
    expect(faultMatches({ operation: 'SendEvent' }, subject)).toBe(false);
    expect(faultMatches({ participantId: 'p2' }, subject)).toBe(false);
    expect(faultMatches({ contactId: 'c1' }, subject)).toBe(false);
  });
});

describe('FaultTable', () => {
  it('counts uses and removes a rule when its times run out', () => {
    const table = new FaultTable(
      () => 0,
      () => 0,
    );
    table.add({ action: { type: 'error', status: 500 }, times: 2 });
    expect(table.take(['error'], {})).toBeDefined();
    expect(table.take(['error'], {})).toBeDefined();
    expect(table.take(['error'], {})).toBeUndefined();
    expect(table.list()).toHaveLength(0);
  });

  it("uses the action's own times when the rule gives none", () => {
    const table = new FaultTable(
      () => 0,
      () => 0,
    );
    table.add({ action: { type: 'rejectUpgrades', times: 1 } });
    expect(table.take(['rejectUpgrades'], {})).toBeDefined();
    expect(table.take(['rejectUpgrades'], {})).toBeUndefined();
  });

  it('keeps a rule without times for ever, and only fires the requested action types', () => {
    const table = new FaultTable(
      () => 0,
      () => 0,
    );
    table.add({ action: { type: 'stopHeartbeats' } });
    for (let index = 0; index < 5; index += 1) expect(table.take(['stopHeartbeats'], {})).toBeDefined();
    expect(table.take(['stopPings'], {})).toBeUndefined();
  });

  it('keeps a rule dormant until afterMs has passed on the clock', () => {
    let now = 1000;
    const table = new FaultTable(
      () => now,
      () => 0,
    );
    table.add({ action: { type: 'dropConnection' }, afterMs: 500 });
    expect(table.take(['dropConnection'], {})).toBeUndefined();
    now = 1500;
    expect(table.take(['dropConnection'], {})).toBeDefined();
  });

  it('rolls probability with the seeded PRNG, reproducibly', () => {
    const run = (seed: number) => {
      const table = new FaultTable(() => 0, seededRandom(seed));
      table.add({ action: { type: 'error' }, probability: 0.5 });
      return Array.from({ length: 40 }, () => (table.take(['error'], {}) ? 1 : 0)).join('');
    };
    expect(run(42)).toBe(run(42));
    expect(run(42)).not.toBe(run(43));
    const hits = [...run(42)].filter((bit) => bit === '1').length;
    expect(hits).toBeGreaterThan(8);
    expect(hits).toBeLessThan(32);
  });

  it('removes one rule by id, or all', () => {
    const table = new FaultTable(
      () => 0,
      () => 0,
    );
    const first = table.add({ action: { type: 'stopPings' } });
    table.add({ action: { type: 'stopHeartbeats' } });
    expect(table.remove(first.id)).toBe(1);
    expect(table.list().map((rule) => rule.action.type)).toEqual(['stopHeartbeats']);
    expect(table.remove()).toBe(1);
  });
});

describe('seededRandom', () => {
  it('stays in [0, 1)', () => {
    const random = seededRandom(7);
    for (let index = 0; index < 1000; index += 1) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});
