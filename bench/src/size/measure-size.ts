/**
 * Bundle size: each entry of `size-entries.ts` bundled with esbuild at production settings (minified,
 * `process.env.NODE_ENV` defined as `"production"`, browser platform, tree-shaken), then compressed with gzip at
 * level 9. The metafile gives a per-module and per-package breakdown of the minified bytes.
 */

import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { baselineEntryId, type SizeEntry, sizeEntries } from './size-entries';

/** One module's share of a bundle. */
export interface ModuleShare {
  /** Path relative to the workspace root (`packages/core/src/...`, `node_modules/.pnpm/...`). */
  path: string;
  /** Minified bytes this module contributes. */
  bytes: number;
}

/** The measured size of one entry. */
export interface EntrySize {
  id: string;
  label: string;
  /** How it was built: `esbuild <format> <target>, conditions ...`, or `as shipped`. */
  build: string;
  minifiedBytes: number;
  gzipBytes: number;
  /** Minified bytes by package (`@connect-chat/core`, `xstate`, ...); empty for a file measured as shipped. */
  packages: Record<string, number>;
  /** Every module with its minified bytes, largest first; empty for a file measured as shipped. */
  modules: ModuleShare[];
}

const require = createRequire(import.meta.url);
const entryDirectory = fileURLToPath(new URL('.', import.meta.url));
const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Which compressor {@link gzipSize} used: GNU gzip when installed, else zlib (a few hundred bytes larger). */
export type GzipTool = 'gzip -9 -n' | 'zlib level 9';

let gzipTool: GzipTool | undefined;

/** The compressor {@link gzipSize} uses on this machine. */
export function detectGzipTool(): GzipTool {
  gzipTool ??= spawnSync('gzip', ['--version']).status === 0 ? 'gzip -9 -n' : 'zlib level 9';
  return gzipTool;
}

/**
 * Bytes after `gzip -9`. GNU gzip's deflate beats zlib's at level 9 by about 0.3 %, so the CLI is used when
 * present; `-n` leaves the file name out of the header (the 76,566 for ChatJS includes the 23 bytes of
 * `amazon-connect-chat.js` and its terminator).
 */
export function gzipSize(bytes: Uint8Array): number {
  if (detectGzipTool() === 'zlib level 9') return gzipSync(bytes, { level: 9 }).byteLength;
  const result = spawnSync('gzip', ['-9', '-n'], { input: bytes, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0)
    throw new Error(`gzip -9 exited with ${result.status}: ${result.stderr.toString()}`);
  return result.stdout.byteLength;
}

/** The package a bundled module belongs to, from its path. */
export function packageOfModule(path: string): string {
  const nodeModules = path.lastIndexOf('node_modules/');
  if (nodeModules >= 0) {
    const [scope, name] = path.slice(nodeModules + 'node_modules/'.length).split('/');
    return scope?.startsWith('@') ? `${scope}/${name}` : (scope ?? path);
  }
  const workspace = /(?:^|\/)(packages|bench|tools)\/([^/]+)\//.exec(path);
  if (workspace?.[1] === 'packages') return `@connect-chat/${workspace[2]}`;
  return path.startsWith('<stdin>') ? '(entry)' : '(other)';
}

function breakdown(metafile: Metafile): Pick<EntrySize, 'packages' | 'modules'> {
  const output = Object.values(metafile.outputs)[0];
  const modules: ModuleShare[] = Object.entries(output?.inputs ?? {})
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path, input]) => ({ path: normalisePath(path), bytes: input.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  const packages: Record<string, number> = {};
  for (const module of modules) {
    const name = packageOfModule(module.path);
    packages[name] = (packages[name] ?? 0) + module.bytes;
  }
  return {
    modules,
    packages: Object.fromEntries(Object.entries(packages).sort(([, a], [, b]) => b - a)),
  };
}

/** esbuild reports inputs relative to its working directory; make them relative to the workspace root. */
function normalisePath(path: string): string {
  if (path.startsWith('<')) return path;
  const absolute = fileURLToPath(new URL(path, `file://${process.cwd()}/`));
  return absolute.startsWith(workspaceRoot) ? absolute.slice(workspaceRoot.length) : absolute;
}

/**
 * Bundles an entry in memory (nothing is written) and returns the code and the metafile. `minify: false` is for
 * profiling, where function names and module boundaries must stay readable.
 */
export async function bundleEntry(
  entry: Extract<SizeEntry, { kind: 'bundle' }>,
  { minify = true }: { minify?: boolean } = {},
): Promise<{ code: Uint8Array; metafile: Metafile }> {
  const result = await build({
    stdin: { contents: entry.source, resolveDir: entry.resolveDir ?? entryDirectory, loader: 'js' },
    bundle: true,
    write: false,
    minify,
    treeShaking: true,
    format: entry.format,
    platform: 'browser',
    target: entry.target,
    conditions: [...entry.conditions],
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for the ${entry.id} entry`);
  return { code: file.contents, metafile: result.metafile };
}

/** Measures one entry. */
export async function measureEntry(entry: SizeEntry): Promise<EntrySize> {
  if (entry.kind === 'file') {
    const code = await readFile(require.resolve(entry.specifier));
    return {
      id: entry.id,
      label: entry.label,
      build: 'as shipped',
      minifiedBytes: code.byteLength,
      gzipBytes: gzipSize(code),
      packages: {},
      modules: [],
    };
  }
  const { code, metafile } = await bundleEntry(entry);
  return {
    id: entry.id,
    label: entry.label,
    build: `esbuild ${entry.format} ${entry.target}, minified, NODE_ENV=production, conditions ${entry.conditions.join(', ')}`,
    minifiedBytes: code.byteLength,
    gzipBytes: gzipSize(code),
    ...breakdown(metafile),
  };
}

/** Measures every entry (or those in `only`), one after another. */
export async function measureSizes(only?: ReadonlySet<string>): Promise<EntrySize[]> {
  const sizes: EntrySize[] = [];
  for (const entry of sizeEntries) {
    if (only && !only.has(entry.id)) continue;
    sizes.push(await measureEntry(entry));
  }
  return sizes;
}

/** The size figures of a run. */
export interface SizeFigures {
  compressor: GzipTool;
  entries: EntrySize[];
  /** Each entry's gzip size relative to ChatJS's script file. */
  gzipRatioToChatjs: Record<string, number>;
}

/** Measures every entry and relates each to the baseline. */
export async function measureSizeFigures(): Promise<SizeFigures> {
  const entries = await measureSizes();
  const baseline = entries.find((entry) => entry.id === baselineEntryId)?.gzipBytes ?? Number.NaN;
  return {
    compressor: detectGzipTool(),
    entries,
    gzipRatioToChatjs: Object.fromEntries(
      entries.map((entry) => [entry.id, Math.round((entry.gzipBytes / baseline) * 1000) / 1000]),
    ),
  };
}
