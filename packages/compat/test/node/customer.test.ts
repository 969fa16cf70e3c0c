// A ChatJS customer session end to end: compat over core, the real fetch adapter and `ws` sockets, against the
// emulator, on one manual clock. Spec references are legacy-chatjs.md sections; "fix N" are compat-decisions.md.
import { describe, expect, it } from 'vitest';
import { noActiveConnection } from '../../src/legacy-errors';
import { compatFixture, connectFully, recordEvents, until } from './compat-fixture';

const event = (suffix: string) => `application/vnd.amazonaws.connect.event.${suffix}`;
const dataOf = (payloads: Record<string, unknown>[]) =>
  payloads.map((payload) => payload.data as Record<string, unknown>);

describe('customer session: connect (§5.4, §6.5)', () => {
  it("CUS-01 connect() resolves ChatJS's result shape and onConnectionEstablished fires exactly once (fix 1)", async () => {
    await using f = await compatFixture();
    const session = f.customer();
    const events = recordEvents(session);
    const result = await session.connect({ metadata: { m: 1 } });
    expect(result).toEqual({
      _debug: { websocketStatus: 'Starting' },
      connectSuccess: true,
      connectCalled: true,
      metadata: { m: 1 },
    });
    await until(() => expect(events.onConnectionEstablished).toHaveLength(1));
    const chatDetails = session.getChatDetails();
    expect(events.onConnectionEstablished[0]).toEqual({
      data: {},
      _debug: { websocketStatus: 'Starting' },
      connectSuccess: true,
      connectCalled: true,
      metadata: { m: 1 },
      chatDetails,
    });
    // One CreateParticipantConnection with both types, customer style (no ConnectParticipant).
    const connections = f.requests('CreateParticipantConnection', f.contact.ParticipantId);
    expect(connections).toHaveLength(1);
    // As in ChatJS, the payload's chatDetails are getChatDetails(), the participant token included.
    expect(events.onConnectionEstablished[0]?.chatDetails).toMatchObject({
      participantToken: f.contact.ParticipantToken,
    });
  });

  it('CUS-02 a second connect() is idempotent: same promise in flight, same result after, one connection (fix 2)', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    const first = session.connect();
    const second = session.connect();
    expect(second).toBe(first);
    await first;
    const third = await session.connect({ metadata: 'later' });
    expect(third).toEqual(await first);
    expect(f.requests('CreateParticipantConnection')).toHaveLength(1);
  });

  it("CUS-03 a failed connect() rejects ChatJS's failure shape and may be retried (fix 2)", async () => {
    await using f = await compatFixture();
    const session = f.customer();
    const fault = f.emulator.addFault({
      match: { operation: 'CreateParticipantConnection' },
      action: { type: 'error', status: 400, errorType: 'ValidationException', message: 'bad request' },
      times: 1,
    });
    expect(fault.id).toBeDefined();
    const failure = (await session.connect({ metadata: 'M' }).catch((error: unknown) => error)) as Record<
      string,
      unknown
    >;
    expect(failure).toMatchObject({
      connectSuccess: false,
      connectCalled: true,
      metadata: 'M',
      _debug: {
        reason: 'Failed to fetch connectionDetails with createParticipantConnection',
        _debug: { type: 'ValidationException', message: 'bad request', statusCode: 400 },
      },
    });
    expect((failure._debug as { _debug: object })._debug).not.toHaveProperty('metadata');
    await expect(session.connect()).resolves.toMatchObject({ connectSuccess: true });
  });

  it('CUS-05 a first connect() while the service answers 503 rejects at once, as ChatJS, and may be retried', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    f.emulator.addFault({
      match: { operation: 'CreateParticipantConnection' },
      action: { type: 'error', status: 503, errorType: 'ServiceUnavailableException', message: 'try later' },
      times: 1,
    });
    const failure = (await session.connect().catch((error: unknown) => error)) as Record<string, unknown>;
    expect(failure).toMatchObject({
      connectSuccess: false,
      connectCalled: true,
      _debug: { _debug: { type: 'ServiceUnavailableException', statusCode: 503 } },
    });
    expect(f.requests('CreateParticipantConnection')).toHaveLength(1);
    await expect(session.connect()).resolves.toMatchObject({ connectSuccess: true });
  });

  it('CUS-04 getChatDetails: as ChatJS, ids and the participant token always, connection details (captured at connect) once connected', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    const before = session.getChatDetails();
    expect(before).toMatchObject({ contactId: f.contact.ContactId, participantId: f.contact.ParticipantId });
    expect(before.connectionDetails).toBeUndefined();
    expect(before.participantToken).toBe(f.contact.ParticipantToken);
    await connectFully(session);
    const details = session.getChatDetails();
    expect(details.connectionDetails).toMatchObject({
      transportLifeTimeInSeconds: 3540,
      connectionAcknowledged: false,
      expiry: expect.any(String),
      connectionTokenExpiry: expect.any(String),
    });
    expect(details.connectionDetails?.connectionToken).toEqual(expect.any(String));
    expect(details.connectionDetails?.url).toMatch(/^ws:\/\/127\.0\.0\.1:/);
    // Never refreshed: later calls return the same captured details.
    expect(session.getChatDetails().connectionDetails).toBe(details.connectionDetails);
  });
});

