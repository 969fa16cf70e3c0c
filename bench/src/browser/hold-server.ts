/**
 * A loopback endpoint that answers `GET /hold?ms=N` after N milliseconds. The dispatch page holds its main thread
 * with a synchronous XMLHttpRequest to it: the thread waits without burning CPU, so its CPU time over a run is the
 * work the frames caused and nothing else. It runs in the bench's own process, whose event loop is busy while the
 * emulator writes the frames, so a hold never ends before the last frame was written.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running hold server; disposing closes it. */
export interface HoldServer extends AsyncDisposable {
  /** E.g. `http://127.0.0.1:41234/hold`. */
  readonly url: string;
}

/** Starts the hold server on an ephemeral loopback port. */
export async function startHoldServer(): Promise<HoldServer> {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const server = createServer((request, response) => {
    const ms = Number(new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('ms'));
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        response
          .writeHead(200, { 'access-control-allow-origin': '*', 'content-type': 'text/plain' })
          .end('held');
      },
      Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 30_000) : 0,
    );
    timers.add(timer);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hold`,
    async [Symbol.asyncDispose]() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
