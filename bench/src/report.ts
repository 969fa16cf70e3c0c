/**
 * What a run reports: results.json's shape, the targets of issue 8 checked against the figures, and the table
 * printed at the end of `pnpm bench`.
 */
import type { MachineInfo } from './machine';
import type { DispatchFigures } from './measures/dispatch';
import type { IdleFigures } from './measures/idle';
import type { LatencyFigures } from './measures/latency';
import type { MemoryFigures } from './measures/memory';
import type { SizeFigures } from './size/measure-size';

/** The measurements `pnpm bench` can run. */
export const measureNames = ['size', 'dispatch', 'idle', 'memory', 'latency'] as const;
export type MeasureName = (typeof measureNames)[number];

/** One target of issue 8, checked. */
export interface TargetResult {
  id: string;
  measure: MeasureName;
  target: string;
  measured: string;
  met: boolean;
}

/** The contents of results.json. */
export interface BenchResults {
  baseline: 'amazon-connect-chatjs@5.0.0';
  /** `full` (the committed figures), `quick` (a short smoke run) or a partial run of some measures. */
  mode: 'full' | 'quick';
  /** CPU profiles and heap snapshots were taken (timings of profiled runs are not in the figures). */
  profiled: boolean;
  command: string;
  machine: MachineInfo;
  size?: SizeFigures;
  dispatch?: DispatchFigures;
  idle?: IdleFigures;
  memory?: MemoryFigures;
  latency?: LatencyFigures;
  targets: TargetResult[];
}

/** Issue 8's size targets, in gzip bytes (KB read as 1,000 bytes). */
export const sizeTargets = { customerApp: 20_000, compatScript: 30_000 } as const;

const number = (value: number | undefined, digits = 0): string =>
  value === undefined || !Number.isFinite(value)
    ? 'n/a'
    : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Checks every target whose measurement ran. */
