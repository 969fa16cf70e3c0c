/**
 * `pnpm bench [--quick] [--only size,dispatch,idle,memory,latency] [--profile] [--out FILE]
 *   [--messages N] [--rounds N] [--idle-seconds N] [--browser-sessions N] [--node-sessions N]`
 *
 * Measures connect-chat against amazon-connect-chatjs 5.0.0 in the same run, prints a table and writes the figures,
 * the targets of issue 8 and the machine to a JSON file: `bench/results.json` for a full run of every measure at the
 * default settings, `bench/results.local.json` for anything else (quick, partial, profiled or resized runs), so a
 * smoke run never replaces the committed figures. Progress goes to stderr. Benchmarks never fail the build: the exit code is 0 whatever the
 * figures (only the size budgets test fails CI).
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { StaticServer } from '../../packages/transport/test/browser/static-server';
import { startBenchPages } from './browser/pages';
import { describeMachine } from './machine';
import { measureDispatch } from './measures/dispatch';
import { measureIdle } from './measures/idle';
import { measureLatency } from './measures/latency';
import { measureMemory } from './measures/memory';
import { type BenchResults, checkTargets, formatResults, type MeasureName, measureNames } from './report';
import { measureSizeFigures } from './size/measure-size';

/** Settings parsed from the command line. */
interface BenchOptions {
  quick: boolean;
  only: ReadonlySet<MeasureName>;
  profile: boolean;
  out: string;
  messages: number;
  rounds: number;
  latencyRounds: number;
  idleMs: number;
  browserSessions: number;
  nodeSessions: number;
}

const benchDirectory = fileURLToPath(new URL('..', import.meta.url));

function parse(argv: readonly string[]): BenchOptions {
  const flag = (name: string): boolean => argv.includes(name);
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(name);
    return index < 0 ? undefined : argv[index + 1];
  };
  const count = (name: string): number | undefined => {
    const raw = value(name);
    if (raw === undefined) return undefined;
    const parsed = Number(raw);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} needs a positive whole number`);
    return parsed;
  };
  const quick = flag('--quick');
  const profile = flag('--profile');
  const onlyRaw = value('--only');
  const only = new Set<MeasureName>();
  for (const name of onlyRaw?.split(',') ?? measureNames) {
    if (!(measureNames as readonly string[]).includes(name))
      throw new Error(`--only takes ${measureNames.join(', ')}; got ${name}`);
    only.add(name as MeasureName);
  }
  const overrides = ['--messages', '--rounds', '--idle-seconds', '--browser-sessions', '--node-sessions'];
  // Only the default full run of every measure stands for the recorded figures.
  const canonical =
    !quick && !profile && only.size === measureNames.length && !overrides.some((name) => flag(name));
  return {
    quick,
    only,
    profile,
    out: value('--out') ?? `${benchDirectory}${canonical ? 'results.json' : 'results.local.json'}`,
    messages: count('--messages') ?? 5_000,
    rounds: count('--rounds') ?? (quick ? 3 : 7),
    latencyRounds: count('--rounds') ?? (quick ? 3 : 10),
    idleMs: (count('--idle-seconds') ?? (quick ? 20 : 60)) * 1000,
    browserSessions: count('--browser-sessions') ?? (quick ? 100 : 200),
    nodeSessions: count('--node-sessions') ?? (quick ? 300 : 1_000),
  };
}

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`);
};

async function run(options: BenchOptions): Promise<BenchResults> {
  const machine = await describeMachine();
  log(`${machine.cpu}, ${machine.cores} cores; Node ${machine.node}; Chromium ${machine.chromium}`);
  const results: Omit<BenchResults, 'targets'> = {
    baseline: 'amazon-connect-chatjs@5.0.0',
    mode: options.quick ? 'quick' : 'full',
    profiled: options.profile,
    command: `pnpm bench ${process.argv.slice(2).join(' ')}`.trim(),
    machine,
  };
  const profileDirectory = options.profile ? `${benchDirectory}profiles` : undefined;
  const started = Date.now();
  if (options.only.has('size')) {
    log('size: bundling the entries');
    results.size = await measureSizeFigures();
  }
  const browserMeasures = (['dispatch', 'idle', 'memory', 'latency'] as const).filter((name) =>
    options.only.has(name),
  );
  if (browserMeasures.length > 0) {
    let server: StaticServer | undefined;
    try {
      server = await startBenchPages({ profiling: options.profile });
      // Idle first: it sits still for a minute, and runs best before the machine is warm from the others.
      if (options.only.has('idle'))
        results.idle = await measureIdle(server, { windowMs: options.idleMs, profileDirectory, log });
      if (options.only.has('dispatch'))
        results.dispatch = await measureDispatch(server, {
          messages: options.messages,
          rounds: options.rounds,
          profileDirectory,
          log,
        });
      if (options.only.has('memory'))
        results.memory = await measureMemory(server, {
          browserSessions: options.browserSessions,
          nodeSessions: options.nodeSessions,
          profile: options.profile,
          log,
        });
      if (options.only.has('latency'))
        results.latency = await measureLatency(server, { rounds: options.latencyRounds, log });
    } finally {
      await server?.[Symbol.asyncDispose]();
    }
  }
  log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
  return { ...results, targets: checkTargets(results) };
}

const options = parse(process.argv.slice(2));
const results = await run(options);
await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${formatResults(results)}\n\nwritten to ${options.out}\n`);
