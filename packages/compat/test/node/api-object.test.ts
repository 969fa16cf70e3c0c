// The connect.ChatSession object itself: Logger (fix 10), csmService (fix 8), the global region a session's options
// set, and log lines of a whole session never carrying a token (fix 9).
import { describe, expect, it } from 'vitest';
import type { ConsoleLike } from '../../src/log-manager';
import { compatFixture, connectFully, recordEvents, until } from './compat-fixture';

function fakeConsole() {
  const lines: string[] = [];
  const console: ConsoleLike = Object.fromEntries(
    ['debug', 'info', 'warn', 'error', 'log'].map((name) => [
      name,
      (line: unknown) => lines.push(String(line)),
    ]),
  );
  return { lines, console };
}

describe('the connect.ChatSession object', () => {
  it('API-01 Logger.info() writes through the configured logger; a subclass of Logger works as in ChatJS', async () => {
    const { lines, console } = fakeConsole();
    await using f = await compatFixture({ runtime: { console } });
    const { Logger } = f.ChatSession;
    expect(Logger.info('before any config')).toBeUndefined();
    f.ChatSession.setGlobalConfig({
      endpoint: f.emulator.endpoint,
      loggerConfig: { useDefaultLogger: true },
    });
    Logger.info('hello from the README');
    expect(lines.at(-1)).toBe('INFO [2030-01-01T00:00:00.000Z] ChatJS: hello from the README ');
    class AppLogger extends Logger {
      override info(...args: unknown[]): void {
        lines.push(`app: ${args.join(' ')}`);
      }
    }
    new AppLogger().info('custom');
    expect(lines.at(-1)).toBe('app: custom');
    expect(() => new Logger().warn('no-op')).not.toThrow();
  });

  it('API-02 csmService is inert and disableCSM is accepted', async () => {
    await using f = await compatFixture();
    const csm = f.ChatSession.csmService;
    expect(csm.csmInitialized).toBe(false);
    expect(csm.widgetType).toBe('CustomChatWidget');
    f.ChatSession.setGlobalConfig({ endpoint: f.emulator.endpoint, csmConfig: { widgetType: 'MyWidget' } });
    expect(csm.widgetType).toBe('MyWidget');
    expect(() => csm.addCountMetric('x', 'API')).not.toThrow();
    const session = f.ChatSession.create({
      chatDetails: {
        contactId: f.contact.ContactId,
        participantId: f.contact.ParticipantId,
        participantToken: f.contact.ParticipantToken,
      },
      type: 'CUSTOMER',
      disableCSM: true,
    });
    await expect(session.connect()).resolves.toMatchObject({ connectSuccess: true });
  });

  it("API-03 a session's options.region becomes the global region, as in ChatJS", async () => {
    const lines: string[] = [];
    await using f = await compatFixture();
    const logger = { debug() {}, info: (line: unknown) => lines.push(String(line)), warn() {}, error() {} };
    f.ChatSession.setGlobalConfig({
      endpoint: f.emulator.endpoint,
      loggerConfig: { customizedLogger: logger, advancedLogWriter: 'warn' },
    });
    f.customer({ region: 'eu-central-1' });
    const later = f.customer();
    later.onMessage(() => undefined);
    expect(lines.at(-1)).toContain('"region":"eu-central-1"');
  });

  it('API-04 a whole session logged at DEBUG never shows a participant token, connection token or socket URL (fix 9)', async () => {
    const { lines, console } = fakeConsole();
    await using f = await compatFixture({ runtime: { console } });
    f.ChatSession.setGlobalConfig({
      endpoint: f.emulator.endpoint,
      loggerConfig: { useDefaultLogger: true, level: 10 },
    });
    const session = f.customer();
    const events = recordEvents(session);
    await connectFully(session);
    f.agentSays('hello');
    await until(() => expect(events.onMessage).toHaveLength(1));
    await session.sendMessage({ message: 'hi', contentType: 'text/plain' });
    const connectionToken = session.getChatDetails().connectionDetails?.connectionToken as string;
    const url = session.getChatDetails().connectionDetails?.url as string;
    expect(connectionToken).toEqual(expect.any(String));
    const everything = lines.join('\n');
    expect(lines.length).toBeGreaterThan(5);
    expect(everything).not.toContain(f.contact.ParticipantToken);
    expect(everything).not.toContain(connectionToken);
    expect(everything).not.toContain(url);
    expect(everything).toContain('Subscribed successfully to event: INCOMING_MESSAGE');
  });

  it('API-05 customUserAgentSuffix ends the x-amz-user-agent header of every request', async () => {
    await using f = await compatFixture();
    f.ChatSession.setGlobalConfig({ endpoint: f.emulator.endpoint, customUserAgentSuffix: 'MyApp/1.2' });
    const session = f.customer();
    await connectFully(session);
    const agents = f.headers().map((headers) => headers['x-amz-user-agent']);
    expect(agents.length).toBeGreaterThan(0);
    for (const agent of agents) expect(agent).toMatch(/^connect-chat\/\S+ MyApp\/1\.2$/);
    expect(f.headers().every((headers) => headers['x-amz-bearer'] !== undefined)).toBe(true);
  });

  it("API-07 a region keeps the endpoint and user-agent suffix of its first session, as ChatJS's cached client does", async () => {
    await using f = await compatFixture();
    f.ChatSession.setGlobalConfig({ endpoint: f.emulator.endpoint, customUserAgentSuffix: 'First/1' });
    await connectFully(f.customer());
    f.ChatSession.setGlobalConfig({
      endpoint: `${f.emulator.endpoint}/elsewhere`,
      customUserAgentSuffix: 'Second/2',
    });
    const prefixed = () => f.bodies('/elsewhere/participant/connection').length;
    await connectFully(f.customer());
    expect(prefixed()).toBe(0);
    expect(f.headers().at(-1)?.['x-amz-user-agent']).toMatch(/ First\/1$/);
    // Another region gets a client of its own, made with the configuration of now.
    await f.customer({ region: 'eu-west-2' }).connect();
    expect(prefixed()).toBe(1);
    expect(f.headers().at(-1)?.['x-amz-user-agent']).toMatch(/ Second\/2$/);
  });

  it('API-06 webSocketManagerConfig.isNetworkOnline: while it says offline nothing reconnects; when it flips, the session does', async () => {
    await using f = await compatFixture();
    let online = true;
    f.ChatSession.setGlobalConfig({
      endpoint: f.emulator.endpoint,
      webSocketManagerConfig: { isNetworkOnline: () => online },
    });
    const session = f.customer();
    const events = recordEvents(session);
    await connectFully(session);
    await until(() => expect(events.onConnectionEstablished).toHaveLength(1));
    online = false;
    f.advance(250);
    f.emulator.addFault({
      match: { participantId: f.contact.ParticipantId },
      action: { type: 'close', code: 1006 },
    });
    await until(() => expect(events.onConnectionLost).toHaveLength(1));
    // Counted when fetch is called, so a reconnection attempt would show before the microtasks settle.
    const connectionsBefore = f.bodies('/participant/connection').length;
    f.advance(60_000);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(f.bodies('/participant/connection')).toHaveLength(connectionsBefore);
    online = true;
    f.advance(250);
    await until(() => expect(events.onConnectionEstablished).toHaveLength(2));
    expect(f.bodies('/participant/connection').length).toBeGreaterThan(connectionsBefore);
  });
});
