// Bad input to every public method of a core session, against the real emulator. Each row of each table calls one
// method with one bad input and must get a `ChatError` with the row's code (rejected by methods that return a
// promise, thrown by the others), leave nothing in the emulator's activity log and nothing new in the transcript,
// and leave the session chatting: a message each way goes through afterwards.
import {
  type ChatError,
  type ChatErrorCode,
  type ChatSession,
  type ChatSessionOptions,
  createChatSession,
  EventContentType,
  isChatError,
  MessageContentType,
} from '@connect-chat/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createFetchParticipantApi, createWebSocketFactory } from '../../src';
import { type Emulator, startEmulator } from '../../src/testing';
import {
  type CallOutcome,
  httpOperations,
  outcomeOf,
  type SecurityChat,
  securityChat,
} from './security-fixture';

/** One bad call. */
interface BadCall {
  /** `method(input)`, as the test name shows it. */
  name: string;
  run: (session: ChatSession) => unknown;
  code: ChatErrorCode;
  /** The method returns nothing (so it throws instead of rejecting). */
  sync?: true;
}

const call = (
  name: string,
  run: BadCall['run'],
  code: ChatErrorCode = 'validation',
  extra: Pick<BadCall, 'sync'> = {},
): BadCall => ({ name, run, code, ...extra });

const text = (length: number) => 'x'.repeat(length);
const sessionId = 'a'.repeat(36);
const bytes = (length: number) => new Uint8Array(length).fill(7);
const png = (length = 4) => ({ name: 'a.png', contentType: 'image/png', body: bytes(length) });
const notASignal = { aborted: 'no' } as unknown as AbortSignal;
const abortedSignal = (): AbortSignal => {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
};
const any = <T>(value: unknown) => value as T;

