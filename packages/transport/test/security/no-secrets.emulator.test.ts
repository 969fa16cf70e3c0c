// No token anywhere a human or a log pipeline could read it. A whole chat runs against the emulator (connect,
// messages both ways, typing, receipts, an attachment up and down, transcript pages, a dropped socket whose first
// reconnection is refused, a connection token expired early and refreshed on the 403, errors on purpose, the end)
// with every logger at its most verbose: the core session loggers, the fetch adapters' loggers, an XState inspector,
// the emulator's own log, and the console. Then every line, every event payload, every diagnostics() and snapshot
// taken along the way and every error (message, stack and cause) is searched for every secret the run handled:
// participant tokens, every connection token issued, the socket URLs' tokens and the presigned URLs' signatures.
import { inspect as inspectValue } from 'node:util';
import {
  type ChatSessionEventMap,
  type ConnectionLogger,
  EventContentType,
  type ParticipantApi,
} from '@connect-chat/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFetchParticipantApi } from '../../src';
import { createAwsSdkParticipantApi, createParticipantClient } from '../../src/aws-sdk';
import { type AdapterFactory, type SecurityChat, securityChat } from './security-fixture';

/** Everything written anywhere during a run, rendered as text. */
class Output {
  readonly lines: string[] = [];
  readonly sources = new Map<string, number>();

  add(source: string, ...values: unknown[]): void {
    this.sources.set(source, (this.sources.get(source) ?? 0) + 1);
    this.lines.push(`${source}: ${values.map(render).join(' ')}`);
  }

  /** A logger of the shape core and the adapters take. */
  logger(source: string): ConnectionLogger {
    return {
      debug: (message, details) => this.add(`${source}.debug`, message, details),
      info: (message, details) => this.add(`${source}.info`, message, details),
      warn: (message, details) => this.add(`${source}.warn`, message, details),
      error: (message, details) => this.add(`${source}.error`, message, details),
    };
  }

  text(): string {
    return this.lines.join('\n');
  }
}

/** JSON where it can (errors with message, stack and cause); `util.inspect` for what JSON cannot hold. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return (
      JSON.stringify(value, (_key, member: unknown) =>
        member instanceof Error
          ? {
              ...member,
              name: member.name,
              message: member.message,
              stack: member.stack,
              cause: member.cause,
            }
          : typeof member === 'bigint'
            ? String(member)
            : member,
      ) ?? String(value)
    );
  } catch {
    return inspectValue(value, { depth: 8, breakLength: Number.POSITIVE_INFINITY });
  }
}

/** The secrets a run handled, learnt from what the participant API sent and received. */
class Secrets {
  readonly values = new Set<string>();
  /** The distinct values of each kind. */
  readonly kinds = new Map<string, Set<string>>();

  note(kind: string, value: unknown): void {
    if (typeof value !== 'string' || value.length === 0) return;
    this.values.add(value);
    const distinct = this.kinds.get(kind) ?? new Set<string>();
    distinct.add(value);
    this.kinds.set(kind, distinct);
  }

  /** How many distinct values of `kind` the run handled. */
  count(kind: string): number {
    return this.kinds.get(kind)?.size ?? 0;
  }

  /** Every query value of a URL (socket tokens, presigned signatures and expiries' companions). */
  noteQuery(kind: string, url: unknown): void {
    if (typeof url !== 'string') return;
    const query = new URL(url).search;
    this.note(`${kind} query`, query.slice(1));
    for (const [name, value] of new URL(url).searchParams)
      if (/token|sig/i.test(name)) this.note(`${kind} ${name}`, value);
  }

  /** Wraps an adapter so every token and URL it carries is noted. */
  watch(api: ParticipantApi): ParticipantApi {
    const watched: Record<string, unknown> = {};
    for (const [name, method] of Object.entries(api)) {
      watched[name] = async (input: Record<string, unknown>, options?: unknown) => {
        this.note('participant token', input.ParticipantToken);
        this.note('connection token', input.ConnectionToken);
        const output = (await (method as (input: unknown, options: unknown) => Promise<unknown>)(
          input,
          options,
        )) as Record<string, { Url?: string; ConnectionToken?: string } | string | undefined>;
        const socket = output.Websocket as { Url?: string } | undefined;
        this.noteQuery('socket URL', socket?.Url);
        this.note(
          'connection token',
          (output.ConnectionCredentials as { ConnectionToken?: string })?.ConnectionToken,
        );
        this.noteQuery('upload URL', (output.UploadMetadata as { Url?: string } | undefined)?.Url);
        this.noteQuery('download URL', output.Url);
        return output;
      };
    }
    return watched as unknown as ParticipantApi;
  }
}

const consoleMethods = ['debug', 'info', 'log', 'warn', 'error', 'trace'] as const;

afterEach(() => {
  vi.restoreAllMocks();
});

