// Runs the README's `start` command the way a user does, waits until it prints its URLs, checks that every URL
// answers 200, then presses Ctrl-C (SIGINT to the process group) and expects it to stop within a few seconds.
import { spawn } from 'node:child_process';

const command = process.argv[2];
if (!command) throw new Error('usage: node .ci/smoke-start.mjs "<command>"');

const child = spawn(command, { shell: true, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
const fail = (message) => {
  console.error(`smoke-start: ${message}\n--- output ---\n${output}`);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {}
  process.exit(1);
};
const deadline = setTimeout(() => fail('no "Press Ctrl-C" line within 120 s'), 120_000);

child.stdout.setEncoding('utf8');
child.stdout.on('data', async (chunk) => {
  process.stdout.write(chunk);
  const before = output;
  output += chunk;
  if (before.includes('Press Ctrl-C') || !output.includes('Press Ctrl-C')) return;
  clearTimeout(deadline);
  const urls = [...new Set(output.match(/http:\/\/127\.0\.0\.1:\d+\/[^\s)]*/g) ?? [])].filter(
    (url) => !url.includes('/__emulator'),
  );
  if (urls.length < 2) fail(`expected the examples' URLs, found ${urls.length}`);
  for (const url of urls) {
    const response = await fetch(url).catch((error) => fail(`${url}: ${error.message}`));
    // The emulator's root answers 404 by design; every example page must answer 200.
    if (response.status !== 200 && !/^http:\/\/127\.0\.0\.1:\d+\/$/.test(url))
      fail(`${url} answered ${response.status}`);
    console.log(`smoke-start: ${response.status} ${url}`);
  }
  const stopped = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGINT');
  const timer = setTimeout(() => fail('did not stop within 15 s of Ctrl-C'), 15_000);
  await stopped;
  clearTimeout(timer);
  console.log(`smoke-start: ${urls.length} URLs answered; stopped on Ctrl-C`);
  process.exit(0);
});
child.once('exit', (code) => {
  if (!output.includes('Press Ctrl-C')) fail(`exited (${code}) before printing its URLs`);
});
