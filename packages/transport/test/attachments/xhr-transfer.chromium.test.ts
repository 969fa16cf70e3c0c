// The XHR transfer in headless Chromium against the emulator: core's machine, the fetch participant-API adapter
// and the XHR transfer, bundled from source, upload about 1 MB with real upload progress and the bytes arrive
// intact.
import { createHash } from 'node:crypto';
import { createFetchAttachmentTransfer } from '@connect-chat/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ChromiumSession, describeInChromium, launchChromium } from '../browser/chromium';
import { type StaticServer, startStaticServer } from '../browser/static-server';
import { attachmentFixture, holdingScheduler } from './attachment-fixture';
import { bundlePageScript } from './bundle-page';
import { patternedBytes } from './patterned-bytes';
import type { XhrHarness } from './xhr-page-entry';

const html = `<!doctype html>
<html>
  <head><meta charset="utf-8"><title>XHR attachment transfer</title></head>
  <body><script src="/xhr-page.js"></script></body>
</html>
`;

type HarnessGlobal = { xhrHarness: XhrHarness };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describeInChromium('XHR attachment transfer in Chromium', () => {
  let chromium: ChromiumSession;
  let pages: StaticServer;
  let page: Page;

  beforeAll(async () => {
    const script = await bundlePageScript();
    [chromium, pages] = await Promise.all([
      launchChromium(),
      startStaticServer({
        '/': { contentType: 'text/html', body: html },
        '/xhr-page.js': { contentType: 'text/javascript', body: script },
      }),
    ]);
    page = await chromium.newPage();
    await page.goto(pages.url('/'));
  });

  afterAll(async () => {
    await page?.close();
    await pages?.[Symbol.asyncDispose]();
    await chromium?.[Symbol.asyncDispose]();
  });

  test('uploads about 1 MB with real progress events, and the bytes come back intact', async () => {
    // The PUT is held at the emulator until the page has reported some, but not all, of the bytes as sent: real
    // progress from the browser, not just "started" and "finished". On loopback the socket buffers swallow 1 MB at
    // once, so the browser's upload is throttled (DevTools network emulation) to make it report as it goes.
    const heldMs = 3_600_000;
    const hold = holdingScheduler(heldMs);
    await using chat = await attachmentFixture({ scheduler: hold.scheduler });
    chat.emulator.addFault({
      match: { operation: 'UploadAttachment' },
      action: { type: 'delay', ms: heldMs },
      times: 1,
    });
    const size = 1024 * 1024;
    const expected = patternedBytes(size);

    const devtools = await chromium.context.newCDPSession(page);
    await devtools.send('Network.enable');
    await devtools.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 2 * 1024 * 1024,
    });
    await page.evaluate(
      (options) => (globalThis as unknown as HarnessGlobal).xhrHarness.startUpload(options),
      {
        endpoint: chat.emulator.endpoint,
        connectionToken: chat.connectionToken,
        size,
        now: chat.emulator.now(),
      },
    );
    await hold.arrived;
    // Playwright polls the page's record (an event wait, not a sleep); the PUT cannot finish while it is held.
    await page.waitForFunction(
      (total) =>
        (globalThis as unknown as HarnessGlobal).xhrHarness.progress.some(
          ([sent]) => sent > 0 && sent < total,
        ),
      size,
    );
    hold.release();
    const result = await page.evaluate(() => (globalThis as unknown as HarnessGlobal).xhrHarness.result());
    const progress = await page.evaluate(() => (globalThis as unknown as HarnessGlobal).xhrHarness.progress);
    expect(result.code).toBeUndefined();
    expect(result.attachmentId).toEqual(expect.any(String));
    const attachmentId = result.attachmentId ?? '';

    expect(progress.length).toBeGreaterThan(2);
    expect(progress[0]).toEqual([0, size]);
    expect(progress.filter(([sent]) => sent > 0 && sent < size).length).toBeGreaterThan(0);
    expect(progress.every(([, total]) => total === size)).toBe(true);
    expect(progress.every(([sent], index) => index === 0 || sent >= (progress[index - 1]?.[0] ?? 0))).toBe(
      true,
    );
    expect(progress.at(-1)).toEqual([size, size]);

    const link = await chat.participantApi.getAttachment({
      ConnectionToken: chat.connectionToken,
      AttachmentId: attachmentId,
    });
    const url = link.Url ?? '';
    const fromNode = await createFetchAttachmentTransfer().download(url);
    expect(sha256(new Uint8Array(await fromNode.arrayBuffer()))).toBe(sha256(expected));
    const fromPage = await page.evaluate(
      (target) => (globalThis as unknown as HarnessGlobal).xhrHarness.download(target),
      url,
    );
    expect(fromPage).toEqual({ sha256: sha256(expected), type: 'application/pdf', size });
    // Core's fetch transfer works in the page too (it calls the browser's fetch with the right receiver).
    const viaFetch = await page.evaluate(
      (target) => (globalThis as unknown as HarnessGlobal).xhrHarness.fetchDownload(target),
      url,
    );
    expect(viaFetch).toEqual({ sha256: sha256(expected), size });
    expect(chromium.pageErrors).toEqual([]);
  });
});
