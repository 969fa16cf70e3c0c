// The chat WebSocket (§3, §5.4) and its faults (§5.9), observed by a real `ws` client.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/testing';
import { connect, heldScheduler, joinAgent, rest, startCustomer, TestSocket } from './helpers';

let emulator: Emulator;
let held: (() => void)[];

beforeEach(async () => {
  held = [];
  emulator = await startEmulator({
    scheduler: heldScheduler(held),
  });
});
afterEach(() => emulator.close());

const send = (bearer: string, Content: string) =>
  rest<{ Id: string }>(emulator, '/participant/message', {
    bearer,
    body: { ContentType: 'text/plain', Content },
  });

describe('replies (§5.4)', () => {
  it('answers subscribe, heartbeat and ping; other frames get the gateway Forbidden frame', async () => {
    const customer = await startCustomer(emulator);
    await using socket = await TestSocket.open(customer.socketUrl);
    socket.send({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } });
    expect(await socket.next()).toMatchObject({
      topic: 'aws/subscribe',
      content: { status: 'success', topics: ['aws/chat'] },
    });
    socket.send({ topic: 'aws/ping' });
    expect(await socket.next()).toMatchObject({ topic: 'aws/ping', statusCode: 200, statusContent: 'OK' });
    socket.send({ topic: 'aws/heartbeat' });
    expect(await socket.next()).toMatchObject({ topic: 'aws/heartbeat' });
    socket.send({ topic: 'custom/topic' });
    expect(await socket.next()).toMatchObject({
      message: 'Forbidden',
      connectionId: expect.any(String),
      requestId: expect.any(String),
    });
    socket.send('not json');
    expect(await socket.next()).toMatchObject({ message: 'Forbidden' });
    socket.send({ topic: 'aws/subscribe', content: { topics: ['aws/other'] } });
    expect(await socket.next()).toMatchObject({
      topic: 'aws/subscribe',
      content: { status: 'failure', topics: ['aws/other'] },
    });
    socket.send({ topic: 'aws/unsubscribe', content: { topics: ['aws/chat'] } });
    expect(await socket.next()).toMatchObject({ topic: 'aws/unsubscribe', content: { status: 'success' } });
  });
});