export function checkTargets(results: Omit<BenchResults, 'targets'>): TargetResult[] {
  const targets: TargetResult[] = [];
  const { size, dispatch, idle, memory, latency } = results;
  if (size) {
    const chatjs = size.entries.find((entry) => entry.id === 'chatjs')?.gzipBytes;
    for (const [id, limit] of Object.entries(sizeTargets)) {
      const entry = size.entries.find((candidate) => candidate.id === id);
      if (!entry) continue;
      targets.push({
        id: `size.${id}`,
        measure: 'size',
        target: `at most ${number(limit)} B gzip${id === 'customerApp' ? ' (about 4x smaller than ChatJS)' : ''}`,
        measured: `${number(entry.gzipBytes)} B (ChatJS ${number(chatjs)} B, ratio ${number(size.gzipRatioToChatjs[id], 3)})`,
        met: entry.gzipBytes <= limit,
      });
    }
  }
  if (dispatch) {
    for (const library of ['core', 'coreTranscript', 'compat'] as const) {
      const ratio = dispatch.cpuOverheadRatioToChatjs[library];
      const wallRatio = dispatch.overheadRatioToChatjs[library];
      targets.push({
        id: `dispatch.${library}`,
        measure: 'dispatch',
        target: 'overhead above the floor at most a tenth of ChatJS’s',
        measured:
          `wall ${number(dispatch.overheadUsPerMessage[library], 1)} µs/msg vs ChatJS ` +
          `${number(dispatch.overheadUsPerMessage.chatjs, 1)} (ratio ${number(wallRatio, 2)}); main-thread CPU ` +
          `${number(dispatch.cpuOverheadUsPerMessage[library], 1)} µs/msg vs ChatJS ` +
          `${number(dispatch.cpuOverheadUsPerMessage.chatjs, 1)} (ratio ${number(ratio, 2)})`,
        // Met only when both hold: wall time is what the issue names, CPU time is what survives a busy machine.
        met: Number.isFinite(ratio) && ratio <= 0.1 && Number.isFinite(wallRatio) && wallRatio <= 0.1,
      });
    }
  }
  if (idle) {
    const limit = idle.floorWakeupsPerMinute + 1;
    for (const library of ['core', 'compat'] as const) {
      const figures = idle.libraries[library];
      const polling = Object.keys(figures.wakeupsByTimer).filter((timer) => {
        const ms = Number(/(\d+) ms$/.exec(timer)?.[1]);
        return Number.isFinite(ms) && ms < idle.heartbeatIntervalMs;
      });
      targets.push({
        id: `idle.${library}`,
        measure: 'idle',
        target: `no polling; at most ${limit} wake-ups a minute (heartbeat ${idle.floorWakeupsPerMinute} + 1)`,
        measured: `${number(figures.wakeupsPerMinute, 1)}/min (ChatJS ${number(idle.libraries.chatjs.wakeupsPerMinute, 1)})${polling.length ? `; polls: ${polling.join(', ')}` : ''}`,
        met: figures.wakeupsPerMinute <= limit && polling.length === 0,
      });
    }
  }
  if (memory) {
    for (const library of ['core', 'compat'] as const) {
      const ratio = memory.browserRatioToChatjs[library];
      targets.push({
        id: `memory.${library}`,
        measure: 'memory',
        target: 'heap per session in Chromium at most half of ChatJS’s',
        measured: `${number(memory.browser[library].bytesPerSession / 1024, 1)} KB vs ChatJS ${number(memory.browser.chatjs.bytesPerSession / 1024, 1)} KB (ratio ${number(ratio, 2)})`,
        met: Number.isFinite(ratio) && ratio <= 0.5,
      });
    }
  }
  if (latency) {
    const chatjs = latency.libraries.chatjs;
    for (const library of ['core', 'compat'] as const) {
      const ours = latency.libraries[library];
      targets.push(
        {
          id: `latency.connect.${library}`,
          measure: 'latency',
          target: '3 round trips: one HTTP call, the socket upgrade, aws/subscribe',
          measured: `${ours.connectRoundTrips} (${ours.connectRequests.join(', ') || 'no HTTP'}), ${number(ours.connectMs, 1)} ms; ChatJS ${chatjs.connectRoundTrips}, ${number(chatjs.connectMs, 1)} ms`,
          met: ours.connectRoundTrips <= 3,
        },
        {
          id: `latency.reconnect.${library}`,
          measure: 'latency',
          target: 'after a dropped socket, connected again no slower than ChatJS',
          measured:
            `${number(ours.reconnectMs, 1)} ms` +
            (ours.backoffMs === undefined
              ? ''
              : ` (back-off before the first retry ${number(ours.backoffMs, 1)} ms; without it ${number(ours.reconnectLessBackoffMs, 1)} ms)`) +
            ` vs ChatJS ${number(chatjs.reconnectMs, 1)} ms (medians)`,
          met: ours.reconnectMs <= chatjs.reconnectMs,
        },
        {
          id: `latency.gapFill.${library}`,
          measure: 'latency',
          target: 'the gap filled in at most one more round trip than ChatJS’s reconnection',
          measured:
            ours.gapFilledRoundTrips === undefined
              ? 'gap not filled'
              : `${ours.gapFilledRoundTrips} round trips, ${number(ours.gapFilledMs, 1)} ms; ChatJS ${chatjs.reconnectRoundTrips} round trips, gap never filled`,
          met:
            ours.gapFilledRoundTrips !== undefined &&
            ours.gapFilledRoundTrips <= chatjs.reconnectRoundTrips + 1,
        },
      );
    }
  }
  return targets;
}

const rounds = (count: number): string => `${count} round${count === 1 ? '' : 's'}`;