/** Bad calls on a connected session. */
const connectedCalls: BadCall[] = [
  // sendMessage
  call('sendMessage(undefined)', (s) => s.sendMessage(any(undefined))),
  call('sendMessage(null)', (s) => s.sendMessage(any(null))),
  call('sendMessage(42)', (s) => s.sendMessage(any(42))),
  call('sendMessage([])', (s) => s.sendMessage(any([]))),
  call("sendMessage('')", (s) => s.sendMessage('')),
  call('sendMessage(1025 characters)', (s) => s.sendMessage(text(1025))),
  call('sendMessage({}) without content', (s) => s.sendMessage(any({}))),
  call('sendMessage({ content: 42 })', (s) => s.sendMessage({ content: any(42) })),
  call("sendMessage({ content: '' })", (s) => s.sendMessage({ content: '' })),
  call('sendMessage(markdown of 1025 characters)', (s) =>
    s.sendMessage({ content: text(1025), contentType: MessageContentType.markdown }),
  ),
  call('sendMessage(JSON of 12001 characters)', (s) =>
    s.sendMessage({ content: JSON.stringify(text(11_999)), contentType: MessageContentType.json }),
  ),
  call("sendMessage({ contentType: 'text/html' })", (s) =>
    s.sendMessage({ content: 'x', contentType: any('text/html') }),
  ),
  call('sendMessage({ contentType: 42 })', (s) => s.sendMessage({ content: 'x', contentType: any(42) })),
  call('sendMessage(a received-only interactive template)', (s) =>
    s.sendMessage({ content: '{}', contentType: any(MessageContentType.interactive) }),
  ),
  call('sendMessage(an event content type)', (s) =>
    s.sendMessage({ content: 'x', contentType: any(EventContentType.typing) }),
  ),
  call('sendMessage(application/json that is not JSON)', (s) =>
    s.sendMessage({ content: 'not json', contentType: MessageContentType.json }),
  ),
  call('sendMessage(an interactive response that is not JSON)', (s) =>
    s.sendMessage({ content: '{', contentType: MessageContentType.interactiveResponse }),
  ),
  call("sendMessage({ clientToken: '' })", (s) => s.sendMessage({ content: 'x', clientToken: '' })),
  call('sendMessage({ clientToken: 501 characters })', (s) =>
    s.sendMessage({ content: 'x', clientToken: text(501) }),
  ),
  call('sendMessage({ clientToken: 42 })', (s) => s.sendMessage({ content: 'x', clientToken: any(42) })),
  call('sendMessage({ signal: not an AbortSignal })', (s) =>
    s.sendMessage({ content: 'x', signal: notASignal }),
  ),
  // sendEvent and sendTyping
  call('sendEvent(undefined)', (s) => s.sendEvent(any(undefined))),
  call('sendEvent(null)', (s) => s.sendEvent(any(null))),
  call("sendEvent('typing')", (s) => s.sendEvent(any('typing'))),
  call('sendEvent({}) without a content type', (s) => s.sendEvent(any({}))),
  call('sendEvent(an unknown content type)', (s) => s.sendEvent({ contentType: 'application/x-unknown' })),
  call('sendEvent(participant.joined, received only)', (s) =>
    s.sendEvent({ contentType: EventContentType.participantJoined }),
  ),
  call('sendEvent(chat.ended, received only)', (s) =>
    s.sendEvent({ contentType: EventContentType.chatEnded }),
  ),
  call('sendEvent(a message content type)', (s) =>
    s.sendEvent({ contentType: MessageContentType.plainText }),
  ),
  call('sendEvent(a read receipt without content)', (s) =>
    s.sendEvent({ contentType: EventContentType.messageRead }),
  ),
  call('sendEvent(a delivered receipt whose content is not JSON)', (s) =>
    s.sendEvent({ contentType: EventContentType.messageDelivered, content: 'm-1' }),
  ),
  call('sendEvent(a receipt without messageId)', (s) =>
    s.sendEvent({ contentType: EventContentType.messageRead, content: '{}' }),
  ),
  call('sendEvent(a receipt whose messageId is a number)', (s) =>
    s.sendEvent({ contentType: EventContentType.messageRead, content: '{"messageId":5}' }),
  ),
  call('sendEvent(a receipt whose content is an array)', (s) =>
    s.sendEvent({ contentType: EventContentType.messageRead, content: '["m-1"]' }),
  ),
  call('sendEvent(a receipt with a 257-character messageId)', (s) =>
    s.sendEvent({
      contentType: EventContentType.messageRead,
      content: JSON.stringify({ messageId: text(257) }),
    }),
  ),
  call("sendEvent(typing, content '')", (s) =>
    s.sendEvent({ contentType: EventContentType.typing, content: '' }),
  ),
  call('sendEvent(typing, content 42)', (s) =>
    s.sendEvent({ contentType: EventContentType.typing, content: any(42) }),
  ),
  call('sendEvent(typing, content of 16385 characters)', (s) =>
    s.sendEvent({ contentType: EventContentType.typing, content: text(16_385) }),
  ),
  call("sendEvent({ clientToken: '' })", (s) =>
    s.sendEvent({ contentType: EventContentType.typing, clientToken: '' }),
  ),
  call('sendEvent({ signal: not an AbortSignal })', (s) =>
    s.sendEvent({ contentType: EventContentType.typing, signal: notASignal }),
  ),
  // sendReceipt and markAsRead
  call("sendReceipt('seen', id)", (s) => s.sendReceipt(any('seen'), 'm-1')),
  call('sendReceipt(undefined, id)', (s) => s.sendReceipt(any(undefined), 'm-1')),
  call("sendReceipt('read', undefined)", (s) => s.sendReceipt('read', any(undefined))),
  call("sendReceipt('read', '')", (s) => s.sendReceipt('read', '')),
  call("sendReceipt('delivered', 42)", (s) => s.sendReceipt('delivered', any(42))),
  call("sendReceipt('read', 257 characters)", (s) => s.sendReceipt('read', text(257))),
  call('markAsRead(undefined)', (s) => s.markAsRead(any(undefined)), 'validation', { sync: true }),
  call("markAsRead('')", (s) => s.markAsRead(''), 'validation', { sync: true }),
  call('markAsRead(42)', (s) => s.markAsRead(any(42)), 'validation', { sync: true }),
  call('markAsRead(257 characters)', (s) => s.markAsRead(text(257)), 'validation', { sync: true }),
  // getTranscript
  call('getTranscript(null)', (s) => s.getTranscript(any(null))),
  call("getTranscript('all')", (s) => s.getTranscript(any('all'))),
  call('getTranscript({ maxResults: 101 })', (s) => s.getTranscript({ maxResults: 101 })),
  call('getTranscript({ maxResults: -1 })', (s) => s.getTranscript({ maxResults: -1 })),
  call('getTranscript({ maxResults: 1.5 })', (s) => s.getTranscript({ maxResults: 1.5 })),
  call('getTranscript({ maxResults: NaN })', (s) => s.getTranscript({ maxResults: Number.NaN })),
  call("getTranscript({ maxResults: '10' })", (s) => s.getTranscript({ maxResults: any('10') })),
  call("getTranscript({ nextToken: '' })", (s) => s.getTranscript({ nextToken: '' })),
  call('getTranscript({ nextToken: 1001 characters })', (s) => s.getTranscript({ nextToken: text(1001) })),
  call('getTranscript({ nextToken: 42 })', (s) => s.getTranscript({ nextToken: any(42) })),
  call("getTranscript({ scanDirection: 'SIDEWAYS' })", (s) =>
    s.getTranscript({ scanDirection: any('SIDEWAYS') }),
  ),
  call("getTranscript({ sortOrder: 'RANDOM' })", (s) => s.getTranscript({ sortOrder: any('RANDOM') })),
  call("getTranscript({ contactId: '' })", (s) => s.getTranscript({ contactId: '' })),
  call('getTranscript({ contactId: 257 characters })', (s) => s.getTranscript({ contactId: text(257) })),
  call("getTranscript({ startPosition: 'start' })", (s) => s.getTranscript({ startPosition: any('start') })),
  call('getTranscript({ startPosition: null })', (s) => s.getTranscript({ startPosition: any(null) })),
  call('getTranscript({ startPosition: id and mostRecent })', (s) =>
    s.getTranscript({ startPosition: { id: 'm-1', mostRecent: 1 } }),
  ),
  call('getTranscript({ startPosition: absoluteTime and id })', (s) =>
    s.getTranscript({ startPosition: { id: 'm-1', absoluteTime: '2030-01-01T00:00:00.000Z' } }),
  ),
  call('getTranscript({ startPosition: { mostRecent: 101 } })', (s) =>
    s.getTranscript({ startPosition: { mostRecent: 101 } }),
  ),
  call("getTranscript({ startPosition: { id: '' } })", (s) => s.getTranscript({ startPosition: { id: '' } })),
  call('getTranscript({ startPosition: { absoluteTime: 5 } })', (s) =>
    s.getTranscript({ startPosition: { absoluteTime: any(5) } }),
  ),
  call('getTranscript({ signal: not an AbortSignal })', (s) => s.getTranscript({ signal: notASignal })),
  call('transcriptPages({ maxResults: 500 }).next()', (s) =>
    s.transcriptPages({ maxResults: 500 })[Symbol.asyncIterator]().next(),
  ),
  call('transcriptPages({ sortOrder: "UP" }).next()', (s) =>
    s
      .transcriptPages({ sortOrder: any('UP') })
      [Symbol.asyncIterator]()
      .next(),
  ),
  call('transcriptPages(null).next()', (s) => s.transcriptPages(any(null))[Symbol.asyncIterator]().next()),
  call('transcriptPages(42).next()', (s) => s.transcriptPages(any(42))[Symbol.asyncIterator]().next()),
  // sendAttachment
  call('sendAttachment(undefined)', (s) => s.sendAttachment(any(undefined))),
  call('sendAttachment(null)', (s) => s.sendAttachment(any(null))),
  call("sendAttachment('file.png')", (s) => s.sendAttachment(any('file.png'))),
  call('sendAttachment({}) without a name', (s) => s.sendAttachment(any({}))),
  call("sendAttachment({ name: '' })", (s) => s.sendAttachment({ ...png(), name: '' })),
  call('sendAttachment({ name: 257 characters })', (s) =>
    s.sendAttachment({ ...png(), name: `${text(253)}.png` }),
  ),
  call('sendAttachment({ name: 42 })', (s) => s.sendAttachment({ ...png(), name: any(42) })),
  call("sendAttachment({ contentType: '' })", (s) => s.sendAttachment({ ...png(), contentType: '' })),
  call('sendAttachment(a disallowed type: application/x-msdownload)', (s) =>
    s.sendAttachment({ name: 'a.exe', contentType: 'application/x-msdownload', body: bytes(3) }),
  ),
  call('sendAttachment(a disallowed type: text/html)', (s) =>
    s.sendAttachment({ name: 'a.html', contentType: 'text/html', body: bytes(3) }),
  ),
  call('sendAttachment(an empty file)', (s) => s.sendAttachment(png(0))),
  call('sendAttachment(a declared size of 21 MB)', (s) =>
    s.sendAttachment({ ...png(1), size: 21 * 1024 * 1024 }),
  ),
  call('sendAttachment(a real 20 MB + 1 byte Blob)', (s) =>
    s.sendAttachment(new Blob([bytes(20 * 1024 * 1024 + 1)], { type: 'image/png' }), { name: 'big.png' }),
  ),
  call('sendAttachment(a size that does not match the bytes)', (s) =>
    s.sendAttachment({ ...png(3), size: 10 }),
  ),
  call('sendAttachment(a body that is a number)', (s) => s.sendAttachment({ ...png(), body: any(42) })),
  call('sendAttachment(a Blob without a name)', (s) =>
    s.sendAttachment(new Blob([bytes(3)], { type: 'image/png' })),
  ),
  call('sendAttachment(a Blob of a disallowed type)', (s) =>
    s.sendAttachment(new Blob([bytes(3)], { type: 'application/zip' }), { name: 'a.zip' }),
  ),
  call('sendAttachment(file, null)', (s) => s.sendAttachment(png(), any(null))),
  call("sendAttachment(file, 'options')", (s) => s.sendAttachment(png(), any('options'))),
  call('sendAttachment(file, { signal: not an AbortSignal })', (s) =>
    s.sendAttachment(png(), { signal: notASignal }),
  ),
  // The signal is already aborted, so today the call stops before the upload, whose first progress report would
  // throw uncaught; once onProgress is checked up front this rejects with `validation` first.
  call('sendAttachment(file, { onProgress: not a function })', (s) =>
    s.sendAttachment(png(), { onProgress: any('progress'), signal: abortedSignal() }),
  ),
  // getAttachmentUrl and downloadAttachment
  call('getAttachmentUrl(undefined)', (s) => s.getAttachmentUrl(any(undefined))),
  call("getAttachmentUrl('')", (s) => s.getAttachmentUrl('')),
  call('getAttachmentUrl(42)', (s) => s.getAttachmentUrl(any(42))),
  call('getAttachmentUrl(257 characters)', (s) => s.getAttachmentUrl(text(257))),
  call('getAttachmentUrl(id, { expiresInSeconds: 4 })', (s) =>
    s.getAttachmentUrl('att-1', { expiresInSeconds: 4 }),
  ),
  call('getAttachmentUrl(id, { expiresInSeconds: 301 })', (s) =>
    s.getAttachmentUrl('att-1', { expiresInSeconds: 301 }),
  ),
  call('getAttachmentUrl(id, { expiresInSeconds: 5.5 })', (s) =>
    s.getAttachmentUrl('att-1', { expiresInSeconds: 5.5 }),
  ),
  call("getAttachmentUrl(id, { expiresInSeconds: '60' })", (s) =>
    s.getAttachmentUrl('att-1', { expiresInSeconds: any('60') }),
  ),
  call('getAttachmentUrl(id, null)', (s) => s.getAttachmentUrl('att-1', any(null))),
  call("getAttachmentUrl(id, 'options')", (s) => s.getAttachmentUrl('att-1', any('options'))),
  call("downloadAttachment('')", (s) => s.downloadAttachment('')),
  call('downloadAttachment(undefined)', (s) => s.downloadAttachment(any(undefined))),
  call('downloadAttachment(id, null)', (s) => s.downloadAttachment('att-1', any(null))),
  // describeView
  call('describeView(undefined)', (s) => s.describeView(any(undefined))),
  call("describeView('')", (s) => s.describeView('')),
  call('describeView(42)', (s) => s.describeView(any(42))),
  call('describeView(1001 characters)', (s) => s.describeView(text(1001))),
  call('describeView(token, null)', (s) => s.describeView('sample-view', any(null))),
  // getAuthenticationUrl and cancelAuthentication
  call('getAuthenticationUrl(undefined)', (s) => s.getAuthenticationUrl(any(undefined))),
  call('getAuthenticationUrl(null)', (s) => s.getAuthenticationUrl(any(null))),
  call('getAuthenticationUrl({})', (s) => s.getAuthenticationUrl(any({}))),
  call('getAuthenticationUrl({ sessionId: 35 characters })', (s) =>
    s.getAuthenticationUrl({ sessionId: text(35), redirectUri: 'https://example.com' }),
  ),
  call('getAuthenticationUrl({ sessionId: 42 })', (s) =>
    s.getAuthenticationUrl({ sessionId: any(42), redirectUri: 'https://example.com' }),
  ),
  call("getAuthenticationUrl({ redirectUri: '' })", (s) =>
    s.getAuthenticationUrl({ sessionId, redirectUri: '' }),
  ),
  call('getAuthenticationUrl({ redirectUri: 1025 characters })', (s) =>
    s.getAuthenticationUrl({ sessionId, redirectUri: text(1025) }),
  ),
  call('getAuthenticationUrl(request, null)', (s) =>
    s.getAuthenticationUrl({ sessionId, redirectUri: 'https://example.com' }, any(null)),
  ),
  call('cancelAuthentication(undefined)', (s) => s.cancelAuthentication(any(undefined))),
  call("cancelAuthentication('')", (s) => s.cancelAuthentication('')),
  call('cancelAuthentication(37 characters)', (s) => s.cancelAuthentication(text(37))),
  call('cancelAuthentication(42)', (s) => s.cancelAuthentication(any(42))),
  call('cancelAuthentication(id, null)', (s) => s.cancelAuthentication(sessionId, any(null))),
  // on
  call("on('message', 'not a function')", (s) => s.on('message', any('not a function')), 'validation', {
    sync: true,
  }),
  call(
    "on('mesage', listener), a misspelt event",
    (s) => s.on(any<'message'>('mesage'), () => undefined),
    'validation',
    { sync: true },
  ),
];

