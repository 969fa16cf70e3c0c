// The StreamsJS adapter against the StreamsJS manager double (controlled, no I/O).
import type { ManagedSocketEvent } from '@connect-chat/core';
import { describe, expect, it } from 'vitest';
import { createStreamsWebSocketManagerDouble } from '../testing/streams';
import { createStreamsManagedSocket } from './streams-managed-socket';
import type { StreamsManagerSubscriber } from './streams-websocket-manager.types';

const chatItem = {
  Id: 'm-1',
  Type: 'MESSAGE',
  ContentType: 'text/plain',
  Content: 'hello',
  ParticipantRole: 'CUSTOMER',
};
const chatFrame = { topic: 'aws/chat', contentType: 'application/json', content: JSON.stringify(chatItem) };

function setup(options: { maxFrameBytes?: number } = {}) {
  let clock = 1_000;
  const manager = createStreamsWebSocketManagerDouble({ now: () => clock });
  const socket = createStreamsManagedSocket(manager, { ...options, now: () => clock });
  const events: ManagedSocketEvent[] = [];
  const tick = (ms: number) => {
    clock += ms;
  };
  return { manager, socket, events, record: (event: ManagedSocketEvent) => events.push(event), tick };
}

describe('createStreamsManagedSocket: subscribe', () => {
  it('forwards topics to subscribeTopics; the manager sends aws/subscribe once connected', () => {
    const { manager, socket } = setup();
    socket.subscribe(['aws/chat']);
    expect(manager.pendingTopics).toEqual(['aws/chat']);
    manager.gainConnection();
    expect(manager.sentFrames).toEqual([{ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } }]);
  });
});

describe('createStreamsManagedSocket: connection callbacks', () => {
  it('maps gain, loss (code and reason) and a second gain', () => {
    const { manager, socket, events, record } = setup();
    socket.listen(record);
    manager.gainConnection();
    manager.loseConnection({ code: 1001, reason: 'Going away' });
    manager.gainConnection();
    expect(events).toEqual([
      { type: 'managed.connectionGained' },
      { type: 'managed.connectionLost', code: 1001, reason: 'Going away' },
      { type: 'managed.connectionGained' },
    ]);
  });

  it('maps an init failure with a string or error reason, else a generic one', () => {
    for (const [reason, expected] of [
      ['Invalid WebSocket Connection Configuration', 'Invalid WebSocket Connection Configuration'],
      [new Error('AccessDeniedException: forbidden'), 'AccessDeniedException: forbidden'],
      [
        { statusCode: 403, ParticipantToken: 'secret-participant-token' },
        'websocket manager initialization failed',
      ],
      [undefined, 'websocket manager initialization failed'],
    ] as const) {
      const { manager, socket, events, record } = setup();
      socket.listen(record);
      manager.failInit(reason);
      expect(events).toEqual([{ type: 'managed.initFailed', reason: expected }]);
    }
  });

  it('never passes a socket URL or token from a reason on', () => {
    const { manager, socket, events, record } = setup();
    socket.listen(record);
    const url = 'wss://edge.example/connect?X-Amz-Security-Token=secret-connection-token&token=abc';
    manager.gainConnection();
    manager.loseConnection({ code: 1006, reason: `failed ${url}` });
    manager.failInit(new Error(`unable to open ${url}`));
    manager.deepHeartbeatFailed({ error: `cannot reach ${url}` });
    const text = JSON.stringify(events);
    expect(text).not.toContain('secret');
    expect(text).not.toContain('edge.example');
    expect(events).toContainEqual({ type: 'managed.connectionLost', code: 1006, reason: 'failed <url>' });
  });
});

describe('createStreamsManagedSocket: replay at listen', () => {
  it('reports connectionGained before listen returns when the manager is already connected', () => {
    const { manager, socket, events, record } = setup();
    manager.gainConnection();
    socket.listen(record);
    expect(events).toEqual([{ type: 'managed.connectionGained' }]);
  });

  it('reports initFailed at once when the manager already failed', () => {
    const { manager, socket, events, record } = setup();
    manager.failInit('Invalid WebSocket Connection Configuration');
    socket.listen(record);
    expect(events).toEqual([
      { type: 'managed.initFailed', reason: 'Invalid WebSocket Connection Configuration' },
    ]);
  });

  it('reports connectionLost at once when the manager is disconnected', () => {
    const { manager, socket, events, record } = setup();
    manager.gainConnection();
    manager.loseConnection({ code: 1006 });
    socket.listen(record);
    expect(events).toEqual([{ type: 'managed.connectionLost', code: 1006, reason: '' }]);
  });

  it('reports nothing for a manager that has not connected yet', () => {
    const { socket, events, record } = setup();
    socket.listen(record);
    expect(events).toEqual([]);
  });
});

