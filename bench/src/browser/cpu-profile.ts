/**
 * CPU profiles of a page over CDP, summarised by function and by module. Pages built unminified (`--profile`)
 * keep esbuild's `// path/to/module.ts` markers, which map a profiled line back to its source module.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { round } from '../stats';

/** One row of a profile summary. */
export interface ProfileRow {
  /** `function (module)` or a V8 pseudo-node such as `(garbage collector)`. */
  name: string;
  /** Self time in milliseconds. */
  selfMs: number;
  /** For the top functions: who called them, with the self time spent under each caller. */
  callers?: ProfileRow[];
}

/** What a profile spent its time on, largest first. The probe's hold (see `armHold`) is left out. */
export interface ProfileSummary {
  /** Sampled time outside the hold, idle included. */
  totalMs: number;
  byFunction: ProfileRow[];
  byModule: ProfileRow[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** A running profile; `stop` returns the raw profile and writes it to `file` when given. */
export interface Profiling {
  stop(file?: string): Promise<{ profile: Profile; summary: ProfileSummary }>;
}

/** Starts sampling `page`'s main thread every `intervalUs`. */
export async function startProfiling(page: Page, intervalUs = 100): Promise<Profiling> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await cdp.send('Profiler.start');
  const scripts = new Map<string, Promise<ModuleMap>>();
  return {
    async stop(file) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      await cdp.detach();
      if (file) {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, JSON.stringify(profile));
      }
      const moduleOf = async (url: string, line: number): Promise<string> => {
        if (!url.startsWith('http')) return '';
        let map = scripts.get(url);
        if (!map) {
          map = fetch(url).then(async (response) => moduleMapOf(await response.text()));
          scripts.set(url, map);
        }
        return (await map).moduleAt(line) ?? new URL(url).pathname;
      };
      return { profile, summary: await summarise(profile, moduleOf) };
    },
  };
}

interface ModuleMap {
  moduleAt(line: number): string | undefined;
}

/** Where each module starts in an unminified esbuild bundle (its `// path` marker lines). */
export function moduleMapOf(bundle: string): ModuleMap {
  const starts: { line: number; module: string }[] = [];
  bundle.split('\n').forEach((text, line) => {
    const marker = /^\s*\/\/ ((?:\.\.\/)*(?:node_modules|packages|src)\/\S+\.(?:ts|js|mjs))$/.exec(text);
    if (marker?.[1]) starts.push({ line, module: marker[1].replace(/^(\.\.\/)+/, '') });
  });
  return {
    moduleAt(line) {
      let found: string | undefined;
      for (const start of starts) {
        if (start.line > line) break;
        found = start.module;
      }
      return found;
    },
  };
}

/** The probe's hold loop: `onFrame` in the unminified `instrument.js`. */
function isHold(node: ProfileNode): boolean {
  return node.callFrame.functionName === 'onFrame' && node.callFrame.url.endsWith('/instrument.js');
}

async function summarise(
  profile: Profile,
  moduleOf: (url: string, line: number) => Promise<string>,
): Promise<ProfileSummary> {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const inHold = (id: number): boolean => {
    for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
      const node = nodes.get(current);
      if (node && isHold(node)) return true;
    }
    return false;
  };
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // A sample's time is the gap to the next one.
  samples.forEach((nodeId, index) => {
    selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + (deltas[index + 1] ?? 0));
  });
  const nameOf = async (node: ProfileNode): Promise<{ name: string; module: string }> => {
    const { functionName, url, lineNumber } = node.callFrame;
    const module = await moduleOf(url, lineNumber);
    return {
      name: module ? `${functionName || '(anonymous)'} (${module})` : functionName || '(anonymous)',
      module,
    };
  };
  const byFunction = new Map<string, { us: number; callers: Map<string, number> }>();
  const byModule = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0 || inHold(node.id)) continue;
    total += us;
    if (node.callFrame.functionName === '(idle)') continue;
    const { name, module } = await nameOf(node);
    const row = byFunction.get(name) ?? { us: 0, callers: new Map<string, number>() };
    row.us += us;
    const parent = nodes.get(parentOf.get(node.id) ?? -1);
    const caller = parent ? (await nameOf(parent)).name : '(root)';
    row.callers.set(caller, (row.callers.get(caller) ?? 0) + us);
    byFunction.set(name, row);
    const moduleName = module || node.callFrame.functionName || '(native)';
    byModule.set(moduleName, (byModule.get(moduleName) ?? 0) + us);
  }
  const ms = (us: number): number => round(us / 1000, 1);
  const largest = <T>(table: Map<string, T>, usOf: (value: T) => number, limit: number): [string, T][] =>
    [...table].sort(([, a], [, b]) => usOf(b) - usOf(a)).slice(0, limit);
  return {
    totalMs: ms(total),
    byFunction: largest(byFunction, (row) => row.us, 30).map(([name, row], index) => ({
      name,
      selfMs: ms(row.us),
      ...(index < 12
        ? {
            callers: largest(row.callers, (us) => us, 3).map(([caller, us]) => ({
              name: caller,
              selfMs: ms(us),
            })),
          }
        : {}),
    })),
    byModule: largest(byModule, (us) => us, 20).map(([name, us]) => ({ name, selfMs: ms(us) })),
  };
}
