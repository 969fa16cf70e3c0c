/**
 * Memory per connected session. In Chromium: N sessions of one library connected in one page, JS heap used after
 * forced garbage collection (CDP `HeapProfiler.collectGarbage`, `Runtime.getHeapUsage`) before and after, divided by
 * N; each library in its own Chromium. In Node: M sessions of core in a child process started with `--expose-gc`
 * (`node-sessions.ts`), so the emulator's own heap is not counted.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@connect-chat/transport/testing';
import type { CDPSession } from 'playwright-core';
import { launchChromium } from '../../../packages/transport/test/browser/chromium';
import type { StaticServer } from '../../../packages/transport/test/browser/static-server';
import { censusDifference, type HeapRow, takeHeapCensus } from '../browser/heap-snapshot';
import type { BenchGlobals, PageChatDetails, PageLibrary } from '../browser/page/page-api';
import { openBenchPage } from '../browser/pages';
import { ratio, round } from '../stats';
import { pause, startChat } from './chat-fixture';
import type { NodeSessionsReport } from './node-sessions';

/** Settings of the memory measurement. */
export interface MemoryOptions {
  /** Sessions in one Chromium page. @defaultValue 200 */
  browserSessions: number;
  /** Sessions in one Node process. @defaultValue 1000 */
  nodeSessions: number;
  /** Also take heap snapshots and report what each session holds, by kind. */
  profile?: boolean | undefined;
  log: (line: string) => void;
}

/** Heap of one library's sessions in one page. */
export interface BrowserMemory {
  sessions: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
  bytesPerSession: number;
  /** With `--profile`: what a session holds, by constructor or function name. */
  heldPerSession?: HeapRow[];
}

/** Memory figures. */
export interface MemoryFigures {
  browser: Record<PageLibrary, BrowserMemory>;
  /** Bytes per session relative to ChatJS's. */
  browserRatioToChatjs: { core: number; compat: number };
  node: NodeSessionsReport & { bytesPerSession: number };
}

const libraries: readonly PageLibrary[] = ['floor', 'core', 'compat', 'chatjs'];

async function heapUsed(cdp: CDPSession): Promise<number> {
  // Twice: objects only reachable from finalizers or weak callbacks go in the second pass.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

async function measureBrowser(
  server: StaticServer,
  library: PageLibrary,
  sessions: number,
  options: MemoryOptions,
): Promise<BrowserMemory> {
  await using chromium = await launchChromium();
  await using emulator = await startEmulator({ seed: 4 });
  const page = await chromium.newPage();
  await openBenchPage(page, server, library);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const chats = Array.from({ length: sessions }, (_, index) => startChat(emulator, index).customer);
  // The details go into the page before the first weighing, so their strings (which an app holds anyway) are not
  // counted as the library's.
  await page.evaluate((list) => {
    (globalThis as unknown as { benchChats: PageChatDetails[] }).benchChats = list;
  }, chats);
  const heapBeforeBytes = await heapUsed(cdp);
  const censusBefore = options.profile ? await takeHeapCensus(cdp) : undefined;
  await page.evaluate(
    (endpoint) =>
      (globalThis as unknown as BenchGlobals & { benchChats: PageChatDetails[] }).benchPage.connectAll(
        endpoint,
        (globalThis as unknown as { benchChats: PageChatDetails[] }).benchChats,
      ),
    emulator.endpoint,
  );
  // Let every session finish what follows a connection (history load, first heartbeat) before weighing it.
  await pause(3_000);
  const heapAfterBytes = await heapUsed(cdp);
  const heldPerSession = censusBefore
    ? censusDifference(censusBefore, await takeHeapCensus(cdp), sessions)
    : undefined;
  const bytesPerSession = Math.round((heapAfterBytes - heapBeforeBytes) / sessions);
  options.log(`memory: ${library} ${sessions} sessions, ${round(bytesPerSession / 1024, 1)} KB each`);
  return {
    sessions,
    heapBeforeBytes,
    heapAfterBytes,
    bytesPerSession,
    ...(heldPerSession ? { heldPerSession } : {}),
  };
}

const childScript = fileURLToPath(new URL('./node-sessions.ts', import.meta.url));

/** Runs `node-sessions.ts` in a child Node with `--expose-gc` against an emulator in this process. */
async function measureNode(sessions: number, log: (line: string) => void): Promise<MemoryFigures['node']> {
  await using emulator = await startEmulator({ seed: 5 });
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--conditions=@connect-chat/source', '--import', 'tsx', childScript],
    {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, BENCH_ENDPOINT: emulator.endpoint, BENCH_SESSIONS: String(sessions) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`node-sessions.ts exited with ${code}`);
  const report = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as NodeSessionsReport;
  const bytesPerSession = Math.round((report.heapAfterBytes - report.heapBeforeBytes) / report.sessions);
  log(`memory: core in Node, ${report.sessions} sessions, ${round(bytesPerSession / 1024, 1)} KB each`);
  return { ...report, bytesPerSession };
}

/** Runs the browser measurement for every library, then the Node one. */
export async function measureMemory(server: StaticServer, options: MemoryOptions): Promise<MemoryFigures> {
  const browser = {} as Record<PageLibrary, BrowserMemory>;
  for (const library of libraries)
    browser[library] = await measureBrowser(server, library, options.browserSessions, options);
  return {
    browser,
    browserRatioToChatjs: {
      core: ratio(browser.core.bytesPerSession, browser.chatjs.bytesPerSession),
      compat: ratio(browser.compat.bytesPerSession, browser.chatjs.bytesPerSession),
    },
    node: await measureNode(options.nodeSessions, options.log),
  };
}
