/** The machine a run was made on, recorded with its figures (absolute times drift from machine to machine). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { launchChromium } from '../../packages/transport/test/browser/chromium';

/** What results.json says about the machine and the code. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  chromium: string;
  date: string;
  gitCommit: string;
  /** Whether the working tree had uncommitted changes (the figures are then of those changes). */
  gitDirty: boolean;
}

function distribution(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(release)?.[1] ?? '';
  } catch {
    return '';
  }
}

function git(args: readonly string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** Reads the machine, the Chromium version (by launching it) and the git commit. */
export async function describeMachine(): Promise<MachineInfo> {
  let chromium = 'not found';
  try {
    await using browser = await launchChromium();
    chromium = browser.context.browser()?.version() ?? 'unknown';
  } catch (error) {
    chromium = `unavailable: ${(error as Error).message.split('\n')[0]}`;
  }
  const distro = distribution();
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    os: `${distro ? `${distro}, ` : ''}${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium,
    date: new Date().toISOString(),
    gitCommit: git(['rev-parse', 'HEAD']) || 'unknown',
    gitDirty: git(['status', '--porcelain']) !== '',
  };
}