/** Asserts a refusal: a `ChatError` with `code` and an "unable to …" message, thrown or rejected as `sync` says. */
function expectRefused(outcome: CallOutcome, code: ChatErrorCode, sync: boolean): ChatError {
  expect(outcome.kind).toBe(sync ? 'threw' : 'rejected');
  const error = outcome.kind === 'returned' ? undefined : outcome.error;
  expect(isChatError(error), `not a ChatError: ${String(error)}`).toBe(true);
  const chatError = error as ChatError;
  expect(chatError.code).toBe(code);
  expect(chatError.message).toMatch(/^unable to /);
  return chatError;
}

/** Calls `bad` on the customer, then checks the refusal, the silence on the wire and that the chat goes on. */
async function expectHarmless(chat: SecurityChat, bad: BadCall): Promise<void> {
  const session = chat.customer.session;
  const mark = chat.activity().length;
  const entries = session.transcript;
  expectRefused(await outcomeOf(() => bad.run(session)), bad.code, bad.sync === true);
  expect(chat.activity().slice(mark), 'something reached the emulator').toEqual([]);
  expect(session.transcript, 'the transcript changed').toBe(entries);
  await chat.exchange(bad.name);
  // Only the two messages of the exchange went out: nothing the bad call started turned up late.
  const since = chat.activity().slice(mark);
  expect(httpOperations(since, chat.customer.participantId)).toEqual(['SendMessage']);
  expect(httpOperations(since, chat.agent.participantId)).toEqual(['SendMessage']);
  expect(session.status).toBe('connected');
  expect(session.getSnapshot().pendingSends).toBe(0);
}

