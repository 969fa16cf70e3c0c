import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The package entries: `.` (installs the global; its types declare the global `connect` namespace) and
    // `./module` (named exports only).
    entry: { index: 'src/index.ts', module: 'src/module.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    target: 'es2022',
    platform: 'neutral',
  },
  {
    // The drop-in for ChatJS's `dist/amazon-connect-chat.js`: one self-contained, minified script for a <script>
    // tag. Everything is bundled (core, transport's fetch adapter and socket factory, xstate); no AWS SDK.
    entry: { 'amazon-connect-chat': 'src/index.ts' },
    format: ['iife'],
    platform: 'browser',
    target: 'es2020',
    minify: true,
    treeshake: true,
    sourcemap: true,
    dts: false,
    clean: false,
    noExternal: [/.*/],
    outExtension: () => ({ js: '.js' }),
    // Bundle the workspace packages from source, so the script needs no prior build of core or transport.
    esbuildOptions(options) {
      options.conditions = ['@connect-chat/source', 'browser', 'module', 'import'];
    },
  },
]);