describe('customer session: incoming events (§8.2)', () => {
  it('CUS-10 every callback fires with { chatDetails, data } routed by content type', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    const events = recordEvents(session);
    await connectFully(session);
    const agent = f.agent.ParticipantId;
    const inject = (contentType: string, extra: Record<string, unknown> = {}) =>
      f.emulator.injectItem(f.contact.ContactId, {
        AsParticipantId: agent,
        Type: 'EVENT',
        ContentType: contentType,
        ...extra,
      });
    const message = f.agentSays('hello');
    const typing = f.emulator.sendTyping(f.contact.ContactId, agent);
    const idle = inject(event('participant.idle'));
    const returned = inject(event('participant.returned'));
    const invited = inject(event('participant.invited'));
    const auto = inject(event('participant.autodisconnection'));
    const renamed = inject(event('participant.displayname.updated'), { DisplayName: 'Ada L.' });
    const rehydrated = f.emulator.injectItem(f.contact.ContactId, {
      AsRole: 'SYSTEM',
      Type: 'EVENT',
      ContentType: event('chat.rehydrated'),
    });
    const authSession = f.emulator.initiateAuthentication(f.contact.ContactId);
    const authEvents = ['succeeded', 'failed', 'timeout', 'expired', 'cancelled'].map((outcome) =>
      f.emulator.injectItem(f.contact.ContactId, {
        AsRole: 'SYSTEM',
        Type: 'EVENT',
        ContentType: event(`authentication.${outcome}`),
        Content: JSON.stringify({ SessionId: authSession }),
      }),
    );
    const transfer = f.emulator.injectItem(f.contact.ContactId, {
      AsRole: 'SYSTEM',
      Type: 'EVENT',
      ContentType: event('transfer.succeeded'),
    });

    await until(() => expect(events.onAuthenticationCanceled).toHaveLength(1));
    await until(() => expect(dataOf(events.onMessage).map((item) => item.Id)).toContain(transfer.Id));
    expect(dataOf(events.onMessage).map((item) => item.Id)).toEqual([message, transfer.Id]);
    expect(dataOf(events.onTyping).map((item) => item.Id)).toEqual([typing.Id]);
    expect(dataOf(events.onParticipantIdle).map((item) => item.Id)).toEqual([idle.Id]);
    expect(dataOf(events.onParticipantReturned).map((item) => item.Id)).toEqual([returned.Id]);
    expect(dataOf(events.onParticipantInvited).map((item) => item.Id)).toEqual([invited.Id]);
    expect(dataOf(events.onAutoDisconnection).map((item) => item.Id)).toEqual([auto.Id]);
    expect(dataOf(events.onParticipantDisplayNameUpdated)[0]).toMatchObject({
      Id: renamed.Id,
      DisplayName: 'Ada L.',
    });
    expect(dataOf(events.onChatRehydrated).map((item) => item.Id)).toEqual([rehydrated.Id]);
    expect(dataOf(events.onAuthenticationInitiated)[0]?.Content).toBe(
      JSON.stringify({ SessionId: authSession }),
    );
    const authIds = [
      events.onAuthenticationSuccessful,
      events.onAuthenticationFailed,
      events.onAuthenticationTimeout,
      events.onAuthenticationExpired,
      events.onAuthenticationCanceled,
    ].map((payloads) => dataOf(payloads).map((item) => item.Id));
    expect(authIds).toEqual(authEvents.map((item) => [item.Id]));
    const chatDetails = session.getChatDetails();
    expect(events.onTyping[0]).toEqual({ chatDetails, data: expect.objectContaining({ Id: typing.Id }) });
    expect(events.onMessage[0]?.data).toMatchObject({
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'hello',
      ParticipantRole: 'AGENT',
      ContactId: f.contact.ContactId,
    });
  });

  it("CUS-11 receipts from the agent reach onReadReceipt/onDeliveredReceipt; the customer's own never do", async () => {
    await using f = await compatFixture();
    const session = f.customer();
    const events = recordEvents(session);
    await connectFully(session);
    const sent = (await session.sendMessage({ message: 'hi', contentType: 'text/plain' })) as {
      data: { Id: string };
    };
    const agentMessage = f.agentSays('hello');
    f.emulator.sendReceipt(f.contact.ContactId, {
      AsParticipantId: f.agent.ParticipantId,
      MessageId: sent.data.Id,
      Kind: 'delivered',
    });
    f.emulator.sendReceipt(f.contact.ContactId, {
      AsParticipantId: f.agent.ParticipantId,
      MessageId: sent.data.Id,
      Kind: 'read',
    });
    // The customer's own receipt is broadcast back to it too; ChatJS does not show it.
    f.emulator.sendReceipt(f.contact.ContactId, {
      AsParticipantId: f.contact.ParticipantId,
      MessageId: agentMessage,
      Kind: 'read',
    });
    await until(() => expect(events.onReadReceipt).toHaveLength(1));
    await until(() => expect(events.onDeliveredReceipt).toHaveLength(1));
    expect(events.onReadReceipt[0]?.data).toMatchObject({
      Type: 'MESSAGEMETADATA',
      MessageMetadata: {
        MessageId: sent.data.Id,
        Receipts: [{ RecipientParticipantId: f.agent.ParticipantId }],
      },
    });
    expect(dataOf(events.onMessage).some((item) => item.Type === 'MESSAGEMETADATA')).toBe(false);
  });

  it('CUS-12 Lex streaming chunks reach onMessage stitched: "Hel", "Hello ", "Hello world"; stray chunks do nothing', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    const events = recordEvents(session);
    await connectFully(session);
    const chunk = (content: string, chunkNumber: number | undefined, completed: boolean) =>
      f.emulator.injectItem(f.contact.ContactId, {
        AsRole: 'SYSTEM',
        Type: 'MESSAGE',
        ContentType: 'text/plain',
        Id: 'lex-1',
        Content: content,
        MessageMetadata: {
          MessageCompleted: completed,
          ...(chunkNumber ? { ChunkNumber: chunkNumber } : {}),
        },
        Store: completed,
      });
    chunk('Hel', 1, false);
    // Once the first chunk is out, the initial history page has been applied (it cannot overtake the rest).
    await until(() => expect(events.onMessage).toHaveLength(1));
    f.advance(1);
    chunk('lo ', 2, false);
    chunk('ignored', 4, false);
    chunk('Hello world', undefined, true);
    chunk('Hello world', undefined, true);
    await until(() => expect(events.onMessage).toHaveLength(3));
    const first = dataOf(events.onMessage)[0];
    expect(dataOf(events.onMessage).map((item) => item.Content)).toEqual(['Hel', 'Hello ', 'Hello world']);
    expect(dataOf(events.onMessage).map((item) => item.AbsoluteTime)).toEqual([
      first?.AbsoluteTime,
      first?.AbsoluteTime,
      first?.AbsoluteTime,
    ]);
  });

  it('CUS-13 a reconnection: onConnectionLost once, onConnectionEstablished { data: {} }, missed messages once each in order (fix 6)', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    const events = recordEvents(session);
    await connectFully(session);
    const before = f.agentSays('before');
    await until(() => expect(events.onMessage).toHaveLength(1));
    f.emulator.addFault({
      match: { participantId: f.contact.ParticipantId },
      action: { type: 'close', code: 1006 },
    });
    await until(() => expect(events.onConnectionLost).toHaveLength(1));
    f.advance(1);
    const missed = [f.agentSays('missed 1')];
    f.advance(1);
    missed.push(f.agentSays('missed 2'));
    f.advance(1_000);
    await until(() => expect(events.onConnectionEstablished).toHaveLength(2));
    expect(events.onConnectionEstablished[1]).toEqual({
      data: {},
      chatDetails: expect.objectContaining({ contactId: f.contact.ContactId }),
    });
    await until(() => expect(events.onMessage).toHaveLength(3));
    const after = f.agentSays('after');
    await until(() => expect(events.onMessage).toHaveLength(4));
    expect(dataOf(events.onMessage).map((item) => item.Id)).toEqual([before, ...missed, after]);
    expect(events.onConnectionLost).toHaveLength(1);
    expect(events.onConnectionLost[0]).toEqual({ data: {}, chatDetails: expect.any(Object) });
  });

  it('CUS-15 an event whose ContentType names an Object.prototype member breaks nothing; later messages still arrive', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    const events = recordEvents(session);
    await connectFully(session);
    for (const name of ['constructor', 'toString', 'hasOwnProperty'])
      f.emulator.injectItem(f.contact.ContactId, {
        AsParticipantId: f.agent.ParticipantId,
        Type: 'EVENT',
        ContentType: name,
        Content: '{}',
      });
    const after = f.agentSays('after the odd events');
    await until(() => expect(dataOf(events.onMessage).map((item) => item.Id)).toContain(after));
    // Routed as ChatJS routes any content type it has no callback for: to onMessage, as plain data.
    expect(dataOf(events.onMessage).map((item) => item.ContentType)).toEqual(
      expect.arrayContaining(['constructor', 'toString', 'hasOwnProperty', 'text/plain']),
    );
  });

  it('CUS-14 deep heartbeats: onDeepHeartbeatSuccess, then onDeepHeartbeatFailure when the ping fails', async () => {
    await using f = await compatFixture({ runtime: { delays: { heartbeatInterval: 10_000 } } });
    const session = f.customer();
    const events = recordEvents(session);
    await connectFully(session);
    await until(() => expect(events.onDeepHeartbeatSuccess).toHaveLength(1));
    expect(events.onDeepHeartbeatSuccess[0]).toEqual({ data: {}, chatDetails: expect.any(Object) });
    expect(session.controller.getConnectionStatus()).toBe('Established');
    f.emulator.addFault({ action: { type: 'pingStatus', statusCode: 500 } });
    f.advance(10_000);
    await until(() => expect(events.onDeepHeartbeatFailure).toHaveLength(1));
    expect(session.controller.getConnectionStatus()).toBe('Broken');
  });
});

