/**
 * Latency on loopback, in Chromium. Connect: `connect()` to connected, which is the later of the library's
 * "connected" report and the `aws/subscribe` answer (ChatJS reports connected as soon as CreateParticipantConnection
 * answers, before its socket is open), and what it took on the wire, read from the emulator's activity log
 * (CreateParticipantConnection and any other HTTP call, the socket upgrade, `aws/subscribe`). Recovery: the emulator
 * drops the socket (a `drop` fault) and the agent sends a message at once, while no socket is open; the page times
 * its `close` event to connected again (same rule) and to that message reaching the app (core and compat fill the
 * gap from the transcript; ChatJS never does).
 */
import type { ActivityLogEntry, Emulator } from '@connect-chat/transport/testing';
import { startEmulator } from '@connect-chat/transport/testing';
import { launchChromium } from '../../../packages/transport/test/browser/chromium';
import type { StaticServer } from '../../../packages/transport/test/browser/static-server';
import type { PageLibrary } from '../browser/page/page-api';
import { drivePage, openBenchPage, retriedOnce } from '../browser/pages';
import { median, ratio, rotation, round } from '../stats';
import { agentSays, type BenchChat, pause, startChat } from './chat-fixture';

/** Settings of the latency measurement. */
export interface LatencyOptions {
  /** Measured rounds of every library (one warm-up round runs first). */
  rounds: number;
  log: (line: string) => void;
}

/** What one phase (connecting, or recovering) cost on the wire. */
export interface WireCost {
  /** HTTP operations in order (CORS preflights are answered without being logged, and are not counted). */
  requests: string[];
  socketOpens: number;
  subscribes: number;
  /** HTTP calls + socket upgrades + subscribes: each is one request/response exchange. */
  roundTrips: number;
}

/** One library's run. */
export interface LatencyRun {
  round: number;
  library: PageLibrary;
  /** `connect()` to connected and subscribed. */
  connectMs: number;
  /** `connect()` to the library's own first "connected" report. */
  reportedConnectMs: number;
  connect: WireCost;
  /** Socket `close` to connected and subscribed again. */
  reconnectMs: number | undefined;
  /** Socket `close` to the message sent meanwhile reaching the app (never, for ChatJS). */
  gapFilledMs: number | undefined;
  /** The back-off core drew before its first retry (`retryIn`); undefined for libraries that do not say. */
  backoffMs: number | undefined;
  recovery: WireCost;
}

/** Medians of one library. */
export interface LatencySummary {
  connectMs: number;
  reportedConnectMs: number;
  connectRoundTrips: number;
  connectRequests: string[];
  reconnectMs: number;
  /** Median back-off drawn before the first retry (core only): the part of `reconnectMs` that is waiting. */
  backoffMs: number | undefined;
  /** Median of `reconnectMs` less that run's back-off (core only): the reconnection's own work. */
  reconnectLessBackoffMs: number | undefined;
  /** Undefined when the gap was never filled. */
  gapFilledMs: number | undefined;
  /** Round trips from the drop to connected again, and to the gap filled. */
  reconnectRoundTrips: number;
  gapFilledRoundTrips: number | undefined;
  recoveryRequests: string[];
}

/** Latency figures. */
export interface LatencyFigures {
  rounds: number;
  libraries: Record<PageLibrary, LatencySummary>;
  /** Ours (to connected with the gap filled) relative to ChatJS (to reconnected). */
  recoveryRatioToChatjs: { core: number; compat: number };
  runs: LatencyRun[];
}

const libraries: readonly PageLibrary[] = ['floor', 'core', 'compat', 'chatjs'];

