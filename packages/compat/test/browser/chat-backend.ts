/**
 * The network around a README page, at the network: the app's "personal chat backend" answers with a contact the
 * emulator started, and every request to the real Participant Service host is proxied to the emulator. The README
 * code therefore runs unchanged (it configures only a region, never an endpoint), and what it sends is recorded
 * without tokens.
 */
import type { Page, Request, Route } from 'playwright-core';

/** The Participant Service host the README's `region: "us-west-2"` resolves to. */
export const participantServiceOrigin = 'https://participant.connect.us-west-2.amazonaws.com';

/** The placeholder URL both README samples POST to for their chat details, resolved against the page. */
export const readmeBackendPath = `/${encodeURIComponent('<url-to-personal-chat-backend>')}`;

/** Participant Service operations by REST path. */
const operationsByPath: Readonly<Record<string, string>> = {
  '/participant/connection': 'CreateParticipantConnection',
  '/participant/message': 'SendMessage',
  '/participant/event': 'SendEvent',
  '/participant/transcript': 'GetTranscript',
  '/participant/disconnect': 'DisconnectParticipant',
  '/participant/start-attachment-upload': 'StartAttachmentUpload',
  '/participant/complete-attachment-upload': 'CompleteAttachmentUpload',
  '/participant/attachment': 'GetAttachment',
  '/participant/authentication-url': 'GetAuthenticationUrl',
  '/participant/cancel-authentication': 'CancelParticipantAuthentication',
};

/** One request the page sent to the Participant Service: its operation and a token-free view of its body. */
export interface WireRequest {
  operation: string;
  /** The JSON body with opaque values replaced (`ClientToken` by `uuid`, `uuid (reused)` or its literal). */
  body: unknown;
}

/** A request of one operation held before it reaches the emulator. */
export interface HeldRequest {
  /** Resolves when the page has sent the request. */
  readonly arrived: Promise<void>;
  /** Lets the request through to the emulator. */
  release(): void;
}

/** What {@link routeChatBackend} installed. */
export interface ChatBackend {
  /** Every Participant Service request of the page, in the order it was sent. */
  readonly wire: readonly WireRequest[];
  /** Origins the page tried to reach besides the static server, the emulator and the Participant Service. */
  readonly strayOrigins: readonly string[];
  /** Holds the next request of `operation` until released. */
  hold(operation: string): HeldRequest;
  /**
   * Lets the next request of `operation` reach the emulator but holds its answer until released (`arrived`
   * resolves once the emulator has answered, so whatever it broadcast is already on its way to the page).
   */
  holdResponse(operation: string): HeldRequest;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Replaces ids and opaque tokens in a request body so two runs of the same scenario compare equal. */
export function describeRequestBody(body: unknown, seenClientTokens: Set<string>): unknown {
  const describe = (value: unknown, key: string | undefined): unknown => {
    if (typeof value === 'string') {
      if (key === 'ClientToken') {
        const reused = seenClientTokens.has(value);
        seenClientTokens.add(value);
        const kind = uuidPattern.test(value) ? 'uuid' : JSON.stringify(value);
        return reused ? `${kind} (reused)` : kind;
      }
      if (key === 'NextToken') return 'token';
      if (key === 'Content' && value.startsWith('{')) {
        try {
          return { json: describe(JSON.parse(value) as unknown, undefined) };
        } catch {
          return value;
        }
      }
      return uuidPattern.test(value) ? 'uuid' : value;
    }
    if (Array.isArray(value)) return value.map((entry) => describe(entry, undefined));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, entry]) => [
          name,
          describe(entry, name),
        ]),
      );
    }
    return value;
  };
  return describe(body, undefined);
}

function parseBody(request: Request): unknown {
  const text = request.postData();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { unparsed: text.length };
  }
}

/**
 * Routes `page`'s chat backend and Participant Service traffic. `chatDetails` is what the backend answers (the
 * StartChatContact fields); `emulatorEndpoint` receives the proxied requests. Anything else off the page's own
 * origin and the emulator is aborted and remembered in {@link ChatBackend.strayOrigins}.
 */
export async function routeChatBackend(
  page: Page,
  options: { pageOrigin: string; emulatorEndpoint: string; chatDetails: unknown },
): Promise<ChatBackend> {
  const wire: WireRequest[] = [];
  const strayOrigins: string[] = [];
  const seenClientTokens = new Set<string>();
  const holds = new Map<string, Gate[]>();
  const responseHolds = new Map<string, Gate[]>();
  const local = new Set([options.pageOrigin, new URL(options.emulatorEndpoint).origin]);

  await page.route(
    (url) => url.origin === options.pageOrigin && url.pathname === readmeBackendPath,
    (route) => route.fulfill({ json: options.chatDetails }),
  );
  await page.route(`${participantServiceOrigin}/**`, async (route: Route) => {
    const request = route.request();
    const url = new URL(request.url());
    const operation = operationsByPath[url.pathname] ?? `${request.method()} ${url.pathname}`;
    wire.push({ operation, body: describeRequestBody(parseBody(request), seenClientTokens) });
    const held = holds.get(operation)?.shift();
    if (held) {
      held.arrive();
      await held.released;
    }
    const response = await route.fetch({ url: `${options.emulatorEndpoint}${url.pathname}${url.search}` });
    const heldResponse = responseHolds.get(operation)?.shift();
    if (heldResponse) {
      heldResponse.arrive();
      await heldResponse.released;
    }
    await route.fulfill({ response });
  });
  await page.route(
    (url) =>
      !local.has(url.origin) && url.origin !== participantServiceOrigin && url.protocol.startsWith('http'),
    (route) => {
      strayOrigins.push(new URL(route.request().url()).origin);
      return route.abort('blockedbyclient');
    },
  );

  const gate = (gates: Map<string, Gate[]>, operation: string): HeldRequest => {
    let arrive!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    gates.set(operation, [...(gates.get(operation) ?? []), { arrive, released }]);
    return { arrived, release };
  };

  return {
    wire,
    strayOrigins,
    hold: (operation) => gate(holds, operation),
    holdResponse: (operation) => gate(responseHolds, operation),
  };
}

/** One held request or answer: `arrive` when it gets there, let go when `released` settles. */
interface Gate {
  arrive: () => void;
  released: Promise<void>;
}
