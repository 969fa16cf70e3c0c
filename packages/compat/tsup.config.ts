import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', module: 'src/module.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
});