describe('core bad input: a connected session refuses before the wire and keeps chatting', () => {
  let chat: SecurityChat;
  beforeAll(async () => {
    chat = await securityChat();
    await chat.connectBoth();
  });
  afterAll(() => chat[Symbol.asyncDispose]());

  for (const bad of connectedCalls) {
    it(`${bad.name} → ${bad.code}`, () => expectHarmless(chat, bad));
  }

  it('after every bad call the transcript holds only the exchanges, each sent once', () => {
    const own = chat.customer.session.transcript.filter(
      (entry) => entry.origin === 'self' && entry.kind !== 'event',
    );
    expect(own.length).toBe(connectedCalls.length);
    expect(own.every((entry) => entry.status === 'sent')).toBe(true);
  });
});

/** Calls that need a connection, each valid in itself. */
const callsNeedingConnection: BadCall[] = [
  call('sendMessage', (s) => s.sendMessage('hello'), 'notConnected'),
  call('sendEvent', (s) => s.sendEvent({ contentType: EventContentType.typing }), 'notConnected'),
  call('sendTyping', (s) => s.sendTyping(), 'notConnected'),
  call('sendReceipt', (s) => s.sendReceipt('read', 'm-1'), 'notConnected'),
  call('getTranscript', (s) => s.getTranscript(), 'notConnected'),
  call('transcriptPages', (s) => s.transcriptPages()[Symbol.asyncIterator]().next(), 'notConnected'),
  call('sendAttachment', (s) => s.sendAttachment(png()), 'notConnected'),
  call('getAttachmentUrl', (s) => s.getAttachmentUrl('att-1'), 'notConnected'),
  call('downloadAttachment', (s) => s.downloadAttachment('att-1'), 'notConnected'),
  call('describeView', (s) => s.describeView('sample-view'), 'notConnected'),
  call(
    'getAuthenticationUrl',
    (s) => s.getAuthenticationUrl({ sessionId, redirectUri: 'https://example.com' }),
    'notConnected',
  ),
  call('cancelAuthentication', (s) => s.cancelAuthentication(sessionId), 'notConnected'),
  call('disconnect', (s) => s.disconnect(), 'notConnected'),
  // Input is checked before the connection: a bad call says what is wrong with it, whatever the status.
  call("sendMessage('') before connect()", (s) => s.sendMessage(''), 'validation'),
  call('getTranscript({ maxResults: 101 }) before connect()', (s) => s.getTranscript({ maxResults: 101 })),
];

