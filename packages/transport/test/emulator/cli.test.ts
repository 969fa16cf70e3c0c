// The `connect-chat-emulator` CLI: one JSON line once listening, a clean exit on SIGTERM/SIGINT.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArguments } from '../../src/testing/cli-arguments';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = fileURLToPath(new URL('../../src/testing/cli.ts', import.meta.url));

function startCli(): { child: ChildProcess; firstLine: Promise<string>; output: () => string } {
  const child = spawn(
    process.execPath,
    ['--conditions=@connect-chat/source', '--import', 'tsx', cli, '--port', '0'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')));
    });
    child.once('exit', (code) => reject(new Error(`the CLI exited early with ${code}`)));
  });
  return { child, firstLine, output: () => stdout };
}

describe('connect-chat-emulator', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`prints exactly one {"endpoint"} line, serves, and exits 0 on ${signal}`, async () => {
      const { child, firstLine, output } = startCli();
      try {
        const line = JSON.parse(await firstLine) as { endpoint: string };
        expect(Object.keys(line)).toEqual(['endpoint']);
        expect(line.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const created = await fetch(`${line.endpoint}/__emulator/contacts`, { method: 'POST', body: '{}' });
        expect(created.status).toBe(200);
        const exited = once(child, 'exit');
        child.kill(signal);
        const [code] = await exited;
        expect(code).toBe(0);
        expect(output().trim().split('\n')).toHaveLength(1);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    });
  }
});

describe('parseCliArguments', () => {
  it('reads --port and --host in both spellings and rejects the rest', () => {
    expect(parseCliArguments([])).toEqual({ port: 0, host: '127.0.0.1' });
    expect(parseCliArguments(['--port', '8080', '--host=0.0.0.0'])).toEqual({ port: 8080, host: '0.0.0.0' });
    expect(() => parseCliArguments(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseCliArguments(['--verbose', '1'])).toThrow(/unknown option/);
    expect(() => parseCliArguments(['--host'])).toThrow(/needs a value/);
  });
});
