import { describe, expect, it } from 'vitest';
import { EventContentType } from '../protocol/content-types';
import { ChatErrorCode, chatItem, managedHarness, serviceError } from './connection.harness.test-support';
import { createConnection } from './create-connection';
import { FakeManagedSocket, FakeParticipantApi, FakeSockets } from './fakes.test-support';

const acknowledgement = { ParticipantToken: 'participant-secret', ConnectParticipant: true };

describe('agent connection on a managed socket', () => {
  it('MGD-01 takes the token from getConnectionToken, subscribes aws/chat, acknowledges once, is connected', async () => {
    const h = managedHarness();
    h.managedSocket.gain();
    await h.connection.connect();
    expect(h.provider.calls).toBe(1);
    expect(h.connection.connectionToken).toBe('agent-token-1');
    expect(h.managedSocket.subscriptions).toEqual([['aws/chat']]);
    await h.advance(0);
    expect(h.service.calls).toEqual([acknowledgement]);
    expect(h.connection.getSnapshot()).toMatchObject({
      status: 'connected',
      canSend: true,
      retryIn: undefined,
    });
    expect(h.connection.diagnostics()).toMatchObject({ mode: 'managedSocket', status: 'connected' });
    expect(h.record.established).toBe(1);
    expect(h.record.statuses.map((change) => [change.previous, change.current])).toEqual([
      ['idle', 'connecting'],
      ['connecting', 'connected'],
    ]);
  });

  it('MGD-02 waits for the manager: connecting until it gains its socket, then connected', async () => {
    const h = managedHarness();
    const connected = h.connection.connect();
    await h.advance(0);
    expect(h.connection.getSnapshot()).toMatchObject({ status: 'connecting', canSend: false });
    expect(h.connection.connectionToken).toBe('agent-token-1');
    await h.advance(3_600_000);
    expect(h.connection.status).toBe('connecting');
    h.managedSocket.gain();
    await connected;
    expect(h.record.established).toBe(1);
  });

  it('MGD-03 lost/gained follow the manager once per real transition, with no retry timer of its own', async () => {
    const h = managedHarness();
    h.managedSocket.gain();
    await h.connection.connect();
    await h.advance(0);
    h.managedSocket.lose(1006);
    h.managedSocket.lose(1006);
    expect(h.connection.getSnapshot()).toMatchObject({
      status: 'reconnecting',
      retryIn: undefined,
      canSend: false,
      reason: { code: 'socketClosed', message: 'the socket manager lost its connection (code 1006)' },
    });
    expect(h.record.lost).toEqual(['socketClosed']);
    const callsBefore = h.service.calls.length;
    await h.advance(3_600_000);
    expect(h.connection.status).toBe('reconnecting');
    expect(h.service.calls).toHaveLength(callsBefore);
    h.managedSocket.gain();
    h.managedSocket.gain();
    expect(h.connection.status).toBe('connected');
    expect(h.record.established).toBe(2);
    expect(h.record.lost).toHaveLength(1);
    expect(h.record.statuses.map((change) => change.current)).toEqual([
      'connecting',
      'connected',
      'reconnecting',
      'connected',
    ]);
  });

  it('MGD-04 a manager that gives up fails the connection with its reason', async () => {
    const h = managedHarness();
    const connected = h.connection.connect();
    h.managedSocket.failInit('invalid websocket transport');
    await expect(connected).rejects.toMatchObject({
      message: 'unable to connect; the socket manager failed: invalid websocket transport',
    });
    expect(h.connection.getSnapshot()).toMatchObject({
      status: 'failed',
      reason: { code: 'nonRetryable', message: expect.stringContaining('invalid websocket transport') },
    });
    expect(h.managedSocket.listenerCount).toBe(0);
    // A manager that already failed replays its failure: connecting again fails again, without a hang.
    await expect(h.connection.connect()).rejects.toMatchObject({ code: 'unknown' });
    expect(h.managedSocket.listens).toBe(2);
  });

  it('MGD-05 aws/chat frames become items; chat.ended is delivered, then ends and stops listening', async () => {
    const h = managedHarness();
    h.managedSocket.gain();
    await h.connection.connect();
    h.managedSocket.receive({ kind: 'heartbeat' });
    h.managedSocket.receive({ kind: 'chat', item: chatItem('m-1') });
    h.managedSocket.receive({ kind: 'chat', item: chatItem('end-1', EventContentType.chatEnded) });
    expect(h.record.items.map((item) => item.Id)).toEqual(['m-1', 'end-1']);
    expect(h.connection.getSnapshot()).toMatchObject({ status: 'ended', reason: { code: 'chatEnded' } });
    expect(h.managedSocket.listenerCount).toBe(0);
    expect(h.record.lost).toEqual([]);
  });

  it('MGD-06 deep heartbeats of the manager surface as deepHeartbeat events', async () => {
    const h = managedHarness();
    h.managedSocket.gain();
    await h.connection.connect();
    h.managedSocket.emit({ type: 'managed.deepHeartbeatSucceeded', timestamp: 1 });
    h.managedSocket.emit({
      type: 'managed.deepHeartbeatFailed',
      timestamp: 2,
      statusCode: 503,
      statusContent: 'Down',
      error: undefined,
    });
    expect(h.record.deep).toEqual([true, false]);
    expect(h.connection.status).toBe('connected');
  });

  it('MGD-07 disconnect() stops listening and leaves the manager running', async () => {
    const h = managedHarness();
    h.managedSocket.gain();
    await h.connection.connect();
    expect(h.managedSocket.listenerCount).toBe(1);
    h.connection.disconnect();
    expect(h.connection.getSnapshot()).toMatchObject({
      status: 'ended',
      reason: { code: 'clientDisconnected' },
    });
    expect(h.managedSocket.listenerCount).toBe(0);
    expect(h.managedSocket.state).toBe('connected');
    h.managedSocket.receive({ kind: 'chat', item: chatItem('late') });
    expect(h.record.items).toEqual([]);
  });

  it('MGD-08 refreshes the token through getConnectionToken before it expires, without a drop', async () => {
    const h = managedHarness();
    h.provider.script.push({
      connectionToken: 'short-token',
      expiresAt: new Date(h.clock.now() + 300_000).toISOString(),
    });
    h.managedSocket.gain();
    await h.connection.connect();
    await h.advance(239_999);
    expect(h.provider.calls).toBe(1);
    await h.advance(1);
    expect(h.provider.calls).toBe(2);
    expect(h.connection.connectionToken).toBe('agent-token-2');
    expect(h.record.tokenRefreshed).toBe(1);
    expect(h.record.statuses.map((change) => change.current)).toEqual(['connecting', 'connected']);
    expect(h.service.calls).toEqual([acknowledgement]);
  });
});

