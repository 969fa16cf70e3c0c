import { describe, expect, it } from 'vitest';
import { type ChatOutcome, computeFigures, countInversions, passes, type SideOutcome } from './figures';

const side = (overrides: Partial<SideOutcome> = {}): SideOutcome => ({
  transcriptIds: ['a', 'b', 'c'],
  messageEvents: new Map([
    ['a', 1],
    ['b', 1],
    ['c', 1],
  ]),
  failedSends: 0,
  unsettledSends: 0,
  recovered: true,
  recoveryTimes: [],
  connectionCalls: 1,
  ...overrides,
});

const service = [
  { id: 'a', content: 'c-1', time: 't1' },
  { id: 'b', content: 'a-1', time: 't2' },
  { id: 'c', content: 'c-2', time: 't3' },
];

describe('chaos figures', () => {
  it('CHF-01 a clean run is all zeros and passes', () => {
    const figures = computeFigures([
      { service, sides: [side(), side({ recoveryTimes: [10, 30], connectionCalls: 3 })] },
    ]);
    expect(figures).toMatchObject({
      chats: 1,
      sides: 2,
      messagesStored: 3,
      lost: 0,
      duplicated: 0,
      misordered: 0,
      doubleApplied: 0,
      failedSends: 0,
      unrecovered: 0,
      recoveries: 2,
      recoveryMsMedian: 20,
      recoveryMsMax: 30,
      connectionCallsPerChatMean: 4,
      connectionCallsPerChatMax: 4,
    });
    expect(passes(figures)).toBe(true);
  });

  it('CHF-02 each kind of failure is counted and fails the run', () => {
    const chats: ChatOutcome[] = [
      {
        service: [...service, { id: 'd', content: 'c-2', time: 't4' }],
        sides: [
          side({ transcriptIds: ['a', 'c', 'b', 'b'], messageEvents: new Map([['a', 2]]) }),
          side({ transcriptIds: ['a'], failedSends: 1, unsettledSends: 1, recovered: false }),
        ],
      },
    ];
    const figures = computeFigures(chats);
    // Side 1 misses d; side 2 misses b, c, d.
    expect(figures.lost).toBe(4);
    // b twice in side 1's transcript, a delivered twice.
    expect(figures.duplicated).toBe(2);
    expect(figures.misordered).toBe(1);
    expect(figures.doubleApplied).toBe(1);
    expect(figures.failedSends).toBe(2);
    expect(figures.unrecovered).toBe(1);
    expect(passes(figures)).toBe(false);
  });

  it('CHF-04 messages with the same service time may be held in either order', () => {
    const tied = [
      { id: 'x', content: 'c-1', time: 't1' },
      { id: 'y', content: 'a-1', time: 't1' },
      { id: 'z', content: 'c-2', time: 't2' },
    ];
    const ok = computeFigures([{ service: tied, sides: [side({ transcriptIds: ['y', 'x', 'z'] })] }]);
    expect(ok.misordered).toBe(0);
    const bad = computeFigures([{ service: tied, sides: [side({ transcriptIds: ['z', 'x', 'y'] })] }]);
    expect(bad.misordered).toBe(2);
  });

  it('CHF-03 inversions count every pair out of order, ignoring ids the service does not have', () => {
    const rank = new Map(['a', 'b', 'c', 'd'].map((id, index) => [id, index]));
    expect(countInversions(['a', 'b', 'c', 'd'], rank)).toBe(0);
    expect(countInversions(['d', 'c', 'b', 'a'], rank)).toBe(6);
    expect(countInversions(['b', 'x', 'a'], rank)).toBe(1);
  });
});
