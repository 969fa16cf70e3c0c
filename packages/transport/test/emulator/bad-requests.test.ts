// The emulator under bad requests, over real HTTP and real sockets: malformed JSON, wrong, missing and expired
// tokens, oversized bodies, wrong methods and paths, bad headers, HTTP Node cannot parse, bad socket upgrades and
// garbage on an open socket. Each gets a deliberate error status and a body that says what is wrong (never the
// last-resort 500, never a dropped connection), and a good request still works after each one.
import { connect as connectTcp } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type Emulator, startEmulator } from '../../src/testing';
import { type Connected, connect, rest, startCustomer, TestSocket } from './helpers';

const maxBodyBytes = 64 * 1024;
const maxSocketMessageBytes = 32 * 1024;

let emulator: Emulator;
let customer: Connected;
const lines: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ log: (line) => lines.push(line), maxBodyBytes, maxSocketMessageBytes });
  customer = await startCustomer(emulator);
});
// A bad fault rule that slipped in would break every later row; clear it so each row stands alone.
afterEach(() => {
  emulator.clearFaults();
});
afterAll(async () => {
  // Nothing above reached the emulator's last line of defence.
  expect(lines.filter((line) => line.includes('internal error'))).toEqual([]);
  // (A request whose body Node could not parse is logged with status 0: the 400 went out from the parser's error
  // handler, not from the request's response. The raw-HTTP rows check that 400 on the wire.)
  const statuses = emulator
    .activity()
    .filter((entry) => entry.kind === 'http')
    .map((entry) => (entry as { status: number }).status);
  expect(statuses.filter((status) => status >= 500)).toEqual([]);
  await emulator.close();
});

/** A good request after a bad one: the customer's message goes through, and a fresh socket subscribes. */
async function expectStillServing(): Promise<void> {
  const sent = await rest(emulator, '/participant/message', {
    bearer: customer.connectionToken,
    body: { ContentType: 'text/plain', Content: 'still here' },
  });
  expect(sent.status).toBe(200);
  expect(sent.body).toMatchObject({ Id: expect.any(String) });
}

