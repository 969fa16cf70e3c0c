/**
 * Builds what the browser runs, from source, when the server starts: one ES module per example (`main.js`) and
 * compat's single script file. Workspace packages resolve to their TypeScript sources through the
 * `@connect-chat/source` export condition, so nothing needs a prior build and nothing served is ever stale.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type OutputFile } from 'esbuild';
import { type BundledExample, bundledExamples, exampleFile, examplesRoot } from './catalogue';
import type { Route } from './routes';

/** What one example serves besides its settings. */
export interface BuiltExample {
  /** The page, as written in the example's `index.html`. */
  readonly html: string;
  /** `main.js`, its source map and the stylesheets, by file name. */
  readonly files: Readonly<Record<string, Route>>;
}

/** compat's single script file and its source map. */
export interface CompatScript {
  readonly script: string;
  readonly map: string;
}

/** Everything {@link buildExampleBundles} built. */
export interface ExampleBundles {
  readonly examples: Readonly<Record<BundledExample['name'], BuiltExample>>;
  readonly compatScript: CompatScript;
}

const demoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Options every browser bundle shares. */
const browserBuild: BuildOptions = {
  bundle: true,
  write: false,
  platform: 'browser',
  target: 'es2022',
  // Custom conditions replace esbuild's defaults, so `module` is named again next to the source condition.
  conditions: ['@connect-chat/source', 'module'],
  // React (and any library that reads it) picks its production build; nothing reads `process` at run time.
  define: { 'process.env.NODE_ENV': '"production"' },
  jsx: 'automatic',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'silent',
};

function textOf(files: readonly OutputFile[] | undefined, suffix: string, what: string): string {
  const file = files?.find((output) => output.path.endsWith(suffix));
  if (!file) throw new Error(`esbuild produced no ${suffix} for ${what}`);
  return file.text;
}

async function buildExample(example: BundledExample): Promise<BuiltExample> {
  const outdir = join(examplesRoot, example.name);
  const [html, stylesheets, result] = await Promise.all([
    readFile(exampleFile(example.name, 'index.html'), 'utf8'),
    Promise.all(
      example.stylesheets.map(async (file) => ({
        file: basename(file),
        css: await readFile(exampleFile(example.name, file), 'utf8'),
      })),
    ),
    build({
      ...browserBuild,
      entryPoints: { main: exampleFile(example.name, example.entry) },
      format: 'esm',
      outdir,
    }),
  ]);
  const files: Record<string, Route> = {
    'main.js': {
      contentType: 'text/javascript; charset=utf-8',
      body: textOf(result.outputFiles, 'main.js', example.name),
    },
    'main.js.map': {
      contentType: 'application/json; charset=utf-8',
      body: textOf(result.outputFiles, 'main.js.map', example.name),
    },
  };
  for (const { file, css } of stylesheets)
    files[file] = { contentType: 'text/css; charset=utf-8', body: css };
  return { html, files };
}

/**
 * compat's `amazon-connect-chat.js`: the package's global entry as one IIFE, built the way its own build makes the
 * shipped file (everything bundled, from source), minus minification so the demo is readable.
 */
async function buildCompatScript(): Promise<CompatScript> {
  const result = await build({
    ...browserBuild,
    stdin: {
      contents: "import '@connect-chat/compat';",
      resolveDir: demoRoot,
      sourcefile: 'amazon-connect-chat.entry.js',
      loader: 'js',
    },
    format: 'iife',
    outfile: join(demoRoot, 'amazon-connect-chat.js'),
  });
  return {
    script: textOf(result.outputFiles, 'amazon-connect-chat.js', 'compat'),
    map: textOf(result.outputFiles, 'amazon-connect-chat.js.map', 'compat'),
  };
}

/** Builds every example and compat's script file, in parallel. Rejects with esbuild's errors if any fails. */
export async function buildExampleBundles(): Promise<ExampleBundles> {
  const [compatScript, ...built] = await Promise.all([
    buildCompatScript(),
    ...bundledExamples.map(buildExample),
  ]);
  const examples = Object.fromEntries(
    bundledExamples.map((example, index) => [example.name, built[index]]),
  ) as Record<BundledExample['name'], BuiltExample>;
  return { examples, compatScript };
}
