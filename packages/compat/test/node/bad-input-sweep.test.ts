// Bad input to `connect.ChatSession.create` and to every session method, table by table, against the emulator.
// Each row expects the shape ChatJS documents (legacy-chatjs.md §5.3): its own argument checks throw at once
// (`IllegalArgumentException`, `ValueError`, `SyntaxError`); what the service would refuse rejects with the plain
// `{ type: 'ValidationException', message, stack, statusCode, metadata }` object (with the caller's metadata); a
// call before connect() or after the chat ended rejects with the plain string "Failed to call <method>, No active
// connection". In every case nothing reaches the wire, and the session still chats afterwards: its message reaches
// the service and the agent's reply reaches onMessage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LegacyChatSession } from '../../src/legacy.types';
import { IllegalArgumentException, noActiveConnection, ValueError } from '../../src/legacy-errors';
import { subscriptionMethods } from '../../src/legacy-session';
import { type CompatFixture, compatFixture, connectFully, until } from './compat-fixture';

type Session = LegacyChatSession & { disconnectParticipant(): Promise<unknown> };
type Method = (session: Session) => unknown;

/** What a row expects. */
type Expected =
  | { kind: 'throws'; error: new (...args: never[]) => Error; message: RegExp }
  | { kind: 'rejects'; type: string; message: RegExp; statusCode?: number; metadata: unknown }
  | { kind: 'noActiveConnection'; method: string };

interface Row {
  name: string;
  run: Method;
  expected: Expected;
}

const event = (suffix: string) => `application/vnd.amazonaws.connect.event.${suffix}`;
const text = (length: number) => 'x'.repeat(length);
const sessionId = 'b'.repeat(36);
const file = (parts: BlobPart[], name: string, type: string) => new File(parts, name, { type });
const any = (value: unknown) => value as never;
const call = (session: Session, method: string, ...args: unknown[]) =>
  (session as unknown as Record<string, (...values: unknown[]) => unknown>)[method]?.(...args);

const throws = (error: new (...args: never[]) => Error, message: RegExp): Expected => ({
  kind: 'throws',
  error,
  message,
});
/** What the service answers input it refuses: a 400 ValidationException, with the caller's metadata (or null). */
const validation = (metadata: unknown = null): Expected => ({
  kind: 'rejects',
  type: 'ValidationException',
  message: /^unable to /,
  statusCode: 400,
  metadata,
});
/** ChatJS reads a member of an argument that is not there: the engine's TypeError, thrown at once. */
const missing = (member: string): Expected =>
  throws(TypeError, new RegExp(`^Cannot read properties of (undefined|null) \\(reading '${member}'\\)$`));
const row = (name: string, run: Method, expected: Expected = validation()): Row => ({ name, run, expected });

