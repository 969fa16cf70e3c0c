// Runs testing-your-app.test.ts, the test that testing.md shows, against the current sources:
//   npx vitest run --config docs/samples/vitest.config.ts
// The samples are not a workspace package, so their imports are pointed at the packages by hand (as tsconfig.json
// does for the type check).
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.ts';

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

export default mergeConfig(
  sharedConfig,
  defineConfig({
    root: fileURLToPath(new URL('.', import.meta.url)),
    resolve: {
      alias: [
        { find: /^@connect-chat\/core$/, replacement: repo('packages/core/src/index.ts') },
        { find: /^@connect-chat\/transport$/, replacement: repo('packages/transport/src/index.ts') },
        {
          find: /^@connect-chat\/transport\/testing$/,
          replacement: repo('packages/transport/src/testing/index.ts'),
        },
        { find: /^ws$/, replacement: repo('packages/transport/node_modules/ws/wrapper.mjs') },
      ],
    },
    test: { include: ['*.test.ts'] },
  }),
);
