import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock, setup } from 'xstate';
import { heartbeatMachine } from './heartbeat.machine';
import type { HeartbeatEvent, HeartbeatReport } from './heartbeat.types';

// A parent that runs the heartbeat and records what it reports, the way the connection machine hosts it.
function start(intervalMs = 10_000) {
  const reports: HeartbeatReport[] = [];
  const parent = setup({
    types: { events: {} as HeartbeatReport },
    actors: { heartbeat: heartbeatMachine },
  }).createMachine({
    invoke: { id: 'heartbeat', src: 'heartbeat', input: { intervalMs } },
    on: {
      '*': { actions: ({ event }) => void (event.type.startsWith('xstate.') || reports.push(event)) },
    },
  });
  const clock = new SimulatedClock();
  const actor = createActor(parent, { clock }).start();
  const child = () => actor.getSnapshot().children.heartbeat!;
  const send = (event: HeartbeatEvent) => child().send(event);
  const answer = (statusCode: unknown = 200) => {
    send({ type: 'ping.answered', statusCode, statusContent: 'x' });
    send({ type: 'heartbeat.answered' });
  };
  const types = () => reports.map((report) => report.type);
  return { clock, actor, child, send, answer, reports, types };
}

describe('heartbeat machine', () => {
  it('HB-01 asks for a beat at once and then every interval while answered', () => {
    const h = start();
    expect(h.types()).toEqual(['heartbeat.beatDue']);
    h.answer();
    h.clock.increment(10_000);
    h.answer();
    h.clock.increment(10_000);
    expect(h.types()).toEqual([
      'heartbeat.beatDue',
      'heartbeat.deepSucceeded',
      'heartbeat.beatDue',
      'heartbeat.deepSucceeded',
      'heartbeat.beatDue',
    ]);
  });

  it('HB-02 a heartbeat unanswered by the next tick times out, once, and the child stops', () => {
    const h = start();
    h.clock.increment(9_999);
    expect(h.types()).toEqual(['heartbeat.beatDue']);
    h.clock.increment(1);
    expect(h.types()).toEqual(['heartbeat.beatDue', 'heartbeat.deepFailed', 'heartbeat.timedOut']);
    expect(h.reports[1]).toEqual({ type: 'heartbeat.deepFailed', failure: { reason: 'noAnswer' } });
    expect(h.child().getSnapshot().status).toBe('done');
    h.clock.increment(100_000);
    expect(h.types()).toHaveLength(3);
  });

  it('HB-03 a ping answered with a status other than 200 is a deep failure but not a timeout', () => {
    const h = start();
    h.answer(503);
    h.clock.increment(10_000);
    expect(h.reports).toEqual([
      { type: 'heartbeat.beatDue' },
      { type: 'heartbeat.deepFailed', failure: { reason: 'status', statusCode: 503, statusContent: 'x' } },
      { type: 'heartbeat.beatDue' },
    ]);
  });

  it('HB-04 an unanswered ping with an answered heartbeat reports a deep failure and keeps beating', () => {
    const h = start();
    h.send({ type: 'heartbeat.answered' });
    h.clock.increment(10_000);
    expect(h.types()).toEqual(['heartbeat.beatDue', 'heartbeat.deepFailed', 'heartbeat.beatDue']);
    expect(h.child().getSnapshot().value).toBe('beating');
  });

  it('HB-05 a probe beats at once when nothing is pending, and is ignored while a beat is unanswered', () => {
    const h = start();
    h.send({ type: 'heartbeat.probe' });
    expect(h.types()).toEqual(['heartbeat.beatDue']);
    h.answer();
    h.send({ type: 'heartbeat.probe' });
    expect(h.types()).toEqual(['heartbeat.beatDue', 'heartbeat.deepSucceeded', 'heartbeat.beatDue']);
  });

  it('HB-06 a replaced socket forgets the unanswered beat and restarts the interval', () => {
    const h = start();
    h.clock.increment(9_000);
    h.send({ type: 'heartbeat.socketReplaced' });
    h.clock.increment(9_000);
    expect(h.types()).toEqual(['heartbeat.beatDue', 'heartbeat.beatDue']);
    h.clock.increment(1_000);
    expect(h.types().at(-1)).toBe('heartbeat.timedOut');
  });
});
