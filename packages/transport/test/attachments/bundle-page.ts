// Bundles `xhr-page-entry.ts` (and the sources it imports, core included) into one browser script with esbuild.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The page script, built from the TypeScript sources through the workspace's source export condition. */
export async function bundlePageScript(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./xhr-page-entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@connect-chat/source'],
    write: false,
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]?.text;
  if (!script) throw new Error('esbuild produced no output for the page script');
  return script;
}
