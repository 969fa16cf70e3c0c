import { ChatError, type ChatErrorCode } from '@connect-chat/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetchParticipantApi } from './fetch-participant-api';
import {
  jsonResponse,
  mockParticipantService,
  type Responder,
  rawResponse,
  serviceError,
} from './mock-participant-service.test-support';

const service = mockParticipantService();
beforeAll(() => service.listen());
afterEach(() => service.reset());
afterAll(() => service[Symbol.asyncDispose]());

// maxAttempts 1: these tests are about parsing, not retrying.
const api = createFetchParticipantApi({ endpoint: 'http://participant.test', maxAttempts: 1 });

async function sendMessageFailure(responder: Responder): Promise<ChatError> {
  service.enqueue(responder);
  const error = await api
    .sendMessage({ ConnectionToken: 'ct-secret', ContentType: 'text/plain', Content: 'hi' })
    .catch((e: unknown) => e);
  if (!(error instanceof ChatError)) throw new Error(`expected a ChatError, got ${String(error)}`);
  return error;
}

describe('error name lookup (wire-protocol §1.3 step 1)', () => {
  it('reads the x-amzn-errortype header', async () => {
    const error = await sendMessageFailure(serviceError(403, 'AccessDeniedException', 'Invalid token'));
    expect(error).toMatchObject({
      code: 'accessDenied',
      status: 403,
      serviceErrorName: 'AccessDeniedException',
      operation: 'SendMessage',
      attempts: 1,
      requestId: 'req-1',
    });
    expect(error.message).toBe(
      'unable to send message; the service answered 403 AccessDeniedException: Invalid token',
    );
  });

  it.each(['code', 'Code', 'CODE'])('reads the body key %s, whatever its casing', async (key) => {
    const error = await sendMessageFailure(
      jsonResponse({ [key]: 'ValidationException', message: 'm' }, { status: 400 }),
    );
    expect(error).toMatchObject({ code: 'validation', serviceErrorName: 'ValidationException' });
  });

  it('reads body __type when there is no header and no code', async () => {
    const error = await sendMessageFailure(
      jsonResponse(
        { __type: 'com.amazonaws.connectparticipant#ConflictException', message: 'm' },
        { status: 409 },
      ),
    );
    expect(error).toMatchObject({ code: 'conflict', serviceErrorName: 'ConflictException' });
  });

  it('prefers the header over the body code, and the body code over __type', async () => {
    const headerWins = await sendMessageFailure(
      jsonResponse(
        { code: 'ValidationException', __type: 'ConflictException' },
        { status: 400, headers: { 'x-amzn-errortype': 'ThrottlingException' } },
      ),
    );
    expect(headerWins.serviceErrorName).toBe('ThrottlingException');
    const codeWins = await sendMessageFailure(
      jsonResponse({ code: 'ValidationException', __type: 'ConflictException' }, { status: 400 }),
    );
    expect(codeWins.serviceErrorName).toBe('ValidationException');
  });
});

describe('error name sanitising (wire-protocol §1.3 step 2)', () => {
  it.each([
    [
      'ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/',
      'ValidationException',
    ],
    ['com.amazonaws.connectparticipant#ConflictException', 'ConflictException'],
    ['aws.protocols#ThrottlingException:http://x,extra', 'ThrottlingException'],
    ['AccessDeniedException,another', 'AccessDeniedException'],
  ])('header %s resolves to %s', async (raw, name) => {
    const error = await sendMessageFailure(serviceError(400, raw));
    expect(error.serviceErrorName).toBe(name);
  });
});