/** Renders rows as an aligned text table. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The human-readable summary printed at the end of a run. */
export function formatResults(results: BenchResults): string {
  const sections: string[] = [];
  const { size, dispatch, idle, memory, latency } = results;
  if (size) {
    sections.push(
      `Bundle size (${size.compressor})\n${table([
        ['entry', 'minified B', 'gzip B', 'vs ChatJS'],
        ...size.entries.map((entry) => [
          entry.label,
          number(entry.minifiedBytes),
          number(entry.gzipBytes),
          number(size.gzipRatioToChatjs[entry.id], 3),
        ]),
      ])}`,
    );
  }
  if (dispatch) {
    sections.push(
      `Dispatch of ${number(dispatch.messages)} messages in Chromium (medians of ${rounds(dispatch.rounds)})\n${table(
        [
          ['library', 'wall ms', 'CPU ms', 'overhead µs/msg: wall', 'CPU', 'CPU vs ChatJS'],
          ...(['floor', 'core', 'coreTranscript', 'compat', 'chatjs'] as const).map((library) => [
            library,
            number(dispatch.medianMs[library], 1),
            number(dispatch.medianCpuMs[library], 1),
            library === 'floor' ? '' : number(dispatch.overheadUsPerMessage[library], 1),
            library === 'floor' ? '' : number(dispatch.cpuOverheadUsPerMessage[library], 1),
            library === 'floor' || library === 'chatjs'
              ? ''
              : number(dispatch.cpuOverheadRatioToChatjs[library], 2),
          ]),
        ],
      )}`,
    );
  }
  if (idle) {
    sections.push(
      `Idle, one connected session, per minute (window ${idle.windowMs / 1000} s; floor ${idle.floorWakeupsPerMinute} wake-ups)\n${table(
        [
          ['library', 'wake-ups', 'main thread ms', 'script ms', 'frames sent', 'timers'],
          ...(['floor', 'core', 'compat', 'chatjs'] as const).map((library) => {
            const figures = idle.libraries[library];
            return [
              library,
              number(figures.wakeupsPerMinute, 1),
              number(figures.taskMsPerMinute, 1),
              number(figures.scriptMsPerMinute, 1),
              number(
                Object.values(figures.framesOutByTopic).reduce((sum, count) => sum + count, 0),
                1,
              ),
              Object.entries(figures.wakeupsByTimer)
                .map(([timer, count]) => `${timer} x${number(count, 0)}`)
                .join(', '),
            ];
          }),
        ],
      )}`,
    );
  }
  if (memory) {
    sections.push(
      `Memory per connected session\n${table([
        ['where', 'sessions', 'KB per session', 'vs ChatJS'],
        ...(['floor', 'core', 'compat', 'chatjs'] as const).map((library) => [
          `Chromium, ${library}`,
          number(memory.browser[library].sessions),
          number(memory.browser[library].bytesPerSession / 1024, 1),
          library === 'core' || library === 'compat' ? number(memory.browserRatioToChatjs[library], 2) : '',
        ]),
        ['Node, core', number(memory.node.sessions), number(memory.node.bytesPerSession / 1024, 1), ''],
      ])}`,
    );
  }
  if (latency) {
    sections.push(
      `Latency on loopback (medians of ${rounds(latency.rounds)})\n${table([
        ['library', 'connect ms', 'round trips', 'reconnect ms', 'gap filled ms', 'round trips'],
        ...(['floor', 'core', 'compat', 'chatjs'] as const).map((library) => {
          const figures = latency.libraries[library];
          return [
            library,
            number(figures.connectMs, 1),
            number(figures.connectRoundTrips),
            library === 'floor' ? '' : number(figures.reconnectMs, 1),
            library === 'floor'
              ? ''
              : figures.gapFilledMs === undefined
                ? 'never'
                : number(figures.gapFilledMs, 1),
            library === 'floor' ? '' : number(figures.gapFilledRoundTrips ?? figures.reconnectRoundTrips),
          ];
        }),
      ])}`,
    );
  }
  if (results.targets.length > 0) {
    sections.push(
      `Targets (issue 8)\n${results.targets
        .map(
          (target) =>
            `${target.met ? 'met   ' : 'MISSED'} ${target.id}: ${target.target}\n         ${target.measured}`,
        )
        .join('\n')}`,
    );
  }
  return sections.join('\n\n');
}
