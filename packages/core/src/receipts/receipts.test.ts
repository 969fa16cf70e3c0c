import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, SimulatedClock } from 'xstate';
import { ChatError, ChatErrorCode } from '../errors';
import { receiptsMachine } from './receipts.machine';
import type { ReceiptSendInput, ReceiptsEmitted, ReceiptsEvent, ReceiptsInput } from './receipts.types';

interface PendingSend {
  input: ReceiptSendInput;
  at: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

// Promise callbacks run as microtasks; draining them settles a send without waiting on real time.
const drain = async () => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

/** Message `n` from the other participant; keys sort in the order of `n`. */
const key = (n: number) => `2024-01-01T00:00:${String(n).padStart(2, '0')}.000Z|m${n}`;
const msg = (n: number, sender: string | undefined = 'agent') => ({
  messageId: `m${n}`,
  orderKey: key(n),
  senderParticipantId: sender,
});

function start(input: ReceiptsInput = { selfParticipantId: 'me' }) {
  const clock = new SimulatedClock();
  const sends: PendingSend[] = [];
  const machine = receiptsMachine.provide({
    actors: {
      sendReceipt: fromPromise<unknown, ReceiptSendInput>(
        ({ input: sendInput }) =>
          new Promise((resolve, reject) => {
            sends.push({ input: sendInput, at: clock.now(), resolve: () => resolve(undefined), reject });
          }),
      ),
    },
  });
  const actor = createActor(machine, { input, clock });
  const emitted: ReceiptsEmitted[] = [];
  actor.on('*', (event) => void emitted.push(event));
  actor.start();
  const send = (event: ReceiptsEvent) => actor.send(event);
  const arrived = (n: number, sender?: string) => send({ type: 'message.arrived', ...msg(n, sender) });
  const read = (n: number, sender?: string) => send({ type: 'message.read', ...msg(n, sender) });
  const calls = () => sends.map(({ input: { kind, messageId }, at }) => `${at} ${kind} ${messageId}`);
  const resolveAll = async () => {
    while (sends.some((call) => !('done' in call))) {
      for (const call of sends) {
        if ('done' in call) continue;
        Object.assign(call, { done: true });
        call.resolve();
        await drain();
      }
    }
  };
  const resolveNext = async () => {
    const call = sends.find((candidate) => !('done' in candidate));
    if (!call) throw new Error('no send in flight');
    Object.assign(call, { done: true });
    call.resolve();
    await drain();
  };
  const rejectNext = async (error: unknown) => {
    const call = sends.find((candidate) => !('done' in candidate));
    if (!call) throw new Error('no send in flight');
    Object.assign(call, { done: true });
    call.reject(error);
    await drain();
  };
  const of = (type: ReceiptsEmitted['type']) => emitted.filter((event) => event.type === type);
  const skips = () =>
    of('receipt.skipped').map((event) =>
      event.type === 'receipt.skipped' ? `${event.kind} ${event.messageId} ${event.reason}` : '',
    );
  const idle = () => actor.getSnapshot().hasTag('idle');
  // One millisecond at a time, so timers armed by other timers start when they would on a real clock.
  const advance = (ms: number) => {
    for (let i = 0; i < ms; i += 1) clock.increment(1);
  };
  return {
    advance,
    clock,
    actor,
    sends,
    emitted,
    send,
    arrived,
    read,
    calls,
    resolveAll,
    resolveNext,
    rejectNext,
    of,
    skips,
    idle,
  };
}

describe('receipts machine: delivered hold', () => {
  it('RCPT-01 holds a delivered receipt 300 ms, then sends it at once', async () => {
    const r = start();
    r.arrived(1);
    r.advance(299);
    expect(r.calls()).toEqual([]);
    expect(r.idle()).toBe(false);
    r.advance(1);
    expect(r.calls()).toEqual(['300 delivered m1']);
    await r.resolveNext();
    expect(r.emitted).toEqual([{ type: 'receipt.sent', kind: 'delivered', messageId: 'm1' }]);
    expect(r.idle()).toBe(true);
  });

  it('RCPT-02 a read within the hold suppresses the delivered receipt for the same message', async () => {
    const r = start();
    r.arrived(1);
    r.advance(200);
    r.read(1);
    expect(r.calls()).toEqual(['200 read m1']);
    expect(r.skips()).toEqual(['delivered m1 superseded']);
    await r.resolveAll();
    r.advance(10_000);
    expect(r.calls()).toEqual(['200 read m1']);
    expect(r.of('receipt.sent')).toEqual([{ type: 'receipt.sent', kind: 'read', messageId: 'm1' }]);
  });

  it('RCPT-03 a read for a later message also suppresses a held delivered; one for an earlier does not', async () => {
    const r = start();
    r.arrived(2);
    r.read(3);
    expect(r.skips()).toEqual(['delivered m2 superseded']);
    r.arrived(5);
    r.read(4);
    r.advance(300);
    await r.resolveAll();
    r.advance(4_700);
    await r.resolveAll();
    expect(r.calls()).toEqual(['0 read m3', '5000 read m4', '5000 delivered m5']);
  });

  it('RCPT-04 a delivered arriving during another hold still waits the whole hold', async () => {
    const r = start();
    r.arrived(1);
    r.advance(250);
    r.arrived(2);
    r.advance(50);
    expect(r.calls()).toEqual(['300 delivered m1']);
    await r.resolveNext();
    r.advance(100);
    // m2 has been held 150 ms: a read for it now still wins.
    r.read(2);
    r.advance(10_000);
    await r.resolveAll();
    expect(r.calls()).toEqual(['300 delivered m1', '5300 read m2']);
    expect(r.skips()).toEqual(['delivered m2 superseded']);
  });

  it('RCPT-05 an older delivered arriving while a later one is held is superseded by it', () => {
    const r = start();
    r.arrived(5);
    r.arrived(3);
    expect(r.skips()).toEqual(['delivered m3 superseded']);
    r.advance(300);
    expect(r.calls()).toEqual(['300 delivered m5']);
  });
});

describe('receipts machine: throttle window', () => {
  it('RCPT-10 a burst of 10 messages in 1 s sends one delivered now-ish and one for the latest at window close', async () => {
    const r = start();
    for (let n = 1; n <= 10; n += 1) {
      r.arrived(n);
      r.advance(100);
      await r.resolveAll();
    }
    expect(r.calls()).toEqual(['300 delivered m1']);
    r.advance(5_300 - 1_000 - 1);
    expect(r.calls()).toHaveLength(1);
    r.advance(1);
    expect(r.calls()).toEqual(['300 delivered m1', '5300 delivered m10']);
    await r.resolveAll();
    expect(r.skips().sort()).toEqual([2, 3, 4, 5, 6, 7, 8, 9].map((n) => `delivered m${n} superseded`));
    expect(r.idle()).toBe(true);
    r.advance(20_000);
    expect(r.calls()).toHaveLength(2);
  });

  it('RCPT-11 sends at most one read and one delivered per window: the latest of each, read first', async () => {
    const r = start();
    r.read(1);
    expect(r.calls()).toEqual(['0 read m1']);
    await r.resolveNext();
    r.read(2);
    r.arrived(4);
    r.read(3);
    r.arrived(5);
    r.advance(4_999);
    expect(r.calls()).toEqual(['0 read m1']);
    r.advance(1);
    expect(r.calls()).toEqual(['0 read m1', '5000 read m3']);
    await r.resolveNext();
    expect(r.calls()).toEqual(['0 read m1', '5000 read m3', '5000 delivered m5']);
    await r.resolveNext();
    expect(r.skips()).toEqual(['read m2 superseded', 'delivered m4 superseded']);
    expect(r.of('receipt.sent').map((event) => event.messageId)).toEqual(['m1', 'm3', 'm5']);
  });

  it('RCPT-12 a delivered covered by the read sent in the same window is skipped', async () => {
    const r = start();
    r.read(1);
    await r.resolveNext();
    r.arrived(2);
    r.advance(300);
    r.read(3);
    r.advance(4_700);
    await r.resolveAll();
    expect(r.calls()).toEqual(['0 read m1', '5000 read m3']);
    expect(r.skips()).toEqual(['delivered m2 superseded']);
  });

  it('RCPT-13 a window that closes with nothing pending lets the next receipt go out at once', async () => {
    const r = start();
    r.read(1);
    await r.resolveNext();
    r.advance(5_000);
    r.advance(2_000);
    r.read(2);
    expect(r.calls()).toEqual(['0 read m1', '7000 read m2']);
    await r.resolveNext();
    r.read(3);
    r.advance(4_999);
    expect(r.calls()).toHaveLength(2);
    r.advance(1);
    expect(r.calls()).toEqual(['0 read m1', '7000 read m2', '12000 read m3']);
  });

  it('RCPT-14 sends one at a time: receipts accumulate while a send is in flight', async () => {
    const r = start({ selfParticipantId: 'me', throttleMs: 1_000 });
    r.read(1);
    r.arrived(3);
    r.read(2);
    r.advance(1_000);
    // read m1 still in flight: the window closed, the next read waits for it, the delivered waits too.
    expect(r.calls()).toEqual(['0 read m1']);
    r.arrived(4);
    r.advance(300);
    expect(r.calls()).toEqual(['0 read m1']);
    await r.resolveNext();
    expect(r.calls()).toEqual(['0 read m1', '1300 read m2']);
    await r.resolveNext();
    expect(r.calls()).toEqual(['0 read m1', '1300 read m2', '1300 delivered m3']);
    await r.resolveNext();
    r.advance(1_000);
    await r.resolveAll();
    // m4 was released at 1300 into the window that opened at 1000 (when m2 and m3 became due); it closes at 2000.
    expect(r.calls()).toEqual(['0 read m1', '1300 read m2', '1300 delivered m3', '2000 delivered m4']);
  });

  it('RCPT-15 honours custom timings', async () => {
    const r = start({ selfParticipantId: 'me', throttleMs: 50, deliveredHoldMs: 10 });
    r.arrived(1);
    r.advance(10);
    await r.resolveNext();
    r.arrived(2);
    r.advance(50);
    expect(r.calls()).toEqual(['10 delivered m1', '60 delivered m2']);
  });
});

describe('receipts machine: what is never sent', () => {
  it('RCPT-20 never for own messages; every message counts as foreign when self is unknown', () => {
    const r = start();
    r.arrived(1, 'me');
    r.read(1, 'me');
    r.advance(10_000);
    expect(r.calls()).toEqual([]);
    expect(r.skips()).toEqual(['delivered m1 ownMessage', 'read m1 ownMessage']);
    expect(r.idle()).toBe(true);

    const anonymous = start({});
    anonymous.read(1, 'me');
    anonymous.arrived(2, undefined);
    anonymous.advance(5_000);
    expect(anonymous.calls()).toEqual(['0 read m1']);
  });

  it('RCPT-21 never at or before one already sent of the same kind, nor a delivered at or before a sent read', async () => {
    const r = start();
    r.read(5);
    await r.resolveNext();
    r.read(5);
    r.read(3);
    r.arrived(4);
    expect(r.skips()).toEqual(['read m5 alreadySent', 'read m3 alreadySent', 'delivered m4 superseded']);
    r.arrived(6);
    r.advance(5_000);
    await r.resolveNext();
    r.arrived(6);
    expect(r.skips().at(-1)).toBe('delivered m6 alreadySent');
    expect(r.calls()).toEqual(['0 read m5', '5000 delivered m6']);
  });

  it('RCPT-22 receipts.known suppresses re-sending what the transcript shows was sent', () => {
    const r = start();
    r.send({
      type: 'receipts.known',
      receipts: [
        { kind: 'delivered', messageId: 'm7', orderKey: key(7) },
        { kind: 'read', messageId: 'm4', orderKey: key(4) },
      ],
    });
    r.read(4);
    r.arrived(6);
    r.arrived(3);
    r.advance(10_000);
    expect(r.calls()).toEqual([]);
    expect(r.skips()).toEqual([
      'read m4 alreadySent',
      'delivered m6 alreadySent',
      'delivered m3 alreadySent',
    ]);
    r.read(5);
    expect(r.calls()).toEqual(['10000 read m5']);

    const readOnly = start();
    readOnly.send({
      type: 'receipts.known',
      receipts: [{ kind: 'read', messageId: 'm4', orderKey: key(4) }],
    });
    readOnly.arrived(3);
    readOnly.arrived(5);
    readOnly.advance(300);
    expect(readOnly.skips()).toEqual(['delivered m3 superseded']);
    expect(readOnly.calls()).toEqual(['300 delivered m5']);
  });

  it('RCPT-23 receipts learned while queued are skipped when their turn comes', async () => {
    const r = start();
    r.read(1);
    r.read(2);
    r.send({ type: 'receipts.known', receipts: [{ kind: 'read', messageId: 'm3', orderKey: key(3) }] });
    await r.resolveNext();
    r.advance(5_000);
    expect(r.calls()).toEqual(['0 read m1']);
    expect(r.skips()).toEqual(['read m2 alreadySent']);
    expect(r.idle()).toBe(true);
  });
});

describe('receipts machine: page hidden', () => {
  it('RCPT-30 page.hidden flushes held and pending receipts before the window ends', async () => {
    const r = start();
    r.read(1);
    await r.resolveNext();
    r.read(2);
    r.advance(1_000);
    r.arrived(3);
    r.advance(100);
    r.send({ type: 'page.hidden' });
    expect(r.calls()).toEqual(['0 read m1', '1100 read m2']);
    await r.resolveNext();
    expect(r.calls()).toEqual(['0 read m1', '1100 read m2', '1100 delivered m3']);
    await r.resolveNext();
    expect(r.idle()).toBe(true);
    r.advance(10_000);
    expect(r.calls()).toHaveLength(3);
  });

  it('RCPT-31 page.hidden with no window open sends a held delivered at once and opens a window', async () => {
    const r = start();
    r.arrived(1);
    r.send({ type: 'page.hidden' });
    expect(r.calls()).toEqual(['0 delivered m1']);
    await r.resolveNext();
    r.read(2);
    r.advance(4_999);
    expect(r.calls()).toHaveLength(1);
    r.advance(1);
    expect(r.calls()).toEqual(['0 delivered m1', '5000 read m2']);
  });
});

describe('receipts machine: end of chat', () => {
  it('RCPT-40 chat.ended drops everything queued, abandons the send in flight and never sends again', () => {
    const r = start();
    r.read(1);
    r.read(2);
    r.arrived(3);
    r.send({ type: 'chat.ended' });
    expect(r.skips()).toEqual(['delivered m3 ended', 'read m2 ended', 'read m1 ended']);
    r.read(4);
    r.arrived(5);
    r.send({ type: 'page.hidden' });
    r.send({ type: 'participants.changed', count: 2 });
    r.advance(60_000);
    expect(r.calls()).toEqual(['0 read m1']);
    expect(r.skips().slice(3)).toEqual(['read m4 ended', 'delivered m5 ended']);
    expect(r.actor.getSnapshot().value).toBe('ended');
    expect(r.idle()).toBe(true);
  });

  it('RCPT-41 the abandoned send reports nothing when it settles later', async () => {
    const r = start();
    r.read(1);
    r.send({ type: 'chat.ended' });
    await r.resolveAll();
    expect(r.emitted).toEqual([{ type: 'receipt.skipped', kind: 'read', messageId: 'm1', reason: 'ended' }]);
  });
});

describe('receipts machine: more than two participants', () => {
  it('RCPT-50 a count of 3 drops what is queued and sends nothing until the count is 2 again', async () => {
    const r = start();
    r.read(1);
    await r.resolveNext();
    r.read(2);
    r.arrived(3);
    r.send({ type: 'participants.changed', count: 3 });
    expect(r.skips()).toEqual(['delivered m3 multiParty', 'read m2 multiParty']);
    r.read(4);
    r.arrived(5, 'me');
    r.advance(20_000);
    expect(r.calls()).toEqual(['0 read m1']);
    expect(r.skips().slice(2)).toEqual(['read m4 multiParty', 'delivered m5 ownMessage']);
    expect(r.idle()).toBe(true);
    r.send({ type: 'participants.changed', count: 4 });
    r.send({ type: 'participants.changed', count: 2 });
    r.read(6);
    expect(r.calls()).toEqual(['0 read m1', '20000 read m6']);
  });

  it('RCPT-51 a send already in flight when the count grows still reports its outcome', async () => {
    const r = start();
    r.read(1);
    r.send({ type: 'participants.changed', count: 3 });
    expect(r.idle()).toBe(false);
    await r.resolveNext();
    expect(r.of('receipt.sent')).toEqual([{ type: 'receipt.sent', kind: 'read', messageId: 'm1' }]);
    expect(r.idle()).toBe(true);
  });

  it('RCPT-52 a 409 conflict fails the receipt, drops the queue and refuses until participants.changed <= 2', async () => {
    const r = start();
    r.read(1);
    r.read(2);
    r.arrived(3);
    // Past the window: m2 and m3 are due, waiting only for m1's send.
    r.advance(5_000);
    const conflict = new ChatError(
      ChatErrorCode.conflict,
      'unable to send event; receipts are not supported',
      {
        status: 409,
      },
    );
    await r.rejectNext(conflict);
    expect(r.emitted).toEqual([
      { type: 'receipt.failed', kind: 'read', messageId: 'm1', error: conflict },
      { type: 'receipt.skipped', kind: 'read', messageId: 'm2', reason: 'multiParty' },
      { type: 'receipt.skipped', kind: 'delivered', messageId: 'm3', reason: 'multiParty' },
    ]);
    r.read(4);
    r.advance(10_000);
    expect(r.calls()).toEqual(['0 read m1']);
    expect(r.skips().at(-1)).toBe('read m4 multiParty');
    r.send({ type: 'participants.changed', count: 3 });
    r.send({ type: 'participants.changed', count: 2 });
    r.read(5);
    expect(r.calls()).toEqual(['0 read m1', '15000 read m5']);
  });
});

describe('receipts machine: failures', () => {
  it('RCPT-60 a failed send emits receipt.failed, is not retried, and the machine keeps working', async () => {
    const r = start();
    r.read(1);
    const unavailable = new ChatError(
      ChatErrorCode.serviceUnavailable,
      'unable to send event; service unavailable',
    );
    await r.rejectNext(unavailable);
    expect(r.emitted).toEqual([
      { type: 'receipt.failed', kind: 'read', messageId: 'm1', error: unavailable },
    ]);
    r.advance(5_000);
    expect(r.calls()).toEqual(['0 read m1']);
    r.read(1);
    expect(r.calls()).toEqual(['0 read m1', '5000 read m1']);
    await r.resolveNext();
    expect(r.of('receipt.sent')).toHaveLength(1);
  });

  it('RCPT-61 a delivered due behind a read is skipped if the read goes out, and sent if the read fails', async () => {
    for (const readSucceeds of [true, false]) {
      const r = start();
      r.read(1);
      await r.resolveNext();
      r.read(3);
      r.arrived(2);
      r.advance(5_000);
      expect(r.calls()).toEqual(['0 read m1', '5000 read m3']);
      if (readSucceeds) await r.resolveNext();
      else await r.rejectNext(new ChatError(ChatErrorCode.network, 'unable to send event; offline'));
      if (readSucceeds) {
        expect(r.calls()).toHaveLength(2);
        expect(r.skips()).toEqual(['delivered m2 superseded']);
      } else {
        expect(r.calls()).toEqual(['0 read m1', '5000 read m3', '5000 delivered m2']);
        expect(r.skips()).toEqual([]);
      }
    }
  });

  it('RCPT-62 a rejection that is not a ChatError is reported as one', async () => {
    const r = start();
    r.read(1);
    await r.rejectNext(new TypeError('boom'));
    const [failed] = r.of('receipt.failed');
    expect(failed?.type === 'receipt.failed' && failed.error).toBeInstanceOf(ChatError);
    expect(failed?.type === 'receipt.failed' && failed.error.code).toBe('unknown');
    expect(failed?.type === 'receipt.failed' && failed.error.message).toBe(
      'unable to send read receipt; the send failed',
    );
  });

  it('RCPT-63 without a send function or a provided sendReceipt actor every send fails as unsupported', async () => {
    const clock = new SimulatedClock();
    const actor = createActor(receiptsMachine, { input: {}, clock });
    const emitted: ReceiptsEmitted[] = [];
    actor.on('receipt.failed', (event) => void emitted.push(event));
    actor.start();
    actor.send({ type: 'message.read', ...msg(1) });
    await drain();
    expect(emitted).toHaveLength(1);
    expect(emitted[0]?.type === 'receipt.failed' && emitted[0].error.code).toBe('unsupported');
    expect(emitted[0]?.type === 'receipt.failed' && emitted[0].error.message).toBe(
      'unable to send read receipt; the machine was given no send function',
    );
  });

  it('RCPT-66 the input send function performs each send of one shared machine', async () => {
    const clock = new SimulatedClock();
    const sends: Array<{ kind: string; messageId: string; aborted: boolean }> = [];
    const emitted: ReceiptsEmitted[] = [];
    const actor = createActor(receiptsMachine, {
      input: {
        send: async (request, signal) => {
          sends.push({ ...request, aborted: signal.aborted });
        },
      },
      clock,
    });
    actor.on('receipt.sent', (event) => void emitted.push(event));
    actor.start();
    actor.send({ type: 'message.read', ...msg(1) });
    await drain();
    expect(sends).toEqual([{ kind: 'read', messageId: 'm1', aborted: false }]);
    expect(emitted).toEqual([{ type: 'receipt.sent', kind: 'read', messageId: 'm1' }]);
    // The function is context, but snapshots serialised for devtools leave it out.
    expect(JSON.stringify(actor.getSnapshot().context)).not.toContain('send"');
  });

  it('RCPT-64 defaults to a 300 ms hold and a 5 s window', async () => {
    const r = start({});
    r.arrived(1);
    r.advance(299);
    expect(r.calls()).toEqual([]);
    r.advance(1);
    await r.resolveNext();
    r.arrived(2);
    r.advance(4_999);
    expect(r.calls()).toEqual(['300 delivered m1']);
    r.advance(1);
    expect(r.calls()).toEqual(['300 delivered m1', '5300 delivered m2']);
  });
});

type Op =
  | { op: 'arrived' | 'read'; n: number }
  | { op: 'advance'; ms: number }
  | { op: 'resolve' }
  | { op: 'reject'; conflict: boolean }
  | { op: 'participants'; count: number }
  | { op: 'hidden' }
  | { op: 'known'; kind: 'read' | 'delivered'; n: number }
  | { op: 'ended' };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constantFrom('arrived', 'read'), n: fc.integer({ min: 1, max: 12 }) }),
  },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('advance'), ms: fc.integer({ min: 1, max: 6_000 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('resolve') }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reject'), conflict: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('participants'), count: fc.integer({ min: 1, max: 4 }) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('hidden') }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('known'),
      kind: fc.constantFrom('read', 'delivered'),
      n: fc.integer({ min: 1, max: 12 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('ended') }) },
);

