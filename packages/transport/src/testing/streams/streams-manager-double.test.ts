// The StreamsJS manager double honours StreamsJS's contract (wire-protocol §3.5-3.6, legacy-chatjs §7.3).
import { describe, expect, it } from 'vitest';
import { createStreamsWebSocketManagerDouble, invalidTransportReason } from './streams-manager-double';

function controlled() {
  let clock = 5_000;
  const manager = createStreamsWebSocketManagerDouble({ now: () => clock });
  return {
    manager,
    tick: (ms: number) => {
      clock += ms;
    },
  };
}

describe('callbacks', () => {
  it('keeps callbacks in Sets and every on* returns a function that removes its callback', () => {
    const { manager } = controlled();
    const calls: string[] = [];
    const callback = () => calls.push('gain');
    const first = manager.onConnectionGain(callback);
    manager.onConnectionGain(callback);
    expect(manager.callbackCount('connectionGain')).toBe(1);
    const removers = [
      manager.onMessage('aws/chat', () => undefined),
      manager.onAllMessage(() => undefined),
      manager.onConnectionLost(() => undefined),
      manager.onConnectionOpen(() => undefined),
      manager.onConnectionClose(() => undefined),
      manager.onInitFailure(() => undefined),
      manager.onSubscriptionUpdate(() => undefined),
      manager.onSubscriptionFailure(() => undefined),
      manager.onDeepHeartbeatSuccess(() => undefined),
      manager.onDeepHeartbeatFailure(() => undefined),
      manager.onTopicFailure(() => undefined),
    ];
    expect(manager.callbackCount()).toBe(12);
    for (const remove of removers) remove();
    first();
    first();
    expect(manager.callbackCount()).toBe(0);
    manager.gainConnection();
    expect(calls).toEqual([]);
  });

  it('replays gain when connected, lost when disconnected, init failure when terminated', () => {
    const { manager } = controlled();
    const seen: unknown[] = [];
    manager.onConnectionGain(() => seen.push('gain-before'));
    manager.gainConnection();
    manager.onConnectionGain(() => seen.push('gain-replayed'));
    manager.loseConnection({ code: 1001, reason: 'Going away' });
    manager.onConnectionLost((payload) => seen.push(payload));
    manager.failInit('gave up');
    manager.onInitFailure((payload) => seen.push(payload));
    expect(seen).toEqual([
      'gain-before',
      'gain-replayed',
      {
        openTimestamp: 5_000,
        closeTimestamp: 5_000,
        connectionDuration: 0,
        code: 1001,
        reason: 'Going away',
      },
      { connectWebSocketRetryCount: 0, connectionAttemptStartTime: 5_000, reason: 'gave up' },
    ]);
  });
});

describe('connection', () => {
  it('fires gain once per outage, lost once per outage, and close for every socket', () => {
    const { manager, tick } = controlled();
    const seen: string[] = [];
    manager.onConnectionGain(() => seen.push('gain'));
    manager.onConnectionOpen((metrics) => seen.push(`open ${metrics.timeWithoutConnection}`));
    manager.onConnectionLost((payload) => seen.push(`lost ${payload.code} ${payload.connectionDuration}`));
    manager.onConnectionClose((payload) => seen.push(`close ${payload.code} ${payload.wasClean}`));
    manager.gainConnection();
    manager.gainConnection();
    tick(2_000);
    manager.loseConnection();
    manager.loseConnection();
    tick(3_000);
    manager.gainConnection();
    expect(seen).toEqual([
      'gain',
      'open null',
      'open null',
      'close 1006 false',
      'lost 1006 2000',
      'gain',
      'open 3000',
    ]);
    expect(manager.state).toBe('connected');
  });

  it('re-subscribes every topic on a new socket', () => {
    const { manager } = controlled();
    manager.subscribeTopics(['aws/chat']);
    expect(manager.sentFrames).toEqual([]);
    manager.gainConnection();
    manager.confirmSubscription();
    expect(manager.subscribedTopics).toEqual(['aws/chat']);
    manager.loseConnection();
    expect(manager.pendingTopics).toEqual(['aws/chat']);
    manager.gainConnection();
    expect(manager.sentFrames).toEqual([
      { topic: 'aws/subscribe', content: { topics: ['aws/chat'] } },
      { topic: 'aws/subscribe', content: { topics: ['aws/chat'] } },
    ]);
  });

  it('closeWebSocket reports the close without a loss and refuses to reconnect', () => {
    const { manager } = controlled();
    const seen: string[] = [];
    manager.onConnectionLost(() => seen.push('lost'));
    manager.onConnectionClose((payload) => seen.push(`close ${payload.code} ${payload.reason}`));
    manager.gainConnection();
    manager.closeWebSocket();
    expect(seen).toEqual(['close 1000 [Primary] WebSocket User request to close WebSocket']);
    expect(manager.state).toBe('closed');
    expect(() => manager.gainConnection()).toThrow(
      'unable to gain a connection; the StreamsJS manager double is closed',
    );
  });

  it('connected() resolves at once when connected and rejects once terminated', async () => {
    const { manager } = controlled();
    const waiting = manager.connected();
    manager.gainConnection();
    await expect(waiting).resolves.toBeUndefined();
    manager.terminateWebSocketManager('stop');
    await expect(manager.connected()).rejects.toThrow('terminated');
  });
});

