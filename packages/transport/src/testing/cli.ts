#!/usr/bin/env node
/**
 * `connect-chat-emulator [--port N] [--host H]`: starts the emulator, prints one JSON line `{"endpoint": "..."}`
 * once listening, and closes cleanly on SIGINT/SIGTERM.
 */
import { type CliOptions, parseCliArguments } from './cli-arguments';
import { startEmulator } from './emulator';

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCliArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: connect-chat-emulator [--port N] [--host H]\n`);
    process.exitCode = 2;
    return;
  }
  const emulator = await startEmulator({ ...options, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify({ endpoint: emulator.endpoint })}\n`);
  const stop = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    void emulator.close();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
