/**
 * `pnpm chaos [--quick] [--pairs N] [--duration SECONDS] [--seed N] [--fault-every MS] [--send-every MS]`
 *
 * Prints one JSON line of figures on stdout (progress goes to stderr) and exits 1 unless nothing was lost,
 * duplicated, misordered, applied twice, failed or left unrecovered. The seed makes a failing run reproducible.
 */
import { passes } from './figures';
import { type ChaosOptions, runChaos } from './run-chaos';

function parse(argv: readonly string[]): ChaosOptions {
  const quick = argv.includes('--quick');
  const value = (name: string): number | undefined => {
    const index = argv.indexOf(name);
    if (index < 0) return undefined;
    const parsed = Number(argv[index + 1]);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`${name} needs a non-negative number`);
    return parsed;
  };
  const pairs = value('--pairs') ?? (quick ? 20 : 200);
  const durationMs = (value('--duration') ?? (quick ? 15 : 60)) * 1000;
  return {
    pairs,
    durationMs,
    seed: value('--seed') ?? Math.floor(Math.random() * 2 ** 31),
    faultEveryMs: value('--fault-every') ?? Math.max(5, Math.round(60_000 / (pairs * 4))),
    sendEveryMs: value('--send-every') ?? 3_000,
    settleTimeoutMs: quick ? 45_000 : 90_000,
    log: (line) => process.stderr.write(`[chaos] ${line}\n`),
  };
}

const options = parse(process.argv.slice(2));
process.stderr.write(
  `[chaos] ${options.pairs} pairs for ${options.durationMs / 1000} s, seed ${options.seed} (replay with --seed ${options.seed})\n`,
);
const report = await runChaos(options);
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exitCode = passes(report) ? 0 : 1;