describe('routing', () => {
  it('routes frames like the manager (topics, ping, heartbeat, topic failure, subscribe)', () => {
    const { manager } = controlled();
    const seen: unknown[] = [];
    manager.onMessage('aws/chat', (frame) => seen.push(['chat', frame.topic]));
    manager.onAllMessage((frame) => seen.push(['all', frame.topic]));
    manager.onDeepHeartbeatSuccess((payload) => seen.push(['ping ok', payload]));
    manager.onDeepHeartbeatFailure((payload) => seen.push(['ping failed', payload]));
    manager.onTopicFailure((payload) => seen.push(['topic failure', payload]));
    manager.onSubscriptionFailure((frame) => seen.push(['subscribe failed', frame.content.topics]));
    manager.deliver({ topic: 'aws/chat', content: '{}' });
    manager.deliver({ topic: 'aws/other' });
    manager.deliver({ topic: 'aws/heartbeat' });
    manager.deliver({ topic: 'aws/ping', statusCode: 200, statusContent: 'OK' });
    manager.deliver({ topic: 'aws/ping', statusCode: '200' });
    manager.deliver({ message: 'Forbidden', connectionId: 'c', requestId: 'r' });
    manager.deliver({ topic: 'aws/subscribe', content: { status: 'failure', topics: ['aws/chat'] } });
    expect(seen).toEqual([
      ['all', 'aws/chat'],
      ['chat', 'aws/chat'],
      ['all', 'aws/other'],
      ['ping ok', { timestamp: 5_000 }],
      ['ping failed', { timestamp: 5_000, statusCode: '200', statusContent: undefined }],
      ['topic failure', { timestamp: 5_000, errorMessage: 'Forbidden', connectionId: 'c', requestId: 'r' }],
      ['subscribe failed', ['aws/chat']],
    ]);
  });

  it('sendMessage sends only when connected and refuses the reserved topics', () => {
    const { manager } = controlled();
    manager.sendMessage({ topic: 'custom/early' });
    manager.gainConnection();
    manager.sendMessage({ topic: 'aws/heartbeat' });
    manager.sendMessage({ topic: 'custom/topic', content: 1 });
    expect(manager.ping()).toBe(true);
    expect(manager.sentFrames).toEqual([{ topic: 'custom/topic', content: 1 }, { topic: 'aws/ping' }]);
  });
});

describe('init', () => {
  it('terminates on a URL other than wss:// or ws://127.0.0.1:<port>, or a lifetime < 300 s', async () => {
    for (const transport of [
      { url: 'ws://localhost:4000/ws', transportLifeTimeInSeconds: 3540 },
      { url: 'ws://127.0.0.1/ws', transportLifeTimeInSeconds: 3540 },
      { url: 'wss://example.test/ws', transportLifeTimeInSeconds: 299 },
      { url: 'wss://', transportLifeTimeInSeconds: 3540 },
    ]) {
      const manager = createStreamsWebSocketManagerDouble();
      const failures: unknown[] = [];
      manager.onInitFailure((payload) => failures.push(payload.reason));
      manager.init(async () => ({ webSocketTransport: transport }));
      await expect(manager.connected()).rejects.toThrow('terminated');
      expect(failures).toEqual([invalidTransportReason]);
      await manager.close();
    }
  });

  it('terminates with the rejection of the transport handle, and ignores a second init', async () => {
    const manager = createStreamsWebSocketManagerDouble();
    const failure = new Error('AccessDeniedException');
    let calls = 0;
    manager.init(() => {
      calls += 1;
      return Promise.reject(failure);
    });
    manager.init(() => {
      calls += 1;
      return Promise.reject(failure);
    });
    const reasons: unknown[] = [];
    await expect(manager.connected()).rejects.toThrow('terminated');
    manager.onInitFailure((payload) => reasons.push(payload.reason));
    expect(reasons).toEqual([failure]);
    expect(calls).toBe(1);
  });

  it('reconnect needs init first', async () => {
    const { manager } = controlled();
    await expect(manager.reconnect()).rejects.toThrow(
      'unable to reconnect; call init(transportHandle) first',
    );
  });
});