/** Bad calls on a connected customer session. */
const connectedRows: Row[] = [
  // sendMessage: ChatJS's own checks throw; the service's rules reject.
  row('sendMessage()', (s) => s.sendMessage(any(undefined)), missing('metadata')),
  row('sendMessage(null)', (s) => s.sendMessage(any(null)), missing('metadata')),
  row(
    "sendMessage('hello')",
    (s) => s.sendMessage(any('hello')),
    throws(IllegalArgumentException, /^undefinedis not a valid message$/),
  ),
  row(
    'sendMessage({ message: 42 })',
    (s) => s.sendMessage(any({ message: 42, contentType: 'text/plain' })),
    throws(IllegalArgumentException, /^42is not a valid message$/),
  ),
  row(
    'sendMessage without contentType',
    (s) => s.sendMessage(any({ message: 'x' })),
    throws(IllegalArgumentException, /contentType passed \(undefined\) is not valid/),
  ),
  row(
    "sendMessage({ contentType: 'text/html' })",
    (s) => s.sendMessage(any({ message: 'x', contentType: 'text/html' })),
    throws(IllegalArgumentException, /contentType passed \(text\/html\)/),
  ),
  row(
    'sendMessage(an empty message)',
    (s) => s.sendMessage({ message: '', contentType: 'text/plain', metadata: 'M' }),
    validation('M'),
  ),
  row('sendMessage(1025 characters)', (s) =>
    s.sendMessage({ message: text(1025), contentType: 'text/plain' }),
  ),
  row('sendMessage(text/csv, a ChatJS type SendMessage refuses)', (s) =>
    s.sendMessage({ message: 'a,b', contentType: 'text/csv' }),
  ),
  row('sendMessage(an event content type)', (s) =>
    s.sendMessage({ message: 'x', contentType: event('typing') }),
  ),
  row('sendMessage(application/json that is not JSON)', (s) =>
    s.sendMessage({ message: '{', contentType: 'application/json' }),
  ),
  row('sendMessage({ clientToken: 501 characters })', (s) =>
    s.sendMessage(any({ message: 'x', contentType: 'text/plain', clientToken: text(501) })),
  ),
  row('sendMessage({ clientToken: 42 })', (s) =>
    s.sendMessage(any({ message: 'x', contentType: 'text/plain', clientToken: 42 })),
  ),
  // sendEvent
  row('sendEvent()', (s) => s.sendEvent(any(undefined)), missing('metadata')),
  row(
    'sendEvent({})',
    (s) => s.sendEvent(any({})),
    throws(IllegalArgumentException, /contentType passed \(undefined\)/),
  ),
  row(
    "sendEvent({ contentType: 'nope' })",
    (s) => s.sendEvent({ contentType: 'nope' }),
    throws(IllegalArgumentException, /contentType passed \(nope\)/),
  ),
  row(
    'sendEvent(content that is not JSON)',
    (s) => s.sendEvent({ contentType: event('typing'), content: '{oops' }),
    throws(SyntaxError, /JSON/),
  ),
  row(
    'sendEvent(participant.joined, received only)',
    (s) => s.sendEvent({ contentType: event('participant.joined'), metadata: { m: 1 } } as never),
    validation({ m: 1 }),
  ),
  row('sendEvent(chat.ended, received only)', (s) => s.sendEvent({ contentType: event('chat.ended') })),
  row('sendEvent(typing, content 42)', (s) =>
    s.sendEvent(any({ contentType: event('typing'), content: 42 })),
  ),
  row('sendEvent(typing, content of 16387 characters)', (s) =>
    s.sendEvent({ contentType: event('typing'), content: JSON.stringify(text(16_385)) }),
  ),
  // ChatJS reads the receipt's messageId off the parsed content: no content, no object to read it from.
  row(
    'sendEvent(a read receipt without content)',
    (s) => s.sendEvent({ contentType: event('message.read') }),
    missing('messageId'),
  ),
  // getTranscript
  row(
    'getTranscript({ maxResults: 500 })',
    (s) => s.getTranscript({ maxResults: 500, metadata: 'page' } as never),
    validation('page'),
  ),
  row('getTranscript({ maxResults: -1 })', (s) => s.getTranscript({ maxResults: -1 })),
  row('getTranscript({ maxResults: 1.5 })', (s) => s.getTranscript({ maxResults: 1.5 })),
  row("getTranscript({ maxResults: 'ten' })", (s) => s.getTranscript(any({ maxResults: 'ten' }))),
  row("getTranscript({ scanDirection: 'SIDEWAYS' })", (s) =>
    s.getTranscript(any({ scanDirection: 'SIDEWAYS' })),
  ),
  row("getTranscript({ sortOrder: 'UP' })", (s) => s.getTranscript(any({ sortOrder: 'UP' }))),
  row('getTranscript({ startPosition: id and mostRecent })', (s) =>
    s.getTranscript({ startPosition: { id: 'a', mostRecent: 1 } }),
  ),
  row('getTranscript({ startPosition: { mostRecent: 500 } })', (s) =>
    s.getTranscript({ startPosition: { mostRecent: 500 } }),
  ),
  row('getTranscript({ startPosition: { absoluteTime: 5 } })', (s) =>
    s.getTranscript(any({ startPosition: { absoluteTime: 5 } })),
  ),
  row('getTranscript({ nextToken: 42 })', (s) => s.getTranscript(any({ nextToken: 42 }))),
  row('getTranscript({ nextToken: 1001 characters })', (s) => s.getTranscript({ nextToken: text(1001) })),
  row('getTranscript({ contactId: 42 })', (s) => s.getTranscript(any({ contactId: 42 }))),
  // sendAttachment: what ChatJS would send and the service refuse is refused before uploading.
  row('sendAttachment()', (s) => s.sendAttachment(any(undefined)), missing('metadata')),
  row('sendAttachment({}) without an attachment', (s) => s.sendAttachment(any({})), missing('type')),
  row(
    "sendAttachment({ attachment: 'file.png' })",
    (s) => s.sendAttachment(any({ attachment: 'file.png', metadata: 'file' })),
    validation('file'),
  ),
  row('sendAttachment({ attachment: 42 })', (s) => s.sendAttachment(any({ attachment: 42 }))),
  row('sendAttachment(a disallowed type)', (s) =>
    s.sendAttachment({ attachment: file(['MZ'], 'tool.exe', 'application/x-msdownload') }),
  ),
  row('sendAttachment(an empty file)', (s) =>
    s.sendAttachment({ attachment: file([], 'empty.txt', 'text/plain') }),
  ),
  row('sendAttachment(a file without a name)', (s) =>
    s.sendAttachment({ attachment: file(['x'], '', 'text/plain') }),
  ),
  row('sendAttachment(a file of 20 MB + 1 byte)', (s) =>
    s.sendAttachment({
      attachment: file([new Uint8Array(20 * 1024 * 1024 + 1)], 'big.png', 'image/png'),
    }),
  ),
  row('sendAttachment(a 257-character name)', (s) =>
    s.sendAttachment({ attachment: file(['x'], `${text(253)}.txt`, 'text/plain') }),
  ),
  // Attachments by id.
  row('downloadAttachment()', (s) => s.downloadAttachment(any(undefined)), missing('metadata')),
  row("downloadAttachment({ attachmentId: '' })", (s) => s.downloadAttachment({ attachmentId: '' })),
  row('downloadAttachment({ attachmentId: 42 })', (s) => s.downloadAttachment(any({ attachmentId: 42 }))),
  row('getAttachmentURL({})', (s) => s.getAttachmentURL(any({ metadata: 'url' })), validation('url')),
  row('getAttachmentURL({ attachmentId: 257 characters })', (s) =>
    s.getAttachmentURL({ attachmentId: text(257) }),
  ),
  // Views and authentication.
  row('describeView()', (s) => s.describeView(any(undefined)), missing('metadata')),
  // The SDK ChatJS bundles refuses to build a request with an empty path label: its own error, not the service's.
  row("describeView({ viewToken: '' })", (s) => s.describeView({ viewToken: '', metadata: 'v' } as never), {
    kind: 'rejects',
    type: 'Error',
    message: /Empty value provided for input HTTP label: ViewToken/,
    metadata: 'v',
  }),
  row('describeView({ viewToken: 1001 characters })', (s) => s.describeView({ viewToken: text(1001) })),
  row('getAuthenticationUrl({})', (s) => s.getAuthenticationUrl(any({}))),
  row('getAuthenticationUrl({ sessionId: too short })', (s) =>
    s.getAuthenticationUrl({ sessionId: 'short', redirectUri: 'https://example.com' }),
  ),
  row("getAuthenticationUrl({ redirectUri: '' })", (s) =>
    s.getAuthenticationUrl({ sessionId, redirectUri: '' }),
  ),
  row('cancelParticipantAuthentication({})', (s) => s.cancelParticipantAuthentication(any({}))),
  row("cancelParticipantAuthentication({ sessionId: 'x' })", (s) =>
    s.cancelParticipantAuthentication({ sessionId: 'x' }),
  ),
  // Every on* method refuses what is not a function, as ChatJS does.
  ...Object.keys(subscriptionMethods).flatMap((name) => [
    row(
      `${name}('callback')`,
      (s) => call(s, name, 'callback'),
      throws(ValueError, /^f must be a function$/),
    ),
    row(`${name}()`, (s) => call(s, name, undefined), throws(ValueError, /^f must be provided$/)),
  ]),
];

