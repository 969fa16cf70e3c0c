/** The examples server's static routes and how a response goes out: every one with the page's security headers. */
import type { ServerResponse } from 'node:http';

/** One static resource, held in memory. */
export interface Route {
  readonly contentType: string;
  readonly body: string;
  /** This resource's own Content-Security-Policy, when it differs from the server's page policy. */
  readonly policy?: string | undefined;
}

/** Routes by exact URL path. */
export type RouteTable = Map<string, Route>;

/**
 * Headers on every response. The policy is sent with scripts and data too: it only takes effect on documents, and
 * one rule for every response leaves no page without it.
 */
export function securityHeaders(policy: string): Record<string, string> {
  return {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

/** Sends a route (headers only for HEAD). */
export function sendRoute(
  response: ServerResponse,
  route: Route,
  headOnly: boolean,
  pagePolicy: string,
): void {
  response.writeHead(200, {
    ...securityHeaders(route.policy ?? pagePolicy),
    'content-type': route.contentType,
    'content-length': Buffer.byteLength(route.body),
  });
  response.end(headOnly ? undefined : route.body);
}

/** Sends a short plain-text answer (errors, 404s). */
export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  policy: string,
  extraHeaders: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...securityHeaders(policy),
    ...extraHeaders,
    'content-type': 'text/plain; charset=utf-8',
  });
  response.end(text);
}

/** Sends a JSON answer. */
export function sendJson(response: ServerResponse, status: number, value: unknown, policy: string): void {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    ...securityHeaders(policy),
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}
