// Shared vitest settings: every package tests its TypeScript sources directly (no build first) by resolving the
// workspace's `@connect-chat/source` export condition.
import { defineConfig } from 'vitest/config';

const sourceCondition = '@connect-chat/source';

export const sharedConfig = defineConfig({
  resolve: { conditions: [sourceCondition, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [sourceCondition, 'node', 'development|production'] } },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    restoreMocks: true,
  },
});
