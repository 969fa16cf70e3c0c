import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../transport/test/connection/manual-clock';
import { createReceiptPipeline, type ReceiptKind, type ReceiptRequest } from './receipt-pipeline';

const read = 'application/vnd.amazonaws.connect.event.message.read';
const delivered = 'application/vnd.amazonaws.connect.event.message.delivered';

/** Lets promise reactions run; no time passes. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function pipelineOnClock(options: { ended?: () => boolean; multiParty?: () => boolean } = {}) {
  const clock = new ManualClock();
  const sent: { at: number; kind: ReceiptKind; content: string }[] = [];
  const answers: { resolve(value: unknown): void; reject(reason: unknown): void }[] = [];
  const pipeline = createReceiptPipeline({
    send: (request) => {
      sent.push({ at: clock.now(), kind: request.kind, content: request.content });
      return new Promise((resolve, reject) => answers.push({ resolve, reject }));
    },
    chatEnded: options.ended ?? (() => false),
    multiParty: options.multiParty ?? (() => false),
    timers: clock,
  });
  const receipt = (
    kind: ReceiptKind,
    messageId: string,
    extra: { disableThrottle?: boolean } = {},
  ): ReceiptRequest => ({
    kind,
    messageId,
    contentType: kind === 'read' ? read : delivered,
    content: JSON.stringify({ messageId, ...extra }),
    disableThrottle: extra.disableThrottle === true,
    throttleMs: 5_000,
  });
  const outcomes = new Map<string, { value?: unknown; reason?: unknown; settled: boolean }>();
  const ask = (name: string, request: ReceiptRequest) => {
    const outcome: { value?: unknown; reason?: unknown; settled: boolean } = { settled: false };
    outcomes.set(name, outcome);
    pipeline.request(request, request).then(
      (value) => Object.assign(outcome, { value, settled: true }),
      (reason: unknown) => Object.assign(outcome, { reason, settled: true }),
    );
  };
  return { clock, sent, answers, pipeline, receipt, ask, outcomes };
}

describe("receipts on ChatJS's timing (legacy-chatjs §9)", () => {
  it('RPL-01 a read goes out when the window closes; a delivered waits 300 ms first', async () => {
    const { clock, sent, receipt, ask } = pipelineOnClock();
    ask('read', receipt('read', 'a'));
    ask('delivered', receipt('delivered', 'b'));
    clock.increment(4_999);
    expect(sent).toEqual([]);
    clock.increment(1);
    // The delivered replaced the read as the window's latest, so at the close both go: delivered first.
    expect(sent.map(({ kind }) => kind)).toEqual(['delivered', 'read']);
  });

  it('RPL-02 a delivered with disableThrottle still waits out the 300 ms hold, then goes at once', () => {
    const { clock, sent, receipt, ask } = pipelineOnClock();
    ask('quick', receipt('delivered', 'a', { disableThrottle: true }));
    clock.increment(299);
    expect(sent).toEqual([]);
    clock.increment(1);
    expect(sent).toEqual([
      { at: expect.any(Number), kind: 'delivered', content: '{"messageId":"a","disableThrottle":true}' },
    ]);
  });

  it('RPL-03 a read with disableThrottle goes at once, with the content as given', () => {
    const { sent, receipt, ask } = pipelineOnClock();
    ask('quick', receipt('read', 'a', { disableThrottle: true }));
    expect(sent.map(({ content }) => content)).toEqual(['{"messageId":"a","disableThrottle":true}']);
  });

  it('RPL-04 a read settles every read asked before it with its answer; a superseded delivered settles once all is done (fix 12)', async () => {
    const { clock, sent, answers, receipt, ask, outcomes } = pipelineOnClock();
    ask('delivered a', receipt('delivered', 'a'));
    ask('read a', receipt('read', 'a'));
    ask('read b', receipt('read', 'b'));
    clock.increment(5_000);
    expect(sent.map(({ kind, content }) => [kind, content])).toEqual([['read', '{"messageId":"b"}']]);
    const response = { data: { Id: 'e-1' } };
    answers[0]?.resolve(response);
    await settle();
    expect(outcomes.get('read a')).toEqual({ value: response, settled: true });
    expect(outcomes.get('read b')?.value).toBe(response);
    expect(outcomes.get('delivered a')).toEqual({ value: { message: 'Event already fired' }, settled: true });
  });

  it('RPL-05 "Event already fired" at once for a message already read, or already delivered', async () => {
    const { clock, receipt, pipeline } = pipelineOnClock();
    void pipeline.request(receipt('read', 'a'), {});
    await expect(pipeline.request(receipt('read', 'a'), {})).resolves.toEqual({
      message: 'Event already fired',
    });
    await expect(pipeline.request(receipt('delivered', 'a'), {})).resolves.toEqual({
      message: 'Event already fired',
    });
    void pipeline.request(receipt('delivered', 'b'), {});
    clock.increment(300);
    await expect(pipeline.request(receipt('delivered', 'b'), {})).resolves.toEqual({
      message: 'Event already fired',
    });
  });

  it('RPL-06 receipts known from a transcript page (its MESSAGEMETADATA items) are not sent again', async () => {
    const { clock, sent, receipt, pipeline } = pipelineOnClock();
    pipeline.rehydrate([
      { Type: 'MESSAGEMETADATA', MessageMetadata: { MessageId: 'a', Receipts: [{ ReadTimestamp: 't' }] } },
      { Type: 'MESSAGE', MessageMetadata: { MessageId: 'b', Receipts: [{ ReadTimestamp: 't' }] } },
    ]);
    await expect(pipeline.request(receipt('read', 'a'), {})).resolves.toEqual({
      message: 'Event already fired',
    });
    void pipeline.request(receipt('read', 'b'), {});
    clock.increment(5_000);
    expect(sent.map(({ content }) => content)).toEqual(['{"messageId":"b"}']);
  });

  it('RPL-07 after the chat ended the request is skipped and the call gets no result', async () => {
    let ended = false;
    const { clock, sent, receipt, ask, outcomes } = pipelineOnClock({ ended: () => ended });
    ask('read', receipt('read', 'a'));
    ended = true;
    clock.increment(5_000);
    await settle();
    expect(sent).toEqual([]);
    expect(outcomes.get('read')).toEqual({ value: undefined, settled: true });
  });

  it('RPL-08 with more than two participants receipts are refused, before the wire', async () => {
    const { sent, receipt, pipeline } = pipelineOnClock({ multiParty: () => true });
    await expect(pipeline.request(receipt('read', 'a'), 'args')).rejects.toEqual({
      errorMessage: 'Ignoring messageReceipt: receipts are not supported with more than two participants',
      data: 'args',
    });
    expect(sent).toEqual([]);
  });
});
