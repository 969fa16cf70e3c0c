// Read/delivered receipts sent with sendEvent (legacy-chatjs §9), on the manual clock: ChatJS's own two stages (a
// 300 ms hold a read cuts short, then a throttle window that sends only the latest), sent beside whatever else the
// session sends, each with its own ClientToken (fix 7), and every promise settles (fix 12).
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

  it('RCP-03 receipts in one window: only the latest goes out; the reads it covers share its response, and a superseded delivered settles too (fix 12)', async () => {
    const { f, session, sentEvents } = await connectedCustomer();
    await using _ = f;
    const first = f.agentSays('one');
    f.advance(1);
    const second = f.agentSays('two');
    const deliveredFirst = session.sendEvent({ ...receipt(delivered, first), metadata: 'd1' });
    const readFirst = session.sendEvent({ ...receipt(read, first), metadata: 'r1' });
    const readSecond = session.sendEvent({ ...receipt(read, second), metadata: 'r2' });
    f.advance(5_000);
    const [d1, r1, r2] = (await Promise.all([deliveredFirst, readFirst, readSecond])) as {
      data?: { Id: string };
      message?: string;
      metadata: string;
    }[];
    expect(sentEvents()).toEqual([
      expect.objectContaining({ ContentType: read, Content: JSON.stringify({ messageId: second }) }),
    ]);
    // As in ChatJS, both reads get the one response object, and each call wrote its metadata on it in turn.
    expect(r1).toBe(r2);
    expect(r1).toEqual({ data: expect.objectContaining({ Id: expect.any(String) }), metadata: 'r2' });
    expect(d1).toEqual({ message: 'Event already fired', metadata: 'd1' });
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

  it('RCP-06 disableThrottle: a read goes at once, a delivered after the 300 ms hold, both with the content as given', async () => {
    const { f, session, sentEvents } = await connectedCustomer();
    await using _ = f;
    const first = f.agentSays('one');
    await session.sendEvent(receipt(read, first, { disableThrottle: true }));
    expect(sentEvents().map((body) => body.Content)).toEqual([
      JSON.stringify({ messageId: first, disableThrottle: true }),
    ]);
    const second = f.agentSays('two');
    const pending = session.sendEvent(receipt(delivered, second, { disableThrottle: true }));
    f.advance(299);
    await settle();
    expect(sentEvents()).toHaveLength(1);
    f.advance(1);
    await expect(pending).resolves.toMatchObject({ data: { Id: expect.any(String) } });
    expect(sentEvents().at(-1)).toMatchObject({
      ContentType: delivered,
      Content: JSON.stringify({ messageId: second, disableThrottle: true }),
    });
  });

  it('RCP-07 throttleTime is read when a receipt is asked for, so a later setGlobalConfig changes the window of a live session', async () => {
    const { f, session, sentEvents } = await connectedCustomer();
    await using _ = f;
    f.ChatSession.setGlobalConfig({
      endpoint: f.emulator.endpoint,
      features: { messageReceipts: { throttleTime: 1_000 } },
    });
    const message = f.agentSays('again');
    const pending = session.sendEvent(receipt(read, message));
    f.advance(999);
    await settle();
    expect(sentEvents()).toHaveLength(0);
    f.advance(1);
    await pending;
    expect(sentEvents()).toHaveLength(1);
  });

  it('RCP-09 the chat ending: a waiting receipt is not sent; at the end of its window it rejects with the TypeError ChatJS gives', async () => {
    const { f, session, sentEvents } = await connectedCustomer();
    await using _ = f;
    const ended: unknown[] = [];
    session.onEnded((payload) => ended.push(payload));
    const message = f.agentSays('hello');
    const pending = session.sendEvent({ ...receipt(read, message), metadata: 'R' });
    const outcome = pending.then(
      () => 'resolved',
      (error: unknown) => error,
    );
    f.emulator.endChat(f.contact.ContactId);
    await until(() => expect(ended).toHaveLength(1));
    f.advance(5_000);
    const error = (await outcome) as TypeError & { metadata?: unknown };
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe("Cannot set properties of undefined (setting 'metadata')");
    expect(error.metadata).toBe('R');
    expect(sentEvents()).toEqual([]);
    // New calls after the end get ChatJS's "No active connection" string.
    await expect(session.sendEvent(receipt(read, message))).rejects.toBe(noActiveConnection('sendEvent'));
  });

  it('RCP-10 a read, then a delivered of a later message: when the window closes the delivered goes first, then the read', async () => {
    const { f, session, sentEvents } = await connectedCustomer();
    await using _ = f;
    const first = f.agentSays('one');
    f.advance(1);
    const second = f.agentSays('two');
    const readFirst = session.sendEvent(receipt(read, first));
    const deliveredSecond = session.sendEvent(receipt(delivered, second));
    f.advance(5_000);
    await Promise.all([readFirst, deliveredSecond]);
    expect(sentEvents().map((body) => [body.ContentType, body.Content])).toEqual([
      [delivered, JSON.stringify({ messageId: second })],
      [read, JSON.stringify({ messageId: first })],
    ]);
  });

  it('RCP-11 a receipt never waits behind a slow message: it goes out while the message is still on its way', async () => {
    const { f, session, sentEvents } = await connectedCustomer();
    await using _ = f;
    const message = f.agentSays('hello');
    f.emulator.addFault({
      match: { operation: 'SendMessage' },
      action: { type: 'delay', ms: 60_000 },
      times: 1,
    });
    let messageSettled = false;
    const slow = session.sendMessage({ message: 'slow', contentType: 'text/plain' }).finally(() => {
      messageSettled = true;
    });
    await until(() => expect(f.bodies('/participant/message')).toHaveLength(1));
    await expect(session.sendEvent(receipt(read, message, { disableThrottle: true }))).resolves.toMatchObject(
      {
        data: { Id: expect.any(String) },
      },
    );
    expect(sentEvents()).toHaveLength(1);
    expect(messageSettled).toBe(false);
    f.advance(60_000);
    await expect(slow).resolves.toMatchObject({ data: { Id: expect.any(String) } });
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
