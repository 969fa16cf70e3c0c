/**
 * Idle cost of one connected session that nothing happens to: timer wake-ups (counted by the probe, which wraps
 * the page's timers before any library loads), main-thread time (CDP `Performance` metrics `TaskDuration` and
 * `ScriptDuration`) and the frames it sends, per minute. Core, compat, ChatJS and the floor page (a bare subscribed
 * socket that sends nothing: the browser's own baseline) each get their own Chromium, side by side over the same
 * window. The floor for wake-ups is the heartbeat cadence: one `aws/heartbeat` every 10 s.
 */
import type { Emulator, FrameLogEntry } from '@connect-chat/transport/testing';
import { startEmulator } from '@connect-chat/transport/testing';
import { launchChromium } from '../../../packages/transport/test/browser/chromium';
import type { StaticServer } from '../../../packages/transport/test/browser/static-server';
import { type ProfileSummary, startProfiling } from '../browser/cpu-profile';
import type { PageLibrary } from '../browser/page/page-api';
import { drivePage, openBenchPage } from '../browser/pages';
import { ratio, round } from '../stats';
import { pause, startChat } from './chat-fixture';

/** The heartbeat cadence of the chat protocol, as the service's own clients use it. */
export const heartbeatIntervalMs = 10_000;

/** Settings of the idle measurement. */
export interface IdleOptions {
  /** How long the sessions sit idle. @defaultValue 60000 */
  windowMs: number;
  /** When set, each page is CPU-profiled over the window and its profile written here. */
  profileDirectory?: string | undefined;
  log: (line: string) => void;
}

/** One library's idle figures, per minute. */
export interface IdleLibraryFigures {
  wakeupsPerMinute: number;
  /** Wake-ups per minute by timer kind and requested delay. */
  wakeupsByTimer: Record<string, number>;
  /** Main-thread task time, ms per minute. */
  taskMsPerMinute: number;
  /** Of which JavaScript. */
  scriptMsPerMinute: number;
  /** Frames the session sent, per minute, by topic. */
  framesOutByTopic: Record<string, number>;
  profile?: ProfileSummary;
}

/** Idle figures for core, compat and ChatJS. */
export interface IdleFigures {
  windowMs: number;
  heartbeatIntervalMs: number;
  /** Wake-ups a minute the heartbeat alone needs. */
  floorWakeupsPerMinute: number;
  libraries: Record<PageLibrary, IdleLibraryFigures>;
  /** Wake-ups relative to ChatJS's. */
  wakeupRatioToChatjs: { core: number; compat: number };
}

const libraries: readonly PageLibrary[] = ['floor', 'core', 'compat', 'chatjs'];

async function measureOne(
  server: StaticServer,
  emulator: Emulator,
  library: PageLibrary,
  options: IdleOptions,
): Promise<IdleLibraryFigures> {
  await using chromium = await launchChromium();
  const page = await chromium.newPage();
  await openBenchPage(page, server, library);
  const driver = drivePage(page);
  const chat = startChat(emulator);
  await driver.connectAll(emulator.endpoint, [chat.customer]);
  // What follows a connection (history load, the first heartbeat answer) is not idle time.
  await pause(2_000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async (): Promise<{ task: number; script: number }> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (name: string): number => metrics.find((metric) => metric.name === name)?.value ?? 0;
    return { task: value('TaskDuration'), script: value('ScriptDuration') };
  };
  const profiling = options.profileDirectory ? await startProfiling(page, 1000) : undefined;
  await driver.resetWakeups();
  const before = await busy();
  const from = emulator.now();
  await pause(options.windowMs);
  const wakeups = await driver.wakeups();
  const after = await busy();
  const to = emulator.now();
  const profile = profiling
    ? (await profiling.stop(`${options.profileDirectory}/idle-${library}.cpuprofile`)).summary
    : undefined;
  const perMinute = (count: number): number => round((count * 60_000) / options.windowMs, 1);
  const framesOutByTopic: Record<string, number> = {};
  for (const entry of emulator.getContactState(chat.customer.ContactId).Log) {
    if (entry.kind !== 'frame' || entry.direction !== 'in') continue;
    if (entry.participantId !== chat.customer.ParticipantId || entry.at < from || entry.at > to) continue;
    const topic = (entry as FrameLogEntry).topic ?? '(none)';
    framesOutByTopic[topic] = (framesOutByTopic[topic] ?? 0) + 1;
  }
  return {
    wakeupsPerMinute: perMinute(wakeups.total),
    wakeupsByTimer: Object.fromEntries(
      Object.entries(wakeups.byTimer)
        .sort(([, a], [, b]) => b - a)
        .map(([timer, count]) => [timer, perMinute(count)]),
    ),
    taskMsPerMinute: perMinute((after.task - before.task) * 1000),
    scriptMsPerMinute: perMinute((after.script - before.script) * 1000),
    framesOutByTopic: Object.fromEntries(
      Object.entries(framesOutByTopic).map(([topic, count]) => [topic, perMinute(count)]),
    ),
    ...(profile ? { profile } : {}),
  };
}

/** Runs the three libraries side by side, each in its own Chromium, over one window. */
export async function measureIdle(server: StaticServer, options: IdleOptions): Promise<IdleFigures> {
  await using emulator = await startEmulator({ seed: 3 });
  options.log(`idle: ${libraries.join(', ')} side by side for ${options.windowMs / 1000} s`);
  const [floor, core, compat, chatjs] = await Promise.all(
    libraries.map((library) => measureOne(server, emulator, library, options)),
  );
  const figures = { floor: floor!, core: core!, compat: compat!, chatjs: chatjs! };
  return {
    windowMs: options.windowMs,
    heartbeatIntervalMs,
    floorWakeupsPerMinute: 60_000 / heartbeatIntervalMs,
    libraries: figures,
    wakeupRatioToChatjs: {
      core: ratio(figures.core.wakeupsPerMinute, figures.chatjs.wakeupsPerMinute),
      compat: ratio(figures.compat.wakeupsPerMinute, figures.chatjs.wakeupsPerMinute),
    },
  };
}
