import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', 'aws-sdk': 'src/aws-sdk.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    treeshake: true,
    target: 'es2022',
    platform: 'neutral',
  },
  {
    // The emulator is Node-only (http + ws).
    entry: { 'testing/index': 'src/testing/index.ts', 'testing/cli': 'src/testing/cli.ts' },
    format: ['esm'],
    dts: { entry: { 'testing/index': 'src/testing/index.ts' } },
    sourcemap: true,
    treeshake: true,
    target: 'node20',
    platform: 'node',
  },
]);
