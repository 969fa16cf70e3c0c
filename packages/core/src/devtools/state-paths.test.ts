import { describe, expect, it } from 'vitest';
import { describeMove, leafPaths, renderPaths } from './state-paths';

describe('state paths', () => {
  it('DEV-01 leaf paths of atomic, nested and parallel state values', () => {
    expect(leafPaths('idle')).toEqual(['idle']);
    expect(leafPaths({ active: { connecting: 'fetching' } })).toEqual(['active.connecting.fetching']);
    expect(leafPaths({ active: { service: 'accepting', hold: 'empty', window: {} } })).toEqual([
      'active.service.accepting',
      'active.hold.empty',
      'active.window',
    ]);
    expect(leafPaths(undefined)).toEqual([]);
  });

  it('DEV-02 paths render sharing their common segments', () => {
    expect(renderPaths(['active.connected.link.up'])).toBe('active.connected.link.up');
    expect(renderPaths(['active.window.open', 'active.sender.sending'])).toBe(
      'active.{window.open, sender.sending}',
    );
    expect(renderPaths(['a.b.x', 'a.b.y.z', 'c'])).toBe('a.b.{x, y.z}, c');
    expect(renderPaths([])).toBe('');
  });

  it('DEV-03 a move names only the regions that moved; no move is undefined', () => {
    const before = leafPaths({ active: { service: 'accepting', window: 'closed', sender: 'ready' } });
    const after = leafPaths({ active: { service: 'accepting', window: 'open', sender: 'sending' } });
    expect(describeMove(before, after)).toEqual({
      from: 'active.{window.closed, sender.ready}',
      to: 'active.{window.open, sender.sending}',
    });
    expect(describeMove(before, [...before])).toBeUndefined();
    expect(describeMove(['idle'], ['active.connecting.fetching'])).toEqual({
      from: 'idle',
      to: 'active.connecting.fetching',
    });
  });
});
