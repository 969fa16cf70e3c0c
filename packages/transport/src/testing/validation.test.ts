import { describe, expect, it } from 'vitest';
import { formatServiceError, resourceNotFound, ServiceError } from './errors';
import { assertValid, findViolations, parseJsonObject, type Schema } from './validation';

const schema: Schema = {
  ContentType: { kind: 'string', required: true, min: 1, max: 5 },
  MaxResults: { kind: 'integer', min: 0, max: 100 },
  SortOrder: { kind: 'string', oneOf: ['ASCENDING', 'DESCENDING'] },
  Type: { kind: 'stringList', minItems: 1, item: { oneOf: ['WEBSOCKET'] } },
  Flag: { kind: 'boolean' },
  StartPosition: { kind: 'object', fields: { MostRecent: { kind: 'integer', min: 0, max: 100 } } },
};

describe('findViolations', () => {
  it('accepts a valid body and ignores unknown members', () => {
    expect(findViolations({ ContentType: 'a', Extra: { anything: true } }, schema)).toEqual([]);
  });

  it('names a missing required member the way the service does', () => {
    expect(findViolations({}, schema)).toEqual([
      "Value null at 'contentType' failed to satisfy constraint: Member must not be null",
    ]);
  });

  it('checks lengths, ranges, enums, JSON types, lists and nested members', () => {
    const violations = findViolations(
      {
        ContentType: 'toolong',
        MaxResults: 101,
        SortOrder: 'UP',
        Type: ['WEBRTC'],
        Flag: 'yes',
        StartPosition: { MostRecent: -1 },
      },
      schema,
    );
    expect(violations).toEqual([
      "Value 'toolong' at 'contentType' failed to satisfy constraint: Member must have length less than or equal to 5",
      "Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100",
      "Value 'UP' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [ASCENDING, DESCENDING]",
      "Value 'WEBRTC' at 'type.1' failed to satisfy constraint: Member must satisfy enum value set: [WEBSOCKET]",
      "Value 'yes' at 'flag' failed to satisfy constraint: Member must be a boolean",
      "Value '-1' at 'startPosition.mostRecent' failed to satisfy constraint: Member must have value greater than or equal to 0",
    ]);
    expect(findViolations({ ContentType: '' }, schema)[0]).toMatch(/length greater than or equal to 1/);
    expect(findViolations({ ContentType: 5 }, schema)[0]).toMatch(/must be a string/);
    expect(findViolations({ ContentType: 'a', MaxResults: 1.5 }, schema)[0]).toMatch(/must be an integer/);
    expect(findViolations({ ContentType: 'a', Type: [] }, schema)[0]).toMatch(
      /length greater than or equal to 1/,
    );
    expect(findViolations({ ContentType: 'a', Type: 'WEBSOCKET' }, schema)[0]).toMatch(/must be a list/);
  });

  it('cuts long echoed values', () => {
    const [violation] = findViolations({ ContentType: 'x'.repeat(500) }, schema);
    expect(violation!.length).toBeLessThan(200);
  });
});

describe('assertValid', () => {
  it('throws one ValidationException counting every violation', () => {
    expect(() => assertValid({ ContentType: 'toolong', SortOrder: 'UP' }, schema)).toThrow(
      /^2 validation errors detected: /,
    );
    expect(() => assertValid({}, schema)).toThrow(/^1 validation error detected: /);
  });
});

describe('parseJsonObject', () => {
  it('parses objects, treats an empty body as {}', () => {
    expect(parseJsonObject(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    expect(parseJsonObject(Buffer.alloc(0))).toEqual({});
  });

  it('turns malformed JSON and non-objects into ValidationExceptions', () => {
    for (const text of ['{"a":', '[1,2]', '"text"', 'null']) {
      expect(() => parseJsonObject(Buffer.from(text)), text).toThrow(ServiceError);
    }
  });
});

describe('formatServiceError (§1.3 switches)', () => {
  const error = resourceNotFound('no such view', 'vt', 'CONTACT_FLOW');

  it('defaults to the x-amzn-ErrorType header and a lower-case message', () => {
    const formatted = formatServiceError(error, { messageKey: 'message', typeIn: 'header' });
    expect(formatted.status).toBe(404);
    expect(formatted.headers['x-amzn-ErrorType']).toBe('ResourceNotFoundException');
    expect(JSON.parse(formatted.body)).toEqual({
      message: 'no such view',
      ResourceId: 'vt',
      ResourceType: 'CONTACT_FLOW',
    });
  });

  it('can use Message, __type, code, or no type at all', () => {
    const typed = formatServiceError(error, { messageKey: 'Message', typeIn: 'body__type' });
    expect(typed.headers['x-amzn-ErrorType']).toBeUndefined();
    expect(JSON.parse(typed.body)).toMatchObject({
      Message: 'no such view',
      __type: 'ResourceNotFoundException',
    });
    expect(
      JSON.parse(formatServiceError(error, { messageKey: 'message', typeIn: 'bodyCode' }).body).code,
    ).toBe('ResourceNotFoundException');
    const bare = formatServiceError(error, { messageKey: 'message', typeIn: 'none' });
    expect(bare.headers['x-amzn-ErrorType']).toBeUndefined();
    expect(JSON.parse(bare.body)).not.toHaveProperty('code');
    expect(JSON.parse(bare.body)).not.toHaveProperty('__type');
  });
});
