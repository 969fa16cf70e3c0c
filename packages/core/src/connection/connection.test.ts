import { describe, expect, it } from 'vitest';
import { EventContentType } from '../protocol/content-types';
import { ChatErrorCode, chatItem, harness, serviceError } from './connection.harness.test-support';
import { linkCloseReason } from './socket-link';

describe('connecting (customer path)', () => {
  it('CONN-01 fetches details with both types, opens the socket, subscribes, then is connected', async () => {
    const h = harness();
    const connected = h.connection.connect();
    expect(h.connection.status).toBe('connecting');
    await h.acceptLast();
    await connected;
    expect(h.service.calls).toEqual([
      { ParticipantToken: 'participant-secret', Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] },
    ]);
    expect(h.sockets.opened).toHaveLength(1);
    expect(h.sockets.last.url).toContain('url-secret-1');
    expect(h.sockets.last.topics()).toEqual(['aws/subscribe', 'aws/ping', 'aws/heartbeat']);
    expect(h.connection.getSnapshot()).toMatchObject({ status: 'connected', canSend: true, attempts: 0 });
    expect(h.connection.connectionToken).toBe('connection-token-1');
    expect(h.record.statuses.map((change) => [change.previous, change.current])).toEqual([
      ['idle', 'connecting'],
      ['connecting', 'connected'],
    ]);
    expect(h.record.established).toBe(1);
  });

  it('CONN-07 connect() is idempotent while in flight: one CreateParticipantConnection, one socket', async () => {
    const h = harness();
    const calls = [h.connection.connect(), h.connection.connect(), h.connection.connect()];
    await h.acceptLast();
    await Promise.all(calls);
    await h.connection.connect();
    expect(h.service.calls).toHaveLength(1);
    expect(h.sockets.opened).toHaveLength(1);
    expect(h.record.established).toBe(1);
  });

  it('CONN-08 a non-retryable failure ends in failed with a reason; connect() works again afterwards', async () => {
    const h = harness();
    h.service.script.push(serviceError(ChatErrorCode.validation, 400));
    await expect(h.connection.connect()).rejects.toMatchObject({ code: 'validation' });
    expect(h.connection.getSnapshot()).toMatchObject({ status: 'failed', reason: { code: 'nonRetryable' } });
    expect(h.sockets.opened).toHaveLength(0);
    await h.establish();
    expect(h.connection.status).toBe('connected');
  });

  it('CONN-09 a missing participant token fails without calling the service', async () => {
    const h = harness({ credentials: { participantToken: '' } });
    await expect(h.connection.connect()).rejects.toMatchObject({ code: 'validation' });
    expect(h.service.calls).toHaveLength(0);
  });

  it('CONN-13 a 403 from CreateParticipantConnection ends the chat with reason accessDenied', async () => {
    const h = harness();
    h.service.script.push(serviceError(ChatErrorCode.accessDenied, 403));
    await expect(h.connection.connect()).rejects.toMatchObject({ code: 'ended' });
    expect(h.connection.getSnapshot()).toMatchObject({ status: 'ended', reason: { code: 'accessDenied' } });
    await expect(h.connection.connect()).rejects.toMatchObject({ code: 'ended' });
    expect(h.service.calls).toHaveLength(1);
  });

  it('CONN-29 a socket slot that throws fails the connection as unsupported', async () => {
    const h = harness({
      sockets: {
        open: () => {
          throw new Error('no WebSocket here');
        },
      },
    });
    await expect(h.connection.connect()).rejects.toMatchObject({ code: 'unsupported' });
    expect(h.connection.status).toBe('failed');
  });

  it('CONN-30 transient failures of the first connection are retried with back-off while connecting', async () => {
    const h = harness();
    h.service.script.push(serviceError(ChatErrorCode.serviceUnavailable, 503));
    h.service.script.push(serviceError(ChatErrorCode.throttled, 429));
    const connected = h.connection.connect();
    // The first retry goes at once (a 0 ms timer, which the second advance runs); the second waits its jittered step.
    await h.advance(0);
    await h.advance(0);
    expect(h.service.calls).toHaveLength(2);
    expect(h.connection.getSnapshot()).toMatchObject({ status: 'connecting', retryIn: 750 });
    await h.advance(749);
    expect(h.service.calls).toHaveLength(2);
    await h.advance(1);
    await h.acceptLast();
    await connected;
    // Each new back-off step is a status event of its own, with previous === current and the new retryIn.
    expect(h.record.statuses.map(({ previous, current, retryIn }) => [previous, current, retryIn])).toEqual([
      ['idle', 'connecting', undefined],
      ['connecting', 'connecting', 0],
      ['connecting', 'connecting', 750],
      ['connecting', 'connected', undefined],
    ]);
  });

  it('CONN-31 with retryFirstConnect: false, a transient failure of the first connection fails at once; later drops still retry', async () => {
    const h = harness({ retryFirstConnect: false });
    h.service.script.push(serviceError(ChatErrorCode.serviceUnavailable, 503));
    await expect(h.connection.connect()).rejects.toMatchObject({ code: 'serviceUnavailable' });
    expect(h.connection.getSnapshot()).toMatchObject({ status: 'failed' });
    expect(h.service.calls).toHaveLength(1);
    await h.establish();
    expect(h.connection.status).toBe('connected');
    h.sockets.last.close(1006);
    await h.advance(0);
    expect(h.connection.status).toBe('reconnecting');
  });
});