/** How a call ended. */
async function outcomeOf(
  run: () => unknown,
): Promise<{ threw?: unknown; rejected?: unknown; returned?: unknown }> {
  let value: unknown;
  try {
    value = run();
  } catch (error) {
    return { threw: error };
  }
  try {
    return { returned: await value };
  } catch (error) {
    return { rejected: error };
  }
}

/** Checks the row's documented shape. */
async function expectShape(run: () => unknown, expected: Expected): Promise<void> {
  const outcome = await outcomeOf(run);
  switch (expected.kind) {
    case 'throws':
      expect(outcome.threw, 'it should throw at once').toBeInstanceOf(expected.error);
      expect((outcome.threw as Error).message).toMatch(expected.message);
      return;
    case 'rejects': {
      expect(outcome.threw, 'it should reject, not throw').toBeUndefined();
      const failure = outcome.rejected as Record<string, unknown>;
      expect(failure).toMatchObject({
        type: expected.type,
        message: expect.stringMatching(expected.message),
        metadata: expected.metadata,
      });
      if (expected.statusCode !== undefined) expect(failure.statusCode).toBe(expected.statusCode);
      // A plain object, as ChatJS rejects with, its stack as lines.
      expect(failure).not.toBeInstanceOf(Error);
      expect(Array.isArray(failure.stack)).toBe(true);
      return;
    }
    case 'noActiveConnection':
      expect(outcome.threw, 'it should reject, not throw').toBeUndefined();
      expect(outcome.rejected).toBe(noActiveConnection(expected.method));
      return;
  }
}

