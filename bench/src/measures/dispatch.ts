/**
 * Incoming dispatch in Chromium: the emulator pushes N agent messages as fast as it can, and the page times the
 * first frame to the app's Nth message callback, for the floor, core, compat and ChatJS in alternating runs (the
 * order rotates each round). Each run gets a fresh page and a fresh chat. The page holds its main thread at the
 * first frame until Node has written every frame (see `BenchProbe.armHold`), so the figure is the page's work.
 *
 * Besides wall time, each run reads the main thread's CPU time (CDP `Performance` metric `ThreadTime`; the hold
 * waits without CPU) and its task and script time (`TaskDuration`, `ScriptDuration`, less the hold). The floor's
 * wall time is bound by how fast frames cross from Chromium's network process, so a library only a little slower
 * than the floor hides its work in the floor's idle gaps; CPU time shows it, and does not grow when other
 * processes take the machine's cores.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '@connect-chat/transport/testing';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../../packages/transport/test/browser/chromium';
import type { StaticServer } from '../../../packages/transport/test/browser/static-server';
import { type ProfileSummary, startProfiling } from '../browser/cpu-profile';
import { startHoldServer } from '../browser/hold-server';
import { type BenchPageName, drivePage, openBenchPage, retriedOnce } from '../browser/pages';
import { median, ratio, rotation, round } from '../stats';
import { agentSays, pause, startChat } from './chat-fixture';

/** Settings of the dispatch measurement. */
export interface DispatchOptions {
  /** Messages per run. @defaultValue 5000 */
  messages: number;
  /** Measured rounds (one warm-up round runs first and is not counted). */
  rounds: number;
  /** When set, one extra run per library is CPU-profiled and its profile written here (not timed). */
  profileDirectory?: string | undefined;
  log: (line: string) => void;
}

/** One timed run. */
export interface DispatchRun {
  round: number;
  library: BenchPageName;
  /** First frame to the last message callback. */
  ms: number;
  /** Main-thread CPU time over the run. */
  cpuMs: number;
  /** Main-thread task time over the run, less the hold. */
  taskMs: number;
  /** Of which running JavaScript. */
  scriptMs: number;
  /** How long the main thread was held at the first frame. */
  heldMs: number;
  /** How long Node took to write every frame (the page was held at least this long). */
  pushMs: number;
}

type Library = Exclude<BenchPageName, 'floor'>;

/** Dispatch figures: medians over the rounds, and the overhead above the floor per message. */
export interface DispatchFigures {
  messages: number;
  rounds: number;
  holdMs: number;
  /** Median wall time of each library for all messages. */
  medianMs: Record<BenchPageName, number>;
  /** Median main-thread CPU time of each library for all messages. */
  medianCpuMs: Record<BenchPageName, number>;
  /** Median over rounds of `(library − floor of the same round) / messages`, wall time, in µs. */
  overheadUsPerMessage: Record<Library, number>;
  /** The same on main-thread CPU time, in µs. */
  cpuOverheadUsPerMessage: Record<Library, number>;
  /** Overhead per message relative to ChatJS's (wall, and main-thread CPU). */
  overheadRatioToChatjs: Record<Exclude<Library, 'chatjs'>, number>;
  cpuOverheadRatioToChatjs: Record<Exclude<Library, 'chatjs'>, number>;
  runs: DispatchRun[];
  /** Present with `--profile`: where each library's main thread spent a profiled run. */
  profiles?: Partial<Record<BenchPageName, ProfileSummary>>;
}

const libraries: readonly BenchPageName[] = ['floor', 'core', 'coreTranscript', 'compat', 'chatjs'];

interface MainThreadSeconds {
  cpu: number;
  task: number;
  script: number;
}

async function mainThreadSeconds(page: Page): Promise<{ read(): Promise<MainThreadSeconds> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return {
    async read() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const value = (name: string): number => metrics.find((metric) => metric.name === name)?.value ?? 0;
      return { cpu: value('ThreadTime'), task: value('TaskDuration'), script: value('ScriptDuration') };
    },
  };
}

