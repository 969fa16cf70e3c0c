import { ChatError } from '@connect-chat/core';
import { describe, expect, it } from 'vitest';
import {
  IllegalArgumentException,
  isInactive,
  missingValueRead,
  noActiveConnection,
  propertyWriteRefused,
  serviceMessageOf,
  toServiceError,
  ValueError,
} from './legacy-errors';

describe('ChatJS error shapes (legacy-chatjs §5.3)', () => {
  it("ERR-01 a service error becomes { type, message, stack, statusCode, metadata } with the service's own message", () => {
    const error = new ChatError(
      'accessDenied',
      'unable to send message; the service answered 403 AccessDeniedException: Access denied',
      {
        status: 403,
        serviceErrorName: 'AccessDeniedException',
      },
    );
    const shape = toServiceError(error, { m: 1 });
    expect(shape).toEqual({
      type: 'AccessDeniedException',
      message: 'Access denied',
      stack: expect.any(Array),
      statusCode: 403,
      metadata: { m: 1 },
    });
    expect(shape.stack[0]).toContain('ChatError');
  });

  it("ERR-02 input refused before the wire has the service's shape (400 ValidationException) and core's clear message; a network failure is a TypeError, as the browser reports it", () => {
    expect(
      toServiceError(new ChatError('validation', 'unable to send message; content is empty'), null),
    ).toMatchObject({
      type: 'ValidationException',
      message: 'unable to send message; content is empty',
      statusCode: 400,
    });
    expect(
      toServiceError(new ChatError('network', 'unable to get transcript; the request failed'), null),
    ).toMatchObject({
      type: 'TypeError',
    });
    expect(
      serviceMessageOf(new ChatError('unknown', 'unable to x; the service answered 500', { status: 500 })),
    ).toBe('UnknownError');
    expect(toServiceError(new RangeError('odd'), 'M')).toMatchObject({
      type: 'RangeError',
      message: 'odd',
      metadata: 'M',
    });
  });

  it("ERR-04 the TypeErrors ChatJS's code runs into, worded as V8 words them", () => {
    const read = missingValueRead(undefined, 'getConnectionToken');
    expect(read).toBeInstanceOf(TypeError);
    expect(read.message).toBe("Cannot read properties of undefined (reading 'getConnectionToken')");
    expect(missingValueRead(null, 'metadata').message).toBe(
      "Cannot read properties of null (reading 'metadata')",
    );
    expect(propertyWriteRefused(undefined, 'metadata').message).toBe(
      "Cannot set properties of undefined (setting 'metadata')",
    );
    expect(propertyWriteRefused('Event already fired', 'metadata').message).toBe(
      "Cannot create property 'metadata' on string 'Event already fired'",
    );
    // The engine's own wording, where this engine is V8.
    const native = (() => {
      try {
        (undefined as unknown as { metadata: unknown }).metadata;
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(native).toBe(missingValueRead(undefined, 'metadata').message);
  });

  it('ERR-03 the guard string, the exception classes, and which core errors mean "no active connection"', () => {
    expect(noActiveConnection('sendMessage')).toBe('Failed to call sendMessage, No active connection');
    const error = new IllegalArgumentException('bad', 42);
    expect(error).toBeInstanceOf(ValueError);
    expect([error.name, error.argument]).toEqual(['IllegalArgument', 42]);
    expect(isInactive(new ChatError('ended', 'x'))).toBe(true);
    expect(isInactive(new ChatError('notConnected', 'x'))).toBe(true);
    expect(isInactive(new ChatError('validation', 'x'))).toBe(false);
  });
});
