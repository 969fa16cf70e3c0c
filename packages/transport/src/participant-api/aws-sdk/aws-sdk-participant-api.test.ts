import { ConnectParticipantClient } from '@aws-sdk/client-connectparticipant';
import { ChatError, type ChatErrorCode } from '@connect-chat/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  jsonResponse,
  mockParticipantService,
  networkError,
  type Responder,
  rawResponse,
  serviceError,
} from '../mock-participant-service.test-support';
import { wireCases } from '../wire-cases.test-support';
import { type AwsSdkParticipantApiOptions, createAwsSdkParticipantApi } from './aws-sdk-participant-api';

const service = mockParticipantService();
beforeAll(() => service.listen());
afterEach(() => {
  service.reset();
  vi.unstubAllEnvs();
});
afterAll(() => service[Symbol.asyncDispose]());

const endpoint = 'http://participant.test';

function sdkApi(options: Partial<AwsSdkParticipantApiOptions> = {}) {
  return createAwsSdkParticipantApi({ endpoint, region: 'us-west-2', retryDelay: () => 0, ...options });
}

function sendMessage(api = sdkApi(), signal?: AbortSignal) {
  return api.sendMessage(
    { ConnectionToken: 'ct-secret', ContentType: 'text/plain', Content: 'hi' },
    { signal },
  );
}

async function failure(responder: Responder, options: Partial<AwsSdkParticipantApiOptions> = {}) {
  service.enqueue(responder);
  const error = await sendMessage(sdkApi({ maxAttempts: 1, ...options })).catch((e: unknown) => e);
  if (!(error instanceof ChatError)) throw new Error(`expected a ChatError, got ${String(error)}`);
  return error;
}

const success = jsonResponse({ Id: 'm-1', AbsoluteTime: '2025-01-01T00:00:00.000Z' });

describe('createAwsSdkParticipantApi requests', () => {
  it.each(Object.entries(wireCases))('%s goes out as the SDK command', async (_name, wire) => {
    await wire.call(sdkApi());

    const request = service.requests.at(-1);
    expect(service.requests).toHaveLength(1);
    expect(request?.method).toBe(wire.method);
    expect(request?.url.pathname).toBe(wire.path);
    expect(request?.headers['x-amz-bearer']).toBe(wire.bearer);
    if (wire.body !== undefined) {
      const body = JSON.parse(request?.body ?? '');
      expect(body).toEqual({
        ...wire.body,
        ...(wire.autoClientToken ? { ClientToken: expect.any(String) } : {}),
      });
    }
  });

  it('signs with empty dummy credentials, never the ambient AWS ones', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAAMBIENTKEY');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'ambient-secret');
    await sendMessage();
    const authorization = service.requests[0]?.headers.authorization ?? '';
    expect(authorization).toContain('Credential=/');
    expect(authorization).not.toContain('AKIAAMBIENTKEY');
  });

  it('adds connect-chat/<version> and the suffix to the user agent', async () => {
    await sendMessage(sdkApi({ customUserAgent: 'my-app/1.2.3' }));
    expect(service.requests[0]?.headers['x-amz-user-agent']).toMatch(
      / connect-chat\/0\.0\.0 my-app\/1\.2\.3$/,
    );
  });

  it('refuses to build without a region or an endpoint', () => {
    expect(() => createAwsSdkParticipantApi({})).toThrow(ChatError);
  });

  it('uses an injected client as is', async () => {
    const client = new ConnectParticipantClient({
      region: 'us-west-2',
      endpoint: 'http://other.test',
      credentials: { accessKeyId: '', secretAccessKey: '' },
    });
    await createAwsSdkParticipantApi({ client }).getTranscript({ ConnectionToken: 'ct' });
    expect(service.requests[0]?.url.host).toBe('other.test');
  });

  it('returns outputs without $metadata and without nulls', async () => {
    service.enqueue(jsonResponse({ Id: 'm-1', AbsoluteTime: 't', MessageMetadata: null }));
    await expect(sendMessage()).resolves.toEqual({ Id: 'm-1', AbsoluteTime: 't' });
  });
});

