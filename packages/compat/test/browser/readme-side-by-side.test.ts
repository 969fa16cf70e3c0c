/// <reference types="node" />
/**
 * The ChatJS README, run as written, on ChatJS 5.0.0 and on compat side by side in headless Chromium against the
 * emulator. Each test runs one README page (its ESM snippet, its HTML page sample) for both libraries through the
 * same scenarios, and requires compat to do exactly what ChatJS did except for the documented fixes
 * (`known-differences.ts`). The last test checks that the README's "Differences from ChatJS" table is the one the
 * runs found.
 */
import { rm } from 'node:fs/promises';
import { type Emulator, startEmulator } from '@connect-chat/transport/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  type ChromiumSession,
  describeInChromium,
  launchChromium,
} from '../../../transport/test/browser/chromium';
import { controlApi } from '../../../transport/test/browser/emulator-peers';
import { type FoundDifference, publishDifferencesTable, renderDifferencesTable } from './differences-table';
import { compareRecords, expectedCompatRecord } from './known-differences';
import { buildCompatDistScript, chatJsDistScript, type PageKind, readReadmeSamples } from './readme-pages';
import { prepareReadmeRun, type RunEnvironment } from './readme-run';
import { comparable, type RunRecords, recordScenarios, scenarios, scenariosFor } from './scenarios';

/** Both libraries run one page each, in parallel; the ChatJS receipt throttle (5 s) dominates. */
const pageTimeoutMs = 90_000;

describeInChromium('the ChatJS README on ChatJS 5.0.0 and on compat, side by side', () => {
  let chromium: ChromiumSession;
  let emulator: Emulator;
  let environment: RunEnvironment;
  let compatBuild: string | undefined;
  const found: FoundDifference[] = [];
  /** The pages both libraries ran through to the end, so their documented differences are all in `found`. */
  const recorded = new Set<PageKind>();

  beforeAll(async () => {
    const [browser, started, compat] = await Promise.all([
      launchChromium(),
      startEmulator(),
      buildCompatDistScript(),
    ]);
    chromium = browser;
    emulator = started;
    compatBuild = compat.directory;
    environment = {
      chromium,
      emulator,
      control: controlApi(emulator.endpoint),
      samples: readReadmeSamples(),
      scripts: { chatjs: chatJsDistScript, compat: compat.script },
    };
  }, 60_000);

  afterAll(async () => {
    await emulator?.close();
    await chromium?.[Symbol.asyncDispose]();
    if (compatBuild) await rm(compatBuild, { recursive: true, force: true });
  });

  /** Runs `kind` for both libraries at once; fails with every failure, not just the first. */
  async function runBoth(kind: PageKind): Promise<{ chatjs: RunRecords; compat: RunRecords }> {
    await using chatjsRun = await prepareReadmeRun(environment, kind, 'chatjs');
    await using compatRun = await prepareReadmeRun(environment, kind, 'compat');
    const [chatjs, compat] = await Promise.allSettled([
      recordScenarios(chatjsRun),
      recordScenarios(compatRun),
    ]);
    const failures = [chatjs, compat].flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason] : [],
    );
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `both libraries failed on the ${kind} page`);
    expect(await chatjsRun.recorder.version()).toBe('5.0.0');
    return {
      chatjs: (chatjs as PromiseFulfilledResult<RunRecords>).value,
      compat: (compat as PromiseFulfilledResult<RunRecords>).value,
    };
  }

  async function compareOn(kind: PageKind): Promise<void> {
    const { chatjs, compat } = await runBoth(kind);
    const problems: string[] = [];
    // The same difference in several scenarios (say, a payload field) is reported once, naming them all.
    const differences = new Map<string, string[]>();
    for (const { name, comparison } of scenariosFor(kind)) {
      const { expected, applied } = expectedCompatRecord(
        comparable(chatjs.scenarios.get(name)!, comparison),
        {
          scenario: name,
          kind,
        },
      );
      found.push(...applied.map((difference) => ({ scenario: name, kind, difference })));
      for (const diff of compareRecords(expected, comparable(compat.scenarios.get(name)!, comparison))) {
        differences.set(diff, [...(differences.get(diff) ?? []), name]);
      }
    }
    for (const [diff, names] of differences) {
      problems.push(
        `in ${names.map((name) => `"${name}"`).join(', ')} (- ChatJS with the documented fixes, + compat):\n  ${diff}`,
      );
    }
    // The table may be written from here on: every documented difference this page shows has been seen.
    recorded.add(kind);

    if (JSON.stringify(compat.paced) !== JSON.stringify(chatjs.paced)) {
      problems.push(
        `deep heartbeats: ChatJS ${chatjs.paced.join(' | ')}; compat ${compat.paced.join(' | ')}`,
      );
    }
    // Every callback compat fires carries the documented `{ chatDetails, data }`; ChatJS's only exception is the
    // connect-result onConnectionEstablished that Fix 1 folds into the next one.
    if (compat.undocumentedPayloads.length > 0) {
      problems.push(`callbacks without { chatDetails, data }: ${compat.undocumentedPayloads.join(' | ')}`);
    }
    expect(chatjs.undocumentedPayloads).not.toEqual([]);
    for (const line of chatjs.undocumentedPayloads)
      expect(line).toMatch(/^onConnectionEstablished \{_debug:/);
    // Nothing but the emulator, the page's server and the (proxied) Participant Service was contacted.
    expect(chatjs.strayOrigins).toEqual([]);
    if (compat.strayOrigins.length > 0) problems.push(`compat contacted ${compat.strayOrigins.join(', ')}`);
    // The scenarios must keep showing every documented difference they were written to show.
    const decisions = new Set(
      found.filter((entry) => entry.kind === kind).map((entry) => entry.difference.decision),
    );
    expect(decisions).toEqual(new Set([1, 6, 7, 12]));

    if (problems.length > 0) {
      throw new Error(
        `compat differs from ChatJS 5.0.0 on the README ${kind} page beyond the documented fixes:\n\n${problems.join('\n\n')}`,
      );
    }
  }

  test(
    'the README ESM snippet (import "amazon-connect-chatjs" vs "@connect-chat/compat")',
    async () => {
      await compareOn('esm');
    },
    pageTimeoutMs,
  );

  test(
    'the README HTML page sample (ChatJS dist vs compat dist)',
    async () => {
      await compareOn('html');
    },
    pageTimeoutMs,
  );

  test('the README "Differences from ChatJS" table is the one these runs found', () => {
    expect(recorded, 'both README pages must have run to the end to know every difference').toEqual(
      new Set<PageKind>(['esm', 'html']),
    );
    const table = renderDifferencesTable(
      found,
      scenarios.map((scenario) => scenario.name),
    );
    const readmeBlock = publishDifferencesTable(table, process.env.UPDATE_DIFFERENCES === '1');
    expect(
      readmeBlock,
      'packages/compat/README.md "Differences from ChatJS" is stale; rerun with UPDATE_DIFFERENCES=1 to rewrite it',
    ).toBe(table);
  });
});
