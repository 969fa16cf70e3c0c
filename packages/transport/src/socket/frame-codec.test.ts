import { describe, expect, test } from 'vitest';
import { decodeFrame, encodeFrame, parsePlainJson, toItem, utf8ByteLength } from './frame-codec';
import { redactSecrets } from './redact';

describe('encodeFrame (wire-protocol §3.2)', () => {
  test('subscribe carries its content', () => {
    expect(encodeFrame({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } })).toBe(
      '{"topic":"aws/subscribe","content":{"topics":["aws/chat"]}}',
    );
  });

  test('heartbeat and ping omit content entirely', () => {
    expect(encodeFrame({ topic: 'aws/heartbeat' })).toBe('{"topic":"aws/heartbeat"}');
    expect(encodeFrame({ topic: 'aws/ping' })).toBe('{"topic":"aws/ping"}');
  });

  test('unsubscribe keeps topic before content', () => {
    expect(encodeFrame({ topic: 'aws/unsubscribe', content: { topics: ['aws/chat'] } })).toBe(
      '{"topic":"aws/unsubscribe","content":{"topics":["aws/chat"]}}',
    );
  });
});

describe('decodeFrame (wire-protocol §3.3)', () => {
  test('subscription results', () => {
    expect(
      decodeFrame('{"topic":"aws/subscribe","content":{"status":"success","topics":["aws/chat"]}}'),
    ).toEqual({
      ok: true,
      frame: { kind: 'subscribeResult', status: 'success', topics: ['aws/chat'] },
    });
    expect(
      decodeFrame('{"topic":"aws/unsubscribe","content":{"status":"failure","topics":["a",1]}}'),
    ).toEqual({
      ok: true,
      frame: { kind: 'unsubscribeResult', status: 'failure', topics: ['a'] },
    });
    expect(decodeFrame('{"topic":"aws/subscribe","content":{"status":"failure"}}')).toEqual({
      ok: true,
      frame: { kind: 'subscribeResult', status: 'failure', topics: [] },
    });
  });

  test('a subscription result without a known status is rejected', () => {
    expect(decodeFrame('{"topic":"aws/subscribe","content":{"status":"maybe"}}')).toEqual({
      ok: false,
      reason: 'aws/subscribe result has no success or failure status',
    });
    expect(decodeFrame('{"topic":"aws/subscribe"}').ok).toBe(false);
  });

  test('heartbeat ignores extra fields; ping keeps status fields as sent', () => {
    expect(decodeFrame('{"topic":"aws/heartbeat","extra":1}')).toEqual({
      ok: true,
      frame: { kind: 'heartbeat' },
    });
    expect(decodeFrame('{"topic":"aws/ping","statusCode":200,"statusContent":"OK"}')).toEqual({
      ok: true,
      frame: { kind: 'ping', statusCode: 200, statusContent: 'OK' },
    });
    expect(decodeFrame('{"topic":"aws/ping","statusCode":"200"}')).toEqual({
      ok: true,
      frame: { kind: 'ping', statusCode: '200', statusContent: undefined },
    });
  });

  test('aws/chat content is parsed into an item', () => {
    const item = { Id: 'm1', Type: 'MESSAGE', Content: 'hi', InitialContactId: 'c1', ContactId: 'c1' };
    expect(
      decodeFrame(
        JSON.stringify({ topic: 'aws/chat', contentType: 'application/json', content: JSON.stringify(item) }),
      ),
    ).toEqual({ ok: true, frame: { kind: 'chat', item } });
  });

  test('aws/chat with content that is not a JSON object string is rejected', () => {
    expect(decodeFrame('{"topic":"aws/chat","content":"not json"}')).toEqual({
      ok: false,
      reason: 'aws/chat content is not a JSON object',
    });
    expect(decodeFrame('{"topic":"aws/chat","content":"[1]"}').ok).toBe(false);
    expect(decodeFrame('{"topic":"aws/chat","content":"null"}').ok).toBe(false);
    expect(decodeFrame('{"topic":"aws/chat","content":{"Id":"x"}}')).toEqual({
      ok: false,
      reason: 'aws/chat content is not a string',
    });
  });

  test('the topic-less gateway error frame', () => {
    expect(decodeFrame('{"message":"Forbidden","connectionId":"cid","requestId":"rid"}')).toEqual({
      ok: true,
      frame: { kind: 'gatewayError', message: 'Forbidden', connectionId: 'cid', requestId: 'rid' },
    });
    expect(decodeFrame('{"message":"Endpoint request timed out"}')).toEqual({
      ok: true,
      frame: {
        kind: 'gatewayError',
        message: 'Endpoint request timed out',
        connectionId: undefined,
        requestId: undefined,
      },
    });
  });

  test('other topics pass through with the whole frame', () => {
    expect(decodeFrame('{"topic":"custom/x","a":[1]}')).toEqual({
      ok: true,
      frame: { kind: 'other', topic: 'custom/x', frame: { topic: 'custom/x', a: [1] } },
    });
  });

  test.each([
    ['', 'empty frame'],
    ['nope', 'frame is not valid JSON'],
    ['[1,2]', 'frame is not a JSON object'],
    ['null', 'frame is not a JSON object'],
    ['"text"', 'frame is not a JSON object'],
    ['{"topic":5}', 'frame topic is not a string'],
    ['{}', 'frame has neither a topic nor a message'],
  ])('rejects %j: %s', (text, reason) => {
    expect(decodeFrame(text)).toEqual({ ok: false, reason });
  });
});

