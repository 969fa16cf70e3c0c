/** Request validation with ValidationException messages in the service's style (§5.3 rule 2). */
import { validationError } from './errors';

/** A constraint on one body member. */
export type FieldRule =
  | { kind: 'string'; required?: boolean; min?: number; max?: number; oneOf?: readonly string[] }
  | { kind: 'integer'; required?: boolean; min?: number; max?: number }
  | { kind: 'boolean'; required?: boolean }
  | {
      kind: 'stringList';
      required?: boolean;
      minItems?: number;
      maxItems?: number;
      item: { min?: number; max?: number; oneOf?: readonly string[] };
    }
  | { kind: 'object'; required?: boolean; fields: Schema };

/** Body member name → rule. Members not named are ignored, as the service does. */
export type Schema = Readonly<Record<string, FieldRule>>;

const maxEchoedLength = 64;

/** The member path as the service prints it: `Content` → `content`, nested `startPosition.id`. */
function memberPath(path: readonly string[]): string {
  return path.map((name) => name.charAt(0).toLowerCase() + name.slice(1)).join('.');
}

function echo(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > maxEchoedLength ? `${text.slice(0, maxEchoedLength)}...` : text;
}

function violation(value: unknown, path: readonly string[], constraint: string): string {
  const shown = value === undefined || value === null ? 'Value null' : `Value '${echo(value)}'`;
  return `${shown} at '${memberPath(path)}' failed to satisfy constraint: ${constraint}`;
}

function checkString(
  value: unknown,
  path: readonly string[],
  rule: { min?: number; max?: number; oneOf?: readonly string[] },
): string[] {
  if (typeof value !== 'string') return [violation(value, path, 'Member must be a string')];
  if (rule.min !== undefined && value.length < rule.min) {
    return [violation(value, path, `Member must have length greater than or equal to ${rule.min}`)];
  }
  if (rule.max !== undefined && value.length > rule.max) {
    return [violation(value, path, `Member must have length less than or equal to ${rule.max}`)];
  }
  if (rule.oneOf && !rule.oneOf.includes(value)) {
    return [violation(value, path, `Member must satisfy enum value set: [${rule.oneOf.join(', ')}]`)];
  }
  return [];
}

function checkField(value: unknown, path: readonly string[], rule: FieldRule): string[] {
  if (value === undefined || value === null) {
    return rule.required ? [violation(value, path, 'Member must not be null')] : [];
  }
  switch (rule.kind) {
    case 'string':
      return checkString(value, path, rule);
    case 'integer': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return [violation(value, path, 'Member must be an integer')];
      }
      if (rule.min !== undefined && value < rule.min) {
        return [violation(value, path, `Member must have value greater than or equal to ${rule.min}`)];
      }
      if (rule.max !== undefined && value > rule.max) {
        return [violation(value, path, `Member must have value less than or equal to ${rule.max}`)];
      }
      return [];
    }
    case 'boolean':
      return typeof value === 'boolean' ? [] : [violation(value, path, 'Member must be a boolean')];
    case 'stringList': {
      if (!Array.isArray(value)) return [violation(value, path, 'Member must be a list')];
      if (rule.minItems !== undefined && value.length < rule.minItems) {
        return [violation(value, path, `Member must have length greater than or equal to ${rule.minItems}`)];
      }
      if (rule.maxItems !== undefined && value.length > rule.maxItems) {
        return [violation(value, path, `Member must have length less than or equal to ${rule.maxItems}`)];
      }
      return value.flatMap((entry, index) =>
        checkString(entry, [...path.slice(0, -1), `${path.at(-1)}.${index + 1}`], rule.item),
      );
    }
    case 'object':
      if (typeof value !== 'object' || Array.isArray(value)) {
        return [violation(value, path, 'Member must be a structure')];
      }
      return collectViolations(value as Record<string, unknown>, rule.fields, path);
  }
}

function collectViolations(body: Record<string, unknown>, schema: Schema, path: readonly string[]): string[] {
  return Object.entries(schema).flatMap(([name, rule]) => checkField(body[name], [...path, name], rule));
}

/** The violations of a body against a schema, in the service's wording (empty when valid). */
export function findViolations(body: Record<string, unknown>, schema: Schema): string[] {
  return collectViolations(body, schema, []);
}

/** Throws one ValidationException listing every violation, like `2 validation errors detected: a; b`. */
export function assertValid(body: Record<string, unknown>, schema: Schema): void {
  const violations = findViolations(body, schema);
  if (violations.length === 0) return;
  const count = violations.length === 1 ? '1 validation error' : `${violations.length} validation errors`;
  throw validationError(`${count} detected: ${violations.join('; ')}`);
}

/** Parses a JSON request body into an object, or throws a ValidationException (never crashes on bad input). */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw validationError('Request body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw validationError('Request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}
