/**
 * The benchmark pages, built in memory with esbuild and served from one loopback static server: `/core/`,
 * `/compat/`, `/chatjs/` and `/floor/`. Each loads the probe first, then the library's script (compat's script
 * file built as compat builds it, or ChatJS's unmodified dist), then the page's own driver.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import {
  resolvePackageFile,
  type StaticRoute,
  type StaticServer,
  startStaticServer,
} from '../../../packages/transport/test/browser/static-server';
import { bundleEntry } from '../size/measure-size';
import { sizeEntries } from '../size/size-entries';
import type {
  BenchGlobals,
  ConnectTiming,
  DispatchOutcome,
  PageChatDetails,
  PageLibrary,
  RecoveryOutcome,
  WakeupCounts,
} from './page/page-api';

const pageDirectory = fileURLToPath(new URL('./page/', import.meta.url));

/**
 * The pages the server serves: one per library, and `coreTranscript`, core's page with a `transcript` listener as
 * well (an app that re-renders the merged transcript on every change, as docs/session.md's first example does).
 */
export type BenchPageName = PageLibrary | 'coreTranscript';
const javascript = 'text/javascript; charset=utf-8';

/** Bundles one page script as a production IIFE (minified unless profiling). */
async function buildPageScript(file: string, minify: boolean): Promise<string> {
  const result = await build({
    entryPoints: [`${pageDirectory}${file}`],
    bundle: true,
    write: false,
    minify,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@connect-chat/source', 'module'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${file}`);
  return output.text;
}

function html(library: PageLibrary, scripts: readonly string[], listen = 'message'): string {
  const tags = scripts.map((src) => `<script src="${src}"></script>`).join('');
  return `<!doctype html><html data-library="${library}" data-listen="${listen}"><head><meta charset="utf-8"><title>bench ${library}</title>${tags}</head><body></body></html>`;
}

/**
 * Builds every page and starts the static server that serves them. With `profiling`, our scripts are built
 * unminified so CPU profiles name functions and modules (ChatJS's dist is always as shipped).
 */
export async function startBenchPages({
  profiling = false,
}: {
  profiling?: boolean;
} = {}): Promise<StaticServer> {
  const compatScript = sizeEntries.find((entry) => entry.id === 'compatScript');
  if (compatScript?.kind !== 'bundle') throw new Error('the compatScript size entry is missing');
  const [instrument, corePage, legacyPage, floorPage, compat] = await Promise.all([
    buildPageScript('instrument.ts', !profiling),
    buildPageScript('core-page.ts', !profiling),
    buildPageScript('legacy-page.ts', !profiling),
    buildPageScript('floor-page.ts', !profiling),
    bundleEntry(compatScript, { minify: !profiling }).then(({ code }) => code),
  ]);
  const routes: Record<string, StaticRoute> = {
    '/instrument.js': { contentType: javascript, body: instrument },
    '/core-page.js': { contentType: javascript, body: corePage },
    '/legacy-page.js': { contentType: javascript, body: legacyPage },
    '/floor-page.js': { contentType: javascript, body: floorPage },
    '/compat.js': { contentType: javascript, body: compat },
    '/amazon-connect-chat.js': {
      contentType: javascript,
      file: resolvePackageFile('amazon-connect-chatjs/dist/amazon-connect-chat.js'),
    },
  };
  const pages: Record<PageLibrary, readonly string[]> = {
    core: ['/instrument.js', '/core-page.js'],
    compat: ['/instrument.js', '/compat.js', '/legacy-page.js'],
    chatjs: ['/instrument.js', '/amazon-connect-chat.js', '/legacy-page.js'],
    floor: ['/instrument.js', '/floor-page.js'],
  };
  for (const [library, scripts] of Object.entries(pages) as [PageLibrary, readonly string[]][]) {
    routes[`/${library}/`] = { contentType: 'text/html; charset=utf-8', body: html(library, scripts) };
  }
  routes['/coreTranscript/'] = {
    contentType: 'text/html; charset=utf-8',
    body: html('core', pages.core, 'transcript'),
  };
  return startStaticServer(routes);
}

/**
 * Typed calls into a loaded benchmark page. Each callback is serialised into the page, so it names the page's
 * globals itself rather than through a helper.
 */
export function drivePage(page: Page) {
  return {
    connectAll: (endpoint: string, chats: readonly PageChatDetails[]): Promise<ConnectTiming[]> =>
      page.evaluate(
        ([target, list]) => (globalThis as unknown as BenchGlobals).benchPage.connectAll(target, list),
        [endpoint, chats] as const,
      ),
    timings: (): Promise<ConnectTiming[]> =>
      page.evaluate(() => (globalThis as unknown as BenchGlobals).benchPage.timings()),
    awaitSubscribed: (timeoutMs: number): Promise<number> =>
      page.evaluate((ms) => (globalThis as unknown as BenchGlobals).benchPage.awaitSubscribed(ms), timeoutMs),
    armHold: (holdMs: number, holdUrl: string): Promise<void> =>
      page.evaluate(([ms, url]) => (globalThis as unknown as BenchGlobals).benchProbe.armHold(ms, url), [
        holdMs,
        holdUrl,
      ] as const),
    expectMessages: (count: number): Promise<void> =>
      page.evaluate(
        (expected) => (globalThis as unknown as BenchGlobals).benchPage.expectMessages(expected),
        count,
      ),
    awaitMessages: (timeoutMs: number): Promise<DispatchOutcome> =>
      page.evaluate((ms) => (globalThis as unknown as BenchGlobals).benchPage.awaitMessages(ms), timeoutMs),
    watchMessage: (content: string): Promise<void> =>
      page.evaluate((text) => (globalThis as unknown as BenchGlobals).benchPage.watchMessage(text), content),
    awaitRecovery: (awaitGap: boolean, timeoutMs: number): Promise<RecoveryOutcome> =>
      page.evaluate(([gap, ms]) => (globalThis as unknown as BenchGlobals).benchPage.awaitRecovery(gap, ms), [
        awaitGap,
        timeoutMs,
      ] as const),
    resetWakeups: (): Promise<void> =>
      page.evaluate(() => (globalThis as unknown as BenchGlobals).benchProbe.resetWakeups()),
    wakeups: (): Promise<WakeupCounts> =>
      page.evaluate(() => (globalThis as unknown as BenchGlobals).benchProbe.wakeups),
  };
}

/** Opens `/{name}/` of the bench server in `page` and waits for its driver. */
export async function openBenchPage(page: Page, server: StaticServer, name: BenchPageName): Promise<void> {
  await page.goto(server.url(`/${name}/`));
  await page.waitForFunction(() => (globalThis as unknown as Partial<BenchGlobals>).benchPage !== undefined);
}

/** Runs `attempt`, and once more if it fails (a renderer lost on a loaded machine is not a figure, and a run starts from a fresh page). */
export async function retriedOnce<T>(attempt: () => Promise<T>, log: (line: string) => void): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    log(`run failed, running it again: ${(error as Error).message.split('\n')[0]}`);
    return attempt();
  }
}