describe('customer session: methods (§5)', () => {
  it("CUS-20 calls before connect() has the connection details: ChatJS's string rejection, or the TypeError ChatJS throws where it has no check; nothing is sent", async () => {
    let releaseDetails = (): void => undefined;
    const detailsHeld = new Promise<void>((resolve) => {
      releaseDetails = resolve;
    });
    await using f = await compatFixture({
      holdAnswer: (path) => (path === '/participant/connection' ? detailsHeld : undefined),
    });
    const session = f.customer();
    const guarded = [
      ['sendMessage', () => session.sendMessage({ message: 'x', contentType: 'text/plain' })],
      ['sendEvent', () => session.sendEvent({ contentType: event('typing') })],
      ['getTranscript', () => session.getTranscript({})],
      ['sendAttachment', () => session.sendAttachment({ attachment: new File(['x'], 'a.txt') })],
      ['downloadAttachment', () => session.downloadAttachment({ attachmentId: 'a' })],
      ['getAttachmentURL', () => session.getAttachmentURL({ attachmentId: 'a' })],
      ['disconnectParticipant', () => session.disconnectParticipant()],
    ] as const;
    const unguarded = [
      () => session.describeView({ viewToken: 'sample-view' }),
      () => session.getAuthenticationUrl({ sessionId: 'x'.repeat(36), redirectUri: 'https://example.com' }),
      () => session.cancelParticipantAuthentication({ sessionId: 'x'.repeat(36) }),
    ];
    const expectRefusals = async () => {
      for (const [method, call] of guarded) await expect(call()).rejects.toBe(noActiveConnection(method));
      for (const call of unguarded)
        expect(call).toThrow(
          new TypeError("Cannot read properties of undefined (reading 'getConnectionToken')"),
        );
    };
    await expectRefusals();
    const httpOperations = () =>
      f.emulator
        .getContactState(f.contact.ContactId)
        .Log.filter((entry) => entry.kind === 'http')
        .map((entry) => (entry as { operation: string }).operation);
    // While connect() waits for the answer to CreateParticipantConnection, the details are not there yet either.
    const connecting = session.connect();
    await until(() => expect(httpOperations()).toEqual(['CreateParticipantConnection']));
    await expectRefusals();
    expect(httpOperations()).toEqual(['CreateParticipantConnection']);
    releaseDetails();
    await connecting;
    await expect(session.describeView({ viewToken: 'sample-view' })).resolves.toMatchObject({
      data: { View: expect.any(Object) },
    });
  });

  it("CUS-21 sendMessage resolves { data: { AbsoluteTime, Id, $metadata }, metadata }; a service error rejects ChatJS's object", async () => {
    await using f = await compatFixture();
    const session = f.customer();
    await connectFully(session);
    const sent = await session.sendMessage({
      message: 'hello',
      contentType: 'text/markdown',
      metadata: 'M1',
    });
    expect(sent).toEqual({
      data: {
        AbsoluteTime: expect.any(String),
        Id: expect.any(String),
        $metadata: expect.objectContaining({
          httpStatusCode: 200,
          requestId: expect.any(String),
          attempts: 1,
        }),
      },
      metadata: 'M1',
    });
    const state = f.emulator.getContactState(f.contact.ContactId);
    expect(state.Items.find((item) => item.Id === sent.data.Id)).toMatchObject({
      Content: 'hello',
      ContentType: 'text/markdown',
    });
    f.emulator.addFault({
      match: { operation: 'SendMessage' },
      action: {
        type: 'error',
        status: 400,
        errorType: 'ValidationException',
        message: 'Content is not valid',
      },
      times: 1,
    });
    const failure = await session
      .sendMessage({ message: 'again', contentType: 'text/plain', metadata: 'M2' })
      .catch((error: unknown) => error);
    expect(failure).toEqual({
      type: 'ValidationException',
      message: 'Content is not valid',
      stack: expect.any(Array),
      statusCode: 400,
      metadata: 'M2',
    });
    expect(failure).not.toBeInstanceOf(Error);
  });

  it('CUS-22 sendMessage with a caller clientToken sends it as ClientToken; each call otherwise gets its own (fix 7)', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    await connectFully(session);
    await session.sendMessage({ message: 'one', contentType: 'text/plain', clientToken: 'token-from-app' });
    await session.sendMessage({ message: 'two', contentType: 'text/plain' });
    await session.sendMessage({ message: 'three', contentType: 'text/plain' });
    const tokens = f.bodies('/participant/message').map((body) => body.ClientToken);
    expect(tokens[0]).toBe('token-from-app');
    expect(new Set(tokens).size).toBe(3);
  });

  it('CUS-23 typing goes out once per 10 s; calls inside the window resolve the same result object, no request', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    await connectFully(session);
    const typing = { contentType: event('typing') };
    const first = await session.sendEvent({ ...typing, metadata: 'first' });
    expect(first).toMatchObject({ metadata: 'first' });
    const second = await session.sendEvent({ ...typing, metadata: 'second' });
    // The one response object of the window; as in ChatJS, each call writes its own metadata on it.
    expect(second).toBe(first);
    expect(first).toMatchObject({
      data: { Id: expect.any(String), $metadata: { httpStatusCode: 200 } },
      metadata: 'second',
    });
    f.advance(9_999);
    expect(await session.sendEvent(typing)).toBe(first);
    f.advance(1);
    const third = await session.sendEvent(typing);
    expect(third).not.toBe(first);
    expect(f.requests('SendEvent')).toHaveLength(2);
  });

  it('CUS-24 getTranscript: ChatJS defaults (15, BACKWARD, ASCENDING) and { InitialContactId, NextToken, Transcript, $metadata }', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    await connectFully(session);
    for (let index = 0; index < 20; index += 1) {
      f.advance(1);
      f.agentSays(`message ${index}`);
    }
    const page = (await session.getTranscript({ metadata: 'T' })) as {
      data: {
        Transcript: { Content?: string }[];
        NextToken?: string;
        InitialContactId?: string;
        $metadata: object;
      };
      metadata: unknown;
    };
    expect(page.metadata).toBe('T');
    expect(page.data.Transcript).toHaveLength(15);
    expect(page.data.Transcript.at(-1)?.Content).toBe('message 19');
    expect(page.data.NextToken).toEqual(expect.any(String));
    expect(page.data.InitialContactId).toBe(f.contact.ContactId);
    expect(page.data.$metadata).toMatchObject({ httpStatusCode: 200 });
    const request = f.bodies('/participant/transcript').at(-1);
    expect(request).toMatchObject({ MaxResults: 15, ScanDirection: 'BACKWARD', SortOrder: 'ASCENDING' });
    const older = (await session.getTranscript({ nextToken: page.data.NextToken, maxResults: 100 })) as {
      data: { Transcript: unknown[] };
    };
    expect(older.data.Transcript.length).toBeGreaterThan(0);
  });

  it('CUS-25 attachments: sendAttachment resolves { data: { $metadata }, metadata }; download gives a Blob with metadata; getAttachmentURL a string', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    const events = recordEvents(session);
    await connectFully(session);
    const file = new File(['hello attachment'], 'note.txt', { type: 'text/plain' });
    const sent = await session.sendAttachment({ attachment: file, metadata: 'A' });
    expect(sent).toEqual({
      data: { $metadata: expect.objectContaining({ httpStatusCode: 200 }) },
      metadata: 'A',
    });
    await until(() => expect(dataOf(events.onMessage).some((item) => item.Type === 'ATTACHMENT')).toBe(true));
    const item = dataOf(events.onMessage).find((entry) => entry.Type === 'ATTACHMENT') as {
      Attachments: { AttachmentId: string }[];
    };
    const attachmentId = item.Attachments[0]?.AttachmentId as string;
    const url = await session.getAttachmentURL({ attachmentId });
    expect(typeof url).toBe('string');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const blob = await session.downloadAttachment({ attachmentId, metadata: 'D' });
    expect(blob.metadata).toBe('D');
    expect(await blob.text()).toBe('hello attachment');
  });

  it("CUS-26 describeView, getAuthenticationUrl and cancelParticipantAuthentication resolve ChatJS's shapes", async () => {
    await using f = await compatFixture();
    const session = f.customer();
    await connectFully(session);
    const view = await session.describeView({ viewToken: 'sample-view', metadata: 'V' });
    expect(view).toEqual({
      data: { View: expect.objectContaining({ Id: 'sample-view' }), $metadata: expect.any(Object) },
      metadata: 'V',
    });
    const sessionId = f.emulator.initiateAuthentication(f.contact.ContactId);
    const url = await session.getAuthenticationUrl({ sessionId, redirectUri: 'https://example.com/back' });
    expect(url).toEqual({
      data: { AuthenticationUrl: expect.any(String), $metadata: expect.any(Object) },
      metadata: null,
    });
    const cancelled = await session.cancelParticipantAuthentication({ sessionId, metadata: 'C' });
    expect(cancelled).toEqual({ data: { $metadata: expect.any(Object) }, metadata: 'C' });
    const missing = await session
      .describeView({ viewToken: 'no-such-view', metadata: 'X' })
      .catch((error: unknown) => error);
    expect(missing).toMatchObject({ type: 'ResourceNotFoundException', statusCode: 404, metadata: 'X' });
  });

  it('CUS-27 disconnectParticipant resolves { data } and keeps the session until chat.ended: onMessage then onEnded, then calls reject', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    const events = recordEvents(session);
    await connectFully(session);
    const left = await session.disconnectParticipant();
    expect(left).toEqual({ data: { $metadata: expect.objectContaining({ httpStatusCode: 200 }) } });
    await until(() => expect(events.onEnded).toHaveLength(1));
    expect(events.onEnded[0]).toEqual({ data: null, chatDetails: expect.any(Object) });
    expect(dataOf(events.onMessage).map((item) => item.ContentType)).toEqual([
      event('participant.left'),
      event('chat.ended'),
    ]);
    await expect(session.sendMessage({ message: 'late', contentType: 'text/plain' })).rejects.toBe(
      noActiveConnection('sendMessage'),
    );
    await expect(session.getTranscript()).rejects.toBe(noActiveConnection('getTranscript'));
  });

  it('CUS-28 the chat ending while the socket is down is reported like ChatJS: ended item to onMessage, then onEnded', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    const events = recordEvents(session);
    await connectFully(session);
    f.emulator.addFault({
      match: { participantId: f.contact.ParticipantId },
      action: { type: 'close', code: 1006 },
    });
    await until(() => expect(events.onConnectionLost).toHaveLength(1));
    f.emulator.addFault({
      match: { operation: 'CreateParticipantConnection' },
      action: { type: 'error', status: 403, errorType: 'AccessDeniedException', message: 'Access denied' },
    });
    f.advance(1_000);
    await until(() => expect(events.onEnded).toHaveLength(1));
    expect(dataOf(events.onMessage).at(-1)).toEqual({
      AbsoluteTime: '',
      ContentType: event('chat.ended'),
      Id: '',
      Type: 'EVENT',
      InitialContactId: '',
    });
    expect(events.onConnectionBroken).toHaveLength(0);
  });

  it("CUS-29 onTranscriptUpdated: ChatJS's own transcript, reported after every change (fetch on connecting, sending, sent, echo, typing, receipt, failure, page)", async () => {
    await using f = await compatFixture();
    const session = f.customer();
    type Report = { transcript: Record<string, unknown>[]; previousTranscriptNextToken?: string | null };
    // Copies: ChatJS shares item objects between reports and updates them in place.
    const reports: Report[] = [];
    session.onTranscriptUpdated(({ data }) => reports.push(JSON.parse(JSON.stringify(data)) as Report));
    const last = () => reports.at(-1)?.transcript.at(-1) as Record<string, unknown>;
    await connectFully(session);
    // ChatJS fetches the newest 100 items on every connection while its transcript is on.
    await until(() => expect(reports).toHaveLength(1));
    expect(f.bodies('/participant/transcript')).toContainEqual({
      MaxResults: 100,
      ScanDirection: 'BACKWARD',
      SortOrder: 'ASCENDING',
      StartPosition: {},
    });
    expect(reports[0]?.transcript.length).toBeGreaterThan(0);
    for (const item of reports[0]?.transcript ?? [])
      expect(JSON.parse(item.serializedContent as string)).toMatchObject({ Id: item.Id });

    // The answer before the echo: SENDING, then SENT under the real Id; the echo then takes its place.
    f.emulator.addFault({
      match: { participantId: f.contact.ParticipantId },
      action: { type: 'delayFrames', ms: 1_000 },
      times: 1,
    });
    let count = reports.length;
    const sent = (await session.sendMessage({ message: 'mine', contentType: 'text/plain' })) as {
      data: { Id: string };
    };
    await until(() => expect(reports).toHaveLength(count + 2));
    const sending = reports[count]?.transcript.at(-1) as { Id: string };
    expect(sending).toEqual({
      Id: expect.any(String),
      ContentType: 'text/plain',
      Content: 'mine',
      Type: 'MESSAGE',
      ParticipantRole: 'CUSTOMER',
      AbsoluteTime: '',
      MessageMetadata: { MessageId: sending.Id, Status: 'SENDING' },
    });
    expect(last()).toEqual({
      ...sending,
      Id: sent.data.Id,
      MessageMetadata: { MessageId: sent.data.Id, Status: 'SENT' },
    });
    f.advance(1_000);
    await until(() => expect(reports).toHaveLength(count + 3));
    expect(last()).toMatchObject({
      Id: sent.data.Id,
      Content: 'mine',
      AbsoluteTime: expect.stringMatching(/Z$/),
    });
    expect(last()).not.toHaveProperty('MessageMetadata.Status');

    // Typing is listed; a receipt is not, it sets the status of the message it is about.
    count = reports.length;
    const typing = f.emulator.sendTyping(f.contact.ContactId, f.agent.ParticipantId);
    await until(() => expect(reports).toHaveLength(count + 1));
    expect(last()).toMatchObject({ Id: typing.Id, ContentType: event('typing') });
    f.emulator.sendReceipt(f.contact.ContactId, {
      AsParticipantId: f.agent.ParticipantId,
      MessageId: sent.data.Id,
      Kind: 'read',
    });
    await until(() => expect(reports).toHaveLength(count + 2));
    const mine = reports.at(-1)?.transcript.find((item) => item.Id === sent.data.Id);
    expect(mine).toHaveProperty('MessageMetadata.Status', 'READ');
    expect(reports.at(-1)?.transcript.some((item) => item.Type === 'MESSAGEMETADATA')).toBe(false);

    // A refused send stays, FAILED, with the time it failed.
    f.emulator.addFault({
      match: { operation: 'SendMessage' },
      action: { type: 'error', status: 400, errorType: 'ValidationException', message: 'refused' },
      times: 1,
    });
    await expect(session.sendMessage({ message: 'lost', contentType: 'text/plain' })).rejects.toMatchObject({
      statusCode: 400,
    });
    await until(() =>
      expect(last()).toMatchObject({ Content: 'lost', MessageMetadata: { Status: 'FAILED' } }),
    );
    expect(last()?.AbsoluteTime).toBe(new Date(f.clock.now()).toISOString());

    // A page: every item again, as the service has it, and its NextToken.
    const page = (await session.getTranscript({ maxResults: 2 })) as { data: { NextToken?: string } };
    await until(() => expect(reports.at(-1)?.previousTranscriptNextToken).toBe(page.data.NextToken));
    expect(page.data.NextToken).toEqual(expect.any(String));
  });

  it('CUS-32 a slow message holds up only the messages behind it: events, transcript and views go out beside it, as in ChatJS', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    await connectFully(session);
    f.emulator.addFault({
      match: { operation: 'SendMessage' },
      action: { type: 'delay', ms: 60_000 },
      times: 1,
    });
    const settled: string[] = [];
    const slow = session
      .sendMessage({ message: 'slow', contentType: 'text/plain' })
      .finally(() => settled.push('slow'));
    const next = session
      .sendMessage({ message: 'next', contentType: 'text/plain' })
      .finally(() => settled.push('next'));
    await until(() => expect(f.bodies('/participant/message')).toHaveLength(1));
    await expect(session.sendEvent({ contentType: event('typing') })).resolves.toMatchObject({
      data: { Id: expect.any(String) },
    });
    await expect(session.sendEvent({ contentType: event('connection.acknowledged') })).resolves.toMatchObject(
      {
        data: { Id: expect.any(String) },
      },
    );
    await expect(session.getTranscript({})).resolves.toMatchObject({
      data: { Transcript: expect.any(Array) },
    });
    await expect(session.describeView({ viewToken: 'sample-view' })).resolves.toMatchObject({
      data: { View: expect.any(Object) },
    });
    // Messages keep their order: the second waits for the first.
    expect(settled).toEqual([]);
    expect(f.bodies('/participant/message')).toHaveLength(1);
    f.advance(60_000);
    await Promise.all([slow, next]);
    expect(settled).toEqual(['slow', 'next']);
    expect(f.bodies('/participant/message').map((body) => body.Content)).toEqual(['slow', 'next']);
  });

  it('CUS-31 without an onTranscriptUpdated subscriber, nothing is fetched for it on connecting', async () => {
    await using f = await compatFixture();
    const session = f.customer();
    await connectFully(session);
    await session.getTranscript({ maxResults: 1 });
    expect(
      f.bodies('/participant/transcript').filter((body) => body.MaxResults === 100 && body.StartPosition),
    ).toEqual([]);
  });

  it("CUS-30 service errors of sendEvent, getTranscript, attachments and authentication reject ChatJS's object", async () => {
    await using f = await compatFixture();
    const session = f.customer();
    await connectFully(session);
    const fail = (operation: string, status: number, errorType: string) =>
      f.emulator.addFault({
        match: { operation },
        action: { type: 'error', status, errorType, message: `${operation} refused` },
        times: 1,
      });
    const shape = (type: string, statusCode: number, operation: string, metadata: unknown) => ({
      type,
      message: `${operation} refused`,
      stack: expect.any(Array),
      statusCode,
      metadata,
    });
    fail('SendEvent', 400, 'ValidationException');
    await expect(session.sendEvent({ contentType: event('typing'), metadata: 'E' })).rejects.toEqual(
      shape('ValidationException', 400, 'SendEvent', 'E'),
    );
    fail('GetTranscript', 404, 'ResourceNotFoundException');
    await expect(session.getTranscript({ metadata: 'T' })).rejects.toEqual(
      shape('ResourceNotFoundException', 404, 'GetTranscript', 'T'),
    );
    fail('StartAttachmentUpload', 402, 'ServiceQuotaExceededException');
    await expect(
      session.sendAttachment({ attachment: new File(['x'], 'a.txt', { type: 'text/plain' }), metadata: 'A' }),
    ).rejects.toEqual(shape('ServiceQuotaExceededException', 402, 'StartAttachmentUpload', 'A'));
    fail('GetAttachment', 400, 'ValidationException');
    await expect(session.getAttachmentURL({ attachmentId: 'nope', metadata: 'U' })).rejects.toEqual(
      shape('ValidationException', 400, 'GetAttachment', 'U'),
    );
    fail('GetAuthenticationUrl', 409, 'ConflictException');
    await expect(
      session.getAuthenticationUrl({
        sessionId: 'x'.repeat(36),
        redirectUri: 'https://example.com',
        metadata: 'G',
      }),
    ).rejects.toEqual(shape('ConflictException', 409, 'GetAuthenticationUrl', 'G'));
    // Still usable afterwards.
    await expect(session.sendMessage({ message: 'ok', contentType: 'text/plain' })).resolves.toMatchObject({
      data: { Id: expect.any(String) },
    });
  });
});
