/** Small HTTP helpers shared by every route: bodies, JSON replies, CORS, path normalisation. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A request body, read in full; `tooLarge` when it passed the limit (the excess is discarded); `aborted` when the
 * request broke off before its end (the client went away, or sent a body Node could not parse), so there is no
 * one left to answer.
 */
export interface ReadBody {
  bytes: Buffer;
  tooLarge: boolean;
  aborted: boolean;
}

/** Reads the whole body, keeping at most `limit` bytes. Never rejects. */
export function readBody(request: IncomingMessage, limit: number): Promise<ReadBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () =>
      resolve({ bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge, aborted: false }),
    );
    const aborted = () => resolve({ bytes: Buffer.alloc(0), tooLarge: false, aborted: true });
    request.on('error', aborted);
    // A request closed before its body ended may not raise `error`; without this the read would wait for ever.
    request.on('close', () => {
      if (!request.complete) aborted();
    });
  });
}

/** Sends a JSON body (status 200 unless given). */
export function sendJson(
  response: ServerResponse,
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  response.end(text);
}

/** Sends an S3-style XML error (upload/download routes, §5.6). */
export function sendXmlError(response: ServerResponse, status: number, code: string, message: string): void {
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  response.writeHead(status, {
    'content-type': 'application/xml',
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

/** Headers browsers may send (§5.1). */
export const corsAllowedHeaders: readonly string[] = [
  'authorization',
  'content-type',
  'x-amz-bearer',
  'x-amz-date',
  'x-amz-content-sha256',
  'x-amz-user-agent',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
];

/** Headers browsers may read (§5.1). */
export const corsExposedHeaders: readonly string[] = ['x-amzn-requestid', 'x-amzn-errortype', 'date', 'etag'];

/** CORS headers for every response; `extraAllowedHeaders` are upload header names (`HeadersToInclude`). */
export function corsHeaders(
  origin: string | undefined,
  extraAllowedHeaders: readonly string[],
): Record<string, string> {
  const allowed = [
    ...new Set([...corsAllowedHeaders, ...extraAllowedHeaders.map((name) => name.toLowerCase())]),
  ];
  return {
    'access-control-allow-origin': origin ?? '*',
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'access-control-allow-headers': allowed.join(', '),
    'access-control-expose-headers': corsExposedHeaders.join(', '),
    'access-control-max-age': '600',
    ...(origin ? { vary: 'Origin' } : {}),
  };
}

/** Decodes one percent-encoded path segment, or `undefined` when it is not valid percent-encoding. */
export function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

const routeRoots = ['/participant/', '/contact/', '/__emulator/', '/__uploads/', '/__downloads/', '/__auth/'];

/**
 * Collapses duplicate slashes and drops any base path before a known route root, so `http://h:p/base/` endpoints
 * (and the SDK's `//` from a trailing slash) work.
 */
export function normalisePath(rawPath: string): string {
  const path = rawPath.replace(/\/{2,}/g, '/');
  let best = -1;
  for (const root of routeRoots) {
    const index = path.indexOf(root);
    if (index >= 0 && (best < 0 || index < best)) best = index;
  }
  return best > 0 ? path.slice(best) : path;
}
