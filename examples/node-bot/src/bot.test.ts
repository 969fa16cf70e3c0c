// The bot against the real emulator, with a customer session on the other side. One manual clock drives the bot's
// pauses, both sessions' timers and the emulator, so nothing sleeps: the test steps the clock when the bot says it is
// pausing, and waits for real I/O through events.
import {
  type ChatSession,
  type ChatSessionEventMap,
  createChatSession,
  reconnectDelay,
} from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';
import type { Emulator } from '@connect-chat/transport/testing';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  ManualClock,
  startEmulatorOnClock,
} from '../../../packages/transport/test/connection/manual-clock.ts';
import {
  type AgentBot,
  type AgentBotActivity,
  type AgentBotOptions,
  defaultAgentBotDelays,
  demoAttachmentName,
  demoAttachmentText,
  startAgentBot,
} from './bot';

/** Resolves with the first event of `type` that `predicate` accepts (including ones already recorded). */
function nextEvent<K extends keyof ChatSessionEventMap>(
  session: ChatSession,
  type: K,
  predicate: (event: ChatSessionEventMap[K]) => boolean = () => true,
): Promise<ChatSessionEventMap[K]> {
  return new Promise((resolve) => {
    const stop = session.on(type, (event) => {
      if (!predicate(event)) return;
      stop();
      resolve(event);
    });
  });
}

interface BotFixture extends AsyncDisposable {
  clock: ManualClock;
  emulator: Emulator;
  contactId: string;
  agentParticipantId: string;
  customer: ChatSession;
  bot: AgentBot;
  activities: AgentBotActivity[];
  /** Resolves once the bot reported an activity `predicate` accepts (counting from the start). */
  activity(predicate: (activity: AgentBotActivity, index: number) => boolean): Promise<AgentBotActivity>;
}

async function botFixture(options: Partial<AgentBotOptions> = {}): Promise<BotFixture> {
  const clock = new ManualClock();
  const emulator = await startEmulatorOnClock(clock);
  const contact = emulator.createContact({ DisplayName: 'Casey' });
  const seat = emulator.addParticipant(contact.ContactId, { Role: 'AGENT', DisplayName: 'Ada' });
  const activities: AgentBotActivity[] = [];
  const waiters = new Set<() => void>();
  const bot = await startAgentBot({
    chatDetails: {
      contactId: contact.ContactId,
      participantId: seat.ParticipantId,
      participantToken: seat.ParticipantToken,
    },
    endpoint: emulator.endpoint,
    displayName: 'Ada',
    clock,
    reconnectDelay: (attempt) => reconnectDelay(attempt, () => 0.5),
    participantApi: createFetchParticipantApi({ endpoint: emulator.endpoint, maxAttempts: 1 }),
    onActivity: (activity) => {
      activities.push(activity);
      for (const wake of [...waiters]) wake();
    },
    ...options,
  });
  const customer = createChatSession({
    chatDetails: {
      contactId: contact.ContactId,
      participantId: contact.ParticipantId,
      participantToken: contact.ParticipantToken,
    },
    participantApi: createFetchParticipantApi({ endpoint: emulator.endpoint, maxAttempts: 1 }),
    sockets: createWebSocketFactory({ WebSocket }),
    clock,
  });
  return {
    clock,
    emulator,
    contactId: contact.ContactId,
    agentParticipantId: seat.ParticipantId,
    customer,
    bot,
    activities,
    activity: (predicate) =>
      new Promise((resolve) => {
        const check = (): boolean => {
          const found = activities.find((activity, index) => predicate(activity, index));
          if (found) resolve(found);
          return found !== undefined;
        };
        if (check()) return;
        const wake = (): void => {
          if (check()) waiters.delete(wake);
        };
        waiters.add(wake);
      }),
    async [Symbol.asyncDispose]() {
      customer.close();
      await bot.stop();
      await emulator.close();
    },
  };
}

