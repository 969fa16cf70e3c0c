// No token in anything compat writes, and nothing global but `connect.*`.
//
// A whole ChatJS customer chat runs against the emulator (connect, messages both ways, typing, receipts, an
// attachment up and down, transcript pages, a dropped socket and the reconnection, a connection token expired early
// and refreshed on the 403, errors on purpose, the end) with ChatJS logging at DEBUG: once through the default
// logger (the console ChatJS writes to) and once through a customized logger. The real console is watched too.
// Every line and every error the app was handed (message and stack) is then searched for every secret the run
// handled: the participant token, every connection token sent as a bearer, the socket URLs' tokens and the
// presigned URLs' signatures. (Callback payloads and getChatDetails() are not searched: ChatJS hands the app its
// participant and connection tokens there by design, and compat keeps that API.)
//
// The second part extends NODE-01/02 (node-import.test.ts), which check that nothing is installed in Node: with a
// global object present, the side-effect entry adds `connect` (only its four members, each only where absent) and
// nothing else, and the module entry adds nothing at all.

import type { AttachmentTransfer } from '@connect-chat/core';
import { createFetchAttachmentTransfer } from '@connect-chat/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changes, globalShape } from '../../../transport/test/security/global-shape';
import { captureSockets } from '../../../transport/test/security/security-fixture';
import type { CustomizedLogger, LegacyChatSession } from '../../src/legacy.types';
import { type CompatFixture, compatFixture, connectFully, until } from './compat-fixture';

const event = (suffix: string) => `application/vnd.amazonaws.connect.event.${suffix}`;
const debug = 10;
const consoleMethods = ['debug', 'info', 'log', 'warn', 'error', 'trace'] as const;

/** Everything written, as text. */
class Output {
  readonly lines: string[] = [];
  add(source: string, ...values: unknown[]): void {
    this.lines.push(
      `${source}: ${values.map((value) => (typeof value === 'string' ? value : safeJson(value))).join(' ')}`,
    );
  }
  /** A console or a ChatJS logger: every method writes here. */
  sink(source: string): CustomizedLogger {
    const write =
      (method: string) =>
      (...values: unknown[]) =>
        this.add(`${source}.${method}`, ...values);
    return {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      log: write('log'),
    };
  }
  count(prefix: string): number {
    return this.lines.filter((line) => line.startsWith(prefix)).length;
  }
  text(): string {
    return this.lines.join('\n');
  }
}

function safeJson(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_key, member: unknown) =>
        member instanceof Error
          ? { name: member.name, message: member.message, stack: member.stack }
          : member,
      ) ?? String(value)
    );
  } catch {
    return String(value);
  }
}

/** Presigned URLs the attachment transfer was handed, so their signatures can be searched for. */
function watchedTransfer(urls: string[]): AttachmentTransfer {
  const transfer = createFetchAttachmentTransfer();
  return {
    upload: (request, options) => {
      urls.push(request.url);
      return transfer.upload(request, options);
    },
    download: (url, options) => {
      urls.push(url);
      return transfer.download(url, options);
    },
  };
}

/** Every secret of the run: bearers sent, socket URL tokens, presigned URL signatures. */
function secretsOf(
  f: CompatFixture,
  socketUrls: readonly string[],
  transferUrls: readonly string[],
): Map<string, Set<string>> {
  const secrets = new Map<string, Set<string>>();
  const note = (kind: string, value: string | null | undefined) => {
    if (!value) return;
    const values = secrets.get(kind) ?? new Set<string>();
    values.add(value);
    secrets.set(kind, values);
  };
  for (const headers of f.headers()) {
    const bearer = headers['x-amz-bearer'] ?? headers['X-Amz-Bearer'];
    note(bearer === f.contact.ParticipantToken ? 'participant token' : 'connection token', bearer);
  }
  for (const url of socketUrls) note('socket URL token', new URL(url).searchParams.get('token'));
  for (const url of transferUrls) {
    const query = new URL(url).searchParams;
    note('presigned URL signature', query.get('X-Emu-Signature') ?? query.get('sig'));
  }
  return secrets;
}

