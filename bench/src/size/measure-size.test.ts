import { expect, test } from 'vitest';
import { gzipSize, packageOfModule } from './measure-size';

test('packageOfModule names the package a bundled module comes from', () => {
  expect(packageOfModule('node_modules/.pnpm/xstate@5.33.3/node_modules/xstate/dist/raise.esm.js')).toBe(
    'xstate',
  );
  expect(
    packageOfModule('node_modules/.pnpm/@smithy+core@3.41.0/node_modules/@smithy/core/dist-es/index.js'),
  ).toBe('@smithy/core');
  expect(packageOfModule('packages/core/src/session/chat-session.ts')).toBe('@connect-chat/core');
  expect(packageOfModule('<stdin>')).toBe('(entry)');
});

test('gzipSize compresses repetitive input far below its length', () => {
  const bytes = new TextEncoder().encode('chat '.repeat(10_000));
  const size = gzipSize(bytes);
  expect(size).toBeGreaterThan(0);
  expect(size).toBeLessThan(bytes.byteLength / 50);
});
