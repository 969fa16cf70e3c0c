// Status events when only the retry changes: a demanding UI shows "reconnecting in 3 s" and needs an event for each
// new back-off step, not only for real transitions (Ably's connection-state change carries `retryIn` the same way).
import { describe, expect, it } from 'vitest';
import { ChatErrorCode, harness, serviceError } from './connection.harness.test-support';

describe('status events for retries', () => {
  it('CONN-34 every retry scheduled while reconnecting fires status (same current/previous, new retryIn)', async () => {
    const h = harness({ reconnectDelay: () => 1_000, delays: { heartbeatInterval: 1_000_000 } });
    await h.establish();
    h.service.script.push(serviceError(ChatErrorCode.serviceUnavailable, 503));
    h.service.script.push(serviceError(ChatErrorCode.network, 0));
    h.sockets.last.drop();
    await h.advance(0);
    await h.advance(999);
    expect(h.record.statuses).toHaveLength(3);
    await h.advance(1);
    expect(h.record.statuses.at(-1)).toEqual({
      previous: 'reconnecting',
      current: 'reconnecting',
      retryIn: 1_000,
      reason: expect.objectContaining({ code: 'connectionRequestFailed' }),
    });
    await h.advance(1_000);
    await h.advance(1_000);
    await h.acceptLast();
    expect(h.record.statuses.map(({ previous, current, retryIn }) => [previous, current, retryIn])).toEqual([
      ['idle', 'connecting', undefined],
      ['connecting', 'connected', undefined],
      ['connected', 'reconnecting', 1_000],
      ['reconnecting', 'reconnecting', 1_000],
      ['reconnecting', 'reconnecting', 1_000],
      ['reconnecting', 'connected', undefined],
    ]);
    expect(h.record.lost).toHaveLength(1);
    expect(h.record.established).toBe(2);
  });

  it('CONN-35 paused retries (offline or hidden) fire no retry events', async () => {
    const h = harness();
    await h.establish();
    h.platform.signal('network.offline');
    h.sockets.last.drop();
    await h.advance(60_000);
    expect(h.record.statuses.at(-1)).toEqual({
      previous: 'connected',
      current: 'reconnecting',
      reason: expect.objectContaining({ code: 'socketClosed' }),
    });
    expect(h.record.statuses).toHaveLength(3);
  });
});
