/// <reference types="node" />
/**
 * The two ways the ChatJS README tells customers to load ChatJS, as pages for either library:
 * - its ESM snippet ("Customer Session"), bundled with esbuild, importing `amazon-connect-chatjs` or, with only that
 *   import changed, `@connect-chat/compat` (bundled from source through the `@connect-chat/source` condition);
 * - its HTML page sample, unchanged but for the module import of the library, which loads ChatJS's dist or compat's.
 *
 * Both are read from the installed README at run time, so the test runs exactly what the README shows. In both, the
 * recorder (`recorder.js`) runs right after the library and before the app code.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build, type Plugin } from 'esbuild';
import { resolvePackageFile, type StaticRoute } from '../../../transport/test/browser/static-server';

/** The library a page loads. */
export type Library = 'chatjs' | 'compat';

/** Which README sample a page is. */
export type PageKind = 'esm' | 'html';

/** The import specifier of each library. */
export const librarySpecifiers: Readonly<Record<Library, string>> = {
  chatjs: 'amazon-connect-chatjs',
  compat: '@connect-chat/compat',
};

const compatRoot = fileURLToPath(new URL('../..', import.meta.url));
const recorderPath = fileURLToPath(new URL('./recorder.js', import.meta.url));

/** The ChatJS 5.0.0 dist file, as its README's CDN tag would load it. */
export const chatJsDistScript = resolvePackageFile('amazon-connect-chatjs/dist/amazon-connect-chat.js');

/** The single script file each library ships for `<script>` tags and CDNs. */
export type DistScripts = Readonly<Record<Library, string>>;

/**
 * Builds compat with its own tsup config into a fresh temporary directory (declarations off) and returns the path
 * of its single-file browser build, `amazon-connect-chat.js`. Building here rather than reading `dist/` means the
 * HTML sample never runs a stale build, and never races another build writing `dist/`.
 */
export async function buildCompatDistScript(): Promise<{ script: string; directory: string }> {
  const directory = await mkdtemp(join(tmpdir(), 'connect-chat-compat-dist-'));
  await promisify(execFile)('npx', ['tsup', '--out-dir', directory, '--no-dts', '--silent'], {
    cwd: compatRoot,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const script = join(directory, 'amazon-connect-chat.js');
  if (!existsSync(script)) {
    throw new Error(
      `compat's build (npx tsup in ${compatRoot}) produced no amazon-connect-chat.js; it should ship the global script`,
    );
  }
  return { script, directory };
}

/** The code samples of the installed ChatJS README. */
export interface ReadmeSamples {
  /** The "Customer Session" snippet, an ES module with top-level await. */
  esmSnippet: string;
  /** The "HTML Sample: ChatJS Customer Session" page. */
  htmlSample: string;
}

function fencedBlockAfter(markdown: string, marker: string, language: string): string {
  const start = markdown.indexOf(marker);
  if (start < 0) throw new Error(`the ChatJS README has no "${marker}"`);
  const fence = `\`\`\`${language}\n`;
  const open = markdown.indexOf(fence, start);
  if (open < 0) throw new Error(`the ChatJS README has no ${language} block after "${marker}"`);
  const close = markdown.indexOf('\n```', open + fence.length);
  return markdown.slice(open + fence.length, close + 1);
}

/** Reads both samples from `amazon-connect-chatjs/README.md`. */
export function readReadmeSamples(): ReadmeSamples {
  const readme = readFileSync(resolvePackageFile('amazon-connect-chatjs/README.md'), 'utf8');
  return {
    esmSnippet: fencedBlockAfter(readme, '### Customer Session', 'typescript'),
    htmlSample: fencedBlockAfter(readme, 'HTML Sample: ChatJS Customer Session', 'html'),
  };
}

function replaceOnce(text: string, search: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(search.source, 'g')) ?? [];
  if (matches.length !== 1)
    throw new Error(`expected exactly one ${what} in the README sample, found ${matches.length}`);
  return text.replace(search, replacement);
}

/** The ESM snippet with its one import naming `library`. */
export function esmSnippetFor(samples: ReadmeSamples, library: Library): string {
  return replaceOnce(
    samples.esmSnippet,
    /import "amazon-connect-chatjs";/,
    `import ${JSON.stringify(librarySpecifiers[library])};`,
    'import of amazon-connect-chatjs',
  );
}

/** The HTML sample with its CDN import replaced by `scriptPath` on the test server. */
export function htmlSampleFor(samples: ReadmeSamples, scriptPath: string): string {
  return replaceOnce(
    samples.htmlSample,
    /import "https:\/\/unpkg\.com\/amazon-connect-chatjs@[^"]+";/,
    `import ${JSON.stringify(scriptPath)};`,
    'unpkg import',
  );
}

/** Makes the library import of the snippet load the library and then the recorder, in that order. */
const recorderAfterLibrary: Plugin = {
  name: 'recorder-after-library',
  setup(pluginBuild) {
    const libraries = Object.values(librarySpecifiers);
    pluginBuild.onResolve({ filter: /^(amazon-connect-chatjs|@connect-chat\/compat)$/ }, (args) => {
      if (args.namespace === 'library-with-recorder' || !libraries.includes(args.path)) return undefined;
      return { path: args.path, namespace: 'library-with-recorder' };
    });
    // The recorder is inlined rather than imported: this package's `sideEffects` list would let esbuild drop it.
    pluginBuild.onLoad({ filter: /.*/, namespace: 'library-with-recorder' }, (args) => ({
      contents: `import ${JSON.stringify(args.path)};\n${readFileSync(recorderPath, 'utf8')}`,
      resolveDir: compatRoot,
      loader: 'js',
    }));
  },
};

/** Bundles the ESM snippet for `library` into one browser module. */
export async function bundleEsmSnippet(samples: ReadmeSamples, library: Library): Promise<string> {
  const result = await build({
    stdin: {
      contents: esmSnippetFor(samples, library),
      resolveDir: compatRoot,
      sourcefile: 'readme-customer-session.js',
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@connect-chat/source'],
    logLevel: 'silent',
    plugins: [recorderAfterLibrary],
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no bundle for the README snippet');
  return output.text;
}

const esmPage = `<!doctype html>
<html>
  <head><meta charset="utf-8"><title>ChatJS README snippet</title></head>
  <body><script type="module" src="/readme-customer-session.js"></script></body>
</html>
`;

const javascript = 'text/javascript; charset=utf-8';

/** Static routes for one README page: `/` is the page. */
export async function readmePageRoutes(
  samples: ReadmeSamples,
  kind: PageKind,
  library: Library,
  scripts: DistScripts,
): Promise<Record<string, StaticRoute>> {
  if (kind === 'esm') {
    return {
      '/': { contentType: 'text/html; charset=utf-8', body: esmPage },
      '/readme-customer-session.js': {
        contentType: javascript,
        body: await bundleEsmSnippet(samples, library),
      },
    };
  }
  const dist = readFileSync(scripts[library], 'utf8');
  const recorder = readFileSync(recorderPath, 'utf8');
  return {
    '/': { contentType: 'text/html; charset=utf-8', body: htmlSampleFor(samples, '/amazon-connect-chat.js') },
    // The recorder is appended to the library file, so it runs after the library and before the sample's code.
    '/amazon-connect-chat.js': { contentType: javascript, body: `${dist}\n;\n${recorder}` },
  };
}