/** Requests the sessions sent: the emulator's log of the contact, and the bodies seen by the injected fetch. */
function wire(f: CompatFixture): { http: number; bodies: number } {
  const http = f.emulator
    .getContactState(f.contact.ContactId)
    .Log.filter((entry) => entry.kind === 'http').length;
  const bodies = ['message', 'event', 'transcript', 'start-attachment-upload', 'attachment', 'connection']
    .map((path) => f.bodies(`/participant/${path}`).length)
    .reduce((sum, count) => sum + count, 0);
  return { http, bodies };
}

/** The session still chats: its message is stored by the service, and the agent's reply reaches onMessage. */
async function expectChatting(
  f: CompatFixture,
  session: Session,
  messages: Record<string, unknown>[],
  label: string,
): Promise<void> {
  const sent = (await session.sendMessage({ message: `${label}: customer`, contentType: 'text/plain' })) as {
    data: { Id: string };
  };
  expect(f.emulator.getContactState(f.contact.ContactId).Items.map((item) => item.Id)).toContain(
    sent.data.Id,
  );
  const replyId = f.agentSays(`${label}: agent`);
  await until(() =>
    expect(messages.map((payload) => (payload.data as { Id?: string }).Id)).toContain(replyId),
  );
}

describe('compat bad input: a connected customer session', () => {
  let f: CompatFixture;
  let session: Session;
  const messages: Record<string, unknown>[] = [];
  beforeAll(async () => {
    f = await compatFixture();
    session = f.customer();
    session.onMessage((payload) => messages.push(payload as unknown as Record<string, unknown>));
    await connectFully(session);
    // The history fetched on connect is on the wire before the first row looks.
    await until(() => expect(f.requests('GetTranscript')).toHaveLength(1));
  });
  afterAll(() => f[Symbol.asyncDispose]());

  for (const bad of connectedRows) {
    it(`${bad.name} → ${bad.expected.kind}; nothing sent; still chatting`, async () => {
      const before = wire(f);
      await expectShape(() => bad.run(session), bad.expected);
      expect(wire(f)).toEqual(before);
      await expectChatting(f, session, messages, bad.name);
      // Exactly the two messages of the check went out.
      const after = wire(f);
      expect(after.bodies - before.bodies).toBe(1);
    });
  }
});

/** Calls ChatJS guards with the "No active connection" check, each valid in itself. */
const guardedRows: [method: string, run: Method][] = [
  ['sendMessage', (s) => s.sendMessage({ message: 'hi', contentType: 'text/plain' })],
  ['sendEvent', (s) => s.sendEvent({ contentType: event('typing') })],
  ['getTranscript', (s) => s.getTranscript({})],
  ['sendAttachment', (s) => s.sendAttachment({ attachment: file(['a,b'], 'rows.csv', 'text/csv') })],
  ['downloadAttachment', (s) => s.downloadAttachment({ attachmentId: 'att-1' })],
  ['getAttachmentURL', (s) => s.getAttachmentURL({ attachmentId: 'att-1' })],
  ['disconnectParticipant', (s) => s.disconnectParticipant()],
];

describe('compat bad input: calls before connect()', () => {
  const beforeConnect: Row[] = [
    ...guardedRows.map(([method, run]) => row(method, run, { kind: 'noActiveConnection', method })),
    // ChatJS has no connection check on these: they read the connection helper, which is not there yet.
    ...(['describeView', 'getAuthenticationUrl', 'cancelParticipantAuthentication'] as const).map((method) =>
      row(
        method,
        (s) => call(s, method, { viewToken: 'v', sessionId, redirectUri: 'https://example.com' }),
        throws(TypeError, /^Cannot read properties of undefined/),
      ),
    ),
    // ChatJS checks the connection before the arguments.
    row('sendMessage({}) with bad arguments', (s) => s.sendMessage(any({})), {
      kind: 'noActiveConnection',
      method: 'sendMessage',
    }),
  ];
  for (const bad of beforeConnect) {
    it(`${bad.name} → ${bad.expected.kind}; nothing sent; the session then connects and chats`, async () => {
      await using f = await compatFixture();
      const session = f.customer();
      const messages: Record<string, unknown>[] = [];
      session.onMessage((payload) => messages.push(payload as unknown as Record<string, unknown>));
      await expectShape(() => bad.run(session), bad.expected);
      expect(wire(f)).toEqual({ http: 0, bodies: 0 });
      await connectFully(session);
      await expectChatting(f, session, messages, bad.name);
    });
  }
});

