// Several inspectors on one connection: the transition log and @statelyai/inspect's inspector (built over a
// recording adapter, as its browser and WebSocket inspectors are), both through the one `inspect` slot.
import { createInspector, type StatelyInspectionEvent } from '@statelyai/inspect';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { harness } from '../connection/connection.harness.test-support';
import { combineInspectors } from './combine-inspectors';
import { createTransitionLog } from './transition-log';

beforeEach(() => {
  // @statelyai/inspect defers each event with setTimeout(0) in Node; fake timers flush it without waiting.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('combineInspectors', () => {
  it('DEV-20 the transition log and the Stately inspector both see the same session', async () => {
    const shipped: StatelyInspectionEvent[] = [];
    const stately = createInspector({ send: (event) => shipped.push(event) });
    const log = createTransitionLog();
    const h = harness({ inspect: combineInspectors(log.inspect, stately.inspect) });
    await h.establish();
    vi.runOnlyPendingTimers();

    expect(log.lines()[0]).toMatch(/ connection: \(start\) -> idle on xstate\.init$/);
    expect(log.lines().some((line) => line.includes('connection: idle -> active.connecting.fetching'))).toBe(
      true,
    );
    const statelyEvents = shipped.flatMap((event) =>
      event.type === '@xstate.event' ? [event.event.type] : [],
    );
    expect(statelyEvents).toEqual(
      expect.arrayContaining(['session.connect', 'socket.opened', 'socket.subscribed']),
    );
    // The connection's redaction applies to the combined observer as a whole.
    expect(JSON.stringify(shipped)).not.toContain('participant-secret');
  });

  it('DEV-21 every event reaches every inspector in order; undefined entries are skipped', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const combined = combineInspectors((event: InspectionEvent) => first.push(event.type), undefined, {
      next: (event: InspectionEvent) => second.push(event.type),
    });
    const h = harness({ inspect: combined });
    await h.establish();
    expect(first.length).toBeGreaterThan(10);
    expect(second).toEqual(first);
  });

  it('DEV-22 an inspector that throws neither starves the others nor breaks the machine', async () => {
    const seen: string[] = [];
    const combined = combineInspectors(
      () => {
        throw new Error('inspector is down');
      },
      (event: InspectionEvent) => seen.push(event.type),
    );
    const h = harness({ inspect: combined });
    await h.establish();
    expect(h.connection.status).toBe('connected');
    expect(seen).toContain('@xstate.snapshot');
  });

  it('DEV-23 error and complete are forwarded to observers that take them', () => {
    const calls: string[] = [];
    const combined = combineInspectors(
      { next: () => undefined, error: (error: unknown) => calls.push(`error:${String(error)}`) },
      { next: () => undefined, complete: () => calls.push('complete') },
    );
    combined.error?.('boom');
    combined.complete?.();
    expect(calls).toEqual(['error:boom', 'complete']);
  });
});
