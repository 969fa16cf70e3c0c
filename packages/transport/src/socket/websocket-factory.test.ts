import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { ChatErrorCode, type ChatSocketEvent, isChatError } from '@connect-chat/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type WebSocket as ServerSocket, WebSocket, WebSocketServer } from 'ws';
import { createWebSocketFactory } from './websocket-factory';

const secret = 'TOKEN-SECRET-42';

/** A real `ws` server on 127.0.0.1 with an ephemeral port; connections are handed out in arrival order. */
async function startServer(options: { rejectUpgrades?: boolean } = {}) {
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    ...(options.rejectUpgrades ? { verifyClient: (_info, accept) => accept(false, 403, 'Forbidden') } : {}),
  });
  await once(server, 'listening');
  const pending: ServerSocket[] = [];
  const waiting: Array<(socket: ServerSocket) => void> = [];
  const requests: Array<{ url: string | undefined; protocol: string | undefined }> = [];
  server.on('connection', (socket, request) => {
    requests.push({ url: request.url, protocol: request.headers['sec-websocket-protocol'] });
    const waiter = waiting.shift();
    if (waiter) waiter(socket);
    else pending.push(socket);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws?token=${secret}`,
    requests,
    nextConnection: () =>
      new Promise<ServerSocket>((resolve) => {
        const socket = pending.shift();
        if (socket) resolve(socket);
        else waiting.push(resolve);
      }),
    async [Symbol.asyncDispose]() {
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Records every event a chat socket reports and lets a test await the n-th event of a type. */
function recorder() {
  const events: ChatSocketEvent[] = [];
  const waiters: Array<{ type: ChatSocketEvent['type']; count: number; resolve: () => void }> = [];
  const count = (type: ChatSocketEvent['type']) => events.filter((event) => event.type === type).length;
  return {
    events,
    listener(event: ChatSocketEvent) {
      events.push(event);
      for (const waiter of [...waiters]) {
        if (count(waiter.type) >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    },
    until(type: ChatSocketEvent['type'], nth = 1) {
      return new Promise<void>((resolve) => {
        if (count(type) >= nth) resolve();
        else waiters.push({ type, count: nth, resolve });
      });
    },
    frames: () => events.flatMap((event) => (event.type === 'socket.frameReceived' ? [event.frame] : [])),
    rejections: () => events.flatMap((event) => (event.type === 'socket.frameRejected' ? [event] : [])),
    types: () => events.map((event) => event.type),
  };
}

const nextMessage = async (socket: ServerSocket): Promise<string> => {
  const [data] = (await once(socket, 'message')) as [Buffer];
  return data.toString();
};

const factory = createWebSocketFactory({ WebSocket });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('opening and sending', () => {
  test('opens without subprotocols and sends frames encoded as §3.2', async () => {
    await using server = await startServer();
    const events = recorder();
    const socket = factory.open(server.url, events.listener);
    expect(socket.state).toBe('connecting');
    expect(socket.send({ topic: 'aws/heartbeat' })).toBe(false);
    const serverSide = await server.nextConnection();
    await events.until('socket.opened');
    expect(socket.state).toBe('open');
    expect(server.requests).toEqual([{ url: `/ws?token=${secret}`, protocol: undefined }]);

    const received = nextMessage(serverSide);
    expect(socket.send({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } })).toBe(true);
    // The frame sent before open never reached the server: the first one it sees is the subscribe.
    expect(await received).toBe('{"topic":"aws/subscribe","content":{"topics":["aws/chat"]}}');
    const heartbeat = nextMessage(serverSide);
    socket.send({ topic: 'aws/heartbeat' });
    expect(await heartbeat).toBe('{"topic":"aws/heartbeat"}');
    socket.close();
    await events.until('socket.closed');
  });

  test('decodes every frame kind the server sends', async () => {
    await using server = await startServer();
    const events = recorder();
    const socket = factory.open(server.url, events.listener);
    const serverSide = await server.nextConnection();
    const item = { Id: 'i1', Type: 'MESSAGE', Content: 'hello', ContactId: 'c1', InitialContactId: 'c1' };
    serverSide.send('{"topic":"aws/subscribe","content":{"status":"success","topics":["aws/chat"]}}');
    serverSide.send('{"topic":"aws/unsubscribe","content":{"status":"failure","topics":["aws/chat"]}}');
    serverSide.send('{"topic":"aws/heartbeat"}');
    serverSide.send('{"topic":"aws/ping","statusCode":500,"statusContent":"Unhealthy"}');
    serverSide.send(
      JSON.stringify({ topic: 'aws/chat', contentType: 'application/json', content: JSON.stringify(item) }),
    );
    serverSide.send('{"message":"Forbidden","connectionId":"conn-1","requestId":"req-1"}');
    serverSide.send('{"topic":"vendor/x","n":1}');
    await events.until('socket.frameReceived', 7);
    expect(events.frames()).toEqual([
      { kind: 'subscribeResult', status: 'success', topics: ['aws/chat'] },
      { kind: 'unsubscribeResult', status: 'failure', topics: ['aws/chat'] },
      { kind: 'heartbeat' },
      { kind: 'ping', statusCode: 500, statusContent: 'Unhealthy' },
      { kind: 'chat', item },
      { kind: 'gatewayError', message: 'Forbidden', connectionId: 'conn-1', requestId: 'req-1' },
      { kind: 'other', topic: 'vendor/x', frame: { topic: 'vendor/x', n: 1 } },
    ]);
    expect(events.types()[0]).toBe('socket.opened');
    socket.close();
    await events.until('socket.closed');
  });
});

describe('malformed frames', () => {
  test('are reported with a reason and size, never thrown, and the socket keeps working', async () => {
    await using server = await startServer();
    const events = recorder();
    const socket = createWebSocketFactory({ WebSocket, maxFrameBytes: 4096 }).open(
      server.url,
      events.listener,
    );
    const serverSide = await server.nextConnection();
    const notJson = 'definitely not json MARKER';
    const array = '[1,2,3]';
    const badChat = '{"topic":"aws/chat","content":"{not json MARKER"}';
    const arrayChat = '{"topic":"aws/chat","content":"[\\"MARKER\\"]"}';
    const oversized = JSON.stringify({
      topic: 'aws/chat',
      content: JSON.stringify({ Content: 'é'.repeat(2500) }),
    });
    for (const frame of [notJson, Buffer.from([1, 2, 3, 4, 5]), array, badChat, arrayChat, oversized, '']) {
      serverSide.send(frame);
    }
    serverSide.send('{"topic":"aws/heartbeat"}');
    await events.until('socket.frameReceived');

    const rejected = (reason: string, size: number) => ({ type: 'socket.frameRejected', reason, size });
    expect(events.rejections()).toEqual([
      rejected('frame is not valid JSON', notJson.length),
      rejected('binary frames are not supported', 5),
      rejected('frame is not a JSON object', array.length),
      rejected('aws/chat content is not a JSON object', badChat.length),
      rejected('aws/chat content is not a JSON object', arrayChat.length),
      rejected('frame is larger than 4096 bytes', Buffer.byteLength(oversized)),
      rejected('empty frame', 0),
    ]);
    expect(JSON.stringify(events.events)).not.toContain('MARKER');
    expect(events.frames()).toEqual([{ kind: 'heartbeat' }]);
    expect(socket.state).toBe('open');
    const echo = nextMessage(serverSide);
    expect(socket.send({ topic: 'aws/ping' })).toBe(true);
    expect(await echo).toBe('{"topic":"aws/ping"}');
    socket.close();
    await events.until('socket.closed');
  });

  test('the default cap rejects a frame over 1 MiB without parsing it', async () => {
    await using server = await startServer();
    const events = recorder();
    const socket = factory.open(server.url, events.listener);
    const serverSide = await server.nextConnection();
    const huge = JSON.stringify({
      topic: 'aws/chat',
      content: JSON.stringify({ Content: 'y'.repeat(1_100_000) }),
    });
    serverSide.send(huge);
    await events.until('socket.frameRejected');
    expect(events.rejections()).toEqual([
      { type: 'socket.frameRejected', reason: 'frame is larger than 1048576 bytes', size: huge.length },
    ]);
    socket.close();
    await events.until('socket.closed');
  });

  test('__proto__ payloads do not pollute prototypes', async () => {
    await using server = await startServer();
    const events = recorder();
    const socket = factory.open(server.url, events.listener);
    const serverSide = await server.nextConnection();
    const content = '{"Id":"p1","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';
    serverSide.send(JSON.stringify({ topic: 'aws/chat', content }));
    serverSide.send('{"topic":"vendor/x","__proto__":{"polluted":true}}');
    await events.until('socket.frameReceived', 2);
    const [chat, other] = events.frames();
    expect(chat).toEqual({ kind: 'chat', item: { Id: 'p1' } });
    expect(other).toEqual({ kind: 'other', topic: 'vendor/x', frame: { topic: 'vendor/x' } });
    const item = chat?.kind === 'chat' ? chat.item : {};
    expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(Object.assign({}, item))).toBe(Object.prototype);
    expect(Object.hasOwn(item, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    socket.close();
    await events.until('socket.closed');
  });
});

describe('closing', () => {
  test('server close reports code, reason and wasClean; nothing follows', async () => {
    await using server = await startServer();
    const events = recorder();
    const socket = factory.open(server.url, events.listener);
    const serverSide = await server.nextConnection();
    await events.until('socket.opened');
    serverSide.close(4001, 'bye now');
    await events.until('socket.closed');
    expect(events.events).toEqual([
      { type: 'socket.opened' },
      { type: 'socket.closed', code: 4001, reason: 'bye now', wasClean: true },
    ]);
    expect(socket.state).toBe('closed');
    expect(socket.send({ topic: 'aws/heartbeat' })).toBe(false);
    socket.close();
    expect(events.events).toHaveLength(2);
  });

  test('a dropped TCP connection is an unclean 1006', async () => {
    await using server = await startServer();
    const events = recorder();
    factory.open(server.url, events.listener);
    const serverSide = await server.nextConnection();
    await events.until('socket.opened');
    serverSide.terminate();
    await events.until('socket.closed');
    expect(events.events.at(-1)).toEqual({ type: 'socket.closed', code: 1006, reason: '', wasClean: false });
  });

  test('client close is idempotent, reaches the server, and reports one closed event', async () => {
    await using server = await startServer();
    const events = recorder();
    const socket = factory.open(server.url, events.listener);
    const serverSide = await server.nextConnection();
    await events.until('socket.opened');
    const serverClosed = once(serverSide, 'close') as Promise<[number, Buffer]>;
    socket.close(1000, 'done');
    expect(socket.state).toBe('closing');
    expect(socket.send({ topic: 'aws/heartbeat' })).toBe(false);
    socket.close(4000, 'again');
    const [code, reason] = await serverClosed;
    expect([code, reason.toString()]).toEqual([1000, 'done']);
    await events.until('socket.closed');
    expect(events.events).toEqual([
      { type: 'socket.opened' },
      { type: 'socket.closed', code: 1000, reason: 'done', wasClean: true },
    ]);
    expect(socket.state).toBe('closed');
  });

  test('close while connecting reports only the closed event', async () => {
    await using server = await startServer();
    const events = recorder();
    const socket = factory.open(server.url, events.listener);
    socket.close();
    expect(socket.state).toBe('closing');
    await events.until('socket.closed');
    expect(events.events).toEqual([{ type: 'socket.closed', code: 1006, reason: '', wasClean: false }]);
  });

  test('no frame is delivered after close(), even ones already in flight', async () => {
    await using server = await startServer();
    const events = recorder();
    const socket = factory.open(server.url, (event) => {
      events.listener(event);
      if (event.type === 'socket.frameReceived') socket.close();
    });
    const serverSide = await server.nextConnection();
    for (let n = 0; n < 5; n++) serverSide.send('{"topic":"aws/heartbeat"}');
    serverSide.send('garbage');
    await events.until('socket.closed');
    expect(events.types()).toEqual(['socket.opened', 'socket.frameReceived', 'socket.closed']);
  });

  test('invalid close codes and reasons are refused without closing', async () => {
    await using server = await startServer();
    const events = recorder();
    const socket = factory.open(server.url, events.listener);
    await events.until('socket.opened');
    expect(() => socket.close(1001)).toThrow(expect.objectContaining({ code: ChatErrorCode.validation }));
    expect(() => socket.close(1000, 'r'.repeat(124))).toThrow(/at most 123 UTF-8 bytes/);
    expect(socket.state).toBe('open');
    socket.close(4999, 'r'.repeat(123));
    await events.until('socket.closed');
    expect(events.events.at(-1)).toMatchObject({ code: 4999 });
  });
});

describe('failures', () => {
  test('a refused upgrade (HTTP 403) reports errored then closed, without the URL or token', async () => {
    await using server = await startServer({ rejectUpgrades: true });
    const events = recorder();
    const socket = factory.open(server.url, events.listener);
    await events.until('socket.closed');
    expect(events.types()).toEqual(['socket.errored', 'socket.closed']);
    expect(events.events[0]).toEqual({
      type: 'socket.errored',
      message: 'unable to open chat socket; Unexpected server response: 403',
    });
    expect(events.events[1]).toEqual({ type: 'socket.closed', code: 1006, reason: '', wasClean: false });
    expect(socket.state).toBe('closed');
  });

  test('a constructor that throws (bad URL) is reported asynchronously, redacted', async () => {
    const events = recorder();
    const socket = factory.open(`not a url?token=${secret}`, events.listener);
    expect(events.events).toEqual([]);
    await events.until('socket.closed');
    expect(events.types()).toEqual(['socket.errored', 'socket.closed']);
    expect(JSON.stringify(events.events)).not.toContain(secret);
    expect(JSON.stringify(events.events)).not.toContain('not a url');
    expect(socket.state).toBe('closed');
  });

  test('without any WebSocket constructor, open() throws unsupported naming the option', () => {
    vi.stubGlobal('WebSocket', undefined);
    const error = (() => {
      try {
        createWebSocketFactory().open(`ws://127.0.0.1:1/ws?token=${secret}`, () => {});
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(isChatError(error) && error.code).toBe(ChatErrorCode.unsupported);
    expect((error as Error).message).toContain('`WebSocket` option');
    expect((error as Error).message).not.toContain(secret);
  });

  test('the global WebSocket is looked up when open() is called, not when the factory is made', async () => {
    const lazy = createWebSocketFactory();
    vi.stubGlobal('WebSocket', WebSocket);
    await using server = await startServer();
    const events = recorder();
    const socket = lazy.open(server.url, events.listener);
    await events.until('socket.opened');
    socket.close();
    await events.until('socket.closed');
    expect(events.types()).toEqual(['socket.opened', 'socket.closed']);
  });
});
