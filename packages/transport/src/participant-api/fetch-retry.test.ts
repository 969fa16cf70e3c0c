import { ChatError } from '@connect-chat/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFetchParticipantApi, type FetchParticipantApiOptions } from './fetch-participant-api';
import {
  jsonResponse,
  mockParticipantService,
  networkError,
  type Responder,
  rawResponse,
  serviceError,
} from './mock-participant-service.test-support';

const service = mockParticipantService();
const releases: Array<() => void> = [];
beforeAll(() => service.listen());
afterEach(() => {
  for (const release of releases.splice(0)) release();
  service.reset();
});
afterAll(() => service[Symbol.asyncDispose]());

/** An api whose waits resolve at once and whose delays are recorded. */
function retryingApi(options: Partial<FetchParticipantApiOptions> = {}) {
  const sleeps: number[] = [];
  const retryDelay = vi.fn(
    (attempt: number, _code: string, random: () => number) => attempt * 1000 + random() * 10,
  );
  const api = createFetchParticipantApi({
    endpoint: 'http://participant.test',
    retryDelay,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { api, sleeps, retryDelay };
}

function sendMessage(api: ReturnType<typeof retryingApi>['api'], signal?: AbortSignal) {
  return api.sendMessage({ ConnectionToken: 'ct', ContentType: 'text/plain', Content: 'hi' }, { signal });
}

function clientTokens(): unknown[] {
  return service.requests.map((request) => JSON.parse(request.body).ClientToken);
}

/** A response that stays in flight until the test ends (or the request is aborted). */
function pendingResponse(onStarted: () => void): Responder {
  return () => {
    onStarted();
    return new Promise<Response>((resolve) => releases.push(() => resolve(new Response('{}'))));
  };
}

/**
 * Yields to the event loop (real I/O, no time passing) until the adapter has scheduled its backoff timer. Only
 * setTimeout/clearTimeout are faked, so setImmediate still turns the loop.
 */
async function untilTimerScheduled(): Promise<void> {
  for (let turn = 0; turn < 1000 && vi.getTimerCount() === 0; turn += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  expect(vi.getTimerCount()).toBe(1);
}

const success = jsonResponse({ Id: 'm-1', AbsoluteTime: '2025-01-01T00:00:00.000Z' });

describe('retries (wire-protocol §1.2)', () => {
  it.each<[string, Responder]>([
    ['429 ThrottlingException', serviceError(429, 'ThrottlingException')],
    ['400 ThrottlingException', serviceError(400, 'ThrottlingException')],
    ['500 InternalServerException', serviceError(500, 'InternalServerException')],
    ['502 without a name', jsonResponse({}, { status: 502 })],
    ['503 without a name', jsonResponse({}, { status: 503 })],
    ['504 without a name', jsonResponse({}, { status: 504 })],
    ['400 RequestTimeoutException', serviceError(400, 'RequestTimeoutException')],
    ['a network failure', networkError],
    ['an HTML 502 page', rawResponse('<html>Bad Gateway</html>', { status: 502 })],
  ])('retries %s and succeeds on the 3rd attempt with the same ClientToken', async (_name, failure) => {
    const { api } = retryingApi();
    service.enqueue(failure, failure, success);

    await expect(sendMessage(api)).resolves.toEqual({ Id: 'm-1', AbsoluteTime: '2025-01-01T00:00:00.000Z' });

    expect(service.requests).toHaveLength(3);
    const tokens = clientTokens();
    expect(tokens[0]).toEqual(expect.any(String));
    expect(new Set(tokens).size).toBe(1);
  });

  it('gives up after maxAttempts with the last error and the attempt count', async () => {
    const { api } = retryingApi();
    service.enqueue(
      ...Array.from({ length: 3 }, () => serviceError(503, 'InternalServerException')),
      success,
    );

    const error = await sendMessage(api).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({
      code: 'serviceUnavailable',
      status: 503,
      attempts: 3,
      operation: 'SendMessage',
    });
    expect(service.requests).toHaveLength(3);
  });

  it('reports network failures as network after the last attempt', async () => {
    const { api } = retryingApi();
    service.enqueue(networkError, networkError, networkError);
    await expect(sendMessage(api)).rejects.toMatchObject({ code: 'network', attempts: 3, status: undefined });
  });

  it.each<[number, string]>([
    [400, 'ValidationException'],
    [402, 'ServiceQuotaExceededException'],
    [403, 'AccessDeniedException'],
    [404, 'ResourceNotFoundException'],
    [409, 'ConflictException'],
  ])('does not retry %i %s', async (status, name) => {
    const { api, retryDelay } = retryingApi();
    service.enqueue(serviceError(status, name), success);

    await expect(sendMessage(api)).rejects.toMatchObject({ status, serviceErrorName: name, attempts: 1 });
    expect(service.requests).toHaveLength(1);
    expect(retryDelay).not.toHaveBeenCalled();
  });

  it('honours maxAttempts', async () => {
    const { api } = retryingApi({ maxAttempts: 1 });
    service.enqueue(serviceError(500, 'InternalServerException'), success);
    await expect(sendMessage(api)).rejects.toMatchObject({ code: 'serviceUnavailable', attempts: 1 });
    expect(service.requests).toHaveLength(1);
  });

  it('waits retryDelay(attempt, code, random) between attempts', async () => {
    const { api, retryDelay, sleeps } = retryingApi();
    service.enqueue(
      serviceError(429, 'ThrottlingException'),
      serviceError(500, 'InternalServerException'),
      success,
    );

    await sendMessage(api);

    expect(retryDelay.mock.calls.map(([attempt, code]) => [attempt, code])).toEqual([
      [1, 'throttled'],
      [2, 'serviceUnavailable'],
    ]);
    expect(retryDelay.mock.calls[0]?.[2]()).toBe(0.5);
    expect(sleeps).toEqual([1005, 2005]);
  });

  it('uses the default full-jitter delay with the injected random', async () => {
    const sleeps: number[] = [];
    const api = createFetchParticipantApi({
      endpoint: 'http://participant.test',
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    service.enqueue(
      serviceError(429, 'ThrottlingException'),
      serviceError(500, 'InternalServerException'),
      success,
    );
    await sendMessage(api);
    // Throttling: 0.5 × 500 × 2^0; transient: 0.5 × 100 × 2^1.
    expect(sleeps).toEqual([250, 100]);
  });
});

describe('abort', () => {
  it('rejects with aborted and sends nothing when the signal already fired', async () => {
    const { api } = retryingApi();
    const error = await sendMessage(api, AbortSignal.abort()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'aborted', attempts: 0, operation: 'SendMessage' });
    expect((error as ChatError).message).toBe('unable to send message; the call was aborted');
    expect(service.requests).toHaveLength(0);
  });

  it('rejects with aborted when the signal fires during the request, without retrying', async () => {
    const { api, retryDelay } = retryingApi();
    const controller = new AbortController();
    service.enqueue(
      pendingResponse(() => controller.abort()),
      success,
    );

    await expect(sendMessage(api, controller.signal)).rejects.toMatchObject({ code: 'aborted', attempts: 1 });
    expect(retryDelay).not.toHaveBeenCalled();
    expect(service.requests).toHaveLength(1);
  });

  it('settles as aborted when the signal fires while a retryable failure arrives', async () => {
    const { api, retryDelay } = retryingApi();
    const controller = new AbortController();
    const failing = serviceError(503, 'InternalServerException');
    service.enqueue((request) => {
      controller.abort();
      return failing(request);
    }, success);

    await expect(sendMessage(api, controller.signal)).rejects.toMatchObject({ code: 'aborted', attempts: 1 });
    expect(retryDelay).not.toHaveBeenCalled();
  });

  it('rejects promptly when the signal fires during the backoff wait', async () => {
    const controller = new AbortController();
    const sleepStarted = vi.fn();
    const { api } = retryingApi({
      // A wait that never ends by itself: only the abort can settle the call.
      sleep: () => {
        sleepStarted();
        controller.abort();
        return new Promise<void>(() => {});
      },
    });
    service.enqueue(serviceError(503, 'InternalServerException'), success);

    await expect(sendMessage(api, controller.signal)).rejects.toMatchObject({ code: 'aborted', attempts: 1 });
    expect(sleepStarted).toHaveBeenCalledTimes(1);
    expect(service.requests).toHaveLength(1);
  });

  it('cancels the default timer wait on abort', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const controller = new AbortController();
      const api = createFetchParticipantApi({ endpoint: 'http://participant.test', random: () => 0.99 });
      service.enqueue(serviceError(429, 'ThrottlingException'), success);
      const call = sendMessage(api, controller.signal).catch((e: unknown) => e);
      await untilTimerScheduled();
      controller.abort();
      await expect(call).resolves.toMatchObject({ code: 'aborted', attempts: 1 });
      expect(vi.getTimerCount()).toBe(0);
      expect(service.requests).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits the default delay on a real timer, stepped with fake time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const api = createFetchParticipantApi({ endpoint: 'http://participant.test', random: () => 0.5 });
      service.enqueue(serviceError(429, 'ThrottlingException'), success);
      const call = sendMessage(api);
      await untilTimerScheduled();
      await vi.advanceTimersByTimeAsync(249);
      expect(service.requests).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await expect(call).resolves.toMatchObject({ Id: 'm-1' });
      expect(service.requests).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
