/**
 * Headless Chromium for browser tests: Debian's Chromium driven by `playwright-core` (never a downloaded browser).
 *
 * A developer without Chromium can still run the suite (browser tests are skipped, loudly); CI cannot (they fail).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe, test } from 'vitest';

/** Where Chromium is looked for: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumExecutablePath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Flags for a quiet, isolated, network-silent headless Chromium. */
export const chromiumArgs: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A running Chromium with a fresh profile; disposing closes it and deletes the profile. */
export interface ChromiumSession extends AsyncDisposable {
  readonly context: BrowserContext;
  /** Opens a page; uncaught page errors are collected in {@link ChromiumSession.pageErrors}. */
  newPage(): Promise<Page>;
  /** Messages of uncaught exceptions thrown in any page. */
  readonly pageErrors: readonly string[];
}

/**
 * Launches Chromium with a fresh `--user-data-dir` from `mkdtemp`.
 *
 * Playwright refuses `--user-data-dir` in `launch()`'s `args` and asks for `launchPersistentContext(userDataDir)`
 * instead, which starts the same browser process with that profile directory.
 */
export async function launchChromium(): Promise<ChromiumSession> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'connect-chat-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumExecutablePath(),
      headless: true,
      args: [...chromiumArgs],
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const pageErrors: string[] = [];
  context.on('weberror', (webError) => pageErrors.push(webError.error().message));
  return {
    context,
    pageErrors,
    newPage: () => context.newPage(),
    async [Symbol.asyncDispose]() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Whether a Chromium executable exists where {@link chromiumExecutablePath} points. */
export function isChromiumAvailable(): boolean {
  return existsSync(chromiumExecutablePath());
}

/**
 * `describe` for suites that need Chromium. Without it: under `CI` the suite fails with instructions; elsewhere it
 * is skipped with a loud note on the console.
 */
export function describeInChromium(name: string, body: () => void): void {
  if (isChromiumAvailable()) {
    describe(name, body);
    return;
  }
  const missing = `Chromium not found at ${chromiumExecutablePath()}; install it (apt-get install chromium) or set CHROMIUM_PATH`;
  if (process.env.CI) {
    describe(name, () => {
      test('needs Chromium', () => {
        throw new Error(`${missing}. Browser tests are required in CI.`);
      });
    });
    return;
  }
  console.warn(
    `\n${'!'.repeat(100)}\n!! SKIPPING browser suite "${name}": ${missing}.\n${'!'.repeat(100)}\n`,
  );
  describe.skip(name, body);
}
