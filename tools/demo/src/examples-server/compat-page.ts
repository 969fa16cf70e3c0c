/**
 * The compat widget: ChatJS's own README HTML sample ("HTML Sample: ChatJS Customer Session"), read from the
 * installed `amazon-connect-chatjs` package when the server starts, with one change: its library import loads
 * compat's single script file instead of ChatJS from unpkg. The page is generated rather than kept in the
 * repository because it is ChatJS's text, not ours.
 *
 * The sample configures only a region, never an endpoint. To reach the emulator, the script file this page imports
 * is compat's followed by one `setGlobalConfig({ endpoint })` call from the page settings, which (as in ChatJS) no
 * later `setGlobalConfig` clears. Against a real instance that line is simply absent.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { scriptHashSource } from './content-security-policy';
import type { PageSettings } from './page-settings';

/** The generated page. */
export interface CompatReadmePage {
  readonly name: 'compat-widget';
  readonly title: string;
  readonly description: string;
  /** The README sample, with its library import pointed at `./amazon-connect-chat.js`. */
  readonly html: string;
  /** CSP hash sources of the page's inline scripts. */
  readonly inlineScriptHashes: readonly string[];
  /** The script file the page imports: compat's script, then the endpoint of `settings` if it has one. */
  libraryScript(compatScript: string, settings: PageSettings): string;
}

/** The heading the sample follows in ChatJS's README. */
export const readmeSampleHeading = 'HTML Sample: ChatJS Customer Session';

/** The placeholder the sample posts to for chat details, as the browser resolves it against the page. */
export const readmeBackendPlaceholder = '<url-to-personal-chat-backend>';

/** The URL path of the sample's chat-start backend on the server. */
export function compatReadmeBackendPath(name: string): string {
  return `/${name}/${encodeURIComponent(readmeBackendPlaceholder)}`;
}

const require = createRequire(import.meta.url);

/** The first ```html block after `heading`. */
export function htmlBlockAfter(markdown: string, heading: string): string {
  const start = markdown.indexOf(heading);
  if (start < 0) throw new Error(`the ChatJS README has no "${heading}"`);
  const fence = '```html\n';
  const open = markdown.indexOf(fence, start);
  if (open < 0) throw new Error(`the ChatJS README has no html block after "${heading}"`);
  const close = markdown.indexOf('\n```', open + fence.length);
  if (close < 0) throw new Error(`the ChatJS README's html block after "${heading}" never closes`);
  return markdown.slice(open + fence.length, close + 1);
}

/** Replaces the sample's one unpkg import of ChatJS with an import of `specifier`. */
export function withLibraryImport(sample: string, specifier: string): string {
  const pattern = /import "https:\/\/unpkg\.com\/amazon-connect-chatjs@[^"]+";/g;
  const found = sample.match(pattern) ?? [];
  if (found.length !== 1) {
    throw new Error(
      `expected one unpkg import of amazon-connect-chatjs in the README sample, found ${found.length}`,
    );
  }
  return sample.replace(pattern, `import ${JSON.stringify(specifier)};`);
}

/** The text of every inline `<script>` (one without `src`), in document order. */
export function inlineScripts(page: string): string[] {
  const withoutComments = page.replace(/<!--[\s\S]*?-->/g, '');
  const scripts: string[] = [];
  for (const match of withoutComments.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const [, attributes = '', text = ''] = match;
    if (!/\bsrc\s*=/i.test(attributes)) scripts.push(text);
  }
  return scripts;
}

/**
 * Builds the page from the installed ChatJS README. Resolves `undefined` when `amazon-connect-chatjs` (a development
 * dependency of the demo) is not installed; rejects if the README no longer has the sample in the expected form.
 */
export async function buildCompatReadmePage(): Promise<CompatReadmePage | undefined> {
  let readmePath: string;
  try {
    readmePath = require.resolve('amazon-connect-chatjs/README.md');
  } catch {
    return undefined;
  }
  const readme = await readFile(readmePath, 'utf8');
  const html = withLibraryImport(htmlBlockAfter(readme, readmeSampleHeading), './amazon-connect-chat.js');
  return {
    name: 'compat-widget',
    title: "ChatJS's README sample on the compat global",
    description:
      "ChatJS's README HTML sample, unchanged but for its library import, which loads compat's single script file (amazon-connect-chat.js).",
    html,
    inlineScriptHashes: inlineScripts(html).map(scriptHashSource),
    libraryScript(compatScript, settings) {
      if (settings.endpoint === undefined) return compatScript;
      const endpoint = JSON.stringify({ endpoint: settings.endpoint });
      return `${compatScript}\n;connect.ChatSession.setGlobalConfig(${endpoint});\n`;
    },
  };
}