describe('agent token path', () => {
  it('MGD-10 a failing provider falls back to CreateParticipantConnection with ConnectParticipant (no second ack)', async () => {
    const h = managedHarness();
    h.provider.script.push(new Error('media info unavailable'));
    h.managedSocket.gain();
    await h.connection.connect();
    await h.advance(0);
    expect(h.service.calls).toEqual([
      { ParticipantToken: 'participant-secret', Type: ['CONNECTION_CREDENTIALS'], ConnectParticipant: true },
    ]);
    expect(h.connection.connectionToken).toBe('connection-token-1');
  });

  it('MGD-11 a provider that returns nothing also falls back', async () => {
    const h = managedHarness();
    h.provider.script.push(undefined);
    h.managedSocket.gain();
    await h.connection.connect();
    expect(h.service.calls[0]).toMatchObject({ ConnectParticipant: true });
    expect(h.connection.connectionToken).toBe('connection-token-1');
  });

  it('MGD-12 a failing fallback fails the connection with an error that names both failures', async () => {
    const h = managedHarness();
    h.provider.script.push(new Error('media info unavailable'));
    h.service.script.push(serviceError(ChatErrorCode.validation, 400));
    h.managedSocket.gain();
    const failure = await h.connection.connect().catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: 'validation',
      status: 400,
      operation: 'CreateParticipantConnection',
      message: expect.stringMatching(
        /provider failed and the CreateParticipantConnection fallback failed too/,
      ),
    });
    expect(String((failure as Error).message)).not.toContain('participant-secret');
    expect(h.connection.status).toBe('failed');
  });

  it('MGD-13 a transient fallback failure is retried (the first retry at once), then connects', async () => {
    const h = managedHarness();
    h.provider.script.push(new Error('down'), new Error('down'));
    h.service.script.push(serviceError(ChatErrorCode.serviceUnavailable, 503));
    h.managedSocket.gain();
    const connected = h.connection.connect();
    await h.advance(0);
    expect(h.connection.getSnapshot()).toMatchObject({ status: 'connecting', retryIn: 0 });
    await h.advance(0);
    await connected;
    expect(h.provider.calls).toBe(2);
    expect(h.service.calls).toHaveLength(2);
  });

  it('MGD-14 a 403 from the fallback ends the connection (the participant left)', async () => {
    const h = managedHarness();
    h.provider.script.push(new Error('down'));
    h.service.script.push(serviceError(ChatErrorCode.accessDenied, 403));
    await expect(h.connection.connect()).rejects.toMatchObject({ code: 'ended' });
    expect(h.connection.getSnapshot().reason?.code).toBe('accessDenied');
  });

  it('MGD-15 a failed acknowledgement is logged without secrets and never drops the connection', async () => {
    const h = managedHarness();
    h.service.script.push(serviceError(ChatErrorCode.serviceUnavailable, 503));
    h.managedSocket.gain();
    await h.connection.connect();
    await h.advance(0);
    expect(h.connection.status).toBe('connected');
    expect(h.log.entries.filter((entry) => entry.level === 'warn')).toEqual([
      {
        level: 'warn',
        message: 'connection acknowledgement failed',
        details: { code: 'serviceUnavailable', status: 503 },
      },
    ]);
    expect(JSON.stringify(h.log.entries)).not.toMatch(/secret|agent-token/);
  });

  it('MGD-16 a customer on a managed socket never acknowledges', async () => {
    const h = managedHarness({ credentials: { participantToken: 'participant-secret' } });
    h.managedSocket.gain();
    await h.connection.connect();
    await h.advance(0);
    expect(h.service.calls).toEqual([
      { ParticipantToken: 'participant-secret', Type: ['CONNECTION_CREDENTIALS'] },
    ]);
  });
});

describe('socket slot', () => {
  it('MGD-20 createConnection wants exactly one of sockets and managedSocket', () => {
    const base = {
      participantApi: new FakeParticipantApi(() => 0).api,
      credentials: { participantToken: 'participant-secret' },
    };
    const both = { ...base, sockets: new FakeSockets(), managedSocket: new FakeManagedSocket() };
    expect(() => createConnection(both as never)).toThrow(
      'unable to create connection; give exactly one of sockets and managedSocket',
    );
    expect(() => createConnection(base as never)).toThrow(/exactly one/);
  });
});