describe('core bad input: calls before connect()', () => {
  for (const bad of callsNeedingConnection) {
    it(`${bad.name} → ${bad.code}; nothing is sent, and the session then connects and chats`, async () => {
      await using chat = await securityChat();
      await chat.agent.session.connect();
      await chat.settle(chat.agent);
      const mark = chat.activity().length;
      expectRefused(await outcomeOf(() => bad.run(chat.customer.session)), bad.code, false);
      expect(chat.activity().slice(mark)).toEqual([]);
      expect(chat.customer.session.status).toBe('idle');
      expect(chat.customer.session.transcript).toEqual([]);
      await chat.customer.session.connect();
      await chat.settle(chat.customer);
      await chat.exchange(bad.name);
      expect(httpOperations(chat.activity(), chat.customer.participantId)).toEqual([
        'CreateParticipantConnection',
        'GetTranscript',
        'SendMessage',
      ]);
    });
  }
});

describe('core bad input: calls after the end', () => {
  const afterEnd: BadCall[] = [
    ...callsNeedingConnection
      .filter((row) => row.code === 'notConnected')
      .map((row) => ({ ...row, code: 'ended' as const })),
    call('connect', (s) => s.connect(), 'ended'),
  ];

  it.each([
    ['the service ended the chat', 'ended'],
    ['the app closed the session', 'closed'],
  ] as const)('after %s every call rejects with ended and nothing is sent', async (_how, how) => {
    await using chat = await securityChat();
    await chat.connectBoth();
    if (how === 'ended') chat.emulator.endChat(chat.contact.ContactId);
    else chat.customer.session.close();
    await chat.untilStatus(chat.customer, 'ended');
    // The end's own traffic (the chat-ended frame, the socket closing) is over before the calls start.
    await chat.untilStatus(chat.agent, how === 'ended' ? 'ended' : 'connected');
    const mark = chat.activity().length;
    for (const bad of afterEnd) {
      const refused = expectRefused(await outcomeOf(() => bad.run(chat.customer.session)), 'ended', false);
      expect(refused.message, bad.name).toMatch(/ended|closed/);
    }
    expect(httpOperations(chat.activity().slice(mark), chat.customer.participantId)).toEqual([]);
    // The synchronous views still answer.
    expect(chat.customer.session.getSnapshot().status).toBe('ended');
    expect(chat.customer.session.diagnostics().role).toBe('CUSTOMER');
    expect(() => chat.customer.session.markAsRead('m-1')).not.toThrow();
  });
});

