// Test support (not part of the package API): an msw server that records every HTTP request and answers from a
// queue of canned responses, so unit tests mock the Participant Service at the network.
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';

/** One request as it reached the network. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Produces the response for one request; may wait on a promise to keep the request in flight. */
export type Responder = (request: Request) => Response | Promise<Response>;

/** Responds with JSON and the service's usual headers. */
export function jsonResponse(
  body: unknown,
  init: { status?: number; headers?: Record<string, string> } = {},
) {
  return (): Response =>
    HttpResponse.json(body as Record<string, unknown>, {
      status: init.status ?? 200,
      headers: { 'x-amzn-requestid': 'req-1', ...init.headers },
    });
}

/** Responds with a raw body, e.g. an HTML error page. */
export function rawResponse(
  body: string,
  init: { status: number; headers?: Record<string, string> },
): Responder {
  return () => new HttpResponse(body, { status: init.status, headers: init.headers ?? {} });
}

/** Responds with a service error in the emulator's default shape (§1.3). */
export function serviceError(status: number, errorType: string, message = 'it failed'): Responder {
  return jsonResponse({ message }, { status, headers: { 'x-amzn-errortype': errorType } });
}

/** Fails the request at the network level (no HTTP response). */
export const networkError: Responder = () => HttpResponse.error();

/** The mocked service: the msw server, the requests it saw, and the queue it answers from. */
export interface MockParticipantService {
  readonly requests: RecordedRequest[];
  /** Queues responses; each request takes the next one, then falls back to `{}`. */
  enqueue(...responders: Responder[]): void;
  /** Starts intercepting. */
  listen(): void;
  /** Clears requests and queued responses. */
  reset(): void;
  /** Stops intercepting. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** Creates a mocked Participant Service that intercepts every HTTP request of the test process. */
export function mockParticipantService(): MockParticipantService {
  const requests: RecordedRequest[] = [];
  const queue: Responder[] = [];
  const server = setupServer(
    http.all('*', async ({ request }) => {
      requests.push({
        method: request.method,
        url: new URL(request.url),
        headers: Object.fromEntries(request.headers.entries()),
        body: await request.clone().text(),
      });
      const responder = queue.shift() ?? jsonResponse({});
      return responder(request);
    }),
  );
  return {
    requests,
    enqueue: (...responders) => queue.push(...responders),
    listen: () => server.listen({ onUnhandledRequest: 'error' }),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    [Symbol.asyncDispose]: async () => server.close(),
  };
}