/** Sends raw bytes over TCP and resolves with everything the emulator wrote back before closing. */
function rawHttp(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp(emulator.port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

/** The status line and the JSON body of a raw answer. */
function parseRaw(answer: string): { status: number; body: unknown } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
  const text = answer.slice(answer.indexOf('\r\n\r\n') + 4);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (e.g. `ws`'s own plain-text 400s); compared as text.
  }
  return { status, body };
}

interface BadRest {
  name: string;
  path: string;
  options: Parameters<typeof rest>[2] | (() => Parameters<typeof rest>[2]);
  status: number;
  /** The error name (`x-amzn-errortype` for JSON errors, `<Code>` for the XML ones). */
  error: string;
  message: RegExp;
}

const message = (content: unknown) => ({ ContentType: 'text/plain', Content: content });

describe('the Participant Service REST API', () => {
  const rows: BadRest[] = [
    {
      name: 'no X-Amz-Bearer',
      path: '/participant/message',
      options: { body: message('hi') },
      status: 403,
      error: 'AccessDeniedException',
      message: /X-Amz-Bearer/,
    },
    {
      name: 'an unknown bearer',
      path: '/participant/message',
      options: { bearer: 'not-a-token', body: message('hi') },
      status: 403,
      error: 'AccessDeniedException',
      message: /invalid or expired/,
    },
    {
      name: 'the participant token where the connection token belongs',
      path: '/participant/message',
      options: () => ({ bearer: customer.participantToken, body: message('hi') }),
      status: 403,
      error: 'AccessDeniedException',
      message: /invalid or expired/,
    },
    {
      name: 'the connection token where the participant token belongs',
      path: '/participant/connection',
      options: () => ({ bearer: customer.connectionToken, body: { Type: ['WEBSOCKET'] } }),
      status: 403,
      error: 'AccessDeniedException',
      message: /invalid or expired/,
    },
    {
      name: 'two bearer headers',
      path: '/participant/message',
      options: () => ({
        headers: { 'x-amz-bearer': `${customer.connectionToken}, ${customer.connectionToken}` },
        body: message('hi'),
      }),
      status: 403,
      error: 'AccessDeniedException',
      message: /invalid or expired/,
    },
    {
      name: 'malformed JSON',
      path: '/participant/message',
      options: () => ({
        bearer: customer.connectionToken,
        rawBody: '{"ContentType": "text/plain", "Content":',
      }),
      status: 400,
      error: 'ValidationException',
      message: /not valid JSON/,
    },
    {
      name: 'a JSON array body',
      path: '/participant/message',
      options: () => ({ bearer: customer.connectionToken, rawBody: '[1,2]' }),
      status: 400,
      error: 'ValidationException',
      message: /JSON object/,
    },
    {
      name: 'a JSON string body',
      path: '/participant/message',
      options: () => ({ bearer: customer.connectionToken, rawBody: '"hello"' }),
      status: 400,
      error: 'ValidationException',
      message: /JSON object/,
    },
    {
      name: 'bytes that are not UTF-8 JSON',
      path: '/participant/message',
      options: () => ({ bearer: customer.connectionToken, rawBody: '\u00ff\u00fe\u0000{' }),
      status: 400,
      error: 'ValidationException',
      message: /not valid JSON/,
    },
    {
      name: 'an empty body',
      path: '/participant/message',
      options: () => ({ bearer: customer.connectionToken, rawBody: '', method: 'POST' }),
      status: 400,
      error: 'ValidationException',
      message: /must not be null/,
    },
    {
      name: 'members of the wrong type',
      path: '/participant/message',
      options: () => ({ bearer: customer.connectionToken, body: { ContentType: 5, Content: ['hi'] } }),
      status: 400,
      error: 'ValidationException',
      message: /2 validation errors detected/,
    },
    {
      name: 'a body over the limit',
      path: '/participant/message',
      options: () => ({ bearer: customer.connectionToken, body: message('x'.repeat(maxBodyBytes)) }),
      status: 413,
      error: 'ValidationException',
      message: /exceeds/,
    },
    {
      name: 'a content type named like an Object.prototype member',
      path: '/participant/message',
      options: () => ({
        bearer: customer.connectionToken,
        body: { ContentType: 'constructor', Content: 'x' },
      }),
      status: 400,
      error: 'ValidationException',
      message: /not supported/,
    },
    {
      name: 'an event content type named like an Object.prototype member',
      path: '/participant/event',
      options: () => ({
        bearer: customer.connectionToken,
        body: { ContentType: 'toString', Content: '{"messageId":"m"}' },
      }),
      status: 400,
      error: 'ValidationException',
      message: /not supported/,
    },
    {
      name: 'a transcript NextToken that was never issued',
      path: '/participant/transcript',
      options: () => ({ bearer: customer.connectionToken, body: { NextToken: 'forged' } }),
      status: 400,
      error: 'ValidationException',
      message: /NextToken/,
    },
    {
      name: 'a view token that names Object.prototype',
      path: '/participant/views/__proto__',
      options: () => ({ bearer: customer.connectionToken }),
      status: 404,
      error: 'ResourceNotFoundException',
      message: /does not exist/,
    },
    {
      name: "a view token that names Object.prototype's constructor",
      path: '/participant/views/constructor',
      options: () => ({ bearer: customer.connectionToken }),
      status: 404,
      error: 'ResourceNotFoundException',
      message: /does not exist/,
    },
    {
      name: 'a wrong method',
      path: '/participant/message',
      options: () => ({ method: 'GET', bearer: customer.connectionToken }),
      status: 404,
      error: 'UnknownOperationException',
      message: /unable to route GET/,
    },
    {
      name: 'DELETE on an operation',
      path: '/participant/connection',
      options: () => ({ method: 'DELETE', bearer: customer.participantToken }),
      status: 404,
      error: 'UnknownOperationException',
      message: /unable to route DELETE/,
    },
    {
      name: 'an unknown path',
      path: '/participant/teleport',
      options: () => ({ bearer: customer.connectionToken, body: {} }),
      status: 404,
      error: 'UnknownOperationException',
      message: /unable to route/,
    },
    {
      name: 'StartChatContact with malformed JSON',
      path: '/contact/chat',
      options: { method: 'PUT', rawBody: '{"InstanceId":' },
      status: 400,
      error: 'ValidationException',
      message: /not valid JSON/,
    },
    {
      name: 'StartChatContact without its required members',
      path: '/contact/chat',
      options: { method: 'PUT', body: { InstanceId: 'i' } },
      status: 400,
      error: 'InvalidParameterException',
      message: /must not be null/,
    },
    {
      name: 'CreateParticipant for a contact that does not exist',
      path: '/contact/create-participant',
      options: {
        body: { InstanceId: 'i', ContactId: 'nope', ParticipantDetails: { ParticipantRole: 'AGENT' } },
      },
      status: 404,
      error: 'ResourceNotFoundException',
      message: /does not exist/,
    },
  ];

  for (const row of rows) {
    it(`${row.name} → ${row.status} ${row.error}; the next good request works`, async () => {
      const options = typeof row.options === 'function' ? row.options() : row.options;
      const answer = await rest(emulator, row.path, options);
      expect(answer.status).toBe(row.status);
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(answer.headers.get('x-amzn-errortype')).toBe(row.error);
      const body = answer.body as { message?: string; Message?: string };
      expect(body.message ?? body.Message).toMatch(row.message);
      await expectStillServing();
    });
  }

  it('an expired connection token → 403, and a fresh one works again', async () => {
    const late = await startCustomer(emulator, 'Late');
    const advanced = await rest(emulator, '/__emulator/clock', { body: { advanceMs: 24 * 3_600_000 + 1 } });
    expect(advanced.status).toBe(200);
    const expired = await rest(emulator, '/participant/transcript', {
      bearer: late.connectionToken,
      body: {},
    });
    await rest(emulator, '/__emulator/clock', { body: { offsetMs: 0 } });
    expect(expired.status).toBe(403);
    expect(expired.body).toEqual({ message: expect.stringMatching(/invalid or expired/) });
    const renewed = await connect(emulator, late.contactId, late.participantId, late.participantToken);
    const page = await rest(emulator, '/participant/transcript', {
      bearer: renewed.connectionToken,
      body: {},
    });
    expect(page.status).toBe(200);
    await expectStillServing();
  });
});

describe('attachment upload and download URLs', () => {
  it.each([
    ['an id that is not valid percent-encoding', 'PUT', '/__uploads/%ZZ', 400, 'InvalidURI'],
    [
      'an unknown attachment',
      'PUT',
      '/__uploads/nope?X-Emu-Expires=99999999999999&X-Emu-Signature=x',
      403,
      'SignatureDoesNotMatch',
    ],
    ['a download id that is not valid percent-encoding', 'GET', '/__downloads/%E0%A4%A', 400, 'InvalidURI'],
    ['a download URL that expired', 'GET', '/__downloads/any?expires=1&sig=x', 403, 'AccessDenied'],
    [
      'a download URL with a forged signature',
      'GET',
      '/__downloads/any?expires=99999999999999&sig=forged',
      403,
      'SignatureDoesNotMatch',
    ],
  ] as const)('%s → %i %s', async (_name, method, path, status, code) => {
    const answer = await rest(emulator, path, { method, ...(method === 'PUT' ? { rawBody: 'bytes' } : {}) });
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toBe('application/xml');
    expect(answer.text).toContain(`<Code>${code}</Code>`);
    await expectStillServing();
  });
});

describe('the control API', () => {
  const contactPath = () => `/__emulator/contacts/${customer.contactId}`;
  it.each([
    ['malformed JSON', 400, '/__emulator/contacts', { rawBody: '{"DisplayName"' }, /not valid JSON/],
    ['an unknown route', 404, '/__emulator/teleport', { body: {} }, /control route/],
    [
      'a path that is not valid percent-encoding',
      400,
      '/__emulator/contacts/%E0%A4%A',
      {},
      /percent-encoding/,
    ],
    ['a contact that does not exist', 404, '/__emulator/contacts/nope', {}, /unable to find contact/],
    [
      'an item whose Id is a number',
      400,
      'items',
      { body: { Type: 'MESSAGE', AsRole: 'SYSTEM', Id: 5 } },
      /'id'/,
    ],
    [
      'an item whose MessageMetadata is a number',
      400,
      'items',
      { body: { Type: 'MESSAGE', MessageMetadata: 5 } },
      /messageMetadata/,
    ],
    [
      'an item whose Attachments are not structures',
      400,
      'items',
      { body: { Type: 'ATTACHMENT', Attachments: [1] } },
      /Attachments/,
    ],
    [
      'an item from a participant that does not exist',
      404,
      'items',
      { body: { Type: 'MESSAGE', AsParticipantId: 'nobody' } },
      /unable to find participant/,
    ],
    [
      'authentication for a participant given as a number',
      400,
      'authentication',
      { body: { AsParticipantId: 5 } },
      /asParticipantId/,
    ],
    ['a view without its View', 400, '/__emulator/views', { body: { ViewToken: 'v' } }, /'view'/],
    ['a view that is a number', 400, '/__emulator/views', { body: { ViewToken: 'v', View: 5 } }, /structure/],
    [
      'a clock moved past what Date can show',
      400,
      '/__emulator/clock',
      { body: { advanceMs: 1e300 } },
      /advanceMs/,
    ],
    [
      'a clock offset that is not an integer',
      400,
      '/__emulator/clock',
      { body: { offsetMs: 'soon' } },
      /offsetMs/,
    ],
    [
      'an injected error with a status that is not a number',
      400,
      '/__emulator/faults',
      { body: { action: { type: 'error', status: 'abc' } } },
      /'status'/,
    ],
    [
      'an injected error with a 200 status',
      400,
      '/__emulator/faults',
      { body: { action: { type: 'error', status: 200 } } },
      /'status'/,
    ],
    [
      'a socket close code below 1000',
      400,
      '/__emulator/faults',
      { body: { action: { type: 'close', code: 999 }, match: { topic: 'aws/ping' } } },
      /'code'/,
    ],
    ['a delay without ms', 400, '/__emulator/faults', { body: { action: { type: 'delay' } } }, /'ms'/],
    [
      'a fault match that is a number',
      400,
      '/__emulator/faults',
      { body: { action: { type: 'drop' }, match: 5 } },
      /'match'/,
    ],
    [
      'a transfer without its outcome',
      400,
      '/__emulator/faults',
      { body: { action: { type: 'transfer' } } },
      /'outcome'/,
    ],
    [
      'a body over the limit',
      413,
      '/__emulator/contacts',
      { body: { DisplayName: 'x'.repeat(maxBodyBytes) } },
      /exceeds/,
    ],
  ] as const)('%s → %i', async (_name, status, where, options, text) => {
    const path = where.startsWith('/') ? where : `${contactPath()}/${where}`;
    const answer = await rest(emulator, path, options as Parameters<typeof rest>[2]);
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect((answer.body as { message: string }).message).toMatch(text);
    // Nothing half-made: no fault stored, the clock where it was.
    expect(emulator.listFaults()).toEqual([]);
    expect(Math.abs(emulator.now() - Date.now())).toBeLessThan(60_000);
    await expectStillServing();
  });
});

describe('HTTP that Node cannot parse', () => {
  it.each([
    ['a request line that is not HTTP', 'GARBAGE\r\n\r\n', 400],
    ['a header line without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n', 400],
    ['a header with a control character', 'GET / HTTP/1.1\r\nHost: x\r\nX-Amz-Bearer: a\u0001b\r\n\r\n', 400],
    [
      'a chunked body that is not chunked',
      'POST /participant/message HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n',
      400,
    ],
    [
      'both Content-Length and chunked',
      'POST /participant/message HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      400,
    ],
    ['headers over 16 KiB', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
  ] as const)('%s → %i with a JSON body, not a dropped connection', async (_name, request, status) => {
    const answer = parseRaw(await rawHttp(request));
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ message: expect.stringMatching(/not valid HTTP|too large/) });
    await expectStillServing();
  });
});