describe('subscribing', () => {
  it('CONN-31 re-sends an unanswered aws/subscribe every second, then reconnects after five', async () => {
    const h = harness();
    void h.connection.connect().catch(() => undefined);
    await h.advance(0);
    h.sockets.last.open();
    await h.advance(0);
    for (let i = 0; i < 4; i += 1) await h.advance(1_000);
    expect(h.sockets.opened[0]!.topics()).toEqual(Array(5).fill('aws/subscribe'));
    await h.advance(1_000);
    expect(h.sockets.opened[0]!.state).toBe('closed');
    expect(h.connection.getSnapshot()).toMatchObject({
      status: 'connecting',
      reason: { code: 'subscribeFailed' },
    });
  });

  it('CONN-32 retries aws/subscribe 500 ms after a failure answer', async () => {
    const h = harness();
    const connected = h.connection.connect();
    await h.advance(0);
    h.sockets.last.open();
    h.sockets.last.receive({ kind: 'subscribeResult', status: 'failure', topics: ['aws/chat'] });
    await h.advance(499);
    expect(h.sockets.last.topics()).toEqual(['aws/subscribe']);
    await h.advance(1);
    expect(h.sockets.last.topics()).toEqual(['aws/subscribe', 'aws/subscribe']);
    h.sockets.last.receive({ kind: 'subscribeResult', status: 'success', topics: ['aws/chat'] });
    await connected;
  });
});

describe('losing and restoring the connection', () => {
  it('CONN-10 a dropped socket reconnects fast with a fresh URL; lost and established fire once each', async () => {
    const h = harness();
    await h.establish();
    h.sockets.last.drop();
    // The first retry goes the moment the socket closes: the new connection is already being made.
    expect(h.connection.getSnapshot()).toMatchObject({
      status: 'reconnecting',
      retryIn: 0,
      reason: { code: 'socketClosed' },
    });
    expect(h.record.lost).toEqual(['socketClosed']);
    await h.advance(0);
    expect(h.service.calls).toHaveLength(2);
    await h.acceptLast();
    expect(h.connection.status).toBe('connected');
    expect(h.service.calls).toHaveLength(2);
    expect(h.sockets.opened[1]!.url).toContain('url-secret-2');
    expect(h.connection.connectionToken).toBe('connection-token-2');
    expect(h.record.established).toBe(2);
    expect(h.record.lost).toHaveLength(1);
    expect(h.record.statuses.at(-2)).toMatchObject({
      previous: 'connected',
      current: 'reconnecting',
      retryIn: 0,
    });
  });

  it('CONN-11 a heartbeat unanswered by the next tick declares the socket dead', async () => {
    const h = harness();
    await h.establish();
    h.answerBeat();
    await h.advance(10_000);
    expect(h.connection.status).toBe('connected');
    await h.advance(10_000);
    expect(h.connection.getSnapshot()).toMatchObject({
      status: 'reconnecting',
      reason: { code: 'heartbeatTimedOut' },
    });
    expect(h.sockets.opened[0]!.state).toBe('closed');
    expect(h.record.lost).toEqual(['heartbeatTimedOut']);
    expect(h.record.deep).toEqual([true, false]);
  });

  it('CONN-15 refused sockets back off exponentially instead of hot-looping', async () => {
    const h = harness();
    void h.connection.connect();
    for (let elapsed = 0; elapsed < 60_000; elapsed += 50) {
      await h.advance(50);
      const socket = h.sockets.last;
      if (socket.state === 'connecting') socket.drop();
    }
    // 0 + 0.75 + 1.5 + 3 + 6 + 12 + 22.5 s: eight attempts in the first minute, not thousands.
    expect(h.service.calls.length).toBeGreaterThanOrEqual(6);
    expect(h.service.calls.length).toBeLessThanOrEqual(9);
    expect(h.connection.getSnapshot().retryIn).toBeLessThanOrEqual(30_000);
  });

  it('CONN-16 the back-off resets after the connection stayed up for the stable period', async () => {
    const h = harness({ delays: { heartbeatInterval: 1_000_000 } });
    h.service.script.push(serviceError(ChatErrorCode.network, 0), serviceError(ChatErrorCode.network, 0));
    void h.connection.connect();
    await h.advance(0);
    await h.advance(0);
    await h.advance(750);
    await h.acceptLast();
    expect(h.connection.getSnapshot().attempts).toBe(2);
    await h.advance(30_000);
    expect(h.connection.getSnapshot().attempts).toBe(0);
    // Reset: the next loss retries at once again, where without the reset it would wait the third step (1-2 s).
    h.sockets.last.drop();
    expect(h.connection.getSnapshot().retryIn).toBe(0);
  });

  it('CONN-17 a 5xx burst while reconnecting never ends the chat', async () => {
    const h = harness({ delays: { heartbeatInterval: 1_000_000 } });
    await h.establish();
    for (let i = 0; i < 6; i += 1) h.service.script.push(serviceError(ChatErrorCode.serviceUnavailable, 503));
    h.sockets.last.drop();
    await h.advance(0);
    for (let i = 0; i < 7; i += 1) await h.advance(h.connection.getSnapshot().retryIn ?? 0);
    await h.acceptLast();
    expect(h.connection.status).toBe('connected');
    expect(h.service.calls).toHaveLength(8);
    expect(h.record.lost).toHaveLength(1);
    expect(h.record.established).toBe(2);
  });
});

