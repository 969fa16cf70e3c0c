/**
 * The examples server: every browser example on one loopback origin, bundled from source with esbuild when the
 * server starts, each page under a strict Content-Security-Policy, with the page settings and the chat-start
 * backend (`POST /api/start-chat`) a customer's own site would provide.
 *
 * Routes:
 * - `/`: the list of pages.
 * - `/<example>/`: a page; `/<example>/config.json`: its settings (region, participant-service endpoint, chat-start
 *   URL); `/<example>/main.js` (+ `.map`) and its stylesheets.
 * - `/amazon-connect-chat.js` (+ `.map`): compat's single script file (the `window.connect` global), built from
 *   source.
 * - `POST /api/start-chat`: `StartChatRequest` in, `StartChatResponse` out, through `startChat`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildExampleBundles } from './examples-server/bundles';
import { bundledExamples, exampleUrlPath } from './examples-server/catalogue';
import { buildCompatReadmePage, compatReadmeBackendPath } from './examples-server/compat-page';
import { contentSecurityPolicy } from './examples-server/content-security-policy';
import { indexPage } from './examples-server/index-page';
import { type PageSettings, pageSettingsFor } from './examples-server/page-settings';
import { type Route, type RouteTable, securityHeaders, sendRoute, sendText } from './examples-server/routes';
import { answerStartChat } from './examples-server/start-chat-route';

/** What a page posts to the chat-start backend. */
export interface StartChatRequest {
  readonly displayName: string;
}

/** StartChatContact's response fields that a chat-start backend returns to the page. */
export interface StartChatResponse {
  readonly ContactId: string;
  readonly ParticipantId: string;
  readonly ParticipantToken: string;
}

/** Options of {@link startExamplesServer}. */
export interface ExamplesServerOptions {
  /** @defaultValue 0 (an ephemeral port) */
  readonly port?: number;
  /** @defaultValue '127.0.0.1' */
  readonly host?: string;
  /** The emulator's REST endpoint (http://127.0.0.1:NNNN); pages get it as their participant-service endpoint. */
  readonly emulatorEndpoint: string;
  /** @defaultValue 'us-west-2' */
  readonly region?: string;
  /**
   * Backs `POST /api/start-chat` (JSON body StartChatRequest -> JSON StartChatResponse), as a customer's own backend
   * would.
   */
  startChat(request: StartChatRequest): Promise<StartChatResponse>;
}

/** One page the server serves. */
export interface ExamplePage {
  /** The example's folder name, e.g. `customer-widget`. */
  readonly name: string;
  readonly title: string;
  /** The page's absolute URL. */
  readonly url: string;
}

/** A running examples server; close it (or `await using` it) when done. */
export interface ExamplesServer extends AsyncDisposable {
  /** The server's origin, e.g. `http://127.0.0.1:41234`; the page list is at `/`. */
  readonly url: string;
  readonly pages: readonly ExamplePage[];
  /** Stops listening and closes every open connection. Idempotent. */
  close(): Promise<void>;
}

const defaultRegion = 'us-west-2';
const javascript = 'text/javascript; charset=utf-8';
const html = 'text/html; charset=utf-8';
const json = 'application/json; charset=utf-8';

function originOf(host: string, port: number): string {
  const bracketed = host.includes(':') ? `[${host}]` : host;
  return `http://${bracketed}:${port}`;
}

/**
 * Bundles every example, then serves them. Resolves once the server listens.
 *
 * @example
 * ```ts
 * await using emulator = await startEmulator();
 * await using server = await startExamplesServer({
 *   emulatorEndpoint: emulator.endpoint,
 *   async startChat({ displayName }) {
 *     const contact = emulator.createContact({ DisplayName: displayName });
 *     emulator.addParticipant(contact.ContactId, { Role: 'AGENT', DisplayName: 'Agent' });
 *     return contact;
 *   },
 * });
 * for (const page of server.pages) console.log(page.title, page.url);
 * ```
 */
export async function startExamplesServer(options: ExamplesServerOptions): Promise<ExamplesServer> {
  const region = options.region ?? defaultRegion;
  const policy = contentSecurityPolicy({ emulatorEndpoint: options.emulatorEndpoint });
  const settings: PageSettings = pageSettingsFor({ region, emulatorEndpoint: options.emulatorEndpoint });
  const [bundles, compatPage] = await Promise.all([buildExampleBundles(), buildCompatReadmePage()]);

  const routes: RouteTable = new Map<string, Route>();
  const pageList: { name: string; title: string; description: string; path: string }[] = [];
  routes.set('/amazon-connect-chat.js', { contentType: javascript, body: bundles.compatScript.script });
  routes.set('/amazon-connect-chat.js.map', { contentType: json, body: bundles.compatScript.map });
  for (const example of bundledExamples) {
    const base = exampleUrlPath(example.name);
    const built = bundles.examples[example.name];
    routes.set(base, { contentType: html, body: built.html, policy: policy.page });
    routes.set(`${base}index.html`, { contentType: html, body: built.html, policy: policy.page });
    routes.set(`${base}config.json`, {
      contentType: json,
      body: JSON.stringify(settings),
    });
    for (const [file, asset] of Object.entries(built.files)) routes.set(`${base}${file}`, asset);
    pageList.push({ name: example.name, title: example.title, description: example.description, path: base });
  }
  if (compatPage) {
    const base = exampleUrlPath(compatPage.name);
    routes.set(base, {
      contentType: html,
      body: compatPage.html,
      policy: policy.pageWithInlineScripts(compatPage.inlineScriptHashes),
    });
    routes.set(`${base}amazon-connect-chat.js`, {
      contentType: javascript,
      body: compatPage.libraryScript(bundles.compatScript.script, settings),
    });
    routes.set(`${base}amazon-connect-chat.js.map`, { contentType: json, body: bundles.compatScript.map });
    pageList.push({
      name: compatPage.name,
      title: compatPage.title,
      description: compatPage.description,
      path: base,
    });
  }
  routes.set('/', { contentType: html, body: indexPage(pageList), policy: policy.page });

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const path = new URL(request.url ?? '/', 'http://examples.invalid').pathname;
    if (path === '/api/start-chat' || (compatPage && path === compatReadmeBackendPath(compatPage.name))) {
      void answerStartChat(request, response, {
        startChat: (input) => options.startChat(input),
        // ChatJS's README sample posts no body: its backend makes up the customer's name.
        allowEmptyBody: path !== '/api/start-chat',
        policy: policy.page,
      });
      return;
    }
    if (path === '/favicon.ico') {
      // Browsers ask for it on every page; the examples have none, and "no content" keeps consoles quiet.
      response.writeHead(204, securityHeaders(policy.page)).end();
      return;
    }
    const route = routes.get(path);
    if (!route) {
      const folder = routes.has(`${path}/`);
      if (folder && (request.method === 'GET' || request.method === 'HEAD')) {
        response.writeHead(308, { location: `${path}/`, 'content-security-policy': policy.page }).end();
        return;
      }
      sendText(response, 404, 'not found', policy.page);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      sendText(response, 405, 'method not allowed', policy.page, { allow: 'GET, HEAD' });
      return;
    }
    sendRoute(response, route, request.method === 'HEAD', policy.page);
  };

  const server = createServer(handle);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = originOf(host, port);
  const pages: ExamplePage[] = pageList.map((page) => ({
    name: page.name,
    title: page.title,
    url: new URL(page.path, url).href,
  }));

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  };
  return { url, pages, close, [Symbol.asyncDispose]: close };
}