describe('the demo agent bot', () => {
  it('BOT-01 acknowledges the connection and greets; the customer finds the greeting in the transcript', async () => {
    await using f = await botFixture();
    expect(f.activities.map((activity) => activity.type)).toEqual(['connected', 'greeted']);
    const seat = f.emulator
      .getContactState(f.contactId)
      .Participants.find((participant) => participant.ParticipantRole === 'AGENT');
    expect(seat).toMatchObject({ DisplayName: 'Ada', State: 'JOINED', Connected: true });
    const history = nextEvent(f.customer, 'historyLoaded');
    await f.customer.connect();
    await history;
    const greeting = f.customer.transcript.find((entry) => entry.kind === 'message');
    expect(greeting?.origin).toBe('other');
    expect(greeting?.item.ParticipantRole).toBe('AGENT');
    expect(greeting?.item.Content).toContain("Hi, I'm Ada");
  });

  it('BOT-02 answers a message: delivered, then typing and a reply after its pauses, then read', async () => {
    await using f = await botFixture();
    await f.customer.connect();
    const delivered = nextEvent(f.customer, 'deliveredReceipt');
    const read = nextEvent(f.customer, 'readReceipt');
    const typing = nextEvent(f.customer, 'typing');
    const sent = await f.customer.sendMessage('Where is my order?');

    await f.activity((activity) => activity.type === 'received' && activity.messageId === sent.id);
    // Core's receipts: a delivered receipt after its 300 ms hold; the bot reads the message at 500 ms.
    f.clock.increment(defaultAgentBotDelays.readMs);
    expect((await delivered).messageId).toBe(sent.id);
    await typing;
    expect(await f.activity((activity) => activity.type === 'typing')).toEqual({
      type: 'typing',
      throttled: false,
    });
    expect(f.activities).toContainEqual({ type: 'read', messageId: sent.id });

    const reply = nextEvent(f.customer, 'message', ({ entry }) => entry.origin === 'other');
    // Just before the pause ends nothing has been answered yet.
    f.clock.increment(defaultAgentBotDelays.replyMs - 1);
    expect(f.activities.some((activity) => activity.type === 'replied')).toBe(false);
    f.clock.increment(1);
    const { item } = await reply;
    expect(item.Content).toBe('Got it: "Where is my order?"');
    expect(await f.activity((activity) => activity.type === 'replied')).toMatchObject({
      toMessageId: sent.id,
      messageId: item.Id,
    });

    // The read receipt trails: one receipt per 5 s window, and the delivered one opened it at 300 ms.
    f.clock.increment(5_300 - defaultAgentBotDelays.readMs - defaultAgentBotDelays.replyMs);
    expect((await read).messageId).toBe(sent.id);
  });

  it('BOT-03 sends an attachment when asked for a file; its bytes download intact', async () => {
    await using f = await botFixture({ delays: { readMs: 0, replyMs: 0 } });
    await f.customer.connect();
    const attachment = nextEvent(f.customer, 'attachment', ({ entry }) => entry.origin === 'other');
    await f.customer.sendMessage('Could you send me the file, please?');
    await f.activity((activity) => activity.type === 'received');
    f.clock.increment(0);
    await f.activity((activity) => activity.type === 'typing');
    f.clock.increment(0);
    const { item } = await attachment;
    const sent = await f.activity((activity) => activity.type === 'attachmentSent');
    expect(sent).toMatchObject({ name: demoAttachmentName });
    expect(item.Attachments?.[0]?.AttachmentName).toBe(demoAttachmentName);
    const attachmentId = item.Attachments?.[0]?.AttachmentId ?? '';
    expect(attachmentId).toBe((sent as { attachmentId: string }).attachmentId);
    const blob = await f.customer.downloadAttachment(attachmentId);
    expect(await blob.text()).toBe(demoAttachmentText);
    await f.activity((activity) => activity.type === 'replied');
  });

  it('BOT-04 answers several messages in the order they came, once each', async () => {
    await using f = await botFixture({ delays: { readMs: 0, replyMs: 0 }, greeting: false });
    await f.customer.connect();
    const first = await f.customer.sendMessage('one');
    const second = await f.customer.sendMessage('two');
    // The bot works through them one at a time: each answer pauses on the clock twice (before reading, before
    // replying), and the second message is only taken up once the first is answered.
    for (const message of [first, second]) {
      const received = await f.activity((a) => a.type === 'received' && a.messageId === message.id);
      f.clock.increment(0);
      await f.activity((a, index) => a.type === 'typing' && index > f.activities.indexOf(received));
      f.clock.increment(0);
      await f.activity((a) => a.type === 'replied' && a.toMessageId === message.id);
    }
    const replies = f.activities.flatMap((activity) =>
      activity.type === 'replied' ? [activity.toMessageId] : [],
    );
    expect(replies).toEqual([first.id, second.id]);
    expect(f.activities.filter((activity) => activity.type === 'received')).toHaveLength(2);
    expect(f.activities.some((activity) => activity.type === 'greeted')).toBe(false);
  });

  it('BOT-08 an answer the service refuses is reported, and the next message is still answered', async () => {
    await using f = await botFixture({ delays: { readMs: 0, replyMs: 0 }, greeting: false });
    await f.customer.connect();
    f.emulator.addFault({
      match: { participantId: f.agentParticipantId, operation: 'SendMessage' },
      action: { type: 'error', status: 400, errorType: 'ValidationException' },
      times: 1,
    });
    for (const text of ['first', 'second']) {
      const sent = await f.customer.sendMessage(text);
      const received = await f.activity((a) => a.type === 'received' && a.messageId === sent.id);
      f.clock.increment(0);
      await f.activity((a, index) => a.type === 'typing' && index > f.activities.indexOf(received));
      f.clock.increment(0);
      await f.activity(
        (a, index) => (a.type === 'failed' || a.type === 'replied') && index > f.activities.indexOf(received),
      );
    }
    const outcomes = f.activities.flatMap((a) => (a.type === 'failed' || a.type === 'replied' ? [a] : []));
    expect(outcomes.map((a) => a.type)).toEqual(['failed', 'replied']);
    expect(outcomes[0]).toMatchObject({ action: 'answer', error: { code: 'validation' } });
    expect(outcomes[1]).toMatchObject({ text: 'Got it: "second"' });
  });

  it('BOT-05 the chat ending finishes the bot; stop() afterwards is harmless', async () => {
    await using f = await botFixture();
    await f.customer.connect();
    f.emulator.endChat(f.contactId);
    await f.bot.finished;
    expect(f.activities.at(-1)).toEqual({ type: 'ended' });
    expect(f.bot.session.status).toBe('ended');
    await f.bot.stop();
  });

  it('BOT-06 stop() leaves the chat: the customer sees the agent leave; pending answers are dropped', async () => {
    await using f = await botFixture();
    await f.customer.connect();
    const left = nextEvent(f.customer, 'participantLeft');
    const sent = await f.customer.sendMessage('hello?');
    await f.activity((activity) => activity.type === 'received' && activity.messageId === sent.id);
    await f.bot.stop();
    expect((await left).item.ParticipantRole).toBe('AGENT');
    f.clock.increment(defaultAgentBotDelays.readMs + defaultAgentBotDelays.replyMs);
    expect(f.activities.some((activity) => activity.type === 'read' || activity.type === 'replied')).toBe(
      false,
    );
    await f.bot.finished;
  });

  it('BOT-07 a bot that cannot join rejects with the service error and leaves nothing running', async () => {
    const clock = new ManualClock();
    await using emulator = await startEmulatorOnClock(clock);
    const contact = emulator.createContact();
    await expect(
      startAgentBot({
        chatDetails: {
          contactId: contact.ContactId,
          participantId: 'nobody',
          participantToken: 'not-a-token',
        },
        endpoint: emulator.endpoint,
        clock,
        participantApi: createFetchParticipantApi({ endpoint: emulator.endpoint, maxAttempts: 1 }),
      }),
    ).rejects.toMatchObject({ name: 'ChatError' });
  });
});
