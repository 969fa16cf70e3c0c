import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { createArrivalGate } from './arrival-gate';
import { receiptsMachine } from './receipts.machine';
import type { ReceiptsEvent } from './receipts.types';

const key = (n: number) => `2024-01-01T00:00:${String(n).padStart(2, '0')}.000Z|m${n}`;

type Step =
  | { kind: 'arrived'; n: number; own: boolean }
  | { kind: 'read'; n: number }
  | { kind: 'wait'; ms: number }
  | { kind: 'hidden' }
  | { kind: 'participants'; count: number }
  | { kind: 'ended' };

const eventOf = (step: Step): ReceiptsEvent | undefined => {
  switch (step.kind) {
    case 'arrived':
      return {
        type: 'message.arrived',
        messageId: `m${step.n}`,
        orderKey: key(step.n),
        senderParticipantId: step.own ? 'me' : 'agent',
      };
    case 'read':
      return {
        type: 'message.read',
        messageId: `m${step.n}`,
        orderKey: key(step.n),
        senderParticipantId: 'agent',
      };
    case 'hidden':
      return { type: 'page.hidden' };
    case 'participants':
      return { type: 'participants.changed', count: step.count };
    case 'ended':
      return { type: 'chat.ended' };
    default:
      return undefined;
  }
};

const drain = async () => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

/** Runs the steps against one receipts actor, through the gate or not; returns every send with its time. */
async function wireOf(steps: readonly Step[], gated: boolean): Promise<{ sends: string[]; sent: number }> {
  const clock = new SimulatedClock();
  const sends: string[] = [];
  const actor = createActor(receiptsMachine, {
    input: {
      selfParticipantId: 'me',
      send: async ({ kind, messageId }) => {
        sends.push(`${clock.now()} ${kind} ${messageId}`);
      },
    },
    clock,
  });
  let sent = 0;
  actor.on('receipt.sent', () => {
    sent += 1;
  });
  actor.start();
  const gate = gated ? createArrivalGate(actor) : undefined;
  for (const step of steps) {
    if (step.kind === 'wait') {
      // One millisecond at a time, so timers armed by other timers start when they would on a real clock.
      for (let i = 0; i < step.ms; i += 1) {
        clock.increment(1);
        await drain();
      }
      continue;
    }
    const event = eventOf(step);
    if (event) (gate ?? actor).send(event);
    await drain();
  }
  for (let i = 0; i < 12_000; i += 1) {
    clock.increment(1);
    if (i % 50 === 0) await drain();
  }
  await drain();
  gate?.stop();
  actor.stop();
  return { sends, sent };
}

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('arrived' as const),
      n: fc.integer({ min: 1, max: 40 }),
      own: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('read' as const), n: fc.integer({ min: 1, max: 40 }) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 700 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'hidden' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('participants' as const),
      count: fc.integer({ min: 2, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'ended' as const }) },
);

describe('createArrivalGate', () => {
  it('RCPT-70 a burst while a delivered receipt is held reaches the machine as one arrival, the newest', async () => {
    const clock = new SimulatedClock();
    const actor = createActor(receiptsMachine, {
      input: { selfParticipantId: 'me', send: async () => undefined },
      clock,
    });
    const received: string[] = [];
    actor.start();
    const gate = createArrivalGate(actor);
    const original = actor.send.bind(actor);
    actor.send = (event) => {
      if (event.type === 'message.arrived') received.push(event.messageId);
      original(event);
    };
    for (const n of [1, 2, 5, 3, 4]) gate.send(eventOf({ kind: 'arrived', n, own: false }) as ReceiptsEvent);
    expect(received).toEqual(['m1']);
    clock.increment(300);
    await drain();
    expect(received).toEqual(['m1', 'm5']);
    gate.stop();
    actor.stop();
  });

  it('RCPT-71 puts the same receipts on the wire at the same times as the machine alone', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        const direct = await wireOf(steps, false);
        const gated = await wireOf(steps, true);
        expect(gated.sends).toEqual(direct.sends);
        expect(gated.sent).toBe(direct.sent);
      }),
      { numRuns: 60 },
    );
  });

  it('RCPT-72 a burst of arrivals sends one delivered receipt per window, for the newest message', async () => {
    const steps: Step[] = [];
    for (let n = 1; n <= 40; n += 1) steps.push({ kind: 'arrived', n, own: false }, { kind: 'wait', ms: 1 });
    const gated = await wireOf(steps, true);
    expect(gated.sends).toEqual(['300 delivered m1', '5300 delivered m40']);
  });
});