describe('prototype safety', () => {
  test('__proto__, constructor and prototype keys are dropped at every depth', () => {
    const value = parsePlainJson(
      '{"a":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"b":1},"__proto__":{"x":1}}',
    ) as Record<string, Record<string, unknown>>;
    expect(value).toEqual({ a: { b: 1 } });
    expect(Object.hasOwn(value, '__proto__')).toBe(false);
    expect(Object.hasOwn(value.a as object, 'constructor')).toBe(false);
    expect(Object.getPrototypeOf(Object.assign({}, value.a))).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('keys spelt with \\u escapes are dropped too (the fast path without a reviver does not see them)', () => {
    const value = parsePlainJson('{"\\u005f_proto__":{"x":1},"c\\u006fnstructor":2,"ok":"caf\\u00e9"}');
    expect(value).toEqual({ ok: 'café' });
  });

  test('text that cannot hold such a key parses as plain JSON', () => {
    expect(parsePlainJson('{"topic":"aws/chat","content":"{\\"Id\\":\\"1\\"}"}')).toEqual({
      topic: 'aws/chat',
      content: '{"Id":"1"}',
    });
  });
});

describe('toItem', () => {
  test('drops known fields of the wrong type and keeps unknown fields', () => {
    expect(
      toItem({
        Id: 7,
        Content: 'ok',
        Attachments: [{ AttachmentId: 'a' }, 'junk'],
        MessageMetadata: 'x',
        Extra: 1,
      }),
    ).toEqual({ Content: 'ok', Attachments: [{ AttachmentId: 'a' }], Extra: 1 });
    expect(toItem({ Attachments: 'x', Type: null })).toEqual({});
  });

  test('makes attachments, metadata and receipts honour their types too', () => {
    expect(
      toItem({
        Attachments: [{ AttachmentId: 5, AttachmentName: 'a.png', Status: null, Extra: true }, null, 3],
        MessageMetadata: {
          MessageId: ['m'],
          MessageProcessingStatus: 'PROCESSING',
          MessageCompleted: 'yes',
          ChunkNumber: '1',
          Receipts: [{ ReadTimestamp: 1, DeliveredTimestamp: 't', RecipientParticipantId: 'p' }, null, 'r'],
          Extra: 'kept',
        },
      }),
    ).toEqual({
      Attachments: [{ AttachmentName: 'a.png', Extra: true }],
      MessageMetadata: {
        MessageProcessingStatus: 'PROCESSING',
        Receipts: [{ DeliveredTimestamp: 't', RecipientParticipantId: 'p' }],
        Extra: 'kept',
      },
    });
    expect(
      toItem({ MessageMetadata: { Receipts: 5, ChunkNumber: Number.NaN, MessageCompleted: true } }),
    ).toEqual({
      MessageMetadata: { MessageCompleted: true },
    });
    expect(toItem({ MessageMetadata: { ChunkNumber: 2, Receipts: {} } })).toEqual({
      MessageMetadata: { ChunkNumber: 2 },
    });
  });
});

describe('utf8ByteLength', () => {
  test.each(['', 'abc', 'é', '€', '😀', 'a\ud800b', 'mixed é€😀 text'])(
    'matches TextEncoder for %j',
    (text) => {
      expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length);
    },
  );
});

describe('redactSecrets', () => {
  test('removes the URL, any URL, and token-like query parameters', () => {
    const url = 'wss://edge.example.com/ws?token=SECRET1';
    expect(redactSecrets(`failed to reach ${url} now`, url)).toBe('failed to reach <url> now');
    expect(redactSecrets('see ws://127.0.0.1:9/ws?token=SECRET2 please')).toBe('see <url> please');
    expect(redactSecrets('bad query token=SECRET3&x=1 and X-Amz-Signature=abc')).toBe(
      'bad query token=<redacted>&x=1 and X-Amz-Signature=<redacted>',
    );
    expect(redactSecrets('Unexpected server response: 403')).toBe('Unexpected server response: 403');
  });
});