describe('delivery', () => {
  it('delivers every item to every subscribed socket of the contact, including two of one participant', async () => {
    const customer = await startCustomer(emulator);
    const agent = await joinAgent(emulator, customer.contactId);
    await using first = await TestSocket.subscribed(customer.socketUrl);
    await using second = await TestSocket.subscribed(customer.socketUrl);
    await using agentSocket = await TestSocket.subscribed(agent.socketUrl);
    await using unsubscribed = await TestSocket.open(customer.socketUrl);
    const sent = await send(customer.connectionToken, 'hello');
    for (const socket of [first, second, agentSocket]) {
      const item = await socket.nextItem((candidate) => candidate.Type === 'MESSAGE');
      expect(item).toMatchObject({
        Id: sent.body.Id,
        Content: 'hello',
        ContentType: 'text/plain',
        ParticipantRole: 'CUSTOMER',
        ContactId: customer.contactId,
        InitialContactId: customer.contactId,
      });
    }
    const frame = first.frames.find((candidate) => candidate.topic === 'aws/chat')!;
    expect(frame.contentType).toBe('application/json');
    await unsubscribed.roundTrip();
    expect(unsubscribed.items()).toEqual([]);
  });

  it('broadcasts typing without storing it, and acknowledges a connection once', async () => {
    const customer = await startCustomer(emulator);
    await using socket = await TestSocket.subscribed(customer.socketUrl);
    await rest(emulator, '/participant/event', {
      bearer: customer.connectionToken,
      body: { ContentType: 'application/vnd.amazonaws.connect.event.typing' },
    });
    expect(await socket.nextItem()).toMatchObject({
      Type: 'EVENT',
      ContentType: 'application/vnd.amazonaws.connect.event.typing',
    });
    for (let index = 0; index < 2; index += 1) {
      await rest(emulator, '/participant/connection', {
        bearer: customer.participantToken,
        body: { ConnectParticipant: true },
      });
    }
    await send(customer.connectionToken, 'after');
    await socket.nextItem((item) => item.Content === 'after');
    expect(socket.items().filter((item) => item.Type === 'CONNECTION_ACK')).toHaveLength(1);
    const stored = emulator.getContactState(customer.contactId).Items.map((item) => item.ContentType);
    expect(stored).not.toContain('application/vnd.amazonaws.connect.event.typing');
  });

  it('sends MESSAGEMETADATA receipts to everyone with RecipientParticipantId', async () => {
    const customer = await startCustomer(emulator);
    const agent = await joinAgent(emulator, customer.contactId);
    await using agentSocket = await TestSocket.subscribed(agent.socketUrl);
    const message = await send(agent.connectionToken, 'hi');
    await rest(emulator, '/participant/event', {
      bearer: customer.connectionToken,
      body: {
        ContentType: 'application/vnd.amazonaws.connect.event.message.read',
        Content: JSON.stringify({ messageId: message.body.Id }),
      },
    });
    const receipt = await agentSocket.nextItem((item) => item.Type === 'MESSAGEMETADATA');
    expect(receipt).toMatchObject({
      MessageMetadata: {
        MessageId: message.body.Id,
        Receipts: [{ RecipientParticipantId: customer.participantId, ReadTimestamp: expect.any(String) }],
      },
      InitialContactId: customer.contactId,
    });
  });

  it('pushes participant.left then chat.ended after DisconnectParticipant, then closes with 1000', async () => {
    const customer = await startCustomer(emulator);
    await using socket = await TestSocket.subscribed(customer.socketUrl);
    await rest(emulator, '/participant/disconnect', { bearer: customer.connectionToken, body: {} });
    const left = await socket.nextItem((item) => String(item.ContentType).endsWith('participant.left'));
    expect(left.ParticipantId).toBe(customer.participantId);
    await socket.nextItem((item) => String(item.ContentType).endsWith('chat.ended'));
    expect(held).toHaveLength(1);
    held.shift()!();
    expect(await socket.closed).toEqual({ code: 1000, reason: 'participant left the chat' });
  });
});

describe('upgrade checks', () => {
  it('refuses unknown tokens and URLs past their 100 s expiry (injected clock) with 403', async () => {
    const customer = await startCustomer(emulator);
    await expect(TestSocket.open(customer.socketUrl.replace(/token=[^&]+/, 'token=unknown'))).rejects.toThrow(
      /403/,
    );
    await expect(TestSocket.open(customer.socketUrl.replace(/\?.*$/, ''))).rejects.toThrow(/403/);
    emulator.advanceClock(100_001);
    await expect(TestSocket.open(customer.socketUrl)).rejects.toThrow(/403/);
    const rejected = emulator
      .activity()
      .filter((entry) => entry.kind === 'socket' && entry.event === 'rejected');
    expect(rejected).toHaveLength(3);
  });

  it('a socket outlives its URL; a URL can be reused before expiry', async () => {
    const customer = await startCustomer(emulator);
    await using first = await TestSocket.subscribed(customer.socketUrl);
    emulator.advanceClock(99_000);
    await using second = await TestSocket.subscribed(customer.socketUrl);
    emulator.advanceClock(2_000);
    await first.roundTrip();
    await second.roundTrip();
  });

  it('expireWebsocketUrls and rejectUpgrades {times} refuse upgrades', async () => {
    const customer = await startCustomer(emulator);
    emulator.addFault({ action: { type: 'rejectUpgrades', times: 1 } });
    await expect(TestSocket.open(customer.socketUrl)).rejects.toThrow(/403/);
    await using ok = await TestSocket.open(customer.socketUrl);
    expect(emulator.addFault({ action: { type: 'expireWebsocketUrls' } })).toEqual({ applied: 1 });
    await expect(TestSocket.open(customer.socketUrl)).rejects.toThrow(/403/);
    await ok.roundTrip();
  });
});