// Messages whose number is a multiple of 5 are this participant's own.
const isOwn = (n: number) => n % 5 === 0;

describe('receipts machine: properties', () => {
  it('RCPT-90 whatever happens, the rules hold and every request settles exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArbitrary, { maxLength: 40 }), async (ops) => {
        const r = start({ selfParticipantId: 'me', throttleMs: 5_000, deliveredHoldMs: 300 });
        const requested = new Set<string>();
        const marks = { read: '', delivered: '' };
        let requests = 0;
        let refusing = false;
        let ended = false;
        let checkedCalls = 0;
        const raise = (kind: 'read' | 'delivered', orderKey: string) => {
          if (orderKey > marks[kind]) marks[kind] = orderKey;
        };
        const checkNewCalls = () => {
          for (const call of r.sends.slice(checkedCalls)) {
            const { kind, messageId } = call.input;
            const n = Number(messageId.slice(1));
            expect(ended, 'no send after chat.ended').toBe(false);
            expect(refusing, 'no send while receipts are refused').toBe(false);
            expect(isOwn(n), 'no receipt for own messages').toBe(false);
            expect(requested.has(`${kind} ${messageId}`), 'only requested receipts').toBe(true);
            expect(key(n) > marks[kind], 'nothing at or before one sent of the same kind').toBe(true);
            if (kind === 'delivered')
              expect(key(n) > marks.read, 'no delivered at or before a read').toBe(true);
          }
          checkedCalls = r.sends.length;
          const open = r.sends.filter((call) => !('done' in call));
          expect(open.length, 'one send at a time').toBeLessThanOrEqual(1);
        };
        const settleOldest = async (outcome: 'resolve' | 'conflict' | 'fail') => {
          checkNewCalls();
          const call = r.sends.find((candidate) => !('done' in candidate));
          if (!call) return;
          if (outcome === 'resolve') {
            const stillReported = !ended;
            await r.resolveNext();
            if (stillReported) raise(call.input.kind, key(Number(call.input.messageId.slice(1))));
          } else if (outcome === 'conflict') {
            await r.rejectNext(new ChatError(ChatErrorCode.conflict, 'unable to send event; conflict'));
            if (!ended) refusing = true;
          } else {
            await r.rejectNext(new ChatError(ChatErrorCode.serviceUnavailable, 'unable to send event; 503'));
          }
        };
        for (const op of ops) {
          switch (op.op) {
            case 'arrived':
            case 'read':
              requests += 1;
              requested.add(`${op.op === 'read' ? 'read' : 'delivered'} m${op.n}`);
              r[op.op](op.n, isOwn(op.n) ? 'me' : 'agent');
              break;
            case 'advance':
              r.clock.increment(op.ms);
              break;
            case 'resolve':
              await settleOldest('resolve');
              break;
            case 'reject':
              await settleOldest(op.conflict ? 'conflict' : 'fail');
              break;
            case 'participants':
              if (!ended) refusing = op.count > 2;
              r.send({ type: 'participants.changed', count: op.count });
              break;
            case 'hidden':
              r.send({ type: 'page.hidden' });
              break;
            case 'known':
              raise(op.kind, key(op.n));
              r.send({
                type: 'receipts.known',
                receipts: [{ kind: op.kind, messageId: `m${op.n}`, orderKey: key(op.n) }],
              });
              break;
            case 'ended':
              ended = true;
              r.send({ type: 'chat.ended' });
              break;
          }
          checkNewCalls();
          expect(
            r.of('receipt.sent').length + r.of('receipt.failed').length + r.of('receipt.skipped').length,
          ).toBeLessThanOrEqual(requests);
        }
        // Let everything play out, then end: every request has exactly one outcome.
        for (let round = 0; round < 6; round += 1) {
          r.clock.increment(6_000);
          await settleOldest('resolve');
          checkNewCalls();
        }
        r.send({ type: 'chat.ended' });
        await r.resolveAll();
        expect(r.emitted).toHaveLength(requests);
        expect(r.idle()).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('receipts machine: trailing edge (ChatJS timing)', () => {
  it('RCPT-70 every receipt waits for its window to close; only the latest per kind goes', async () => {
    const r = start({ selfParticipantId: 'me', edge: 'trailing' });
    r.read(1);
    r.advance(4_999);
    expect(r.calls()).toEqual([]);
    r.read(2);
    r.advance(1);
    expect(r.calls()).toEqual(['5000 read m2']);
    expect(r.skips()).toEqual(['read m1 superseded']);
    await r.resolveAll();
    expect(r.idle()).toBe(true);
  });

  it('RCPT-71 a delivered waits its 300 ms hold and then a whole window; a later receipt opens a new window', async () => {
    const r = start({ selfParticipantId: 'me', edge: 'trailing', throttleMs: 1_000 });
    r.arrived(1);
    r.advance(1_299);
    expect(r.calls()).toEqual([]);
    r.advance(1);
    expect(r.calls()).toEqual(['1300 delivered m1']);
    await r.resolveAll();
    r.advance(5_000);
    r.read(1);
    r.advance(999);
    expect(r.calls()).toEqual(['1300 delivered m1']);
    r.advance(1);
    expect(r.calls()).toEqual(['1300 delivered m1', '7300 read m1']);
    await r.resolveAll();
  });

  it('RCPT-72 page.hidden still flushes at once', () => {
    const r = start({ selfParticipantId: 'me', edge: 'trailing' });
    r.read(3);
    r.send({ type: 'page.hidden' });
    expect(r.calls()).toEqual(['0 read m3']);
  });
});
