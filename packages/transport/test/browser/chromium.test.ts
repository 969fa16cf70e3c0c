import { afterAll, beforeAll, expect, test } from 'vitest';
import { chatJsRoutes, driveChatJs } from './chatjs-driver';
import { type ChromiumSession, describeInChromium, launchChromium } from './chromium';
import { type StaticServer, startStaticServer } from './static-server';

describeInChromium('browser harness', () => {
  let chromium: ChromiumSession;
  let server: StaticServer;

  beforeAll(async () => {
    chromium = await launchChromium();
    server = await startStaticServer({
      ...chatJsRoutes(),
      '/bytes.bin': { contentType: 'application/octet-stream', body: Uint8Array.from([0, 255, 10, 13]) },
    });
  });

  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
    await chromium?.[Symbol.asyncDispose]();
  });

  test('headless Chromium loads the unmodified ChatJS 5.0.0 dist by script tag', async () => {
    const page = await chromium.newPage();
    try {
      await page.goto(server.url('/'));
      const globals = await page.evaluate(() => {
        const { connect } = globalThis as unknown as {
          connect: {
            ChatJS: { version: string };
            ChatSession: { create: unknown; setGlobalConfig: unknown };
          };
        };
        return {
          version: connect.ChatJS.version,
          create: typeof connect.ChatSession.create,
          setGlobalConfig: typeof connect.ChatSession.setGlobalConfig,
        };
      });
      expect(globals).toEqual({ version: '5.0.0', create: 'function', setGlobalConfig: 'function' });
      expect(await driveChatJs(page).configure('http://127.0.0.1:1')).toBe('5.0.0');
      expect(chromium.pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  test('the static server serves bytes intact and 404s unknown paths', async () => {
    const page = await chromium.newPage();
    try {
      await page.goto(server.url('/'));
      const fetched = await page.evaluate(async () => {
        const bytes = await fetch('/bytes.bin').then(async (response) => [
          ...new Uint8Array(await response.arrayBuffer()),
        ]);
        const missing = await fetch('/nope').then((response) => response.status);
        return { bytes, missing };
      });
      expect(fetched).toEqual({ bytes: [0, 255, 10, 13], missing: 404 });
    } finally {
      await page.close();
    }
  });
});
