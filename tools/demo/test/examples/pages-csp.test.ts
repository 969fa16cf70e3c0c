// The CSP check for the pages no other test drives (the page list, and the agent desktop, which without StreamsJS
// shows what it needs), and a control run proving the watch sees a violation when there is one.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeInChromium } from '../../../../packages/transport/test/browser/chromium';
import { type ExamplesFixture, startExamplesFixture, waitTimeoutMs } from './support/examples-fixture';

const visible = { state: 'visible', timeout: waitTimeoutMs } as const;

describeInChromium('every example page under the strict CSP', () => {
  let fixture: ExamplesFixture;

  beforeAll(async () => {
    fixture = await startExamplesFixture();
  }, 60_000);

  afterAll(async () => {
    await fixture?.[Symbol.asyncDispose]();
  });

  test('every page is served with the strict policy, its connect-src limited to the emulator', async () => {
    const emulator = new URL(fixture.emulator.endpoint);
    expect(fixture.server.pages.map((page) => page.name).sort()).toEqual([
      'agent-desktop',
      'compat-widget',
      'customer-widget',
      'react-widget',
    ]);
    for (const page of [{ url: `${fixture.server.url}/` }, ...fixture.server.pages]) {
      const policy = (await fetch(page.url)).headers.get('content-security-policy') ?? '';
      const directives = new Map(
        policy.split(';').map((directive) => {
          const [name = '', ...sources] = directive.trim().split(/\s+/);
          return [name, sources] as const;
        }),
      );
      expect(directives.get('default-src'), page.url).toEqual(["'self'"]);
      expect(directives.get('connect-src'), page.url).toEqual([
        "'self'",
        emulator.origin,
        `ws://${emulator.host}`,
      ]);
      expect(policy, page.url).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    }
  });

  test('the page list links every example and runs with no violation', async () => {
    const { page, csp } = await fixture.openPage('');
    for (const example of fixture.server.pages) {
      const link = page.getByRole('link', { name: example.title });
      await link.waitFor(visible);
      expect(new URL((await link.getAttribute('href')) ?? '', fixture.server.url).href).toBe(example.url);
    }
    expect(await csp.violations()).toEqual([]);
    expect(csp.consoleErrors).toEqual([]);
  });

  test('the agent desktop, without StreamsJS, says what it needs and runs with no violation', async () => {
    const { page, csp } = await fixture.openPage('agent-desktop');
    await page
      .getByRole('heading', { name: 'This desktop needs StreamsJS and a real Amazon Connect instance' })
      .waitFor(visible);
    await page.locator('#desk-status', { hasText: 'StreamsJS is not configured' }).waitFor(visible);
    expect(await csp.violations()).toEqual([]);
    expect(csp.consoleErrors).toEqual([]);
    expect(fixture.chromium.pageErrors).toEqual([]);
  });

  test('control: an inline script and an inline style on a served page are blocked and seen', async () => {
    const { page, csp } = await fixture.openPage('customer-widget');
    await page.locator('#start-form').waitFor(visible);
    expect(await csp.violations()).toEqual([]);
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.inlineRan = "yes";';
      document.head.append(script);
      document.body.setAttribute('style', 'color: red');
      return document.body.dataset.inlineRan ?? 'no';
    });
    expect(ran).toBe('no');
    const violations = await csp.violations();
    expect(violations.map((violation) => violation.directive).sort()).toEqual([
      'script-src-elem',
      'style-src-attr',
    ]);
    expect(csp.consoleErrors.length).toBeGreaterThanOrEqual(2);
  });
});
