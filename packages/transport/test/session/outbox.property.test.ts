// The outbox's exactly-once property against the real emulator: whatever HTTP faults and socket drops hit the
// customer while it sends, every message ends up stored by the service exactly once, in the order it was sent,
// and every send's promise resolves with the stored id. Time moves only when the loop moves the shared clock;
// between steps the loop yields to the event loop so real I/O can complete (nothing waits on wall time).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatFixture } from './session-fixture';

type Step = 'send' | 'error503' | 'throttled' | 'dropResponse' | 'dropConnection' | 'dropSocket';

const yieldToIo = async (turns = 8): Promise<void> => {
  for (let turn = 0; turn < turns; turn += 1) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('outbox over the emulator (property)', () => {
  it('SES-P1 under any schedule of HTTP faults and socket drops, each send is stored exactly once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.constantFrom<Step>(
            'send',
            'send',
            'error503',
            'throttled',
            'dropResponse',
            'dropConnection',
            'dropSocket',
          ),
          {
            minLength: 1,
            maxLength: 14,
          },
        ),
        async (steps) => {
          // Heartbeats are pushed far out: socket loss comes only from the schedule, not from the clock racing I/O.
          await using f = await chatFixture({
            customer: { delays: { heartbeatInterval: 3_600_000 }, receipts: false },
          });
          await f.customer.session.connect();
          const me = f.contact.ParticipantId;
          const sends: Promise<{ id: string }>[] = [];
          const texts: string[] = [];
          const send = (): void => {
            const text = `m${texts.length}`;
            texts.push(text);
            sends.push(f.customer.session.sendMessage(text));
          };
          for (const step of steps) {
            if (step === 'send') send();
            else if (step === 'dropSocket')
              f.emulator.addFault({ match: { participantId: me }, action: { type: 'drop' } });
            else
              f.emulator.addFault({
                match: { operation: 'SendMessage', participantId: me },
                action:
                  step === 'error503'
                    ? { type: 'error', status: 503 }
                    : step === 'throttled'
                      ? { type: 'error', status: 429 }
                      : { type: step },
                times: 1,
              });
            await yieldToIo(2);
          }
          send();
          let settled = false;
          const all = Promise.all(sends).finally(() => {
            settled = true;
          });
          for (let round = 0; round < 400 && !settled; round += 1) {
            await yieldToIo();
            const { retryIn } = f.customer.session.getSnapshot();
            f.advance(retryIn ?? 1_000);
          }
          const results = await all;
          const stored = f.emulator
            .getContactState(f.contact.ContactId)
            .Items.filter((item) => item.Type === 'MESSAGE' && item.ParticipantId === me);
          expect(stored.map((item) => item.Content)).toEqual(texts);
          expect(stored.map((item) => item.Id)).toEqual(results.map((result) => result.id));
          expect(
            f.customer.session.transcript
              .filter((entry) => entry.kind === 'message')
              .map((entry) => entry.status),
          ).toEqual(texts.map(() => 'sent'));
        },
      ),
      { numRuns: 15 },
    );
  });
});
