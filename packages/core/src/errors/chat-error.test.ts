import { describe, expect, it } from 'vitest';
import { ChatError, ChatErrorCode, chatErrorCodeFor, isChatError } from './chat-error';

describe('chatErrorCodeFor', () => {
  it.each([
    ['AccessDeniedException', 403, 'accessDenied'],
    ['ValidationException', 400, 'validation'],
    ['ThrottlingException', 400, 'throttled'],
    ['TooManyRequestsException', 400, 'throttled'],
    ['InternalServerException', 500, 'serviceUnavailable'],
    ['ConflictException', 409, 'conflict'],
    ['ServiceQuotaExceededException', 402, 'quotaExceeded'],
    ['ResourceNotFoundException', 404, 'notFound'],
    ['RequestTimeoutException', 408, 'serviceUnavailable'],
  ] as const)('maps the service name %s (status %i) to %s', (name, status, code) => {
    expect(chatErrorCodeFor(name, status)).toBe(code);
  });

  it('falls back to the status when the name is unknown or missing, like the AWS SDK', () => {
    expect(chatErrorCodeFor('SomethingElse', 429)).toBe('throttled');
    expect(chatErrorCodeFor(undefined, 503)).toBe('serviceUnavailable');
    expect(chatErrorCodeFor(undefined, 418)).toBe('unknown');
    expect(chatErrorCodeFor('SomethingElse', 400)).toBe('unknown');
  });
});

describe('ChatError', () => {
  it('carries its code, HTTP details and cause, and says whether a retry may help', () => {
    const cause = new Error('socket hang up');
    const error = new ChatError(ChatErrorCode.throttled, 'unable to send message; rate exceeded', {
      status: 429,
      requestId: 'req-1',
      serviceErrorName: 'ThrottlingException',
      operation: 'SendMessage',
      attempts: 3,
      cause,
    });
    expect(isChatError(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'ChatError', code: 'throttled', status: 429, requestId: 'req-1' });
    expect(error.cause).toBe(cause);
    expect(error.retryable).toBe(true);
    expect(new ChatError('accessDenied', 'denied').retryable).toBe(false);
    expect(new ChatError('network', 'offline').retryable).toBe(true);
    expect(isChatError(new Error('plain'))).toBe(false);
  });
});
