// ChatJS agent sessions (type AGENT) in an agent desktop: StreamsJS's WebSocket manager is injected (the manager
// double, backed by the emulator), the connection token comes from `chatDetails.getConnectionToken` (StreamsJS
// media info), and CreateParticipantConnection is the fallback (legacy-chatjs §4, §6.2).
import { createFetchParticipantApi } from '@connect-chat/transport';
import {
  createStreamsWebSocketManagerDouble,
  maxParticipantsPerChat,
  type StreamsWebSocketManagerDouble,
} from '@connect-chat/transport/testing';
import { describe, expect, it } from 'vitest';
import type { AgentChatSession, LegacyChatSession } from '../../src/legacy.types';
import {
  type CompatFixture,
  compatFixture,
  connectFully,
  type EventLog,
  recordEvents,
  until,
} from './compat-fixture';

const event = (suffix: string) => `application/vnd.amazonaws.connect.event.${suffix}`;
const dataOf = (payloads: Record<string, unknown>[]) =>
  payloads.map((payload) => payload.data as Record<string, unknown>);

interface Desktop {
  session: AgentChatSession;
  events: EventLog;
  manager: StreamsWebSocketManagerDouble;
  participantId: string;
  tokenRequests(): number;
}

/** An agent desktop: a manager double on the emulator, media info from the emulator, and a compat session. */
function agentDesktop(
  f: CompatFixture,
  participant: { ParticipantId: string; ParticipantToken: string },
  options: { tokenFails?: boolean } = {},
): Desktop {
  const desktopApi = createFetchParticipantApi({ endpoint: f.emulator.endpoint, maxAttempts: 1 });
  const manager = createStreamsWebSocketManagerDouble({ now: () => f.clock.now() });
  manager.init(async () => {
    const output = await desktopApi.createParticipantConnection({
      ParticipantToken: participant.ParticipantToken,
      Type: ['WEBSOCKET'],
    });
    return { webSocketTransport: { url: output.Websocket?.Url ?? '', transportLifeTimeInSeconds: 3540 } };
  });
  let tokenRequests = 0;
  const session = f.ChatSession.create({
    chatDetails: {
      contactId: f.contact.ContactId,
      participantId: participant.ParticipantId,
      participantToken: participant.ParticipantToken,
      getConnectionToken: async () => {
        tokenRequests += 1;
        if (options.tokenFails) throw new Error('media info unavailable');
        const output = await desktopApi.createParticipantConnection({
          ParticipantToken: participant.ParticipantToken,
          Type: ['CONNECTION_CREDENTIALS'],
        });
        return {
          chatTokenTransport: {
            participantToken: output.ConnectionCredentials?.ConnectionToken ?? '',
            expiry: output.ConnectionCredentials?.Expiry,
          },
        };
      },
    },
    type: 'AGENT',
    websocketManager: manager,
  }) as AgentChatSession;
  return {
    session,
    events: recordEvents(session),
    manager,
    participantId: participant.ParticipantId,
    tokenRequests: () => tokenRequests,
  };
}