/** Counts what a phase put on the wire: log entries of one participant, up to the first `aws/subscribe` answer. */
export function wireCost(entries: readonly ActivityLogEntry[], participantId: string): WireCost {
  const requests: string[] = [];
  let socketOpens = 0;
  let subscribes = 0;
  for (const entry of entries) {
    if (entry.participantId !== participantId) continue;
    if (entry.kind === 'http') requests.push(entry.operation);
    else if (entry.kind === 'socket' && entry.event === 'open') socketOpens += 1;
    else if (entry.kind === 'frame' && entry.direction === 'in' && entry.topic === 'aws/subscribe')
      subscribes += 1;
  }
  return { requests, socketOpens, subscribes, roundTrips: requests.length + socketOpens + subscribes };
}

/** The entries of one participant from `start` up to (and with) the first `aws/subscribe` answer. */
function untilSubscribed(entries: readonly ActivityLogEntry[], participantId: string): ActivityLogEntry[] {
  const end = entries.findIndex(
    (entry) =>
      entry.participantId === participantId &&
      entry.kind === 'frame' &&
      entry.direction === 'out' &&
      entry.topic === 'aws/subscribe',
  );
  return end < 0 ? [...entries] : entries.slice(0, end + 1);
}

async function runOnce(
  server: StaticServer,
  chromium: Awaited<ReturnType<typeof launchChromium>>,
  emulator: Emulator,
  library: PageLibrary,
  roundIndex: number,
): Promise<LatencyRun> {
  const page = await chromium.newPage();
  try {
    await openBenchPage(page, server, library);
    const driver = drivePage(page);
    const chat: BenchChat = startChat(emulator, roundIndex);
    const participantId = chat.customer.ParticipantId;
    const log = (): readonly ActivityLogEntry[] => emulator.getContactState(chat.customer.ContactId).Log;
    const [timing] = await driver.connectAll(emulator.endpoint, [chat.customer]);
    const subscribedAt = await driver.awaitSubscribed(15_000);
    const startedAt = timing?.startedAt ?? Number.NaN;
    const reportedAt = timing?.connectedAt[0] ?? Number.NaN;
    const connectMs = Math.max(reportedAt, subscribedAt) - startedAt;
    const reportedConnectMs = reportedAt - startedAt;
    const connect = wireCost(untilSubscribed(log(), participantId), participantId);
    if (library === 'floor') {
      const none: WireCost = { requests: [], socketOpens: 0, subscribes: 0, roundTrips: 0 };
      return {
        round: roundIndex,
        library,
        connectMs,
        reportedConnectMs,
        connect,
        reconnectMs: undefined,
        gapFilledMs: undefined,
        backoffMs: undefined,
        recovery: none,
      };
    }
    // Settle first, so the drop finds a quiet, fully connected session.
    await pause(500);
    const gap = `while you were away ${roundIndex}`;
    await driver.watchMessage(gap);
    const before = log().length;
    emulator.addFault({ match: { participantId }, action: { type: 'drop' } });
    agentSays(emulator, chat, gap);
    const outcome = await driver.awaitRecovery(library !== 'chatjs', 15_000);
    // What the recovery put on the wire: the reconnection, then the transcript pages that filled the gap.
    await pause(100);
    const after = log().slice(before);
    const reconnect = untilSubscribed(after, participantId);
    const fill = after
      .slice(reconnect.length)
      .filter((entry) => entry.kind === 'http' && entry.operation === 'GetTranscript');
    const recovery = wireCost([...reconnect, ...fill], participantId);
    const since = (at: number | undefined): number | undefined =>
      at === undefined ? undefined : at - outcome.closedAt;
    const reconnectedAt =
      outcome.reconnectedAt === undefined || outcome.resubscribedAt === undefined
        ? undefined
        : Math.max(outcome.reconnectedAt, outcome.resubscribedAt);
    return {
      round: roundIndex,
      library,
      connectMs,
      reportedConnectMs,
      connect,
      reconnectMs: since(reconnectedAt),
      gapFilledMs: since(outcome.gapFilledAt),
      backoffMs: outcome.firstRetryInMs,
      recovery,
    };
  } finally {
    await page.close();
  }
}