describe('socket upgrades', () => {
  const upgrade = (target: string, headers: Record<string, string> = {}) => {
    const lines = [
      `GET ${target} HTTP/1.1`,
      'Host: 127.0.0.1',
      'Upgrade: websocket',
      'Connection: Upgrade',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ];
    return rawHttp(`${lines.join('\r\n')}\r\n\r\n`);
  };
  const key = { 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': '13' };
  const pathOf = (url: string) => `${new URL(url).pathname}${new URL(url).search}`;

  it.each([
    ['no token', (): string => '/', key, 403],
    ['an unknown token', (): string => '/?token=forged', key, 403],
    ['a token that is not valid percent-encoding', (): string => '/?token=%ZZ', key, 403],
    [
      'the connection token instead of the socket token',
      (): string => `/?token=${customer.connectionToken}`,
      key,
      403,
    ],
    ['a valid token without Sec-WebSocket-Key', (): string => pathOf(customer.socketUrl), {}, 400],
    [
      'a valid token with an unknown WebSocket version',
      (): string => pathOf(customer.socketUrl),
      { ...key, 'Sec-WebSocket-Version': '99' },
      400,
    ],
  ] as const)('%s → %i', async (_name, target, headers, status) => {
    const answer = parseRaw(await upgrade(target(), headers));
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual(
      status === 403 ? { message: 'Forbidden' } : expect.stringMatching(/Sec-WebSocket/),
    );
    await expectStillServing();
  });

  it('an expired socket URL → 403, and the next URL opens', async () => {
    const late = await startCustomer(emulator, 'Late');
    await rest(emulator, '/__emulator/clock', { body: { advanceMs: 100_001 } });
    const refused = parseRaw(await upgrade(pathOf(late.socketUrl), key));
    await rest(emulator, '/__emulator/clock', { body: { offsetMs: 0 } });
    expect(refused.status).toBe(403);
    const renewed = await connect(emulator, late.contactId, late.participantId, late.participantToken);
    await using socket = await TestSocket.subscribed(renewed.socketUrl);
    await socket.roundTrip();
    await expectStillServing();
  });
});

describe('garbage on an open socket', () => {
  it.each([
    ['a binary frame', Buffer.from([0xde, 0xad, 0xbe, 0xef])],
    ['text that is not JSON', 'hello?'],
    ['a JSON array', '[1,2,3]'],
    ['a topic that is a number', '{"topic":5}'],
    ['an unknown topic', '{"topic":"aws/teleport"}'],
    ['a frame built around __proto__', '{"__proto__":{"polluted":true},"topic":"aws/nothing"}'],
  ] as const)('%s → a Forbidden frame; the socket still answers', async (_name, frame) => {
    await using socket = await TestSocket.subscribed(customer.socketUrl);
    socket.ws.send(frame);
    const answer = await socket.next((received) => received.message === 'Forbidden');
    expect(answer).toMatchObject({ connectionId: expect.any(String), requestId: expect.any(String) });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await socket.roundTrip();
    await expectStillServing();
  });

  it.each([
    ['topics that are not a list', 'success', { topics: 'aws/chat' }, []],
    ['topics of the wrong types', 'success', { topics: [5, null, 'aws/chat'] }, ['aws/chat']],
    ['an unknown topic', 'failure', { topics: ['aws/other'] }, ['aws/other']],
    [
      'a __proto__ key in the content',
      'success',
      JSON.parse('{"__proto__":{"polluted":true},"topics":["aws/chat"]}'),
      ['aws/chat'],
    ],
  ] as const)('aws/subscribe with %s → %s', async (_name, status, content, topics) => {
    await using socket = await TestSocket.open(customer.socketUrl);
    socket.send({ topic: 'aws/subscribe', content });
    const answer = await socket.next((received) => received.topic === 'aws/subscribe');
    expect(answer.content).toEqual({ status, topics });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await socket.roundTrip();
  });

  it('a frame over the message limit closes that socket with 1009; the next socket works', async () => {
    const socket = await TestSocket.subscribed(customer.socketUrl);
    socket.ws.send(JSON.stringify({ topic: 'aws/heartbeat', padding: 'x'.repeat(maxSocketMessageBytes) }));
    expect(await socket.closed).toEqual({ code: 1009, reason: '' });
    await using next = await TestSocket.subscribed(customer.socketUrl);
    await next.roundTrip();
    await expectStillServing();
  });

  it('a client that vanishes mid-frame leaves nothing behind', async () => {
    const ws = new WebSocket(customer.socketUrl);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.terminate();
    await new Promise<void>((resolve) => ws.once('close', () => resolve()));
    await expectStillServing();
  });
});
