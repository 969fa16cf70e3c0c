/**
 * `--inspect`: every state machine of the demo's sessions, live in the Stately inspector. `@statelyai/inspect` turns
 * XState's inspection events into its own format; this bridge serves a small page on loopback that embeds the
 * Stately inspector and relays those events to it over a WebSocket. The events have already been through the
 * connection's redaction, so no token or socket URL is in them.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InspectionObserver } from '@connect-chat/core';
import { createInspector, type StatelyInspectionEvent } from '@statelyai/inspect';
import { WebSocket, WebSocketServer } from 'ws';

/** Options of {@link startInspectorBridge}. */
export interface InspectorBridgeOptions {
  /** @defaultValue 0 (an ephemeral port) */
  port?: number | undefined;
  /** The inspector UI the page embeds. @defaultValue `'https://stately.ai/inspect'` */
  inspectorUrl?: string | undefined;
  /** Events kept for a page that opens late (the oldest go first). @defaultValue 5000 */
  maxBufferedEvents?: number | undefined;
}

/** A running bridge. */
export interface InspectorBridge extends AsyncDisposable {
  /** The page to open in a browser. */
  readonly url: string;
  /** The inspector to give sessions (alone, or through `combineInspectors`). */
  readonly inspect: InspectionObserver;
  /** Stops serving; closes every page's connection. Idempotent. */
  close(): Promise<void>;
}

const host = '127.0.0.1';
const eventsPath = '/events';

/** JSON that survives cycles and drops functions (snapshots can hold both). */
function toJson(event: StatelyInspectionEvent): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(event, (_, value: unknown) => {
    if (typeof value === 'function') return undefined;
    if (typeof value === 'object' && value !== null) {
      if (seen.has(value)) return '[circular]';
      seen.add(value);
    }
    return value;
  });
}

function bridgePage(inspectorUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>connect-chat: state machines</title><link rel="stylesheet" href="/bridge.css"></head>
<body><iframe id="inspector" title="Stately inspector" src="${inspectorUrl}"></iframe><script src="/bridge.js"></script></body>
</html>`;
}

// The page waits for the inspector to say it is ready, then hands it every event, buffered ones first.
const bridgeScript = `const frame = document.getElementById('inspector');
const pending = [];
let ready = false;
window.addEventListener('message', (message) => {
  if (message.source !== frame.contentWindow || message.data?.type !== '@statelyai.connected') return;
  ready = true;
  for (const event of pending.splice(0)) frame.contentWindow.postMessage(event, '*');
});
const socket = new WebSocket(\`ws://\${location.host}${eventsPath}\`);
socket.addEventListener('message', ({ data }) => {
  const event = JSON.parse(data);
  if (ready) frame.contentWindow.postMessage(event, '*');
  else pending.push(event);
});
`;

const bridgeStyles =
  'html, body, iframe { margin: 0; border: 0; width: 100%; height: 100%; display: block; }\n';

/** Starts the bridge on loopback. */
export async function startInspectorBridge(options: InspectorBridgeOptions = {}): Promise<InspectorBridge> {
  const inspectorUrl = options.inspectorUrl ?? 'https://stately.ai/inspect';
  const maxBuffered = options.maxBufferedEvents ?? 5_000;
  const buffered: string[] = [];
  const inspectorOrigin = new URL(inspectorUrl).origin;
  const policy = `default-src 'self'; frame-src ${inspectorOrigin}; connect-src 'self' ws://${host}:*`;

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://bridge.invalid').pathname;
    const send = (type: string, body: string) =>
      response.writeHead(200, { 'content-type': type, 'content-security-policy': policy }).end(body);
    if (path === '/') send('text/html; charset=utf-8', bridgePage(inspectorUrl));
    else if (path === '/bridge.js') send('text/javascript; charset=utf-8', bridgeScript);
    else if (path === '/bridge.css') send('text/css; charset=utf-8', bridgeStyles);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  const sockets = new WebSocketServer({ server, path: eventsPath });
  sockets.on('connection', (socket) => {
    for (const message of buffered) socket.send(message);
  });

  const stately = createInspector({
    send(event) {
      const message = toJson(event);
      buffered.push(message);
      if (buffered.length > maxBuffered) buffered.shift();
      for (const client of sockets.clients) if (client.readyState === WebSocket.OPEN) client.send(message);
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      stately.stop();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  return { url: `http://${host}:${port}/`, inspect: stately.inspect, close, [Symbol.asyncDispose]: close };
}