describe('limits (clock-driven)', () => {
  it('closes idle sockets and sockets past the maximum duration with 1001', async () => {
    const customer = await startCustomer(emulator);
    await using idle = await TestSocket.open(customer.socketUrl);
    emulator.advanceClock(10 * 60 * 1000);
    expect(await idle.closed).toEqual({ code: 1001, reason: 'Going away' });
    const fresh = await connect(
      emulator,
      customer.contactId,
      customer.participantId,
      customer.participantToken,
    );
    await using busy = await TestSocket.open(fresh.socketUrl);
    for (let minute = 0; minute < 119; minute += 1) {
      await busy.roundTrip();
      emulator.advanceClock(60_000);
    }
    await busy.roundTrip();
    emulator.advanceClock(60_000);
    expect(await busy.closed).toEqual({ code: 1001, reason: 'Going away' });
  });
});

describe('socket faults', () => {
  it('drop terminates (1006) and close sends the given code', async () => {
    const customer = await startCustomer(emulator);
    await using dropped = await TestSocket.open(customer.socketUrl);
    expect(emulator.addFault({ action: { type: 'drop' } })).toEqual({ applied: 1 });
    expect((await dropped.closed).code).toBe(1006);
    await using closed = await TestSocket.open(customer.socketUrl);
    emulator.addFault({ action: { type: 'close', code: 4001, reason: 'bye' } });
    expect(await closed.closed).toEqual({ code: 4001, reason: 'bye' });
  });

  it('drop can wait for a client frame topic', async () => {
    const customer = await startCustomer(emulator);
    await using socket = await TestSocket.open(customer.socketUrl);
    expect(
      emulator.addFault({ match: { topic: 'aws/heartbeat' }, action: { type: 'drop' }, times: 1 }).id,
    ).toBeDefined();
    await socket.roundTrip();
    socket.send({ topic: 'aws/heartbeat' });
    expect((await socket.closed).code).toBe(1006);
  });

  it('stopHeartbeats, stopPings and pingStatus change the replies', async () => {
    const customer = await startCustomer(emulator);
    await using socket = await TestSocket.open(customer.socketUrl);
    const heartbeats = emulator.addFault({ action: { type: 'stopHeartbeats' } });
    socket.send({ topic: 'aws/heartbeat' });
    await socket.roundTrip();
    expect(socket.frames.filter((frame) => frame.topic === 'aws/heartbeat')).toHaveLength(0);
    emulator.clearFaults(heartbeats.id);
    emulator.addFault({
      action: { type: 'pingStatus', statusCode: 500, statusContent: 'Internal' },
      times: 1,
    });
    socket.send({ topic: 'aws/ping' });
    expect(await socket.next((frame) => frame.topic === 'aws/ping')).toMatchObject({
      statusCode: 500,
      statusContent: 'Internal',
    });
    emulator.addFault({ action: { type: 'stopPings' }, times: 1 });
    socket.send({ topic: 'aws/ping' });
    socket.send({ topic: 'aws/heartbeat' });
    await socket.next((frame) => frame.topic === 'aws/heartbeat');
    // One answer to the round trip above, one pingStatus answer, none for the stopped ping.
    expect(socket.frames.filter((frame) => frame.topic === 'aws/ping')).toHaveLength(2);
  });

  it('subscribeFailure {times} and subscribeNoResponse', async () => {
    const customer = await startCustomer(emulator);
    await using socket = await TestSocket.open(customer.socketUrl);
    emulator.addFault({ action: { type: 'subscribeFailure', times: 2 } });
    const subscribe = { topic: 'aws/subscribe', content: { topics: ['aws/chat'] } };
    for (const expected of ['failure', 'failure', 'success']) {
      socket.send(subscribe);
      expect(await socket.next((frame) => frame.topic === 'aws/subscribe')).toMatchObject({
        content: { status: expected },
      });
    }
    emulator.addFault({ action: { type: 'subscribeNoResponse' }, times: 1 });
    socket.send(subscribe);
    await socket.roundTrip();
    expect(socket.frames.filter((frame) => frame.topic === 'aws/subscribe')).toHaveLength(3);
  });

  it('gatewayError and badFrame', async () => {
    const customer = await startCustomer(emulator);
    await using socket = await TestSocket.open(customer.socketUrl);
    emulator.addFault({ action: { type: 'gatewayError', message: 'Endpoint request timed out' } });
    expect(await socket.next()).toMatchObject({
      message: 'Endpoint request timed out',
      connectionId: expect.any(String),
    });
    emulator.addFault({ action: { type: 'badFrame' } });
    expect((await socket.next()).raw).toBe('this frame is not JSON {');
  });

  it('dropFrames, duplicateFrames, reorderFrames and delayFrames act on aws/chat delivery', async () => {
    const customer = await startCustomer(emulator);
    await using socket = await TestSocket.subscribed(customer.socketUrl);
    const contents = () => socket.items().map((item) => item.Content);
    emulator.addFault({ action: { type: 'dropFrames', topic: 'aws/chat', times: 1 } });
    await send(customer.connectionToken, 'lost');
    await send(customer.connectionToken, 'one');
    await socket.nextItem((item) => item.Content === 'one');
    emulator.addFault({ action: { type: 'duplicateFrames' }, times: 1 });
    await send(customer.connectionToken, 'two');
    await socket.nextItem((item) => item.Content === 'two');
    await socket.nextItem((item) => item.Content === 'two');
    emulator.addFault({ action: { type: 'reorderFrames' }, times: 1 });
    await send(customer.connectionToken, 'three');
    await send(customer.connectionToken, 'four');
    await socket.nextItem((item) => item.Content === 'three');
    emulator.addFault({ action: { type: 'delayFrames', ms: 5000 }, times: 1 });
    await send(customer.connectionToken, 'five');
    await send(customer.connectionToken, 'six');
    await socket.nextItem((item) => item.Content === 'six');
    expect(held).toHaveLength(1);
    held.shift()!();
    await socket.nextItem((item) => item.Content === 'five');
    expect(contents()).toEqual(['one', 'two', 'two', 'four', 'three', 'six', 'five']);
    expect(
      emulator.getContactState(customer.contactId).Items.filter((item) => item.Type === 'MESSAGE'),
    ).toHaveLength(7);
  });
});

