/**
 * The Content-Security-Policy every example page is served with: everything from the page's own origin only, no
 * inline script or style, no eval, and network access limited to the page's origin and the participant service
 * (here the emulator, over HTTP for REST and attachments and over WebSocket for the chat socket).
 */
import { createHash } from 'node:crypto';

/** The policies of one server. */
export interface ServerPolicies {
  /** The strict policy of every page. */
  readonly page: string;
  /**
   * The strict policy plus `script-src 'self'` and the hashes of a page's inline scripts: for a page whose markup we
   * must not change (ChatJS's README sample). A hash allows exactly that script text and nothing else; it is not
   * `'unsafe-inline'`.
   */
  pageWithInlineScripts(hashes: readonly string[]): string;
}

/** The `ws:`/`wss:` origin that goes with an `http:`/`https:` origin. */
export function socketOriginOf(httpOrigin: string): string {
  const url = new URL(httpOrigin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.origin;
}

/** The CSP source of a script's text: `'sha256-<base64>'`. */
export function scriptHashSource(scriptText: string): string {
  return `'sha256-${createHash('sha256').update(scriptText, 'utf8').digest('base64')}'`;
}

/** Builds the policies for pages that talk to the participant service at `emulatorEndpoint`. */
export function contentSecurityPolicy(options: { emulatorEndpoint: string }): ServerPolicies {
  const serviceOrigin = new URL(options.emulatorEndpoint).origin;
  const directives = (scriptSources: readonly string[]) =>
    [
      "default-src 'self'",
      ...(scriptSources.length > 0 ? [`script-src 'self' ${scriptSources.join(' ')}`] : []),
      `connect-src 'self' ${serviceOrigin} ${socketOriginOf(serviceOrigin)}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');
  return {
    page: directives([]),
    pageWithInlineScripts: (hashes) => directives(hashes),
  };
}