describe('createAwsSdkParticipantApi error mapping (same codes as the fetch adapter)', () => {
  it.each<[number, string, ChatErrorCode]>([
    [400, 'ValidationException', 'validation'],
    [402, 'ServiceQuotaExceededException', 'quotaExceeded'],
    [403, 'AccessDeniedException', 'accessDenied'],
    [404, 'ResourceNotFoundException', 'notFound'],
    [409, 'ConflictException', 'conflict'],
    [429, 'ThrottlingException', 'throttled'],
    [500, 'InternalServerException', 'serviceUnavailable'],
  ])('%i %s → %s', async (status, name, code) => {
    const error = await failure(serviceError(status, name, 'it failed'));
    expect(error).toMatchObject({
      code,
      status,
      serviceErrorName: name,
      requestId: 'req-1',
      attempts: 1,
      operation: 'SendMessage',
    });
    expect(error.message).toBe(`unable to send message; the service answered ${status} ${name}: it failed`);
  });

  it('maps body code and __type variants after sanitising', async () => {
    const fromCode = await failure(
      jsonResponse({ CODE: 'ns#ValidationException:x', Message: 'm' }, { status: 400 }),
    );
    expect(fromCode).toMatchObject({ code: 'validation', serviceErrorName: 'ValidationException' });
    expect(fromCode.message).toMatch(/: m$/);
    const fromType = await failure(jsonResponse({ __type: 'a#ConflictException' }, { status: 409 }));
    expect(fromType).toMatchObject({ code: 'conflict', serviceErrorName: 'ConflictException' });
  });

  it('keeps unknown names and decides by status when there is none', async () => {
    expect(await failure(serviceError(400, 'SomethingElse'))).toMatchObject({
      code: 'unknown',
      serviceErrorName: 'SomethingElse',
    });
    const unnamed = await failure(jsonResponse({}, { status: 418 }));
    expect(unnamed).toMatchObject({ code: 'unknown', status: 418, serviceErrorName: undefined });
    expect(unnamed.message).toBe('unable to send message; the service answered 418');
  });

  it('reports an HTML body as invalidResponse', async () => {
    const error = await failure(
      rawResponse('<html>oops</html>', { status: 403, headers: { 'content-type': 'text/html' } }),
    );
    expect(error).toMatchObject({ code: 'invalidResponse', status: 403 });
  });

  it('reports a failure without a response as network', async () => {
    expect(await failure(networkError)).toMatchObject({ code: 'network', status: undefined, attempts: 1 });
  });

  it('never repeats the token in the message', async () => {
    const error = await failure(serviceError(403, 'AccessDeniedException', 'no such token ct-secret'));
    expect(error.message).not.toContain('ct-secret');
  });
});

describe('createAwsSdkParticipantApi retries', () => {
  it('retries 5xx, 429 and network failures with the same ClientToken', async () => {
    const retryDelay = vi.fn(() => 0);
    service.enqueue(serviceError(429, 'ThrottlingException'), networkError, success);

    await expect(sendMessage(sdkApi({ retryDelay }))).resolves.toMatchObject({ Id: 'm-1' });

    expect(service.requests).toHaveLength(3);
    expect(new Set(service.requests.map((r) => JSON.parse(r.body).ClientToken)).size).toBe(1);
    expect(retryDelay.mock.calls.map((call: unknown[]) => call.slice(0, 2))).toEqual([
      [1, 'throttled'],
      [2, 'network'],
    ]);
  });

  it('gives up after maxAttempts with attempts set', async () => {
    service.enqueue(...Array.from({ length: 3 }, () => serviceError(500, 'InternalServerException')));
    await expect(sendMessage()).rejects.toMatchObject({ code: 'serviceUnavailable', attempts: 3 });
    expect(service.requests).toHaveLength(3);
  });

  it('does not retry a 403', async () => {
    service.enqueue(serviceError(403, 'AccessDeniedException'), success);
    await expect(sendMessage()).rejects.toMatchObject({ code: 'accessDenied', attempts: 1 });
    expect(service.requests).toHaveLength(1);
  });
});

describe('createAwsSdkParticipantApi abort', () => {
  it('rejects with aborted without sending when the signal already fired', async () => {
    await expect(sendMessage(sdkApi(), AbortSignal.abort())).rejects.toMatchObject({
      code: 'aborted',
      attempts: 0,
    });
    expect(service.requests).toHaveLength(0);
  });

  it('rejects with aborted when the signal fires during the request', async () => {
    const controller = new AbortController();
    let release = (): void => {};
    service.enqueue(() => {
      controller.abort();
      return new Promise<Response>((resolve) => {
        release = () => resolve(new Response('{}'));
      });
    });
    await expect(sendMessage(sdkApi(), controller.signal)).rejects.toMatchObject({ code: 'aborted' });
    release();
    expect(service.requests).toHaveLength(1);
  });

  it('rejects promptly when the signal fires during the backoff wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const controller = new AbortController();
      // The SDK waits this (fake, never advanced) delay; only the abort can end the wait.
      const retryDelay = () => {
        queueMicrotask(() => controller.abort());
        return 60_000;
      };
      service.enqueue(serviceError(503, 'InternalServerException'), success);
      await expect(sendMessage(sdkApi({ retryDelay }), controller.signal)).rejects.toMatchObject({
        code: 'aborted',
      });
      expect(service.requests).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
