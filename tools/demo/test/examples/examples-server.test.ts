// The examples server over plain HTTP (no browser): what it serves, its chat-start backend's checks, and the
// pieces that turn ChatJS's README sample into the compat page.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ExamplesServer,
  type StartChatRequest,
  type StartChatResponse,
  startExamplesServer,
} from '../../src/examples-server';
import { htmlBlockAfter, inlineScripts, withLibraryImport } from '../../src/examples-server/compat-page';
import { scriptHashSource, socketOriginOf } from '../../src/examples-server/content-security-policy';

const emulatorEndpoint = 'http://127.0.0.1:9';
const secretToken = 'participant-token-that-must-not-leak';

describe('examples server', () => {
  let server: ExamplesServer;
  const requests: StartChatRequest[] = [];
  let answer: () => Promise<StartChatResponse> = async () => ({
    ContactId: 'contact-1',
    ParticipantId: 'participant-1',
    ParticipantToken: secretToken,
  });

  beforeAll(async () => {
    server = await startExamplesServer({
      emulatorEndpoint,
      region: 'eu-west-2',
      startChat: (request) => {
        requests.push(request);
        return answer();
      },
    });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  const post = (path: string, body: string | undefined) =>
    fetch(new URL(path, server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body }),
    });

  test('lists every page on its own origin', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.pages.map((page) => [page.name, new URL(page.url).pathname])).toEqual([
      ['customer-widget', '/customer-widget/'],
      ['react-widget', '/react-widget/'],
      ['agent-desktop', '/agent-desktop/'],
      ['compat-widget', '/compat-widget/'],
    ]);
    for (const page of server.pages) expect(page.title.length).toBeGreaterThan(0);
  });

  test('serves each page, its bundle and its settings; a folder without its slash redirects', async () => {
    for (const page of server.pages.filter((each) => each.name !== 'compat-widget')) {
      const html = await fetch(page.url);
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toContain('text/html');
      expect(await html.text()).toContain('<script type="module" src="main.js"></script>');
      const bundle = await fetch(new URL('main.js', page.url));
      expect(bundle.headers.get('content-type')).toContain('javascript');
      expect((await bundle.text()).length).toBeGreaterThan(1000);
      const settings = await (await fetch(new URL('config.json', page.url))).json();
      expect(settings).toEqual({
        region: 'eu-west-2',
        endpoint: emulatorEndpoint,
        startChatUrl: '/api/start-chat',
      });
    }
    const redirect = await fetch(new URL('/customer-widget', server.url), { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/customer-widget/');
    expect((await fetch(new URL('/nothing-here', server.url))).status).toBe(404);
    expect((await post('/customer-widget/', '{}')).status).toBe(405);
  });

  test("compat's script file installs the global and the compat page's copy points it at the endpoint", async () => {
    const script = await (await fetch(new URL('/amazon-connect-chat.js', server.url))).text();
    expect(script).toContain('ChatSession');
    const pageCopy = await (await fetch(new URL('/compat-widget/amazon-connect-chat.js', server.url))).text();
    expect(pageCopy.startsWith(script)).toBe(true);
    expect(pageCopy.slice(script.length)).toContain(
      `connect.ChatSession.setGlobalConfig({"endpoint":"${emulatorEndpoint}"})`,
    );
  });

  test('POST /api/start-chat answers the three chat fields only', async () => {
    answer = async () => ({
      ContactId: 'contact-2',
      ParticipantId: 'participant-2',
      ParticipantToken: secretToken,
      ContinuedFromContactId: 'not for the page',
    });
    const response = await post('/api/start-chat', JSON.stringify({ displayName: '  Jo  ' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ContactId: 'contact-2',
      ParticipantId: 'participant-2',
      ParticipantToken: secretToken,
    });
    expect(requests.at(-1)).toEqual({ displayName: 'Jo' });
  });

  test.each([
    ['no body', undefined, 400],
    ['malformed JSON', '{"displayName":', 400],
    ['no displayName', '{}', 400],
    ['a blank displayName', '{"displayName":"   "}', 400],
    ['a displayName that is not a string', '{"displayName":42}', 400],
    ['a displayName over 256 characters', JSON.stringify({ displayName: 'x'.repeat(257) }), 400],
    ['a body over 16 KiB', JSON.stringify({ displayName: 'Jo', padding: 'x'.repeat(17 * 1024) }), 413],
  ])(
    'POST /api/start-chat with %s is refused with %i, without calling startChat',
    async (_, body, status) => {
      const before = requests.length;
      const response = await post('/api/start-chat', body);
      expect(response.status).toBe(status);
      expect((await response.json()) as { message: string }).toEqual({ message: expect.any(String) });
      expect(requests).toHaveLength(before);
    },
  );

  test('GET /api/start-chat is 405', async () => {
    const response = await fetch(new URL('/api/start-chat', server.url));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  test('a failing chat-start backend gives 502 and never echoes what it threw', async () => {
    answer = async () => {
      throw new Error(`upstream said ${secretToken}`);
    };
    const response = await post('/api/start-chat', JSON.stringify({ displayName: 'Jo' }));
    expect(response.status).toBe(502);
    expect(await response.text()).not.toContain(secretToken);
    answer = async () => ({ ContactId: 'only-this' }) as unknown as StartChatResponse;
    const incomplete = await post('/api/start-chat', JSON.stringify({ displayName: 'Jo' }));
    expect(incomplete.status).toBe(502);
  });

  test("the README sample's placeholder backend accepts its empty POST with a default name", async () => {
    answer = async () => ({ ContactId: 'c', ParticipantId: 'p', ParticipantToken: 't' });
    const response = await post(
      `/compat-widget/${encodeURIComponent('<url-to-personal-chat-backend>')}`,
      undefined,
    );
    expect(response.status).toBe(200);
    expect(requests.at(-1)).toEqual({ displayName: 'Customer' });
  });
});

describe('the compat page from the README sample', () => {
  const readme = [
    '## HTML Sample: ChatJS Customer Session',
    '```html',
    '<!-- <script src="https://unpkg.com/amazon-connect-chatjs@1.0.0"></script> -->',
    '<script src="other.js"></script>',
    '<script type="module">',
    '  import "https://unpkg.com/amazon-connect-chatjs@3.0.3";',
    '  go();',
    '</script>',
    '```',
  ].join('\n');

  test('takes the html block after the heading and swaps only the library import', () => {
    const sample = htmlBlockAfter(readme, 'HTML Sample: ChatJS Customer Session');
    const page = withLibraryImport(sample, './amazon-connect-chat.js');
    expect(page).toContain('import "./amazon-connect-chat.js";');
    expect(page.replace('import "./amazon-connect-chat.js";', '')).toBe(
      sample.replace('import "https://unpkg.com/amazon-connect-chatjs@3.0.3";', ''),
    );
  });

  test('refuses a sample with no, or more than one, unpkg import', () => {
    expect(() => withLibraryImport('<script type="module">go();</script>', 'x.js')).toThrow(/found 0/);
    const twice =
      'import "https://unpkg.com/amazon-connect-chatjs@1";\nimport "https://unpkg.com/amazon-connect-chatjs@2";';
    expect(() => withLibraryImport(twice, 'x.js')).toThrow(/found 2/);
    expect(() => htmlBlockAfter(readme, 'No such heading')).toThrow(/no "No such heading"/);
  });

  test('hashes only inline scripts: not commented-out ones, not ones with src', () => {
    const page = withLibraryImport(htmlBlockAfter(readme, 'HTML Sample'), './amazon-connect-chat.js');
    const scripts = inlineScripts(page);
    expect(scripts).toEqual(['\n  import "./amazon-connect-chat.js";\n  go();\n']);
    expect(scriptHashSource('')).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });

  test('derives the socket origin of the participant service', () => {
    expect(socketOriginOf('http://127.0.0.1:4010')).toBe('ws://127.0.0.1:4010');
    expect(socketOriginOf('https://participant.connect.us-west-2.amazonaws.com')).toBe(
      'wss://participant.connect.us-west-2.amazonaws.com',
    );
  });
});