describe('lifecycle faults', () => {
  it('endChat, agentLeaves, idle/returned/autodisconnect and transfer emit their events', async () => {
    const customer = await startCustomer(emulator);
    await joinAgent(emulator, customer.contactId);
    await using socket = await TestSocket.subscribed(customer.socketUrl);
    const match = { contactId: customer.contactId };
    const suffix = (item: Record<string, unknown>) => String(item.ContentType).split('event.')[1];
    emulator.addFault({ match, action: { type: 'idle' } });
    emulator.addFault({ match, action: { type: 'returned' } });
    emulator.addFault({ match, action: { type: 'transfer', outcome: 'failed' } });
    emulator.addFault({ match, action: { type: 'agentLeaves' } });
    emulator.addFault({ match, action: { type: 'endChat' } });
    await socket.nextItem((item) => suffix(item) === 'chat.ended');
    expect(socket.items().map(suffix)).toEqual([
      'participant.idle',
      'participant.returned',
      'transfer.failed',
      'participant.left',
      'chat.ended',
    ]);
    const other = await startCustomer(emulator);
    await using otherSocket = await TestSocket.subscribed(other.socketUrl);
    emulator.addFault({ match: { contactId: other.contactId }, action: { type: 'autodisconnect' } });
    await otherSocket.nextItem((item) => suffix(item) === 'chat.ended');
    expect(otherSocket.items().map(suffix)).toEqual([
      'participant.autodisconnection',
      'participant.left',
      'chat.ended',
    ]);
  });
});
