/**
 * Watches a page for Content-Security-Policy trouble from before its first script runs: every
 * `securitypolicyviolation` event the document sees, and every console error that names the policy. An init script
 * (injected by the browser's DevTools protocol, so not itself subject to the page's policy) records the events.
 */
import type { Page } from 'playwright-core';

/** One violation, as the page's event reported it. */
export interface CspViolation {
  directive: string;
  blockedUri: string;
  sample: string;
  sourceFile: string;
}

/** The records of one page. */
export interface CspWatch {
  /** Every violation event so far. */
  violations(): Promise<CspViolation[]>;
  /** Console errors that mention the Content Security Policy. */
  readonly consoleErrors: readonly string[];
}

interface ViolationLog {
  __cspViolations: CspViolation[];
}

/** Starts watching `page`; call it before the page loads anything. */
export async function watchCsp(page: Page): Promise<CspWatch> {
  await page.addInitScript(() => {
    const log: CspViolation[] = [];
    Object.defineProperty(globalThis, '__cspViolations', { value: log });
    // Capture phase on the document: violations from elements bubble there, the document's own fire there.
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        log.push({
          directive: event.effectiveDirective || event.violatedDirective,
          blockedUri: event.blockedURI,
          sample: event.sample,
          sourceFile: event.sourceFile,
        });
      },
      true,
    );
  });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /content[\s-]security[\s-]policy/i.test(message.text())) {
      consoleErrors.push(message.text());
    }
  });
  return {
    consoleErrors,
    violations: () => page.evaluate(() => [...(globalThis as unknown as ViolationLog).__cspViolations]),
  };
}
