/** A JSON body, once parsed; `undefined` when the text was not JSON. */
export type JsonBody = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/** Parses a response body. An empty body counts as `{}` (wire-protocol §1.1), whatever its content type. */
export function parseJsonBody(text: string): JsonBody {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Whether a parsed JSON value is a plain object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Removes JSON `null`s at every nesting level, as the SDK does for modeled members. */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((entry) => entry !== null).map(dropNulls);
  if (!isJsonObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== null) result[key] = dropNulls(entry);
  }
  return result;
}

/**
 * Reduces a raw error code to the bare error name (wire-protocol §1.3 step 2): cut at the first `,`, then at the
 * first `:`, then keep what follows a `#`.
 *
 * @example
 * ```ts
 * sanitizeErrorName('com.amazonaws.connectparticipant#ConflictException'); // 'ConflictException'
 * sanitizeErrorName('ValidationException:http://internal.amazon.com/coral/'); // 'ValidationException'
 * ```
 */
export function sanitizeErrorName(raw: string): string {
  let name = raw;
  const comma = name.indexOf(',');
  if (comma >= 0) name = name.slice(0, comma);
  const colon = name.indexOf(':');
  if (colon >= 0) name = name.slice(0, colon);
  const hash = name.indexOf('#');
  if (hash >= 0) name = name.slice(hash + 1);
  return name;
}

/** The error name and message a failed response carries. */
export interface ServiceErrorDetails {
  /** The sanitised error name, or `undefined` when the response names none. */
  readonly name: string | undefined;
  /** The service's message, from body `message`, else `Message`. */
  readonly message: string | undefined;
}

function asCode(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function bodyCode(body: Record<string, unknown>): string | undefined {
  const key = Object.keys(body).find((candidate) => candidate.toLowerCase() === 'code');
  return key === undefined ? undefined : asCode(body[key]);
}

/**
 * Reads the error name and message of a failed response (wire-protocol §1.3): the name comes from the
 * `x-amzn-errortype` header, else the body's `code` key (any casing), else the body's `__type`, then sanitised.
 */
export function serviceErrorDetails(headers: Headers, body: unknown): ServiceErrorDetails {
  const fields = isJsonObject(body) ? body : {};
  const raw = asCode(headers.get('x-amzn-errortype')) ?? bodyCode(fields) ?? asCode(fields.__type);
  const message = [fields.message, fields.Message].find((entry) => typeof entry === 'string');
  return {
    name: raw === undefined ? undefined : sanitizeErrorName(raw) || undefined,
    message: message as string | undefined,
  };
}

/** The service's request id, from whichever of the three request-id headers is present. */
export function requestIdFrom(headers: Headers): string | undefined {
  return (
    headers.get('x-amzn-requestid') ??
    headers.get('x-amzn-request-id') ??
    headers.get('x-amz-request-id') ??
    undefined
  );
}