describe('ending', () => {
  it('CONN-14 chat.ended delivers the item, then ends the connection and closes the socket', async () => {
    const h = harness();
    await h.establish();
    h.sockets.last.receive({ kind: 'chat', item: chatItem('end-1', EventContentType.chatEnded) });
    await h.advance(0);
    expect(h.record.items.map((item) => item.Id)).toEqual(['end-1']);
    expect(h.connection.getSnapshot()).toMatchObject({ status: 'ended', reason: { code: 'chatEnded' } });
    expect(h.sockets.last.closedWith).toEqual({ code: 1000, reason: linkCloseReason.released });
    expect(h.record.lost).toEqual([]);
  });

  it('CONN-26 disconnect() closes for good', async () => {
    const h = harness();
    await h.establish();
    h.connection.disconnect();
    expect(h.connection.getSnapshot()).toMatchObject({
      status: 'ended',
      reason: { code: 'clientDisconnected' },
    });
    expect(h.sockets.openSockets()).toEqual([]);
    await expect(h.connection.connect()).rejects.toMatchObject({ code: 'ended' });
    expect(h.service.calls).toHaveLength(1);
  });

  it('CONN-33 a 403 while reconnecting (chat ended in the background) ends with accessDenied', async () => {
    const h = harness();
    await h.establish();
    h.service.script.push(serviceError(ChatErrorCode.accessDenied, 403));
    h.sockets.last.drop();
    await h.advance(125);
    expect(h.connection.getSnapshot()).toMatchObject({ status: 'ended', reason: { code: 'accessDenied' } });
    expect(h.record.statuses.map((change) => change.current)).toEqual([
      'connecting',
      'connected',
      'reconnecting',
      'ended',
    ]);
  });
});

describe('platform signals', () => {
  it('CONN-40 offline pauses retries without burning attempts; online reconnects at once', async () => {
    const h = harness();
    await h.establish();
    h.platform.signal('network.offline');
    expect(h.connection.status).toBe('connected');
    h.sockets.last.drop();
    await h.advance(0);
    expect(h.connection.getSnapshot()).toMatchObject({
      status: 'reconnecting',
      retryIn: undefined,
      attempts: 0,
    });
    await h.advance(3_600_000);
    expect(h.service.calls).toHaveLength(1);
    h.platform.signal('network.online');
    await h.acceptLast();
    expect(h.connection.status).toBe('connected');
    expect(h.service.calls).toHaveLength(2);
  });

  it('CONN-41 hidden pauses retries; visible reconnects at once', async () => {
    const h = harness();
    await h.establish();
    h.platform.signal('page.hidden');
    h.sockets.last.drop();
    await h.advance(60_000);
    expect(h.service.calls).toHaveLength(1);
    h.platform.signal('page.resumed');
    await h.acceptLast();
    expect(h.connection.status).toBe('connected');
  });

  it('CONN-42 going offline while connecting abandons the attempt and waits', async () => {
    const h = harness();
    h.service.script.push('hang');
    void h.connection.connect();
    await h.advance(0);
    h.platform.signal('network.offline');
    await h.advance(0);
    expect(h.connection.getSnapshot()).toMatchObject({ status: 'connecting', retryIn: undefined });
    h.platform.signal('network.online');
    await h.acceptLast();
    expect(h.connection.status).toBe('connected');
  });

  it('CONN-43 starting offline waits for the network before the first retry', async () => {
    const h = harness();
    h.platform.online = false;
    h.service.script.push(serviceError(ChatErrorCode.network, 0));
    void h.connection.connect();
    await h.advance(60_000);
    expect(h.service.calls).toHaveLength(1);
    h.platform.signal('network.online');
    await h.acceptLast();
    expect(h.connection.status).toBe('connected');
  });
});