describe('error codes (wire-protocol §1.3 table)', () => {
  it.each<[number, string, ChatErrorCode]>([
    [400, 'ValidationException', 'validation'],
    [402, 'ServiceQuotaExceededException', 'quotaExceeded'],
    [403, 'AccessDeniedException', 'accessDenied'],
    [404, 'ResourceNotFoundException', 'notFound'],
    [409, 'ConflictException', 'conflict'],
    [429, 'ThrottlingException', 'throttled'],
    [500, 'InternalServerException', 'serviceUnavailable'],
  ])('%i %s → %s', async (status, name, code) => {
    const error = await sendMessageFailure(serviceError(status, name));
    expect(error).toMatchObject({ code, status, serviceErrorName: name });
    expect(error.retryable).toBe(code === 'throttled' || code === 'serviceUnavailable');
  });

  it('keeps an unknown name and decides the code by status', async () => {
    const clientSide = await sendMessageFailure(serviceError(400, 'SomethingElse'));
    expect(clientSide).toMatchObject({ code: 'unknown', serviceErrorName: 'SomethingElse', status: 400 });
    const serverSide = await sendMessageFailure(serviceError(503, 'SomethingElse'));
    expect(serverSide).toMatchObject({ code: 'serviceUnavailable', serviceErrorName: 'SomethingElse' });
  });

  it('decides by status alone when the response names no error', async () => {
    const teapot = await sendMessageFailure(jsonResponse({ message: 'short and stout' }, { status: 418 }));
    expect(teapot).toMatchObject({ code: 'unknown', status: 418, serviceErrorName: undefined });
    expect(teapot.message).toBe('unable to send message; the service answered 418: short and stout');
    const throttled = await sendMessageFailure(jsonResponse({}, { status: 429 }));
    expect(throttled).toMatchObject({ code: 'throttled', serviceErrorName: undefined });
    expect(throttled.message).toBe('unable to send message; the service answered 429');
  });
});

describe('error messages (wire-protocol §1.3 step 4)', () => {
  it('takes message before Message', async () => {
    const error = await sendMessageFailure(
      jsonResponse(
        { message: 'lower', Message: 'upper' },
        { status: 400, headers: { 'x-amzn-errortype': 'X' } },
      ),
    );
    expect(error.message).toMatch(/: lower$/);
  });

  it('falls back to Message', async () => {
    const error = await sendMessageFailure(
      jsonResponse(
        { Message: 'upper' },
        { status: 400, headers: { 'x-amzn-errortype': 'ValidationException' } },
      ),
    );
    expect(error.message).toBe('unable to send message; the service answered 400 ValidationException: upper');
  });

  it('never repeats the call token, even when the service echoes it', async () => {
    const error = await sendMessageFailure(
      serviceError(403, 'AccessDeniedException', 'token ct-secret is expired'),
    );
    expect(error.message).not.toContain('ct-secret');
    expect(error.message).toContain('[redacted]');
  });
});

describe('request id', () => {
  it.each(['x-amzn-requestid', 'x-amzn-request-id', 'x-amz-request-id'])(
    'is read from %s',
    async (header) => {
      const error = await sendMessageFailure(
        rawResponse('{"message":"m"}', {
          status: 400,
          headers: { [header]: 'rid-7', 'x-amzn-errortype': 'X' },
        }),
      );
      expect(error.requestId).toBe('rid-7');
    },
  );
});

describe('responses that are not JSON (wire-protocol §1.3 step 6)', () => {
  it('reports an HTML error page as invalidResponse with its status', async () => {
    const error = await sendMessageFailure(
      rawResponse('<html><body>403 Forbidden</body></html>', {
        status: 403,
        headers: { 'content-type': 'text/html' },
      }),
    );
    expect(error).toMatchObject({ code: 'invalidResponse', status: 403, attempts: 1 });
    expect(error.message).toBe(
      'unable to send message; the service answered 403 with a body that is not JSON',
    );
  });

  it('reports a non-JSON 200 body as invalidResponse', async () => {
    const error = await sendMessageFailure(rawResponse('not json', { status: 200 }));
    expect(error).toMatchObject({ code: 'invalidResponse', status: 200 });
  });

  it('reports a JSON 200 body that is not an object as invalidResponse', async () => {
    const error = await sendMessageFailure(rawResponse('["a"]', { status: 200 }));
    expect(error).toMatchObject({ code: 'invalidResponse', status: 200 });
  });
});