describe('core bad input: createChatSession with bad options', () => {
  let emulator: Emulator;
  let valid: ChatSessionOptions;
  beforeAll(async () => {
    emulator = await startEmulator();
    const contact = emulator.createContact();
    valid = {
      chatDetails: {
        contactId: contact.ContactId,
        participantId: contact.ParticipantId,
        participantToken: contact.ParticipantToken,
      },
      participantApi: createFetchParticipantApi({ endpoint: emulator.endpoint, maxAttempts: 1 }),
      sockets: createWebSocketFactory({ WebSocket }),
    };
  });
  afterAll(() => emulator.close());

  const details = (change: Record<string, unknown>) => (o: ChatSessionOptions) => ({
    ...o,
    chatDetails: { ...o.chatDetails, ...change },
  });
  const option = (change: Record<string, unknown>) => (o: ChatSessionOptions) => ({ ...o, ...change });
  const rows: [name: string, make: (valid: ChatSessionOptions) => unknown][] = [
    ['no chatDetails', ({ chatDetails: _, ...rest }) => rest],
    ['chatDetails: null', option({ chatDetails: null })],
    ["chatDetails.contactId: ''", details({ contactId: '' })],
    ['chatDetails.contactId: 257 characters', details({ contactId: text(257) })],
    ['chatDetails.participantId: 42', details({ participantId: 42 })],
    ['no participant token for a customer', details({ participantToken: undefined })],
    ["chatDetails.participantToken: ''", details({ participantToken: '' })],
    ['chatDetails.participantToken: 1001 characters', details({ participantToken: text(1001) })],
    ["role: 'ADMIN'", option({ role: 'ADMIN' })],
    ['neither sockets nor managedSocket', option({ sockets: undefined })],
    ['no options at all', () => undefined],
    ['options: null', () => null],
    ["chatDetails.initialContactId: ''", details({ initialContactId: '' })],
    ['chatDetails.initialContactId: 42', details({ initialContactId: 42 })],
    ['no participantApi', option({ participantApi: undefined })],
    ['participantApi: 42', option({ participantApi: 42 })],
    ['participantApi without its operations', option({ participantApi: {} })],
    ['sockets: 42', option({ sockets: 42 })],
    ['both sockets and managedSocket', option({ managedSocket: {} })],
    ['typingThrottleMs: -1', option({ typingThrottleMs: -1 })],
    ['typingThrottleMs: NaN', option({ typingThrottleMs: Number.NaN })],
    ["typingThrottleMs: '10'", option({ typingThrottleMs: '10' })],
    ['outboxCapacity: 0', option({ outboxCapacity: 0 })],
    ['outboxCapacity: 1.5', option({ outboxCapacity: 1.5 })],
    ["receipts: 'yes'", option({ receipts: 'yes' })],
    ['receipts.throttleMs: -1', option({ receipts: { throttleMs: -1 } })],
    ['receipts.deliveredHoldMs: NaN', option({ receipts: { deliveredHoldMs: Number.NaN } })],
    ['transcript: null', option({ transcript: null })],
    ['transcript.pageSize: 0', option({ transcript: { pageSize: 0 } })],
    ['transcript.pageSize: 101', option({ transcript: { pageSize: 101 } })],
    ['transcript.maxGapPages: -1', option({ transcript: { maxGapPages: -1 } })],
    ['attachments: null', option({ attachments: null })],
    ['attachments.maxSizeInBytes: -1', option({ attachments: { maxSizeInBytes: -1 } })],
    [
      "attachments.allowedContentTypes: 'image/png'",
      option({ attachments: { allowedContentTypes: 'image/png' } }),
    ],
    ['attachments.transfer: 42', option({ attachments: { transfer: 42 } })],
    ["createClientToken: 'uuid'", option({ createClientToken: 'uuid' })],
    ["getConnectionToken: 'token'", option({ getConnectionToken: 'token' })],
    ["reconnectDelay: '1s'", option({ reconnectDelay: '1s' })],
    ['clock: {}', option({ clock: {} })],
    ['delays.heartbeatInterval: -1', option({ delays: { heartbeatInterval: -1 } })],
    ["logger: 'console'", option({ logger: 'console' })],
    ['platform without subscribe', option({ platform: { isOnline: () => true } })],
    ["platform.isOnline: 'yes'", option({ platform: { subscribe: () => () => undefined, isOnline: 'yes' } })],
    ["inspect: 'yes'", option({ inspect: 'yes' })],
  ];
  for (const [name, make] of rows) {
    it(`${name} → validation at once, and nothing is sent`, () => {
      const outcome = (() => {
        try {
          const session = createChatSession(make(valid) as ChatSessionOptions);
          session.close();
          return { kind: 'returned', value: session } as const;
        } catch (error) {
          return { kind: 'threw', error } as const;
        }
      })();
      const error = expectRefused(outcome, 'validation', true);
      expect(error.message).toMatch(/^unable to create (chat session|connection); /);
      expect(emulator.activity()).toEqual([]);
    });
  }
});
