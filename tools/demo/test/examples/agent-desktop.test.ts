// The agent desktop's wiring (examples/agent-desktop: the desk and its StreamsJS wiring), driven in Node with a
// StreamsJS stand-in around the transport package's WebSocket-manager double, against the emulator. Each desk has
// its own `connect.ChatSession` (compat), as each agent's browser would. The customer speaks through the emulator.
// The sessions, the desks and the emulator share one manual clock: receipt windows pass when the test says so.
import { type ChatSessionApi, createChatSessionApi } from '@connect-chat/compat/module';
import { EventContentType, type Item } from '@connect-chat/core';
import { createFetchParticipantApi } from '@connect-chat/transport';
import type { CreatedContact, Emulator } from '@connect-chat/transport/testing';
import { describe, expect, test, vi } from 'vitest';
import { WebSocket } from 'ws';
import {
  type AgentDesk,
  createAgentDesk,
  type DeskChat,
} from '../../../../examples/agent-desktop/src/agent-desk';
import type { StreamsEndpoint } from '../../../../examples/agent-desktop/src/streams.types';
import { type StreamsWiring, wireStreams } from '../../../../examples/agent-desktop/src/streams-wiring';
import {
  ManualClock,
  startEmulatorOnClock,
} from '../../../../packages/transport/test/connection/manual-clock';
import {
  createStreamsStandIn,
  recordingChatSessionApi,
  type StreamsStandIn,
  type StreamsStandInOptions,
} from './support/streams-stand-in';

/** Waits for real I/O (sockets, HTTP) to bring the desk to a state; polls, never sleeps for pacing. */
const until = (check: () => void): Promise<void> => vi.waitFor(check, { timeout: 10_000, interval: 10 });

interface World extends AsyncDisposable {
  clock: ManualClock;
  emulator: Emulator;
  contact: CreatedContact;
  customerSays(content: string): string;
  /** Every item of the chat as the customer's GetTranscript returns it (receipts merged into messages). */
  customerTranscript(): Promise<Item[]>;
}

async function world(): Promise<World> {
  const clock = new ManualClock();
  const emulator = await startEmulatorOnClock(clock);
  const contact = emulator.createContact({ DisplayName: 'Casey' });
  const api = createFetchParticipantApi({ endpoint: emulator.endpoint, maxAttempts: 1 });
  return {
    clock,
    emulator,
    contact,
    customerSays: (content) =>
      emulator.injectItem(contact.ContactId, {
        AsParticipantId: contact.ParticipantId,
        Type: 'MESSAGE',
        ContentType: 'text/plain',
        Content: content,
      }).Id as string,
    async customerTranscript() {
      const connection = await api.createParticipantConnection({
        ParticipantToken: contact.ParticipantToken,
        Type: ['CONNECTION_CREDENTIALS'],
      });
      const page = await api.getTranscript({
        ConnectionToken: connection.ConnectionCredentials?.ConnectionToken ?? '',
        MaxResults: 100,
        SortOrder: 'ASCENDING',
      });
      return page.Transcript ?? [];
    },
    [Symbol.asyncDispose]: () => emulator.close(),
  };
}

interface Desktop extends AsyncDisposable {
  standIn: StreamsStandIn;
  desk: AgentDesk;
  wiring: StreamsWiring;
  /** Content types of every event the desk's sessions sent. */
  sentEvents: string[];
  errors: string[];
  chat(): DeskChat;
}

/** One agent's desktop: its own compat global, a StreamsJS stand-in, the desk and the wiring. */
function desktop(on: World, options: Omit<StreamsStandInOptions, 'emulator' | 'ChatSession'> = {}): Desktop {
  const ChatSession: ChatSessionApi = createChatSessionApi({ WebSocket, clock: on.clock, random: () => 0.5 });
  ChatSession.setGlobalConfig({ endpoint: on.emulator.endpoint, region: 'us-west-2' });
  const recording = recordingChatSessionApi(ChatSession);
  const standIn = createStreamsStandIn({
    emulator: on.emulator,
    ChatSession: recording.api,
    now: () => on.clock.now(),
    ...options,
  });
  const desk = createAgentDesk({
    ChatSession: recording.api,
    websocketManager: standIn.global.core.getWebSocketManager(),
    region: 'us-west-2',
    timers: on.clock,
  });
  const errors: string[] = [];
  const wiring = wireStreams({ streams: standIn.global, desk, onError: (message) => errors.push(message) });
  return {
    standIn,
    desk,
    wiring,
    sentEvents: recording.sent,
    errors,
    chat() {
      const chat = desk.chat(on.contact.ContactId);
      if (!chat) throw new Error('the chat is not on the desk');
      return chat;
    },
    [Symbol.asyncDispose]: () => standIn[Symbol.asyncDispose](),
  };
}