function summarise(runs: readonly LatencyRun[], library: PageLibrary): LatencySummary {
  const mine = runs.filter((run) => run.library === library);
  const numbers = (values: (number | undefined)[]): number[] =>
    values.filter((value): value is number => value !== undefined && Number.isFinite(value));
  const medianOf = (values: (number | undefined)[]): number | undefined => {
    const present = numbers(values);
    return present.length === mine.length && present.length > 0 ? round(median(present), 1) : undefined;
  };
  const reconnectRoundTrips = (run: LatencyRun): number =>
    run.recovery.roundTrips - run.recovery.requests.filter((name) => name === 'GetTranscript').length;
  return {
    connectMs: medianOf(mine.map((run) => run.connectMs)) ?? Number.NaN,
    reportedConnectMs: medianOf(mine.map((run) => run.reportedConnectMs)) ?? Number.NaN,
    connectRoundTrips: median(mine.map((run) => run.connect.roundTrips)),
    connectRequests: mine[0]?.connect.requests ?? [],
    reconnectMs: medianOf(mine.map((run) => run.reconnectMs)) ?? Number.NaN,
    backoffMs: medianOf(mine.map((run) => run.backoffMs)),
    reconnectLessBackoffMs: medianOf(
      mine.map((run) =>
        run.reconnectMs === undefined || run.backoffMs === undefined
          ? undefined
          : run.reconnectMs - run.backoffMs,
      ),
    ),
    gapFilledMs: medianOf(mine.map((run) => run.gapFilledMs)),
    reconnectRoundTrips: median(mine.map(reconnectRoundTrips)),
    gapFilledRoundTrips: mine.every((run) => run.gapFilledMs !== undefined)
      ? median(mine.map((run) => run.recovery.roundTrips))
      : undefined,
    recoveryRequests: mine[0]?.recovery.requests ?? [],
  };
}

/** Runs every library in alternating order for `rounds` rounds after a warm-up round. */
export async function measureLatency(server: StaticServer, options: LatencyOptions): Promise<LatencyFigures> {
  await using chromium = await launchChromium();
  await using emulator = await startEmulator({ seed: 9 });
  const runs: LatencyRun[] = [];
  for (let roundIndex = 0; roundIndex <= options.rounds; roundIndex += 1) {
    const results: LatencyRun[] = [];
    for (const library of rotation(libraries, roundIndex))
      results.push(
        await retriedOnce(() => runOnce(server, chromium, emulator, library, roundIndex), options.log),
      );
    if (roundIndex === 0) continue;
    runs.push(...results);
    options.log(
      `latency round ${roundIndex}/${options.rounds}: ${results
        .map(
          (run) =>
            `${run.library} connect ${round(run.connectMs)} ms` +
            (run.reconnectMs === undefined ? '' : `, reconnect ${round(run.reconnectMs)} ms`) +
            (run.gapFilledMs === undefined ? '' : `, gap filled ${round(run.gapFilledMs)} ms`),
        )
        .join('; ')}`,
    );
  }
  const summaries = Object.fromEntries(
    libraries.map((library) => [library, summarise(runs, library)]),
  ) as Record<PageLibrary, LatencySummary>;
  const recovery = (library: 'core' | 'compat'): number =>
    ratio(summaries[library].gapFilledMs ?? summaries[library].reconnectMs, summaries.chatjs.reconnectMs);
  return {
    rounds: options.rounds,
    libraries: summaries,
    recoveryRatioToChatjs: { core: recovery('core'), compat: recovery('compat') },
    runs: runs.map((run) => ({
      ...run,
      connectMs: round(run.connectMs, 2),
      reportedConnectMs: round(run.reportedConnectMs, 2),
      reconnectMs: run.reconnectMs === undefined ? undefined : round(run.reconnectMs, 2),
      gapFilledMs: run.gapFilledMs === undefined ? undefined : round(run.gapFilledMs, 2),
    })),
  };
}
