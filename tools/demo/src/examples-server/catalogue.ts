/** The browser examples the server bundles: where each lives and what it shows. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `examples/` folder of the repository. */
export const examplesRoot = fileURLToPath(new URL('../../../../examples/', import.meta.url));

/** An example bundled from its own sources: an `index.html`, stylesheets, and one TypeScript entry. */
export interface BundledExample {
  /** Its folder under `examples/`, and its URL path. */
  readonly name: 'customer-widget' | 'react-widget' | 'agent-desktop';
  readonly title: string;
  readonly description: string;
  /** The module the page loads as `main.js`, relative to the example's folder. */
  readonly entry: string;
  /** Stylesheets the page links, relative to the example's folder (served under the same name). */
  readonly stylesheets: readonly string[];
}

/** Every example built with esbuild, in the order the page list shows them. */
export const bundledExamples: readonly BundledExample[] = [
  {
    name: 'customer-widget',
    title: 'Customer chat widget (plain HTML + ESM)',
    description:
      'createChatSession with no framework: transcript, typing both ways, receipts, attachments with progress and cancel, reconnect banner, end chat.',
    entry: 'src/main.ts',
    stylesheets: ['widget.css'],
  },
  {
    name: 'react-widget',
    title: 'Customer chat widget (React 19)',
    description: 'The same chat through a small useSyncExternalStore hook over the session.',
    entry: 'src/main.tsx',
    stylesheets: ['widget.css'],
  },
  {
    name: 'agent-desktop',
    title: 'Agent desktop (StreamsJS + the compat global)',
    description:
      'Agent chat sessions StreamsJS creates, on the connect.ChatSession global, with the multi-party chat recipe. Needs StreamsJS and a real instance.',
    entry: 'src/main.ts',
    stylesheets: ['desk.css'],
  },
];

/** The URL path of an example's folder, e.g. `/customer-widget/`. */
export function exampleUrlPath(name: string): string {
  return `/${name}/`;
}

/** The absolute path of a file of an example. */
export function exampleFile(name: string, file: string): string {
  return join(examplesRoot, name, file);
}
