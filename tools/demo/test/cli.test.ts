// The CLI as users run it: `pnpm start --script` (the scripted chat in real time) and `pnpm start` (the main job),
// each spawned once, with the same command the root script runs (tsx on src/cli.ts, source condition). Waits are on
// the child's output and exit, bounded by guards.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const demoDir = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

interface Spawned {
  child: ChildProcess;
  output(): string;
  /** Resolves with the output once `pattern` appears in it. */
  waitFor(pattern: RegExp, guardMs: number): Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

function runCli(args: string[]): Spawned {
  const child = spawn(tsx, ['--conditions=@connect-chat/source', 'src/cli.ts', ...args], {
    cwd: demoDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const listener of [...listeners]) listener();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => stdout,
    exited,
    waitFor: (pattern, guardMs) =>
      new Promise((resolve, reject) => {
        const guard = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} in the output within ${guardMs} ms:\n${stdout}\n${stderr}`));
        }, guardMs);
        const check = (): void => {
          if (!pattern.test(stdout)) return;
          clearTimeout(guard);
          listeners.delete(check);
          resolve(stdout);
        };
        listeners.add(check);
        void exited.then(() => check());
        check();
      }),
  };
}

/** Resolves with `promise`, or rejects after `guardMs`. */
function guarded<T>(promise: Promise<T>, guardMs: number, what: string): Promise<T> {
  let guard: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      guard = setTimeout(() => reject(new Error(`${what} took more than ${guardMs} ms`)), guardMs);
    }),
  ]).finally(() => clearTimeout(guard));
}

describe('the demo CLI', () => {
  it('CLI-01 --script plays the chat in real time, prints transitions and the summary, and exits 0', {
    timeout: 60_000,
  }, async () => {
    const cli = runCli(['--script']);
    const code = await guarded(cli.exited, 55_000, 'the scripted chat');
    const output = cli.output();
    expect(code).toBe(0);
    const lines = output.trimEnd().split('\n');
    expect(lines[0]).toBe('── the emulator, a chat, and the demo agent');
    expect(lines.at(-2)).toBe('10/10 checks passed');
    expect(lines.at(-1)).toBe('scripted chat: OK');
    expect(output).toMatch(
      /^\+\d+\.\d{3}s customer connection: idle -> active\.connecting\.fetching on session\.connect/m,
    );
    expect(output).toMatch(/^diagnostics customer: \{"state":/m);
    const duration = Number(/duration (\d+\.\d) s/.exec(output)?.[1]);
    expect(duration).toBeGreaterThan(0);
    expect(duration).toBeLessThan(15);
  });

  it('CLI-02 without flags it serves the emulator and the examples, starts an agent per chat, and stops on SIGTERM', {
    timeout: 90_000,
  }, async () => {
    const cli = runCli([]);
    try {
      const banner = await cli.waitFor(/Press Ctrl-C to stop\.\n/, 60_000);
      const emulator = /^ {2}emulator {2}(http:\/\/127\.0\.0\.1:\d+)/m.exec(banner)?.[1];
      const examples = /^ {2}examples {2}(http:\/\/127\.0\.0\.1:\d+)\//m.exec(banner)?.[1];
      const pages = [...banner.matchAll(/^ {4}.+? {2}(http:\/\/127\.0\.0\.1:\d+\/[\w-]+\/)$/gm)].map(
        (match) => match[1]!,
      );
      expect(emulator).toBeDefined();
      expect(examples).toBeDefined();
      expect(pages.length).toBeGreaterThanOrEqual(3);

      const faults = await fetch(`${emulator}/__emulator/faults`);
      expect(faults.status).toBe(200);
      expect(await faults.json()).toEqual({ faults: [] });
      for (const url of [`${examples}/`, ...pages]) {
        const page = await fetch(url);
        expect({ url, status: page.status }).toEqual({ url, status: 200 });
        expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      }

      const started = await fetch(`${examples}/api/start-chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'Casey' }),
      });
      expect(started.status).toBe(200);
      const chat = (await started.json()) as { ContactId: string };
      await cli.waitFor(new RegExp(`\\[agent\\] chat ${chat.ContactId.slice(0, 8)}: joined`), 20_000);
      const state = await (await fetch(`${emulator}/__emulator/contacts/${chat.ContactId}`)).json();
      expect(state.Participants).toContainEqual(
        expect.objectContaining({ ParticipantRole: 'AGENT', Connected: true }),
      );

      cli.child.kill('SIGTERM');
      expect(await guarded(cli.exited, 20_000, 'the shutdown')).toBe(0);
      expect(cli.output()).toMatch(/SIGTERM: shutting down\nstopped\n$/);
      await expect(fetch(`${examples}/`)).rejects.toThrow();
      await expect(fetch(`${emulator}/__emulator/faults`)).rejects.toThrow();
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });
});
