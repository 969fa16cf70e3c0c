import { describe, expect, it } from 'vitest';
import { dropNulls, parseJsonBody, sanitizeErrorName, serviceErrorDetails } from './service-error';

describe('sanitizeErrorName', () => {
  it.each([
    ['ThrottlingException', 'ThrottlingException'],
    ['ValidationException:http://internal.amazon.com/coral/', 'ValidationException'],
    ['com.amazonaws.connectparticipant#ConflictException', 'ConflictException'],
    ['ns#Name:detail,more', 'Name'],
    ['Name,ns#Other', 'Name'],
  ])('%s → %s', (raw, name) => {
    expect(sanitizeErrorName(raw)).toBe(name);
  });
});

describe('serviceErrorDetails', () => {
  it('names nothing when neither header nor body carries a code', () => {
    expect(serviceErrorDetails(new Headers(), { message: 'm' })).toEqual({ name: undefined, message: 'm' });
  });

  it('ignores a body that is not an object', () => {
    expect(serviceErrorDetails(new Headers({ 'x-amzn-errortype': 'X' }), 'text')).toEqual({
      name: 'X',
      message: undefined,
    });
  });

  it('ignores a message that is not a string', () => {
    expect(serviceErrorDetails(new Headers(), { code: 'X', message: 7, Message: 'fallback' }).message).toBe(
      'fallback',
    );
  });
});

describe('parseJsonBody', () => {
  it('treats empty and blank bodies as {}', () => {
    expect(parseJsonBody('')).toEqual({ ok: true, value: {} });
    expect(parseJsonBody('  \n')).toEqual({ ok: true, value: {} });
  });

  it('flags text that is not JSON', () => {
    expect(parseJsonBody('<html>')).toEqual({ ok: false });
  });
});

describe('dropNulls', () => {
  it('removes nulls at every level and keeps everything else', () => {
    expect(dropNulls({ a: null, b: [null, { c: null, d: 0, e: false, f: '' }], g: { h: null } })).toEqual({
      b: [{ d: 0, e: false, f: '' }],
      g: {},
    });
  });
});