describe('refresh and rotation', () => {
  it('CONN-50 refreshes the connection token a minute before it expires, without a visible drop', async () => {
    const h = harness({ delays: { heartbeatInterval: 1_000_000, socketLifetime: 100_000_000 } });
    h.service.script.push({
      Websocket: { Url: 'wss://fake.test/socket?a=1' },
      ConnectionCredentials: {
        ConnectionToken: 'short-token',
        Expiry: new Date(h.clock.now() + 300_000).toISOString(),
      },
    });
    await h.establish();
    await h.advance(239_999);
    expect(h.service.calls).toHaveLength(1);
    await h.advance(1);
    expect(h.service.calls[1]).toEqual({
      ParticipantToken: 'participant-secret',
      Type: ['CONNECTION_CREDENTIALS'],
    });
    expect(h.connection.connectionToken).toBe('connection-token-1');
    expect(h.record.tokenRefreshed).toBe(1);
    expect(h.record.statuses.map((change) => change.current)).toEqual(['connecting', 'connected']);
    expect(h.sockets.opened).toHaveLength(1);
  });

  it('CONN-51 replaces the socket before its lifetime ends: no lost/established, items delivered once', async () => {
    const h = harness({ delays: { heartbeatInterval: 1_000_000, socketLifetime: 600_000 } });
    await h.establish();
    const first = h.sockets.last;
    await h.advance(600_000);
    expect(h.service.calls).toHaveLength(2);
    const second = h.sockets.last;
    expect(second).not.toBe(first);
    second.open();
    await h.advance(0);
    expect(second.topics()).toEqual(['aws/subscribe']);
    first.receive({ kind: 'chat', item: chatItem('during-overlap') });
    second.receive({ kind: 'subscribeResult', status: 'success', topics: ['aws/chat'] });
    await h.advance(0);
    expect(first.closedWith).toEqual({ code: 1000, reason: linkCloseReason.replaced });
    second.receive({ kind: 'chat', item: chatItem('during-overlap') });
    second.receive({ kind: 'chat', item: chatItem('after-rotation') });
    expect(h.record.items.map((item) => item.Id)).toEqual(['during-overlap', 'after-rotation']);
    expect(h.record.established).toBe(1);
    expect(h.record.lost).toEqual([]);
    expect(h.connection.status).toBe('connected');
    expect(second.topics()).toEqual(['aws/subscribe', 'aws/ping', 'aws/heartbeat']);
  });

  it('CONN-52 a failed rotation keeps the current socket and tries again later', async () => {
    const h = harness({ delays: { heartbeatInterval: 1_000_000, socketLifetime: 600_000 } });
    await h.establish();
    h.service.script.push(serviceError(ChatErrorCode.serviceUnavailable, 503));
    await h.advance(600_000);
    expect(h.connection.status).toBe('connected');
    await h.advance(30_000);
    expect(h.service.calls).toHaveLength(3);
    expect(h.sockets.opened).toHaveLength(2);
    expect(h.record.lost).toEqual([]);
  });
});

describe('heartbeat surfacing and diagnostics', () => {
  it('CONN-60 surfaces deep heartbeat successes and failures', async () => {
    const h = harness();
    await h.establish();
    h.answerBeat(200);
    await h.advance(10_000);
    h.answerBeat(500);
    expect(h.record.deep).toEqual([true, false]);
  });

  it('CONN-61 diagnostics report state, attempts, last heartbeat and time connected, never tokens or URLs', async () => {
    const h = harness();
    await h.establish();
    h.answerBeat();
    await h.advance(5_000);
    const report = h.connection.diagnostics();
    expect(report).toMatchObject({
      status: 'connected',
      reconnectAttempts: 0,
      lastHeartbeatAt: h.clock.now() - 5_000,
      connectedForMs: 5_000,
      versions: { core: expect.any(String) },
    });
    const serialized = JSON.stringify([
      report,
      h.connection.getSnapshot(),
      h.connection.actor.getSnapshot().context,
    ]);
    expect(serialized).not.toMatch(/secret|connection-token/);
  });

  it('CONN-62 an inspector passed through sees the machine events', async () => {
    const seen: string[] = [];
    const h = harness({
      inspect: (event) => void (event.type === '@xstate.event' && seen.push(event.event.type)),
    });
    await h.establish();
    expect(seen).toEqual(expect.arrayContaining(['session.connect', 'socket.opened', 'socket.subscribed']));
  });
});