describe('createStreamsManagedSocket: frames', () => {
  it('decodes aws/chat frames into items and other subscribed topics as other frames', () => {
    const { manager, socket, events, record } = setup();
    socket.subscribe(['aws/chat', 'aws/custom']);
    socket.listen(record);
    manager.deliver(chatFrame);
    manager.deliver({ topic: 'aws/custom', content: { value: 1 } });
    expect(events).toEqual([
      { type: 'managed.frameReceived', frame: { kind: 'chat', item: chatItem } },
      {
        type: 'managed.frameReceived',
        frame: { kind: 'other', topic: 'aws/custom', frame: { topic: 'aws/custom', content: { value: 1 } } },
      },
    ]);
  });

  it('ignores topics it did not subscribe (the manager is shared with the whole desktop)', () => {
    const { manager, socket, events, record } = setup();
    socket.subscribe(['aws/chat']);
    socket.listen(record);
    manager.deliver({ topic: 'aws/agent', content: '{}' });
    expect(events).toEqual([]);
  });

  it('with `chat` set, passes on only that chat items (the socket carries every chat of the agent)', () => {
    const manager = createStreamsWebSocketManagerDouble({ now: () => 0 });
    const socket = createStreamsManagedSocket(manager, {
      chat: { contactId: 'c-2', initialContactId: 'c-1' },
    });
    const ids: string[] = [];
    socket.subscribe(['aws/chat']);
    socket.listen((event) => {
      if (event.type === 'managed.frameReceived' && event.frame.kind === 'chat')
        ids.push(event.frame.item.Id ?? '');
    });
    const deliver = (Id: string, fields: Record<string, string>) =>
      manager.deliver({ topic: 'aws/chat', content: JSON.stringify({ ...chatItem, Id, ...fields }) });
    deliver('mine-by-contact', { ContactId: 'c-2' });
    deliver('mine-by-initial', { ContactId: 'c-9', InitialContactId: 'c-1' });
    deliver('mine-before-transfer', { ContactId: 'c-1' });
    deliver('other-chat', { ContactId: 'x-1', InitialContactId: 'x-1' });
    deliver('no-contact', {});
    expect(ids).toEqual(['mine-by-contact', 'mine-by-initial', 'mine-before-transfer', 'no-contact']);
  });

  it('listens to topics subscribed after listen started', () => {
    const { manager, socket, events, record } = setup();
    socket.listen(record);
    manager.deliver(chatFrame);
    socket.subscribe(['aws/chat']);
    manager.deliver(chatFrame);
    expect(events).toEqual([{ type: 'managed.frameReceived', frame: { kind: 'chat', item: chatItem } }]);
  });

  it('reports malformed frames as frameRejected (reason, size), never throws', () => {
    const { manager, socket, events, record } = setup({ maxFrameBytes: 64 });
    socket.subscribe(['aws/chat']);
    socket.listen(record);
    expect(() => {
      manager.deliver({ topic: 'aws/chat', content: 42 });
      manager.deliver({ topic: 'aws/chat', content: 'not json' });
      manager.deliver({ topic: 'aws/chat', content: '[1,2]' });
      manager.deliver({ topic: 'aws/chat', content: JSON.stringify({ Content: 'x'.repeat(100) }) });
    }).not.toThrow();
    expect(events).toEqual([
      { type: 'managed.frameRejected', reason: 'aws/chat content is not a string', size: 0 },
      { type: 'managed.frameRejected', reason: 'aws/chat content is not a JSON object', size: 8 },
      { type: 'managed.frameRejected', reason: 'aws/chat content is not a JSON object', size: 5 },
      { type: 'managed.frameRejected', reason: 'frame is larger than 64 bytes', size: 114 },
    ]);
  });

  it('drops prototype-reaching keys and wrongly typed item fields from chat content', () => {
    const { manager, socket, events, record } = setup();
    socket.subscribe(['aws/chat']);
    socket.listen(record);
    manager.deliver({ topic: 'aws/chat', content: '{"Id":"m-2","Content":7,"__proto__":{"polluted":true}}' });
    expect(events).toEqual([{ type: 'managed.frameReceived', frame: { kind: 'chat', item: { Id: 'm-2' } } }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports subscription answers for its own topics as subscribeResult frames', () => {
    const { manager, socket, events, record } = setup();
    socket.subscribe(['aws/chat']);
    socket.listen(record);
    manager.gainConnection();
    manager.rejectSubscription(['aws/chat']);
    manager.confirmSubscription(['aws/agent']);
    manager.confirmSubscription(['aws/chat']);
    expect(events.filter((event) => event.type === 'managed.frameReceived')).toEqual([
      {
        type: 'managed.frameReceived',
        frame: { kind: 'subscribeResult', status: 'failure', topics: ['aws/chat'] },
      },
      {
        type: 'managed.frameReceived',
        frame: { kind: 'subscribeResult', status: 'success', topics: ['aws/chat'] },
      },
    ]);
    expect(manager.subscribedTopics).toEqual(['aws/agent', 'aws/chat']);
  });

  it('reports topic failures as gatewayError frames', () => {
    const { manager, socket, events, record } = setup();
    socket.listen(record);
    manager.deliver({ message: 'Forbidden', connectionId: 'c-1', requestId: 'r-1' });
    expect(events).toEqual([
      {
        type: 'managed.frameReceived',
        frame: { kind: 'gatewayError', message: 'Forbidden', connectionId: 'c-1', requestId: 'r-1' },
      },
    ]);
  });
});

describe('createStreamsManagedSocket: deep heartbeat', () => {
  it('maps success and both failure shapes with their timestamps', () => {
    const { manager, socket, events, record, tick } = setup();
    socket.listen(record);
    manager.deepHeartbeatSucceeded();
    tick(10_000);
    manager.deliver({ topic: 'aws/ping', statusCode: 500, statusContent: 'Internal' });
    tick(10_000);
    manager.deepHeartbeatFailed();
    expect(events).toEqual([
      { type: 'managed.deepHeartbeatSucceeded', timestamp: 1_000 },
      {
        type: 'managed.deepHeartbeatFailed',
        timestamp: 11_000,
        statusCode: 500,
        statusContent: 'Internal',
        error: undefined,
      },
      {
        type: 'managed.deepHeartbeatFailed',
        timestamp: 21_000,
        statusCode: undefined,
        statusContent: undefined,
        error: 'aws/ping response is not received',
      },
    ]);
  });
});

describe('createStreamsManagedSocket: stop listening', () => {
  it('removes every callback it registered and leaves the manager running', () => {
    const { manager, socket, events, record } = setup();
    const desktop = manager.onConnectionLost(() => undefined);
    socket.subscribe(['aws/chat']);
    const stop = socket.listen(record);
    socket.subscribe(['aws/custom']);
    expect(manager.callbackCount()).toBe(11);
    expect(manager.callbackCount('message')).toBe(2);
    stop();
    stop();
    expect(manager.callbackCount()).toBe(1);
    manager.gainConnection();
    manager.deliver(chatFrame);
    manager.deepHeartbeatSucceeded();
    manager.failInit('gone');
    expect(events).toEqual([]);
    expect(manager.sentFrames).toContainEqual({
      topic: 'aws/subscribe',
      content: { topics: ['aws/chat', 'aws/custom'] },
    });
    desktop();
  });

  it('does not register new topics for a stopped listener', () => {
    const { manager, socket, record } = setup();
    socket.listen(record)();
    socket.subscribe(['aws/chat']);
    expect(manager.callbackCount()).toBe(0);
  });

  it('listens to a topic the listener subscribes from a callback replayed at listen', () => {
    const { manager, socket, events } = setup();
    manager.gainConnection();
    const stop = socket.listen((event) => {
      events.push(event);
      if (event.type === 'managed.connectionGained') socket.subscribe(['aws/chat']);
    });
    manager.deliver(chatFrame);
    expect(events).toEqual([
      { type: 'managed.connectionGained' },
      { type: 'managed.frameReceived', frame: { kind: 'chat', item: chatItem } },
    ]);
    stop();
    expect(manager.callbackCount()).toBe(0);
  });

  it('works with a manager that only has the callbacks ChatJS requires', () => {
    const full = createStreamsWebSocketManagerDouble();
    const minimal: StreamsManagerSubscriber = {
      subscribeTopics: (topics) => full.subscribeTopics(topics),
      onMessage: (topic, callback) => full.onMessage(topic, callback),
      onConnectionGain: (callback) => full.onConnectionGain(callback),
      onConnectionLost: (callback) => full.onConnectionLost(callback),
      onInitFailure: (callback) => full.onInitFailure(callback),
    };
    const socket = createStreamsManagedSocket(minimal);
    const events: ManagedSocketEvent[] = [];
    socket.subscribe(['aws/chat']);
    const stop = socket.listen((event) => events.push(event));
    expect(full.callbackCount()).toBe(4);
    full.gainConnection();
    full.deliver(chatFrame);
    full.deepHeartbeatSucceeded();
    expect(events.map((event) => event.type)).toEqual(['managed.connectionGained', 'managed.frameReceived']);
    stop();
    expect(full.callbackCount()).toBe(0);
  });
});
