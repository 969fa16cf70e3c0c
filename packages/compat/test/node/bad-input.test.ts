// Bad input: create() throws an IllegalArgumentException at once (fix 3); each method refuses bad arguments the way
// ChatJS does (its synchronous throws for what it checks itself, the service's 400 ValidationException for what the
// service would refuse), sends nothing, and leaves the session usable.
import { describe, expect, it } from 'vitest';
import { IllegalArgumentException, ValueError } from '../../src/legacy-errors';
import { compatFixture, connectFully } from './compat-fixture';

const event = (suffix: string) => `application/vnd.amazonaws.connect.event.${suffix}`;

const participantOperations = (f: Awaited<ReturnType<typeof compatFixture>>) =>
  f.emulator
    .getContactState(f.contact.ContactId)
    .Log.filter((entry) => entry.kind === 'http')
    .map((entry) => (entry as { operation: string }).operation);

describe('create() with bad input', () => {
  it('BAD-01 throws IllegalArgumentException at once with a clear message, and nothing goes on the wire', async () => {
    await using f = await compatFixture();
    const valid = {
      contactId: f.contact.ContactId,
      participantId: f.contact.ParticipantId,
      participantToken: f.contact.ParticipantToken,
    };
    const cases: [unknown, RegExp][] = [
      [undefined, /needs an object with chatDetails/],
      [{ type: 'CUSTOMER' }, /chatDetails is not an object/],
      [
        { chatDetails: { ...valid, contactId: '' }, type: 'CUSTOMER' },
        /chatDetails.contactId is not a non-empty string!/,
      ],
      [
        { chatDetails: { ...valid, participantId: 42 }, type: 'CUSTOMER' },
        /chatDetails.participantId is not/,
      ],
      [
        { chatDetails: { ...valid, participantToken: undefined }, type: 'CUSTOMER' },
        /participantToken is not/,
      ],
      [{ chatDetails: { ...valid, participantToken: undefined }, type: 'AGENT' }, /agent session needs/],
      [
        { chatDetails: { ...valid, getConnectionToken: 'token' }, type: 'AGENT' },
        /getConnectionToken is not a function/,
      ],
      [
        { chatDetails: valid, type: 'AGENT', websocketManager: { subscribeTopics() {} } },
        /websocketManager.onMessage/,
      ],
      [{ chatDetails: valid, type: 'CUSTOMER', options: { region: 5 } }, /options.region/],
      [{ chatDetails: { ...valid, contactId: 'x'.repeat(300) }, type: 'CUSTOMER' }, /contactId/],
    ];
    for (const [args, message] of cases) {
      let thrown: unknown;
      try {
        f.ChatSession.create(args as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, String(message)).toBeInstanceOf(IllegalArgumentException);
      expect(thrown).toBeInstanceOf(ValueError);
      expect((thrown as Error).name).toBe('IllegalArgument');
      expect((thrown as Error).message).toMatch(message);
    }
    expect(participantOperations(f)).toEqual([]);
  });

  it('BAD-02 an unknown type throws as ChatJS does (its own message, the bad value in .argument); a missing type means AGENT', async () => {
    await using f = await compatFixture();
    const chatDetails = {
      ContactId: f.contact.ContactId,
      ParticipantId: f.contact.ParticipantId,
      ParticipantToken: f.contact.ParticipantToken,
    };
    let thrown: IllegalArgumentException | undefined;
    try {
      f.ChatSession.create({ chatDetails, type: 'VISITOR' as never });
    } catch (error) {
      thrown = error as IllegalArgumentException;
    }
    expect(thrown?.message).toBe('Unkown value for session type, Allowed values are: AGENT,CUSTOMER');
    expect(thrown?.argument).toBe('VISITOR');
    const agentByDefault = f.ChatSession.create({ chatDetails });
    expect('cleanUpOnParticipantDisconnect' in agentByDefault).toBe(true);
    expect('disconnectParticipant' in agentByDefault).toBe(false);
    // Without a StreamsJS manager it drives its own socket, so a forgotten type still connects.
    await expect(agentByDefault.connect()).resolves.toMatchObject({ connectSuccess: true });
  });
});

describe('methods with bad input', () => {
  it("BAD-10 ChatJS's own checks throw synchronously, with ChatJS's errors; nothing is sent", async () => {
    await using f = await compatFixture();
    const session = f.customer();
    await connectFully(session);
    const before = participantOperations(f);
    const parseError = (() => {
      try {
        JSON.parse('{oops');
      } catch (error) {
        return error as SyntaxError;
      }
      throw new Error('JSON.parse accepted "{oops"');
    })();

    const thrown = (call: () => unknown): unknown => {
      try {
        call();
      } catch (error) {
        return error;
      }
      return 'nothing thrown';
    };
    const notAMessage = thrown(() => session.sendMessage({ contentType: 'text/plain' } as never));
    expect(notAMessage).toEqual(new IllegalArgumentException('undefinedis not a valid message'));
    expect(notAMessage).toMatchObject({ name: 'IllegalArgument', argument: undefined });
    const badType = thrown(() => session.sendMessage({ message: 'x', contentType: 'text/html' } as never));
    expect(badType).toBeInstanceOf(IllegalArgumentException);
    expect((badType as Error).message).toMatch(
      /^contentType passed \(text\/html\) is not valid. Allowed values are: text\/plain,text\/markdown,/,
    );
    expect((badType as IllegalArgumentException).argument).toBeUndefined();
    expect(() => session.sendEvent({ contentType: 'nope' })).toThrow(IllegalArgumentException);
    // JSON content is parsed up front, by JSON.parse itself.
    expect(thrown(() => session.sendEvent({ contentType: event('typing'), content: '{oops' }))).toEqual(
      parseError,
    );
    // A missing argument object, or attachment, or receipt content: the TypeError of reading a property off it.
    const readOff = (value: string, property: string) =>
      new TypeError(`Cannot read properties of ${value} (reading '${property}')`);
    expect(thrown(() => session.sendMessage(undefined as never))).toEqual(readOff('undefined', 'metadata'));
    expect(thrown(() => session.sendEvent(null as never))).toEqual(readOff('null', 'metadata'));
    expect(thrown(() => session.getTranscript(null as never))).toEqual(readOff('null', 'metadata'));
    expect(thrown(() => session.describeView(undefined as never))).toEqual(readOff('undefined', 'metadata'));
    expect(thrown(() => session.sendAttachment({} as never))).toEqual(readOff('undefined', 'type'));
    expect(thrown(() => session.sendEvent({ contentType: event('message.read') }))).toEqual(
      readOff('null', 'messageId'),
    );
    expect(() => session.onMessage('not a function' as never)).toThrow(
      new ValueError('f must be a function'),
    );
    expect(() => session.onMessage(undefined as never)).toThrow(new ValueError('f must be provided'));
    expect(participantOperations(f)).toEqual(before);
  });

  it("BAD-12 what the service would refuse is refused before the wire, with the service's rejection: a 400 ValidationException", async () => {
    await using f = await compatFixture();
    const session = f.customer();
    await connectFully(session);
    const before = participantOperations(f);
    const refused: [string, () => Promise<unknown>][] = [
      ['empty message', () => session.sendMessage({ message: '', contentType: 'text/plain' })],
      ['too long', () => session.sendMessage({ message: 'x'.repeat(1025), contentType: 'text/plain' })],
      ['a type SendMessage refuses', () => session.sendMessage({ message: 'a,b', contentType: 'text/csv' })],
      [
        'an event SendEvent refuses',
        () =>
          session.sendEvent({ contentType: 'application/vnd.amazonaws.connect.event.participant.joined' }),
      ],
      ['page size', () => session.getTranscript({ maxResults: 500 })],
      ['scan direction', () => session.getTranscript({ scanDirection: 'SIDEWAYS' as never })],
      [
        'attachment type',
        () =>
          session.sendAttachment({
            attachment: new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' }),
          }),
      ],
      ['attachment id', () => session.getAttachmentURL({} as never)],
      ['session id', () => session.getAuthenticationUrl({ sessionId: 'short', redirectUri: 'https://x' })],
    ];
    for (const [what, call] of refused) {
      const failure = await call().then(
        () => 'resolved',
        (error: unknown) => error,
      );
      expect(failure, what).toEqual({
        type: 'ValidationException',
        message: expect.stringMatching(/^unable to /),
        stack: expect.any(Array),
        statusCode: 400,
        metadata: null,
      });
    }
    // A view token is a path label: the SDK refuses to build the request without one.
    await expect(session.describeView({ metadata: 'V' } as never)).rejects.toEqual({
      type: 'Error',
      message: 'No value provided for input HTTP label: ViewToken.',
      stack: expect.any(Array),
      statusCode: undefined,
      metadata: 'V',
    });
    await expect(session.describeView({ viewToken: '' })).rejects.toMatchObject({
      type: 'Error',
      message: 'Empty value provided for input HTTP label: ViewToken.',
    });
    expect(participantOperations(f)).toEqual(before);

    // Read as loosely as ChatJS reads them: empty content is no content, a falsy metadata is null.
    await expect(
      session.sendEvent({ contentType: event('connection.acknowledged'), content: '', metadata: 0 as never }),
    ).resolves.toMatchObject({ data: { Id: expect.any(String) }, metadata: null });
    expect(f.bodies('/participant/event').at(-1)).not.toHaveProperty('Content');
    // Still usable.
    await expect(session.sendMessage({ message: 'fine', contentType: 'text/plain' })).resolves.toMatchObject({
      data: { Id: expect.any(String) },
    });
  });

  it('BAD-11 setGlobalConfig without an object throws a TypeError, as ChatJS does', async () => {
    await using f = await compatFixture();
    expect(() => f.ChatSession.setGlobalConfig(undefined as never)).toThrow(TypeError);
  });
});
