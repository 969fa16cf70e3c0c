// The transition log on real machines: a connection on fake slots and a simulated clock (the connection harness),
// and the receipts machine on its own, whose parallel regions show how several regions moving at once are printed.

import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { harness, startTime } from '../connection/connection.harness.test-support';
import { receiptsMachine } from '../receipts';
import { createTransitionLog, formatTransition, printableEventType } from './transition-log';

type Harness = ReturnType<typeof harness>;

/** A log whose elapsed time is the harness's clock (created before the harness, as an app would). */
function logOnHarness(options: Parameters<typeof createTransitionLog>[0] = {}) {
  let h: Harness | undefined;
  const written: string[] = [];
  const log = createTransitionLog({
    clock: { now: () => h?.clock.now() ?? startTime },
    write: (line) => written.push(line),
    ...options,
  });
  h = harness({ inspect: log.inspect });
  return { h, log, written };
}

describe('createTransitionLog', () => {
  it('DEV-10 one line per transition of each machine: which machine, from -> to, the event type, elapsed time', async () => {
    const { h, log, written } = logOnHarness();
    await h.establish();
    await h.advance(1_500);
    h.sockets.last.drop();
    await h.advance(0);

    const lines = log.lines();
    expect(written).toEqual(lines);
    expect(lines[0]).toBe('+0.000s connection: (start) -> idle on xstate.init');
    expect(lines).toContain(
      '+0.000s connection: idle -> active.connecting.fetching on session.connect (after 0 ms)',
    );
    expect(lines.some((line) => /^\+0\.000s heartbeat: \(start\) -> /.test(line))).toBe(true);
    const drop = lines.find((line) => line.includes('on socket.closed'));
    expect(drop).toMatch(
      /^\+1\.500s connection: active\.connected.* -> active\.reconnecting\.waiting on socket\.closed \(after 1500 ms\)$/,
    );

    const records = log.records();
    expect(records).toHaveLength(lines.length);
    const reconnecting = records.find((record) => record.event === 'socket.closed');
    expect(reconnecting).toMatchObject({
      machine: 'connection',
      to: 'active.reconnecting.waiting',
      elapsedMs: 1_500,
      inStateMs: 1_500,
    });
    // Every line is the default format of its record.
    expect(records.map((record) => formatTransition(record))).toEqual(lines);
  });

  it('DEV-11 nothing it writes carries the participant token, the connection token or the socket URL', async () => {
    const { h, log } = logOnHarness();
    await h.establish();
    h.answerBeat();
    h.sockets.last.drop();
    await h.advance(200);
    await h.acceptLast();
    const text = log.lines().join('\n');
    expect(log.lines().length).toBeGreaterThan(5);
    expect(h.sockets.opened.length).toBe(2);
    for (const socket of h.sockets.opened) expect(text).not.toContain(socket.url);
    expect(text).not.toMatch(/participant-secret|connection-token|wss?:\/\//);
  });

  it('DEV-12 keeps at most maxLines lines (the newest) but writes every one; clear() forgets them', async () => {
    const { h, log, written } = logOnHarness({ maxLines: 3 });
    await h.establish();
    expect(written.length).toBeGreaterThan(3);
    expect(log.lines()).toEqual(written.slice(-3));
    expect(log.records()).toHaveLength(3);
    log.clear();
    expect(log.lines()).toEqual([]);
    h.sockets.last.drop();
    expect(log.lines()).toHaveLength(1);
    expect(log.lines()[0]).toContain('-> active.reconnecting.waiting');
  });

  it('DEV-13 a label tells sessions apart; machines picks which machines are logged', async () => {
    const { h, log } = logOnHarness({ label: 'customer', machines: ['heartbeat'] });
    await h.establish();
    expect(log.lines().length).toBeGreaterThan(0);
    expect(log.lines().every((line) => /^\+\d+\.\d{3}s customer heartbeat: /.test(line))).toBe(true);
  });

  it('DEV-14 a sink that throws breaks neither the log nor the machine', async () => {
    const log = createTransitionLog({
      write: () => {
        throw new Error('sink is down');
      },
    });
    const h = harness({ inspect: log.inspect });
    await h.establish();
    expect(h.connection.status).toBe('connected');
    expect(log.lines().length).toBeGreaterThan(2);
  });

  it('DEV-15 parallel regions: only the regions that moved are printed, sharing their common path', () => {
    const clock = new SimulatedClock();
    const log = createTransitionLog({ clock });
    const actor = createActor(receiptsMachine, {
      input: { selfParticipantId: 'me', throttleMs: 5_000, deliveredHoldMs: 300 },
      clock,
      inspect: log.inspect,
    });
    actor.start();
    actor.send({ type: 'message.arrived', messageId: 'm1', orderKey: 'a|m1', senderParticipantId: 'them' });
    clock.increment(300);
    actor.stop();
    const lines = log.lines();
    expect(lines[0]).toBe(
      '+0.000s receipts: (start) -> active.{service.accepting, hold.empty, window.closed, sender.ready, activity.idle} on xstate.init',
    );
    expect(lines[1]).toBe(
      '+0.000s receipts: active.{hold.empty, activity.idle} -> active.{hold.holding, activity.busy} on message.arrived (after 0 ms)',
    );
    expect(
      lines.some((line) => line.startsWith('+0.300s receipts: ') && line.includes('xstate.after.')),
    ).toBe(true);
  });

  it('DEV-16 an event type that does not look like an identifier is not printed as it is', () => {
    expect(printableEventType('socket.closed')).toBe('socket.closed');
    expect(printableEventType('xstate.done.actor.fetchSocket')).toBe('xstate.done.actor.fetchSocket');
    expect(printableEventType('https://example.test/x?X-Amz-Signature=abc')).toBe('(unprintable event type)');
    expect(printableEventType('free text with spaces')).toBe('(unprintable event type)');
    expect(printableEventType('x'.repeat(201))).toBe('(unprintable event type)');
    expect(printableEventType(undefined)).toBe('(unknown event)');
  });
});