/** Captures everything the console is asked to print. */
function captureConsole(output: Output): void {
  for (const method of consoleMethods)
    vi.spyOn(console, method).mockImplementation((...values: unknown[]) =>
      output.add(`console.${method}`, ...values),
    );
}

const recordedEvents: (keyof ChatSessionEventMap)[] = [
  'item',
  'message',
  'attachment',
  'attachmentStatus',
  'typing',
  'readReceipt',
  'deliveredReceipt',
  'chatEnded',
  'status',
  'deepHeartbeat',
  'historyLoaded',
  'gapFilled',
  'receiptSent',
  'error',
];

/** Runs the whole chat, writing every view of it to `output`. */
async function runChat(chat: SecurityChat, output: Output): Promise<void> {
  const { customer, agent, emulator, contact } = chat;
  const views = (step: string) => {
    for (const side of [customer, agent]) {
      output.add(`${step} diagnostics`, side.session.diagnostics());
      output.add(`${step} connection diagnostics`, side.session.connection.diagnostics());
      output.add(`${step} snapshot`, side.session.getSnapshot());
      output.add(`${step} chat details`, side.session.getChatDetails());
    }
  };
  const failure = async (what: string, call: () => Promise<unknown>) => {
    const error = await call().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error, `${what} should have failed`).toBeInstanceOf(Error);
    output.add(`error from ${what}`, error, (error as Error).message, (error as Error).stack);
  };
  for (const side of [customer, agent])
    for (const type of recordedEvents) side.session.on(type, (event) => output.add(`event ${type}`, event));

  await chat.connectBoth();
  views('connected');
  await chat.exchange('hello');

  await customer.session.sendTyping();
  await agent.session.sendTyping();
  await vi.waitFor(() => expect(output.sources.get('event typing') ?? 0).toBeGreaterThanOrEqual(2));

  // Receipts: delivered after the hold, read through the throttle window.
  const toRead = await agent.session.sendMessage('please read');
  await vi.waitFor(() =>
    expect(customer.session.transcript.some((entry) => entry.id === toRead.id)).toBe(true),
  );
  customer.session.markAsRead(toRead.id);
  chat.clock.increment(300);
  chat.clock.increment(5_000);
  await vi.waitFor(() =>
    expect(agent.session.transcript.find((entry) => entry.id === toRead.id)?.status).toBe('read'),
  );

  // An attachment up, its URL, and its bytes down.
  const bytes = new Uint8Array(64).fill(9);
  const sent = await customer.session.sendAttachment({
    name: 'photo.png',
    contentType: 'image/png',
    body: bytes,
  });
  await agent.session.getAttachmentUrl(sent.attachmentId, { expiresInSeconds: 60 });
  const blob = await agent.session.downloadAttachment(sent.attachmentId);
  expect(blob.size).toBe(bytes.length);

  // Transcript pages.
  await customer.session.getTranscript({ maxResults: 3, sortOrder: 'ASCENDING' });
  for await (const page of customer.session.transcriptPages({ maxResults: 4 }))
    output.add('page', page.items.length);
  views('chatting');

  // Errors on purpose: the service's, a local validation, a missing attachment.
  await failure('describeView', () => customer.session.describeView('no-such-view'));
  await failure('getAttachmentUrl', () => customer.session.getAttachmentUrl('no-such-attachment'));
  await failure('sendMessage', () => customer.session.sendMessage(''));
  await failure('sendEvent', () => customer.session.sendEvent({ contentType: EventContentType.messageRead }));

  // The socket drops; the first reconnection's upgrade is refused; the next one gets through and fills the gap.
  emulator.addFault({
    match: { participantId: customer.participantId },
    action: { type: 'rejectUpgrades' },
    times: 1,
  });
  emulator.addFault({ match: { participantId: customer.participantId }, action: { type: 'drop' } });
  await chat.untilStatus(customer, 'reconnecting');
  const missed = await agent.session.sendMessage('while you were away');
  await chat.fireRetry(customer);
  const refused = () =>
    chat.activity().filter((entry) => entry.kind === 'socket' && entry.event === 'rejected').length;
  await vi.waitFor(() => expect(refused()).toBe(1));
  await chat.fireRetry(customer);
  await chat.untilStatus(customer, 'connected');
  await vi.waitFor(() =>
    expect(customer.session.transcript.some((entry) => entry.id === missed.id)).toBe(true),
  );
  views('reconnected');

  // The connection token expires early: the 403 brings a new one and the send goes through once.
  emulator.addFault({ action: { type: 'expireConnectionTokens', participantId: customer.participantId } });
  await customer.session.sendMessage('after the refresh');
  views('refreshed');

  // The end: the customer leaves, the service ends the chat, and calls after it fail.
  await customer.session.disconnect();
  await chat.untilStatus(customer, 'ended');
  await chat.untilStatus(agent, 'ended');
  await failure('sendMessage after the end', () => customer.session.sendMessage('too late'));
  await failure('getTranscript after the end', () => customer.session.getTranscript());
  views('ended');
  output.add('emulator state', emulator.getContactState(contact.ContactId));
}

