// Read/delivered receipts sent with sendEvent (legacy-chatjs §9), on the manual clock: ChatJS's timing (a
// delivered receipt waits 300 ms for a read; everything waits for the end of the throttle window; only the latest
// goes out) through core's receipts machine with `edge: 'trailing'`, and every promise settles (fix 12).
import { describe, expect, it } from 'vitest';
import { noActiveConnection } from '../../src/legacy-errors';
import { compatFixture, connectFully, until } from './compat-fixture';

const read = 'application/vnd.amazonaws.connect.event.message.read';
const delivered = 'application/vnd.amazonaws.connect.event.message.delivered';
const receipt = (contentType: string, messageId: string, extra: Record<string, unknown> = {}) => ({
  contentType,
  content: JSON.stringify({ messageId, ...extra }),
});

/** Lets pending I/O callbacks and promise reactions run; no time passes. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

async function connectedCustomer(options: Parameters<typeof compatFixture>[0] = {}) {
  const f = await compatFixture(options);
  const session = f.customer();
  await connectFully(session);
  const sentEvents = () => f.bodies('/participant/event');
  return { f, session, sentEvents };
}

describe('receipts through sendEvent', () => {
  it('RCP-01 a read receipt goes out when the 5 s window closes, once, and resolves the SendEvent result', async () => {
    const { f, session, sentEvents } = await connectedCustomer();
    await using _ = f;
    const message = f.agentSays('hello');
    const pending = session.sendEvent({ ...receipt(read, message), metadata: 'R' });
    f.advance(4_999);
    await settle();
    expect(sentEvents()).toEqual([]);
    f.advance(1);
    await expect(pending).resolves.toEqual({
      data: { Id: expect.any(String), AbsoluteTime: expect.any(String), $metadata: expect.any(Object) },
      metadata: 'R',
    });
    expect(sentEvents()).toEqual([
      { ClientToken: expect.any(String), Content: JSON.stringify({ messageId: message }), ContentType: read },
    ]);
  });

  it('RCP-02 a delivered receipt waits 300 ms and then a whole window (5.3 s in all)', async () => {
    const { f, session, sentEvents } = await connectedCustomer();
    await using _ = f;
    const message = f.agentSays('hello');
    const pending = session.sendEvent(receipt(delivered, message));
    f.advance(5_299);
    await settle();
    expect(sentEvents()).toEqual([]);
    f.advance(1);
    await expect(pending).resolves.toMatchObject({ data: { Id: expect.any(String) }, metadata: null });
    expect(sentEvents().map((body) => body.ContentType)).toEqual([delivered]);
  });

  it('RCP-03 receipts in one window: only the latest goes out, and every promise settles with its result (fix 12)', async () => {
    const { f, session, sentEvents } = await connectedCustomer();
    await using _ = f;
    const first = f.agentSays('one');
    f.advance(1);
    const second = f.agentSays('two');
    const deliveredFirst = session.sendEvent({ ...receipt(delivered, first), metadata: 'd1' });
    const readFirst = session.sendEvent({ ...receipt(read, first), metadata: 'r1' });
    const readSecond = session.sendEvent({ ...receipt(read, second), metadata: 'r2' });
    f.advance(5_000);
    const [a, b, c] = (await Promise.all([deliveredFirst, readFirst, readSecond])) as {
      data: { Id: string };
      metadata: string;
    }[];
    expect(sentEvents()).toEqual([
      expect.objectContaining({ ContentType: read, Content: JSON.stringify({ messageId: second }) }),
    ]);
    expect([a?.metadata, b?.metadata, c?.metadata]).toEqual(['d1', 'r1', 'r2']);
    expect(new Set([a?.data.Id, b?.data.Id, c?.data.Id]).size).toBe(1);
  });

  it('RCP-04 a receipt already sent resolves "Event already fired" at once; a delivered after a read too', async () => {
    const { f, session, sentEvents } = await connectedCustomer();
    await using _ = f;
    const message = f.agentSays('hello');
    const first = session.sendEvent(receipt(read, message));
    await expect(session.sendEvent({ ...receipt(read, message), metadata: 'again' })).resolves.toEqual({
      message: 'Event already fired',
      metadata: 'again',
    });
    await expect(session.sendEvent(receipt(delivered, message))).resolves.toEqual({
      message: 'Event already fired',
      metadata: null,
    });
    f.advance(5_000);
    await first;
    expect(sentEvents()).toHaveLength(1);
  });

  it('RCP-05 receipts turned off, or without a messageId, reject ChatJS\'s "Ignoring messageReceipt" objects', async () => {
    const { f, session, sentEvents } = await connectedCustomer();
    await using _ = f;
    const noId = { contentType: read, content: '{}' };
    await expect(session.sendEvent(noId)).rejects.toEqual({
      errorMessage: 'Ignoring messageReceipt: missing messageId',
      data: noId,
    });
    f.ChatSession.setGlobalConfig({
      endpoint: f.emulator.endpoint,
      features: { messageReceipts: { shouldSendMessageReceipts: false } },
    });
    const args = receipt(read, 'm-1');
    await expect(session.sendEvent(args)).rejects.toEqual({
      errorMessage: 'Ignoring messageReceipt: false',
      data: args,
    });
    f.advance(10_000);
    await settle();
    expect(sentEvents()).toEqual([]);
  });

  it('RCP-06 disableThrottle sends at once; a configured throttleTime sets the window', async () => {
    const { f, session, sentEvents } = await connectedCustomer();
    await using _ = f;
    const message = f.agentSays('hello');
    await session.sendEvent(receipt(read, message, { disableThrottle: true }));
    expect(sentEvents()).toHaveLength(1);

    f.ChatSession.setGlobalConfig({
      endpoint: f.emulator.endpoint,
      features: { messageReceipts: { throttleTime: 1_000 } },
    });
    const quick = f.customer();
    await connectFully(quick);
    const other = f.agentSays('again');
    const pending = quick.sendEvent(receipt(read, other));
    f.advance(999);
    await settle();
    expect(sentEvents()).toHaveLength(1);
    f.advance(1);
    await pending;
    expect(sentEvents()).toHaveLength(2);
  });

  it('RCP-07 the chat ending settles a waiting receipt with the "No active connection" string; nothing is sent', async () => {
    const { f, session, sentEvents } = await connectedCustomer();
    await using _ = f;
    const ended: unknown[] = [];
    session.onEnded((payload) => ended.push(payload));
    const message = f.agentSays('hello');
    const pending = session.sendEvent(receipt(read, message));
    f.emulator.endChat(f.contact.ContactId);
    await expect(pending).rejects.toBe(noActiveConnection('sendEvent'));
    await until(() => expect(ended).toHaveLength(1));
    f.advance(10_000);
    await settle();
    expect(sentEvents()).toEqual([]);
  });

  it('RCP-08 every receipt has its own ClientToken (fix 7)', async () => {
    const { f, session, sentEvents } = await connectedCustomer();
    await using _ = f;
    const first = f.agentSays('one');
    const pendingFirst = session.sendEvent(receipt(read, first));
    f.advance(5_000);
    await pendingFirst;
    const second = f.agentSays('two');
    const pendingSecond = session.sendEvent(receipt(read, second));
    f.advance(5_000);
    await pendingSecond;
    const tokens = sentEvents().map((body) => body.ClientToken);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(tokens).not.toContain('INCOMING_READ_RECEIPT');
  });
});