/** Runs the whole chat; returns every error the app was handed. */
async function runChat(
  f: CompatFixture,
  session: LegacyChatSession & { disconnectParticipant(): Promise<unknown> },
): Promise<unknown[]> {
  const errors: unknown[] = [];
  const failure = async (what: string, call: () => Promise<unknown>) => {
    const error = await call().then(
      () => `${what} did not fail`,
      (caught: unknown) => caught,
    );
    expect(error).not.toEqual(`${what} did not fail`);
    errors.push(error);
  };
  const messages: string[] = [];
  let established = 0;
  let lost = 0;
  let ended = 0;
  session.onMessage(({ data }) => messages.push(data.Id ?? ''));
  session.onConnectionEstablished(() => {
    established += 1;
  });
  session.onConnectionLost(() => {
    lost += 1;
  });
  session.onEnded(() => {
    ended += 1;
  });

  await connectFully(session);
  await session.sendMessage({ message: 'hello', contentType: 'text/plain' });
  const reply = f.agentSays('hi there');
  await until(() => expect(messages).toContain(reply));
  await session.sendEvent({ contentType: event('typing') });
  f.emulator.sendTyping(f.contact.ContactId, f.agent.ParticipantId);

  // Receipts: delivered, then read, through ChatJS's two stages (a 300 ms hold, then the 5 s window).
  const delivered = session.sendEvent({
    contentType: event('message.delivered'),
    content: JSON.stringify({ messageId: reply }),
  });
  f.advance(5_300);
  await delivered;
  const read = session.sendEvent({
    contentType: event('message.read'),
    content: JSON.stringify({ messageId: reply }),
  });
  f.advance(5_000);
  await read;

  // An attachment up and down, and transcript pages.
  await session.sendAttachment({ attachment: new File(['a,b\n1,2\n'], 'rows.csv', { type: 'text/csv' }) });
  const items = f.emulator.getContactState(f.contact.ContactId).Items;
  const attachmentId =
    items.find((item) => item.Type === 'ATTACHMENT')?.Attachments?.[0]?.AttachmentId ?? 'none';
  await session.getAttachmentURL({ attachmentId });
  await session.downloadAttachment({ attachmentId });
  await session.getTranscript({ maxResults: 2 });
  await session.getTranscript({ scanDirection: 'FORWARD', sortOrder: 'DESCENDING' });

  // Errors on purpose: the service's and local ones.
  await failure('describeView', () => session.describeView({ viewToken: 'no-such-view' }));
  await failure('getAttachmentURL', () => session.getAttachmentURL({ attachmentId: 'no-such-attachment' }));
  await failure('sendMessage', () => session.sendMessage({ message: '', contentType: 'text/plain' }));

  // The socket drops and comes back.
  f.emulator.addFault({
    match: { participantId: f.contact.ParticipantId },
    action: { type: 'close', code: 1006 },
  });
  await until(() => expect(lost).toBe(1));
  const missed = f.agentSays('while you were away');
  f.advance(1_000);
  await until(() => expect(established).toBe(2));
  await until(() => expect(messages).toContain(missed));

  // The connection token expires early: the 403 brings a new one.
  f.emulator.addFault({ action: { type: 'expireConnectionTokens', participantId: f.contact.ParticipantId } });
  await session.sendMessage({ message: 'after the refresh', contentType: 'text/plain' });

  // The end, and a call after it.
  await session.disconnectParticipant();
  await until(() => expect(ended).toBe(1));
  await failure('sendMessage after the end', () =>
    session.sendMessage({ message: 'late', contentType: 'text/plain' }),
  );
  return errors;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('compat: no token in any log line or error', () => {
  it.each([
    ['the default logger (the console ChatJS writes to)', 'default'],
    ['a customized logger', 'custom'],
  ] as const)('a whole chat logged at DEBUG through %s', async (_name, kind) => {
    const output = new Output();
    for (const method of consoleMethods)
      vi.spyOn(console, method).mockImplementation((...values: unknown[]) =>
        output.add(`global console.${method}`, ...values),
      );
    const sockets = captureSockets();
    const transferUrls: string[] = [];
    await using f = await compatFixture({
      runtime: {
        WebSocket: sockets.WebSocket,
        attachmentTransfer: watchedTransfer(transferUrls),
        console: output.sink('chatjs console'),
      },
    });
    f.ChatSession.setGlobalConfig({
      region: 'us-west-2',
      loggerConfig:
        kind === 'default'
          ? { useDefaultLogger: true, level: debug }
          : { customizedLogger: output.sink('customized logger'), level: debug, advancedLogWriter: 'debug' },
    });
    f.ChatSession.Logger.info('the app logs through ChatJS too');
    const session = f.customer();
    const errors = await runChat(f, session);
    for (const error of errors) output.add('error handed to the app', error);

    const logSource = kind === 'default' ? 'chatjs console' : 'customized logger';
    expect(output.count(`${logSource}.debug`), 'DEBUG lines').toBeGreaterThan(5);
    expect(output.count(`${logSource}.info`), 'INFO lines').toBeGreaterThan(0);
    expect(output.count('error handed to the app')).toBe(4);
    const everything = output.text();
    expect(everything).toContain(f.contact.ContactId);
    const secrets = secretsOf(f, sockets.urls, transferUrls);
    expect(secrets.get('participant token')?.size).toBe(1);
    expect(secrets.get('connection token')?.size ?? 0).toBeGreaterThanOrEqual(2);
    expect(secrets.get('socket URL token')?.size ?? 0).toBeGreaterThanOrEqual(2);
    expect(secrets.get('presigned URL signature')?.size ?? 0).toBeGreaterThanOrEqual(2);
    const leaked = [...secrets.entries()].flatMap(([secretKind, values]) =>
      [...values].filter((value) => everything.includes(value)).map(() => secretKind),
    );
    expect(leaked, 'secrets found in the output').toEqual([]);
    expect(everything).not.toMatch(/X-Emu-Signature=|[?&]sig=|[?&]token=/);
  });
});

describe('compat entries: nothing global but connect.*', () => {
  const host = globalThis as Record<string, unknown>;
  afterEach(() => {
    delete host.connect;
    delete host.self;
  });

  it('the module entry adds nothing global, even where a global object exists', async () => {
    host.self = globalThis;
    globalShape();
    vi.resetModules();
    const before = globalShape();
    const entry = await import('../../src/module');
    expect(changes(before, globalShape())).toEqual([]);
    expect(typeof entry.ChatSession.create).toBe('function');
  });

  it('the side-effect entry adds connect with its four members and nothing else', async () => {
    // In Node there is no global object for it to install on (NODE-01); the browser's `self` is stood in for by the
    // global object itself, which is what `self` is in a browser.
    host.self = globalThis;
    globalShape();
    vi.resetModules();
    const before = globalShape();
    const entry = await import('../../src/index');
    expect(changes(before, globalShape())).toEqual(['added globalThis.connect']);
    const installed = host.connect as Record<string, unknown>;
    expect(Object.keys(installed).sort()).toEqual(['ChatJS', 'ChatSession', 'LogLevel', 'csmService']);
    expect(installed.ChatSession).toBe(entry.ChatSession);
  });

  it("the side-effect entry keeps a connect StreamsJS put there, and each of its members, adding only what's absent", async () => {
    host.self = globalThis;
    const streamsLogLevel = { TRACE: 0 };
    const streamsCore = { getWebSocketManager: () => undefined };
    const existing: Record<string, unknown> = { LogLevel: streamsLogLevel, core: streamsCore };
    host.connect = existing;
    globalShape();
    vi.resetModules();
    const before = globalShape();
    const entry = await import('../../src/index');
    expect(changes(before, globalShape())).toEqual([]);
    expect(host.connect).toBe(existing);
    expect(existing.LogLevel).toBe(streamsLogLevel);
    expect(existing.core).toBe(streamsCore);
    expect(Object.keys(existing).sort()).toEqual(['ChatJS', 'ChatSession', 'LogLevel', 'core', 'csmService']);
    expect(existing.ChatSession).toBe(entry.ChatSession);
  });
});