/** Asserts that no secret appears anywhere in the output, and that the output is worth searching. */
function expectNoSecret(output: Output, secrets: Secrets): void {
  const everything = output.text();
  // The run is over: the console goes back to printing, for the figures below.
  vi.restoreAllMocks();
  // The run handled every kind of secret more than once (tokens were refreshed, URLs renewed).
  console.info(
    `no-secrets: searched ${everything.length} characters from ${output.lines.length} writes for ${secrets.values.size} secrets (${[...secrets.kinds].map(([kind, values]) => `${values.size} ${kind}`).join(', ')})`,
  );
  expect(secrets.count('participant token')).toBe(2);
  expect(secrets.count('connection token')).toBeGreaterThanOrEqual(3);
  expect(secrets.count('socket URL token')).toBeGreaterThanOrEqual(3);
  expect(secrets.count('upload URL X-Emu-Signature')).toBe(1);
  expect(secrets.count('download URL sig')).toBeGreaterThanOrEqual(2);
  for (const secret of secrets.values) expect(secret.length).toBeGreaterThan(8);
  const leaked = [...secrets.values].filter((secret) => everything.includes(secret));
  expect(leaked, 'secrets found in the output').toEqual([]);
  expect(everything).not.toMatch(/X-Emu-Signature=|[?&]sig=|[?&]token=/);
}

const customerAdapters: [string, AdapterFactory | undefined][] = [
  ['the fetch adapter', undefined],
  [
    'the AWS SDK adapter',
    (endpoint) => createAwsSdkParticipantApi({ endpoint, region: 'us-west-2', maxAttempts: 1 }),
  ],
];

describe('no token in any log, event, diagnostics or error', () => {
  for (const [adapterName, adapter] of customerAdapters) {
    it(`a whole chat with the customer on ${adapterName}, every logger at its most verbose`, async () => {
      const output = new Output();
      const secrets = new Secrets();
      captureConsole(output);
      const fetchWithLogger =
        (source: string): AdapterFactory =>
        (endpoint) =>
          createFetchParticipantApi({ endpoint, maxAttempts: 1, logger: output.logger(source) });
      await using chat = await securityChat({
        emulator: { log: (line) => output.add('emulator', line) },
        customerAdapter: (endpoint) =>
          secrets.watch((adapter ?? fetchWithLogger('customer adapter'))(endpoint)),
        agentAdapter: (endpoint) => secrets.watch(fetchWithLogger('agent adapter')(endpoint)),
        customer: {
          logger: output.logger('customer session'),
          inspect: (event) => output.add('customer inspector', event.type, event),
        },
        agent: { logger: output.logger('agent session') },
      });
      await runChat(chat, output);
      for (const url of [...chat.customer.capture.urls, ...chat.agent.capture.urls])
        secrets.noteQuery('socket URL', url);

      // Every source spoke: the loggers, the inspector, the emulator, the events, the views and the errors.
      for (const source of [
        'customer session.info',
        'agent session.info',
        'customer inspector',
        'emulator',
        'event status',
        'event gapFilled',
        'ended diagnostics',
        'error from describeView',
      ])
        expect(output.sources.get(source) ?? 0, source).toBeGreaterThan(0);
      if (!adapter) expect(output.sources.get('customer adapter.debug') ?? 0).toBeGreaterThan(0);
      expect(output.sources.get('agent adapter.debug') ?? 0).toBeGreaterThan(0);
      expect(output.text()).toContain(chat.contact.ContactId);
      expectNoSecret(output, secrets);
    });
  }
});

describe('no token in logs: a logger on the AWS SDK client', () => {
  // An app that wants the SDK's calls logged gives the ConnectParticipantClient a `logger`; the SDK's logger
  // middleware then writes each command's input and output, and the Participant Service model marks none of
  // ParticipantToken, ConnectionToken or Websocket.Url sensitive, so the adapter redacts them for the log.
  it('a logger on the AWS SDK client never sees a token', async () => {
    const output = new Output();
    const secrets = new Secrets();
    await using chat = await securityChat({
      customerAdapter: (endpoint) => {
        const client = createParticipantClient({ endpoint, region: 'us-west-2', maxAttempts: 1 });
        (client.config as { logger: unknown }).logger = {
          ...output.logger('sdk client'),
          trace: (...values: unknown[]) => output.add('sdk client.trace', ...values),
        };
        return secrets.watch(createAwsSdkParticipantApi({ client }));
      },
    });
    await chat.connectBoth();
    await chat.exchange('over the SDK');
    for (const url of chat.customer.capture.urls) secrets.noteQuery('socket URL', url);
    expect(output.sources.get('sdk client.info') ?? 0).toBeGreaterThan(0);
    const everything = output.text();
    expect([...secrets.values].filter((secret) => everything.includes(secret))).toEqual([]);
  });
});
