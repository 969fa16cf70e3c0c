// Core's connection machine against the emulator's faults, over the real adapters and real sockets.
import { EventContentType } from '@connect-chat/core';
import { describe, expect, it, vi } from 'vitest';
import { connectionFixture } from './connection-fixture';

const statuses = (changes: { current: string }[]) => changes.map((change) => change.current);

describe('connection over the emulator', () => {
  it('INT-01 connects, subscribes, heartbeats, and delivers an agent message once', async () => {
    await using f = await connectionFixture();
    await f.connection.connect();
    const agent = f.emulator.addParticipant(f.contact.ContactId, { Role: 'AGENT', DisplayName: 'Ada' });
    const sent = f.emulator.injectItem(f.contact.ContactId, {
      AsParticipantId: agent.ParticipantId,
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'hello',
    });
    await vi.waitFor(() => expect(f.record.items.some((item) => item.Id === sent.Id)).toBe(true));
    await f.advanceConnected(30_000);
    expect(f.record.items.filter((item) => item.Id === sent.Id)).toHaveLength(1);
    expect(f.record.established).toBe(1);
    expect(f.record.lost).toEqual([]);
    expect(f.connectionCalls()).toBe(1);
    expect(f.record.deep.every(Boolean)).toBe(true);
    expect(f.record.deep.length).toBeGreaterThanOrEqual(3);
    expect(f.emulator.getContactState(f.contact.ContactId).Sockets).toHaveLength(1);
  });

  it('INT-02 a dropped socket: lost once, a fresh CreateParticipantConnection, established again once', async () => {
    await using f = await connectionFixture();
    await f.connection.connect();
    f.emulator.addFault({ match: { participantId: f.contact.ParticipantId }, action: { type: 'drop' } });
    await f.untilStatus('reconnecting');
    await f.fireRetry();
    await f.untilStatus('connected');
    expect(f.record.lost).toEqual(['socketClosed']);
    expect(f.record.established).toBe(2);
    expect(f.connectionCalls()).toBe(2);
    expect(statuses(f.record.statuses)).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
  });

  it('INT-03 stopped heartbeats: the socket is declared dead after one unanswered interval', async () => {
    await using f = await connectionFixture();
    await f.connection.connect();
    await f.advanceConnected(10_000);
    f.emulator.addFault({
      match: { participantId: f.contact.ParticipantId },
      action: { type: 'stopHeartbeats' },
    });
    f.advance(10_000);
    expect(f.connection.status).toBe('connected');
    f.advance(10_000);
    expect(f.connection.getSnapshot()).toMatchObject({
      status: 'reconnecting',
      reason: { code: 'heartbeatTimedOut' },
    });
    f.emulator.clearFaults();
    // The first retry after a loss goes at once (the advance above already ran its 0 ms timer).
    await f.untilStatus('connected');
    expect(f.record.lost).toEqual(['heartbeatTimedOut']);
    expect(f.record.established).toBe(2);
  });

  it('INT-04 stopped pings: deep-heartbeat failures are surfaced, the connection stays up', async () => {
    await using f = await connectionFixture();
    await f.connection.connect();
    await f.advanceConnected(10_000);
    f.emulator.addFault({ match: { participantId: f.contact.ParticipantId }, action: { type: 'stopPings' } });
    await f.advanceConnected(20_000);
    expect(f.record.deep.slice(0, 2)).toEqual([true, true]);
    expect(f.record.deep).toContain(false);
    expect(f.connection.status).toBe('connected');
    expect(f.record.lost).toEqual([]);
  });

  it('INT-05 refused upgrades back off: CreateParticipantConnection calls stay bounded, then it recovers', async () => {
    await using f = await connectionFixture();
    await f.connection.connect();
    f.emulator.addFault({
      match: { participantId: f.contact.ParticipantId },
      action: { type: 'rejectUpgrades' },
    });
    f.emulator.addFault({ match: { participantId: f.contact.ParticipantId }, action: { type: 'drop' } });
    await f.untilStatus('reconnecting');
    const start = f.clock.now();
    while (f.clock.now() - start < 60_000) await f.fireRetry();
    await vi.waitFor(() => expect(f.connection.getSnapshot().retryIn).toBeDefined());
    // Attempts at 0.125, 0.875, 2.375, 5.375, 11.375, 23.375, 45.875 and 68.375 s: eight, not thousands.
    expect(f.connectionCalls() - 1).toBe(8);
    expect(f.connection.getSnapshot()).toMatchObject({
      status: 'reconnecting',
      reason: { code: 'socketClosed' },
    });
    expect(f.record.lost).toHaveLength(1);
    f.emulator.clearFaults();
    await f.fireRetry();
    await f.untilStatus('connected');
    expect(f.record.established).toBe(2);
  });

  it('INT-06 a 429/5xx burst while reconnecting never ends the chat', async () => {
    await using f = await connectionFixture();
    await f.connection.connect();
    f.emulator.addFault({
      match: { operation: 'CreateParticipantConnection' },
      action: { type: 'error', status: 503 },
      times: 3,
    });
    f.emulator.addFault({
      match: { operation: 'CreateParticipantConnection' },
      action: { type: 'error', status: 429, errorType: 'ThrottlingException' },
      times: 2,
    });
    f.emulator.addFault({ match: { participantId: f.contact.ParticipantId }, action: { type: 'drop' } });
    await f.untilStatus('reconnecting');
    while (f.connection.status === 'reconnecting' && f.connectionCalls() < 7) await f.fireRetry();
    await f.untilStatus('connected');
    expect(f.connectionCalls()).toBe(7);
    // One status change per real transition, plus one retry event (previous === current) per failed attempt.
    const transitions = f.record.statuses.filter((change) => change.previous !== change.current);
    expect(statuses(transitions)).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    const retries = f.record.statuses.filter((change) => change.previous === change.current);
    expect(retries).toHaveLength(5);
    expect(retries.every((change) => change.current === 'reconnecting' && change.retryIn !== undefined)).toBe(
      true,
    );
    expect(f.record.lost).toHaveLength(1);
  });

  it('INT-07 an expiring connection token is refreshed before expiry without a visible drop', async () => {
    await using f = await connectionFixture({ lifetimes: { connectionTokenMs: 120_000 } });
    await f.connection.connect();
    const first = f.connection.connectionToken;
    await f.advanceConnected(60_000);
    await vi.waitFor(() => expect(f.record.tokenRefreshed).toBe(1));
    const second = f.connection.connectionToken!;
    expect(second).not.toBe(first);
    await f.advanceConnected(70_000);
    const api = (await import('../../src')).createFetchParticipantApi({
      endpoint: f.emulator.endpoint,
      maxAttempts: 1,
    });
    await expect(
      api.sendMessage({ ConnectionToken: first!, ContentType: 'text/plain', Content: 'old' }),
    ).rejects.toMatchObject({ code: 'accessDenied' });
    await expect(
      api.sendMessage({
        ConnectionToken: f.connection.connectionToken!,
        ContentType: 'text/plain',
        Content: 'new',
      }),
    ).resolves.toMatchObject({ Id: expect.any(String) });
    expect(statuses(f.record.statuses)).toEqual(['connecting', 'connected']);
    expect(f.record.lost).toEqual([]);
  });

  it('INT-08 an expired socket URL is never reused: a reconnect long after connect fetches a fresh one', async () => {
    await using f = await connectionFixture();
    await f.connection.connect();
    await f.advanceConnected(120_000);
    f.emulator.addFault({ match: { participantId: f.contact.ParticipantId }, action: { type: 'drop' } });
    await f.untilStatus('reconnecting');
    await f.fireRetry();
    await f.untilStatus('connected');
    expect(f.connectionCalls()).toBe(2);
    expect(f.record.lost).toHaveLength(1);
    expect(f.record.established).toBe(2);
  });

  it('INT-09 the socket is rotated before its lifetime ends: no lost/established, messages once', async () => {
    await using f = await connectionFixture({ connection: { delays: { socketLifetime: 30_000 } } });
    await f.connection.connect();
    await f.advanceConnected(30_000);
    await vi.waitFor(() => expect(f.connectionCalls()).toBe(2));
    await vi.waitFor(() => expect(f.emulator.getContactState(f.contact.ContactId).Sockets).toHaveLength(1));
    const agent = f.emulator.addParticipant(f.contact.ContactId, { Role: 'AGENT', DisplayName: 'Ada' });
    const sent = f.emulator.injectItem(f.contact.ContactId, {
      AsParticipantId: agent.ParticipantId,
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'after rotation',
    });
    await vi.waitFor(() => expect(f.record.items.some((item) => item.Id === sent.Id)).toBe(true));
    await f.advanceConnected(10_000);
    expect(f.record.items.filter((item) => item.Id === sent.Id)).toHaveLength(1);
    expect(f.record.established).toBe(1);
    expect(f.record.lost).toEqual([]);
    expect(statuses(f.record.statuses)).toEqual(['connecting', 'connected']);
  });

  it('INT-10 a 403 on reconnect (participant token expired) ends the connection with accessDenied', async () => {
    await using f = await connectionFixture();
    await f.connection.connect();
    f.emulator.addFault({
      action: { type: 'expireParticipantToken', participantId: f.contact.ParticipantId },
    });
    f.emulator.addFault({ match: { participantId: f.contact.ParticipantId }, action: { type: 'drop' } });
    await f.untilStatus('reconnecting');
    await f.fireRetry();
    await f.untilStatus('ended');
    expect(f.connection.getSnapshot().reason?.code).toBe('accessDenied');
    expect(statuses(f.record.statuses)).toEqual(['connecting', 'connected', 'reconnecting', 'ended']);
  });

  it('INT-11 chat ended while offline ends the connection when the network returns', async () => {
    await using f = await connectionFixture();
    await f.connection.connect();
    f.platform.signal('network.offline');
    f.emulator.addFault({ match: { participantId: f.contact.ParticipantId }, action: { type: 'drop' } });
    await f.untilStatus('reconnecting');
    f.emulator.endChat(f.contact.ContactId);
    f.advance(60_000);
    expect(f.connectionCalls()).toBe(1);
    f.platform.signal('network.online');
    await f.untilStatus('ended');
    expect(f.connection.getSnapshot().reason?.code).toBe('accessDenied');
    expect(f.record.items.some((item) => item.ContentType === EventContentType.chatEnded)).toBe(false);
    expect(f.record.lost).toHaveLength(1);
  });

  it('INT-12 chat.ended over the socket ends the connection and closes the socket', async () => {
    await using f = await connectionFixture();
    await f.connection.connect();
    f.emulator.endChat(f.contact.ContactId);
    await f.untilStatus('ended');
    expect(f.connection.getSnapshot().reason?.code).toBe('chatEnded');
    expect(f.record.items.filter((item) => item.ContentType === EventContentType.chatEnded)).toHaveLength(1);
    await vi.waitFor(() => expect(f.emulator.getContactState(f.contact.ContactId).Sockets).toHaveLength(0));
  });

  it('INT-13 offline and hidden pause reconnection; online and visible resume it at once', async () => {
    await using f = await connectionFixture();
    await f.connection.connect();
    f.platform.signal('network.offline');
    f.emulator.addFault({ match: { participantId: f.contact.ParticipantId }, action: { type: 'drop' } });
    await f.untilStatus('reconnecting');
    f.advance(120_000);
    expect(f.connectionCalls()).toBe(1);
    expect(f.connection.getSnapshot().retryIn).toBeUndefined();
    f.platform.signal('network.online');
    await f.untilStatus('connected');
    f.platform.signal('page.hidden');
    f.emulator.addFault({ match: { participantId: f.contact.ParticipantId }, action: { type: 'drop' } });
    await f.untilStatus('reconnecting');
    f.advance(120_000);
    expect(f.connectionCalls()).toBe(2);
    f.platform.signal('page.visible');
    await f.untilStatus('connected');
    expect(f.connectionCalls()).toBe(3);
    expect(f.record.lost).toHaveLength(2);
    expect(f.record.established).toBe(3);
  });
});