describe('agent sessions over a StreamsJS WebSocket manager', () => {
  it('AGT-01 connects with getConnectionToken, acknowledges with ConnectParticipant, and chats both ways', async () => {
    await using f = await compatFixture();
    const desktop = agentDesktop(f, f.agent);
    await using _manager = desktop.manager;
    await desktop.manager.connected();
    await expect(desktop.session.connect({ metadata: 'agent' })).resolves.toMatchObject({
      connectSuccess: true,
      metadata: 'agent',
    });
    expect(desktop.tokenRequests()).toBe(1);
    await until(() =>
      expect(f.bodies('/participant/connection')).toContainEqual({ ConnectParticipant: true }),
    );
    // The session never opens a socket of its own, and never sends a frame through the manager.
    expect(desktop.manager.sentFrames.every((frame) => frame.topic === 'aws/subscribe')).toBe(true);

    const customer = f.customer();
    const customerEvents = recordEvents(customer);
    await connectFully(customer);
    const fromCustomer = (await customer.sendMessage({ message: 'hi agent', contentType: 'text/plain' })) as {
      data: { Id: string };
    };
    await until(() =>
      expect(dataOf(desktop.events.onMessage).map((item) => item.Id)).toContain(fromCustomer.data.Id),
    );
    const fromAgent = (await desktop.session.sendMessage({
      message: 'hi customer',
      contentType: 'text/plain',
    })) as {
      data: { Id: string };
    };
    await until(() =>
      expect(dataOf(customerEvents.onMessage).map((item) => item.Id)).toContain(fromAgent.data.Id),
    );
    await until(() => expect(desktop.events.onConnectionEstablished).toHaveLength(1));
  });

  it('AGT-02 when getConnectionToken fails, CreateParticipantConnection with ConnectParticipant is the fallback', async () => {
    await using f = await compatFixture();
    const desktop = agentDesktop(f, f.agent, { tokenFails: true });
    await using _manager = desktop.manager;
    await desktop.manager.connected();
    await desktop.session.connect();
    expect(desktop.tokenRequests()).toBe(1);
    expect(f.bodies('/participant/connection')).toContainEqual(
      expect.objectContaining({
        ConnectParticipant: true,
        Type: expect.arrayContaining(['CONNECTION_CREDENTIALS']),
      }),
    );
    const sent = await desktop.session.sendMessage({ message: 'works', contentType: 'text/plain' });
    expect(sent).toMatchObject({ data: { Id: expect.any(String) } });
  });

  it('AGT-03 the manager losing and regaining its socket, then giving up: lost, established, broken', async () => {
    await using f = await compatFixture();
    const desktop = agentDesktop(f, f.agent);
    await using _manager = desktop.manager;
    await desktop.manager.connected();
    await desktop.session.connect();
    await until(() => expect(desktop.events.onConnectionEstablished).toHaveLength(1));
    desktop.manager.loseConnection({ code: 1006 });
    await until(() => expect(desktop.events.onConnectionLost).toHaveLength(1));
    await desktop.manager.reconnect();
    await until(() => expect(desktop.events.onConnectionEstablished).toHaveLength(2));
    expect(desktop.events.onConnectionEstablished[1]).toEqual({ data: {}, chatDetails: expect.any(Object) });
    desktop.manager.failInit('terminated');
    await until(() => expect(desktop.events.onConnectionBroken).toHaveLength(1));
    expect(desktop.events.onConnectionBroken[0]).toEqual({ data: {}, chatDetails: expect.any(Object) });
  });

  it('AGT-04 cleanUpOnParticipantDisconnect removes every handler and closes nothing', async () => {
    await using f = await compatFixture();
    const desktop = agentDesktop(f, f.agent);
    await using _manager = desktop.manager;
    await desktop.manager.connected();
    await desktop.session.connect();
    const first = f.emulator.injectItem(f.contact.ContactId, {
      AsParticipantId: f.contact.ParticipantId,
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'before',
    });
    await until(() => expect(dataOf(desktop.events.onMessage).map((item) => item.Id)).toContain(first.Id));
    const before = desktop.events.onMessage.length;
    desktop.session.cleanUpOnParticipantDisconnect();
    const later: unknown[] = [];
    desktop.session.onMessage((payload) => later.push(payload));
    f.emulator.injectItem(f.contact.ContactId, {
      AsParticipantId: f.contact.ParticipantId,
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'after',
    });
    await until(() => expect(later).toHaveLength(1));
    expect(desktop.events.onMessage).toHaveLength(before);
    expect(desktop.manager.state).toBe('connected');
  });

  it(`AGT-05 a ${maxParticipantsPerChat}-participant chat: joins, leaves, typing and messages reach everyone; no receipt is sent`, async () => {
    await using f = await compatFixture();
    const customer = f.customer();
    const customerEvents = recordEvents(customer);
    await connectFully(customer);
    const desktops: Desktop[] = [];
    const participants = [f.agent];
    for (let index = 1; index < maxParticipantsPerChat - 1; index += 1) {
      f.advance(1);
      participants.push(
        f.emulator.addParticipant(f.contact.ContactId, { Role: 'AGENT', DisplayName: `Agent ${index}` }),
      );
    }
    for (const participant of participants) {
      const desktop = agentDesktop(f, participant);
      desktops.push(desktop);
      await desktop.manager.connected();
      await desktop.session.connect();
    }
    const everyone: { session: LegacyChatSession; events: EventLog; participantId: string }[] = [
      { session: customer, events: customerEvents, participantId: f.contact.ParticipantId },
      ...desktops,
    ];
    expect(everyone).toHaveLength(maxParticipantsPerChat);
    try {
      // The customer saw every agent join after it connected.
      const joinedIds = () =>
        dataOf(customerEvents.onMessage)
          .filter((item) => item.ContentType === event('participant.joined'))
          .map((item) => item.ParticipantId);
      await until(() => expect(joinedIds()).toEqual(participants.slice(1).map((p) => p.ParticipantId)));

      // Everyone's message reaches everyone (their own included, as the service echoes it), once.
      const messages: string[] = [];
      for (const member of everyone) {
        f.advance(1);
        const sent = (await member.session.sendMessage({
          message: `from ${member.participantId}`,
          contentType: 'text/plain',
        })) as { data: { Id: string } };
        messages.push(sent.data.Id);
      }
      for (const member of everyone)
        await until(() =>
          expect(
            dataOf(member.events.onMessage)
              .filter((item) => item.Type === 'MESSAGE')
              .map((item) => item.Id),
          ).toEqual(messages),
        );

      // Typing from one agent reaches every session's onTyping, and never onMessage.
      f.advance(10_000);
      await desktops[2]!.session.sendEvent({ contentType: event('typing') });
      for (const member of everyone)
        await until(() =>
          expect(dataOf(member.events.onTyping).map((item) => item.ParticipantId)).toContain(
            desktops[2]!.participantId,
          ),
        );
      for (const member of everyone)
        expect(dataOf(member.events.onMessage).some((item) => item.ContentType === event('typing'))).toBe(
          false,
        );

      // Receipts are refused in a chat of more than two: rejected, and nothing goes on the wire.
      const receiptBodies = () =>
        f.bodies('/participant/event').filter((body) => String(body.ContentType).includes('event.message.'));
      await expect(
        customer.sendEvent({
          contentType: event('message.read'),
          content: JSON.stringify({ messageId: messages[1] }),
        }),
      ).rejects.toMatchObject({ errorMessage: expect.stringContaining('Ignoring messageReceipt') });
      await expect(
        desktops[0]!.session.sendEvent({
          contentType: event('message.delivered'),
          content: JSON.stringify({ messageId: messages[0] }),
        }),
      ).rejects.toMatchObject({ errorMessage: expect.stringContaining('more than two participants') });
      f.advance(10_000);
      expect(receiptBodies()).toEqual([]);

      // One agent leaves: everyone else sees participant.left in onMessage.
      const leaving = desktops[4]!;
      f.emulator.addFault({ action: { type: 'agentLeaves', participantId: leaving.participantId } });
      for (const member of everyone.filter((other) => other.participantId !== leaving.participantId))
        await until(() =>
          expect(
            dataOf(member.events.onMessage)
              .filter((item) => item.ContentType === event('participant.left'))
              .map((item) => item.ParticipantId),
          ).toEqual([leaving.participantId]),
        );
    } finally {
      await Promise.all(desktops.map((desktop) => desktop.manager.close()));
    }
  });

  it('AGT-06 another chat on the same StreamsJS manager does not reach this session', async () => {
    await using f = await compatFixture();
    const desktop = agentDesktop(f, f.agent);
    await using _manager = desktop.manager;
    await desktop.manager.connected();
    await desktop.session.connect();
    // A frame of another contact, as StreamsJS would deliver it for the agent's other chat.
    desktop.manager.deliver({
      topic: 'aws/chat',
      contentType: 'application/json',
      content: JSON.stringify({
        Id: 'other-chat-message',
        Type: 'MESSAGE',
        ContentType: 'text/plain',
        Content: 'not for you',
        ContactId: 'another-contact',
        InitialContactId: 'another-contact',
        AbsoluteTime: new Date(f.clock.now()).toISOString(),
      }),
    });
    const mine = f.emulator.injectItem(f.contact.ContactId, {
      AsParticipantId: f.contact.ParticipantId,
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'for you',
    });
    const messages = () =>
      dataOf(desktop.events.onMessage)
        .filter((item) => item.Type === 'MESSAGE')
        .map((item) => item.Id);
    await until(() => expect(messages()).toEqual([mine.Id]));
  });

  it('AGT-07 after onConnectionBroken the REST calls still work, as in ChatJS (only the real-time channel is dead)', async () => {
    await using f = await compatFixture();
    const desktop = agentDesktop(f, f.agent);
    await using _manager = desktop.manager;
    await desktop.manager.connected();
    await desktop.session.connect();
    desktop.manager.failInit('terminated');
    await until(() => expect(desktop.events.onConnectionBroken).toHaveLength(1));
    expect(desktop.session.controller.getConnectionStatus()).toBe('Broken');
    const sent = await desktop.session.sendMessage({
      message: 'still here',
      contentType: 'text/plain',
      metadata: 'B',
    });
    expect(sent).toEqual({
      data: { AbsoluteTime: expect.any(String), Id: expect.any(String), $metadata: expect.any(Object) },
      metadata: 'B',
    });
    const page = (await desktop.session.getTranscript({})) as { data: { Transcript: { Id?: string }[] } };
    expect(page.data.Transcript.map((item) => item.Id)).toContain((sent as { data: { Id: string } }).data.Id);
    expect(f.bodies('/participant/transcript').at(-1)).toMatchObject({ StartPosition: {}, MaxResults: 15 });
  });

  it("AGT-08 a transfer away stops an agent session's real-time events; REST calls still work", async () => {
    await using f = await compatFixture();
    const desktop = agentDesktop(f, f.agent);
    await using _manager = desktop.manager;
    await desktop.manager.connected();
    await desktop.session.connect();
    const transfer = f.emulator.injectItem(f.contact.ContactId, {
      AsRole: 'SYSTEM',
      Type: 'EVENT',
      ContentType: event('transfer.succeeded'),
    });
    await until(() => expect(dataOf(desktop.events.onMessage).map((item) => item.Id)).toContain(transfer.Id));
    const count = desktop.events.onMessage.length;
    const frames: string[] = [];
    desktop.manager.onAllMessage((frame) => frames.push(String(frame.content)));
    const after = f.emulator.injectItem(f.contact.ContactId, {
      AsParticipantId: f.contact.ParticipantId,
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'after the transfer',
    });
    // The frame did reach the manager (and so the session) ...
    await until(() => expect(frames.some((content) => content.includes(after.Id as string))).toBe(true));
    const page = (await desktop.session.getTranscript({})) as { data: { Transcript: { Id?: string }[] } };
    expect(page.data.Transcript.map((item) => item.Id)).toContain(after.Id);
    // ... but, once every queued callback has run, onMessage did not fire again.
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(desktop.events.onMessage).toHaveLength(count);
  });
});