const messageLines = (chat: DeskChat) => chat.lines.filter((line) => line.kind === 'message');
const presentNames = (chat: DeskChat) =>
  chat.participants
    .filter((participant) => participant.present)
    .map((participant) => (participant.self ? 'self' : participant.displayName))
    .sort();

describe('agent desktop wiring over a StreamsJS double, against the emulator', () => {
  test('AD-01 an incoming chat is accepted, its StreamsJS session goes on the desk, and both sides chat', async () => {
    await using chat = await world();
    await using ada = desktop(chat);
    const participant = chat.emulator.addParticipant(chat.contact.ContactId, {
      Role: 'AGENT',
      DisplayName: 'Ada',
    });
    ada.standIn.ring(chat.contact.ContactId, participant);
    await until(() => expect(ada.desk.chat(chat.contact.ContactId)?.status).toBe('connected'));
    expect(ada.standIn.accepted).toEqual([chat.contact.ContactId]);
    expect(ada.standIn.mediaControllers).toHaveLength(1);
    expect(ada.chat().participantId).toBe(participant.ParticipantId);

    chat.emulator.sendTyping(chat.contact.ContactId, chat.contact.ParticipantId);
    await until(() => expect(ada.chat().typing).toEqual(['Casey']));
    const question = chat.customerSays('Hi, I need help with my order');
    await until(() =>
      expect(messageLines(ada.chat())).toContainEqual(
        expect.objectContaining({ id: question, displayName: 'Casey', own: false }),
      ),
    );
    expect(ada.chat().typing).toEqual([]);
    expect(ada.chat().multiParty).toBe(false);

    const answer = await ada.desk.sendMessage(chat.contact.ContactId, 'Happy to help');
    await until(() =>
      expect(messageLines(ada.chat())).toContainEqual(
        expect.objectContaining({ id: answer, text: 'Happy to help', own: true }),
      ),
    );
    expect(chat.emulator.getContactState(chat.contact.ContactId).Items).toContainEqual(
      expect.objectContaining({ Id: answer, ParticipantId: participant.ParticipantId }),
    );

    ada.desk.markRead(chat.contact.ContactId);
    expect(ada.sentEvents).toContain(EventContentType.messageRead);
    // ChatJS's receipt window: the read receipt goes out when it closes.
    chat.clock.increment(5_000);
    await until(async () => {
      const read = (await chat.customerTranscript()).find((item) => item.Id === question);
      expect(read?.MessageMetadata?.Receipts).toContainEqual(
        expect.objectContaining({
          RecipientParticipantId: participant.ParticipantId,
          ReadTimestamp: expect.any(String),
        }),
      );
    });
    // The desk never opens or drives a socket: the manager sent nothing but subscriptions.
    expect(ada.standIn.manager.sentFrames.every((frame) => frame.topic === 'aws/subscribe')).toBe(true);

    await ada.wiring.leaveChat(chat.contact.ContactId);
    expect(ada.chat().status).toBe('ended');
    await until(() =>
      expect(
        chat.emulator
          .getContactState(chat.contact.ContactId)
          .Participants.find((each) => each.ParticipantId === participant.ParticipantId)?.State,
      ).toBe('LEFT'),
    );
    expect(ada.errors).toEqual([]);
  });

  test('AD-02 when StreamsJS hands over no session, the desk makes one on the StreamsJS manager', async () => {
    await using chat = await world();
    await using ada = desktop(chat, { withoutMediaController: true });
    const participant = chat.emulator.addParticipant(chat.contact.ContactId, {
      Role: 'AGENT',
      DisplayName: 'Ada',
    });
    ada.standIn.ring(chat.contact.ContactId, participant);
    await until(() => expect(ada.desk.chat(chat.contact.ContactId)?.status).toBe('connected'));
    expect(ada.standIn.mediaControllers).toEqual([]);
    const question = chat.customerSays('Anyone there?');
    await until(() => expect(messageLines(ada.chat()).map((line) => line.id)).toContain(question));
    await ada.desk.sendTyping(chat.contact.ContactId);
    expect(ada.sentEvents).toEqual([EventContentType.typing]);
    const answer = await ada.desk.sendMessage(chat.contact.ContactId, 'Yes, here');
    await until(() => expect(messageLines(ada.chat()).map((line) => line.id)).toContain(answer));
    expect(ada.standIn.manager.sentFrames.every((frame) => frame.topic === 'aws/subscribe')).toBe(true);
  });

  test('AD-03 multi-party: quick connects add two agents; four participants see every message, join, typing and leave, and no receipt is sent', async () => {
    await using chat = await world();
    const quickConnects: StreamsEndpoint[] = ['Bo', 'Cy'].map((name) => ({
      endpointARN: `arn:aws:connect:us-west-2:000000000000:instance/emulator/transfer-destination/${name}`,
      type: 'agent',
      name,
    }));
    const others = new Map<string, Desktop>();
    await using ada = desktop(chat, {
      quickConnects,
      // The quick connect routes the contact to that agent's desktop, as Amazon Connect does.
      async addParticipant(contactId, endpoint) {
        const added = chat.emulator.addParticipant(contactId, { Role: 'AGENT', DisplayName: endpoint.name });
        others.get(endpoint.name)?.standIn.ring(contactId, added);
      },
    });
    await using bo = desktop(chat);
    await using cy = desktop(chat);
    others.set('Bo', bo);
    others.set('Cy', cy);
    const everyone = [ada, bo, cy];

    ada.standIn.ring(
      chat.contact.ContactId,
      chat.emulator.addParticipant(chat.contact.ContactId, { Role: 'AGENT', DisplayName: 'Ada' }),
    );
    await until(() => expect(ada.desk.chat(chat.contact.ContactId)?.status).toBe('connected'));
    const offered = await ada.wiring.listQuickConnects();
    expect(offered.map((endpoint) => endpoint.name)).toEqual(['Bo', 'Cy']);
    for (const endpoint of offered) await ada.wiring.addParticipant(chat.contact.ContactId, endpoint);
    for (const desk of [bo, cy]) {
      await until(() => expect(desk.desk.chat(chat.contact.ContactId)?.status).toBe('connected'));
    }

    // Everyone's message reaches every desk once, in the service's order (a millisecond apart, so time orders them).
    const said = [chat.customerSays('Hello everyone')];
    for (const [index, desk] of everyone.entries()) {
      chat.clock.increment(1);
      said.push(await desk.desk.sendMessage(chat.contact.ContactId, `message ${index} from a desk`));
    }
    for (const desk of everyone) {
      await until(() => expect(messageLines(desk.chat()).map((line) => line.id)).toEqual(said));
    }
    for (const [desk, self] of [
      [ada, 'Ada'],
      [bo, 'Bo'],
      [cy, 'Cy'],
    ] as const) {
      expect(presentNames(desk.chat())).toEqual(
        ['Ada', 'Bo', 'Casey', 'Cy']
          .filter((name) => name !== self)
          .concat('self')
          .sort(),
      );
      expect(desk.chat().multiParty).toBe(true);
    }

    // Typing from one agent reaches the other desks.
    await bo.desk.sendTyping(chat.contact.ContactId);
    for (const desk of [ada, cy]) await until(() => expect(desk.chat().typing).toEqual(['Bo']));

    // Receipts are not supported with more than two participants: the desks send none, the service records none.
    for (const desk of everyone) desk.desk.markRead(chat.contact.ContactId);
    for (const desk of everyone) expect(desk.sentEvents).not.toContain(EventContentType.messageRead);
    // Past every receipt hold and window, so an automatic delivered receipt would have been sent by now; a message
    // sent after it leaves each session's ordered outbox behind anything queued before.
    chat.clock.increment(10_000);
    for (const desk of everyone)
      await desk.desk.sendMessage(chat.contact.ContactId, 'after the receipt window');
    const transcript = await chat.customerTranscript();
    expect(transcript.filter((item) => (item.MessageMetadata?.Receipts ?? []).length > 0)).toEqual([]);

    // Cy leaves: the others see it; three remain, still a conference.
    await cy.wiring.leaveChat(chat.contact.ContactId);
    expect(cy.chat().status).toBe('ended');
    for (const desk of [ada, bo]) {
      await until(() =>
        expect(desk.chat().lines).toContainEqual(expect.objectContaining({ kind: 'event', text: 'Cy left' })),
      );
      expect(presentNames(desk.chat())).not.toContain('Cy');
      expect(desk.chat().multiParty).toBe(true);
    }
    for (const desk of everyone) expect(desk.errors).toEqual([]);
  });
});
