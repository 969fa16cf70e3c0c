/**
 * A tiny static file server for browser tests: fixed routes on 127.0.0.1 with an ephemeral port, answering from
 * memory or from files on disk (e.g. a package's dist resolved from node_modules).
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

/** One route: inline content, or a file read on each request. */
export type StaticRoute = { contentType: string } & ({ body: string | Uint8Array } | { file: string });

/** A running static server; disposing closes it and every open connection. */
export interface StaticServer extends AsyncDisposable {
  /** E.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  /** The absolute URL of a route path. */
  url(path: string): string;
}

const require = createRequire(import.meta.url);

/** Resolves a file shipped in an installed package, e.g. `amazon-connect-chatjs/dist/amazon-connect-chat.js`. */
export function resolvePackageFile(specifier: string): string {
  return require.resolve(specifier);
}

/** Starts a server for `routes` (keys are paths such as `/index.html`); anything else is 404. */
export async function startStaticServer(
  routes: Readonly<Record<string, StaticRoute>>,
): Promise<StaticServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
    if (!route || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = 'file' in route ? readFile(route.file) : Promise.resolve(route.body);
    body.then(
      (content) => {
        response.writeHead(200, { 'content-type': route.contentType, 'cache-control': 'no-store' });
        response.end(request.method === 'HEAD' ? undefined : content);
      },
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('unreadable file'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => new URL(path, origin).href,
    async [Symbol.asyncDispose]() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