describe('compat bad input: calls after the chat ended', () => {
  it('every guarded method rejects with "No active connection" and sends nothing', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    let ended = 0;
    session.onEnded(() => {
      ended += 1;
    });
    await connectFully(session);
    f.emulator.endChat(f.contact.ContactId);
    await until(() => expect(ended).toBe(1));
    // The participant counts as disconnected once the ended callbacks have run.
    await until(async () =>
      expect(
        await session
          .sendMessage({ message: 'x', contentType: 'text/plain' })
          .catch((error: unknown) => error),
      ).toBe(noActiveConnection('sendMessage')),
    );
    const before = wire(f);
    for (const [method, run] of guardedRows)
      await expectShape(() => run(session), { kind: 'noActiveConnection', method });
    expect(wire(f)).toEqual(before);
  });
});

describe('compat bad input: create()', () => {
  let f: CompatFixture;
  beforeAll(async () => {
    f = await compatFixture();
  });
  afterAll(() => f[Symbol.asyncDispose]());

  const details = (change: Record<string, unknown>) => ({
    chatDetails: {
      ContactId: f.contact.ContactId,
      ParticipantId: f.contact.ParticipantId,
      ParticipantToken: f.contact.ParticipantToken,
      ...change,
    },
    type: 'CUSTOMER',
  });
  const secretToken = `${'t'.repeat(996)}-long`;
  const rows: [name: string, args: () => unknown, message: RegExp][] = [
    ['create(null)', () => null, /needs an object with chatDetails/],
    ["create('chat')", () => 'chat', /needs an object with chatDetails/],
    ['chatDetails: null', () => ({ chatDetails: null, type: 'CUSTOMER' }), /chatDetails is not an object/],
    [
      "chatDetails: 'details'",
      () => ({ chatDetails: 'details', type: 'CUSTOMER' }),
      /chatDetails is not an object/,
    ],
    ['ContactId: 42', () => details({ ContactId: 42 }), /chatDetails.contactId is not a non-empty string!/],
    [
      "ParticipantId: ''",
      () => details({ ParticipantId: '' }),
      /chatDetails.participantId is not a non-empty string!/,
    ],
    ['ParticipantToken: 42', () => details({ ParticipantToken: 42 }), /chatDetails.participantToken is not/],
    [
      "ParticipantToken: '' for a customer",
      () => details({ ParticipantToken: '' }),
      /chatDetails.participantToken is not/,
    ],
    ["InitialContactId: ''", () => details({ InitialContactId: '' }), /chatDetails.initialContactId is not/],
    [
      'getConnectionToken: a string',
      () => details({ getConnectionToken: 'token' }),
      /getConnectionToken is not a function/,
    ],
    ["options: 'us-east-1'", () => ({ ...details({}), options: 'us-east-1' }), /options is not an object/],
    ["options.region: ''", () => ({ ...details({}), options: { region: '' } }), /options.region/],
    [
      'a StreamsJS manager without onMessage',
      () => ({ ...details({}), type: 'AGENT', websocketManager: { subscribeTopics() {} } }),
      /websocketManager.onMessage/,
    ],
    ['ContactId of 257 characters', () => details({ ContactId: text(257) }), /contactId/],
    [
      'a participant token of 1000+ characters',
      () => details({ ParticipantToken: secretToken }),
      /participantToken/,
    ],
  ];
  for (const [name, args, message] of rows) {
    it(`${name} → IllegalArgumentException at once; nothing sent; a good create() still chats`, async () => {
      let thrown: unknown;
      try {
        f.ChatSession.create(args() as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(IllegalArgumentException);
      expect((thrown as Error).name).toBe('IllegalArgument');
      expect((thrown as Error).message).toMatch(message);
      // The message and the refused value never carry a real token.
      expect((thrown as Error).message).not.toContain(f.contact.ParticipantToken);
      expect((thrown as Error).message).not.toContain(secretToken);
      expect(wire(f).http).toBe(0);
    });
  }

  it('after every refusal, create() still makes a session that chats', async () => {
    const session = f.customer();
    const messages: Record<string, unknown>[] = [];
    session.onMessage((payload) => messages.push(payload as unknown as Record<string, unknown>));
    await connectFully(session);
    await expectChatting(f, session, messages, 'after the refusals');
  });
});