/** Runs the measurement on the bench pages served by `server`. */
export async function measureDispatch(
  server: StaticServer,
  options: DispatchOptions,
): Promise<DispatchFigures> {
  await using chromium = await launchChromium();
  await using emulator = await startEmulator({ seed: 8 });
  await using holdServer = await startHoldServer();
  const runs: DispatchRun[] = [];
  // Generous for the warm-up round, which also measures how long Node takes to write the frames.
  let holdMs = 1_500;

  const runOnce = async (
    library: BenchPageName,
    roundIndex: number,
    profileFile?: string,
  ): Promise<DispatchRun & { profile?: ProfileSummary }> => {
    const page = await chromium.newPage();
    try {
      await openBenchPage(page, server, library);
      const driver = drivePage(page);
      const chat = startChat(emulator);
      await driver.connectAll(emulator.endpoint, [chat.customer]);
      // Let what follows a connection (history load, first receipts) finish before timing.
      await pause(300);
      const busy = await mainThreadSeconds(page);
      const profiling = profileFile ? await startProfiling(page) : undefined;
      const before = await busy.read();
      await driver.armHold(holdMs, holdServer.url);
      await driver.expectMessages(options.messages);
      const pushStarted = performance.now();
      for (let index = 1; index <= options.messages; index += 1)
        agentSays(emulator, chat, `message ${index}`);
      const pushMs = performance.now() - pushStarted;
      const outcome = await driver.awaitMessages(120_000);
      const after = await busy.read();
      const profile = profiling ? (await profiling.stop(profileFile)).summary : undefined;
      return {
        round: roundIndex,
        library,
        ms: outcome.finishedAt - outcome.startedAt,
        cpuMs: (after.cpu - before.cpu) * 1000,
        taskMs: (after.task - before.task) * 1000 - outcome.heldMs,
        scriptMs: (after.script - before.script) * 1000 - outcome.heldMs,
        heldMs: outcome.heldMs,
        pushMs,
        ...(profile ? { profile } : {}),
      };
    } finally {
      await page.close();
    }
  };

  for (let roundIndex = 0; roundIndex <= options.rounds; roundIndex += 1) {
    const order = rotation(libraries, roundIndex);
    const results: DispatchRun[] = [];
    for (const library of order)
      results.push(await retriedOnce(() => runOnce(library, roundIndex), options.log));
    if (roundIndex === 0) {
      const slowestPush = Math.max(...results.map((run) => run.pushMs));
      holdMs = Math.ceil(Math.max(250, slowestPush * 2 + 100));
      options.log(
        `dispatch: warm-up done; Node writes ${options.messages} frames in ${round(slowestPush)} ms, hold ${holdMs} ms`,
      );
      continue;
    }
    runs.push(...results);
    options.log(
      `dispatch round ${roundIndex}/${options.rounds}: ${results.map((run) => `${run.library} ${round(run.ms)} ms (CPU ${round(run.cpuMs)})`).join(', ')}`,
    );
  }

  let profiles: DispatchFigures['profiles'];
  if (options.profileDirectory) {
    profiles = {};
    for (const library of libraries) {
      const file = join(options.profileDirectory, `dispatch-${library}.cpuprofile`);
      const run = await runOnce(library, -1, file);
      if (run.profile) profiles[library] = run.profile;
      options.log(`dispatch: profiled ${library} (${round(run.ms)} ms) into ${file}`);
    }
  }

  type Figure = 'ms' | 'cpuMs';
  const valuesOf = (library: BenchPageName, key: Figure, roundIndex?: number): number[] =>
    runs
      .filter((run) => run.library === library && (roundIndex === undefined || run.round === roundIndex))
      .map((run) => run[key]);
  const overhead = (library: Library, key: Figure): number => {
    const perRound: number[] = [];
    for (let roundIndex = 1; roundIndex <= options.rounds; roundIndex += 1) {
      const [value] = valuesOf(library, key, roundIndex);
      const [floor] = valuesOf('floor', key, roundIndex);
      if (value !== undefined && floor !== undefined)
        perRound.push(((value - floor) * 1000) / options.messages);
    }
    return round(median(perRound), 2);
  };
  const medians = (key: Figure): Record<BenchPageName, number> => ({
    floor: round(median(valuesOf('floor', key))),
    core: round(median(valuesOf('core', key))),
    coreTranscript: round(median(valuesOf('coreTranscript', key))),
    compat: round(median(valuesOf('compat', key))),
    chatjs: round(median(valuesOf('chatjs', key))),
  });
  const overheads = (key: Figure): Record<Library, number> => ({
    core: overhead('core', key),
    coreTranscript: overhead('coreTranscript', key),
    compat: overhead('compat', key),
    chatjs: overhead('chatjs', key),
  });
  const wall = overheads('ms');
  const cpu = overheads('cpuMs');
  return {
    messages: options.messages,
    rounds: options.rounds,
    holdMs,
    medianMs: medians('ms'),
    medianCpuMs: medians('cpuMs'),
    overheadUsPerMessage: wall,
    cpuOverheadUsPerMessage: cpu,
    overheadRatioToChatjs: {
      core: ratio(wall.core, wall.chatjs),
      coreTranscript: ratio(wall.coreTranscript, wall.chatjs),
      compat: ratio(wall.compat, wall.chatjs),
    },
    cpuOverheadRatioToChatjs: {
      core: ratio(cpu.core, cpu.chatjs),
      coreTranscript: ratio(cpu.coreTranscript, cpu.chatjs),
      compat: ratio(cpu.compat, cpu.chatjs),
    },
    runs: runs.map((run) => ({
      ...run,
      ms: round(run.ms, 2),
      cpuMs: round(run.cpuMs, 2),
      taskMs: round(run.taskMs, 2),
      scriptMs: round(run.scriptMs, 2),
      heldMs: round(run.heldMs, 2),
      pushMs: round(run.pushMs, 2),
    })),
    ...(profiles ? { profiles } : {}),
  };
}
