/**
 * A demo agent: joins a chat as an AGENT participant with a participant token and behaves like a patient human
 * agent. It greets, and for every customer message it marks it read, shows typing, and answers a moment later; when
 * the customer asks for an "attachment" or a "file" it sends one. Everything runs on `createChatSession` from
 * `@connect-chat/core`, with transport's fetch adapter and a `ws` WebSocket factory: no Amazon Connect SDK.
 */
import {
  type ChatDetails,
  ChatError,
  ChatErrorCode,
  type ChatSession,
  type ConnectionClock,
  type ConnectionLogger,
  type ConnectionRuntimeOptions,
  createChatSession,
  EventContentType,
  type Item,
  isChatError,
  type ParticipantApi,
  type ReconnectDelay,
} from '@connect-chat/core';
import {
  createFetchParticipantApi,
  createWebSocketFactory,
  type WebSocketConstructor,
} from '@connect-chat/transport';
import { WebSocket } from 'ws';

/** How long the bot takes over each step, in milliseconds of its clock. */
export interface AgentBotDelays {
  /** From a customer message arriving to the bot reading it (a read receipt) and starting to type. @defaultValue 500 */
  readMs: number;
  /** From starting to type to sending the answer. @defaultValue 1000 */
  replyMs: number;
}

/** The default pace: slow enough to watch in a browser, quick enough not to bore. */
export const defaultAgentBotDelays: Readonly<AgentBotDelays> = { readMs: 500, replyMs: 1_000 };

/** Something the bot did, for narration and for tests that wait on it. Never carries a token or a URL. */
export type AgentBotActivity =
  | { type: 'connected' }
  | { type: 'greeted'; messageId: string }
  /** A customer message or attachment arrived; the bot will read it after `readMs`. */
  | { type: 'received'; messageId: string }
  | { type: 'read'; messageId: string }
  /** The bot started typing; `throttled` when the typing event was inside the 10 s window and not sent again. */
  | { type: 'typing'; throttled: boolean }
  | { type: 'replied'; toMessageId: string; messageId: string; text: string }
  | { type: 'attachmentSent'; toMessageId: string; attachmentId: string; name: string }
  | { type: 'failed'; action: string; error: ChatError }
  | { type: 'ended' };

/** Options of {@link startAgentBot}. */
export interface AgentBotOptions {
  /** The chat and the agent's participant (CreateParticipant's `ParticipantId` and `ParticipantToken`). */
  chatDetails: ChatDetails & { participantToken: string };
  /** The Amazon Connect instance's region. @defaultValue `'us-west-2'` */
  region?: string | undefined;
  /** The Participant Service endpoint, e.g. the emulator's `http://127.0.0.1:NNNN`. @defaultValue the region's */
  endpoint?: string | undefined;
  /** The name the bot introduces itself with. @defaultValue `'Demo agent'` */
  displayName?: string | undefined;
  /** What the bot answers to a customer's text. @defaultValue {@link defaultAnswer} */
  answer?: ((text: string) => string) | undefined;
  /** The greeting sent once connected, or `false` for none. @defaultValue an introduction with the display name */
  greeting?: string | false | undefined;
  /** Runs the bot's pauses and every session timer; tests pass a manual clock. @defaultValue real time */
  clock?: ConnectionClock | undefined;
  /** The bot's pace. @defaultValue {@link defaultAgentBotDelays} */
  delays?: Partial<AgentBotDelays> | undefined;
  /** Reports what the bot does. */
  onActivity?: ((activity: AgentBotActivity) => void) | undefined;
  /** An XState inspector for the session's machines (e.g. a transition log). */
  inspect?: ConnectionRuntimeOptions['inspect'];
  logger?: ConnectionLogger | undefined;
  /** The session's back-off between reconnection attempts. @defaultValue core's `reconnectDelay` */
  reconnectDelay?: ReconnectDelay | undefined;
  /** Another participant-API adapter (the AWS SDK one, say). @defaultValue fetch, on `region`/`endpoint` */
  participantApi?: ParticipantApi | undefined;
  /** The WebSocket constructor. @defaultValue `ws` */
  WebSocket?: WebSocketConstructor | undefined;
}

/** A running bot. */
export interface AgentBot {
  /** The bot's chat session (status, transcript, diagnostics). */
  readonly session: ChatSession;
  /** Settles once the bot has finished: the chat ended, or `stop()` was called. Never rejects. */
  readonly finished: Promise<void>;
  /**
   * Stops the bot: pending answers are dropped, the bot leaves the chat if it is still in it, and the session is
   * closed. Idempotent; never rejects.
   */
  stop(): Promise<void>;
}

/** The name of the file the bot sends when asked for one. */
export const demoAttachmentName = 'connect-chat-demo.txt';

/** The text of the file the bot sends. */
export const demoAttachmentText =
  'Hello from the connect-chat demo agent.\nThis file went up through StartAttachmentUpload, a presigned PUT and CompleteAttachmentUpload.\n';

const asksForFile = /\b(attachments?|files?)\b/i;
const maxQuotedLength = 200;

/** The default answer: it repeats what it understood, so a demo shows the round trip. */
export function defaultAnswer(text: string): string {
  const quoted = text.length > maxQuotedLength ? `${text.slice(0, maxQuotedLength)}…` : text;
  return `Got it: "${quoted}"`;
}

const realClock: ConnectionClock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

class BotStopped extends Error {}

/**
 * Starts a demo agent in a chat and resolves once it is connected (and has greeted). Rejects with the session's
 * `ChatError` when it cannot connect.
 *
 * @example
 * ```ts
 * import { startAgentBot } from './bot';
 *
 * const bot = await startAgentBot({
 *   chatDetails: { contactId, participantId, participantToken }, // from CreateParticipant (role AGENT)
 *   endpoint: 'http://127.0.0.1:4010', // the emulator; leave it out to use the region's endpoint
 *   displayName: 'Ada',
 * });
 * await bot.finished; // the chat ended
 * ```
 */
export async function startAgentBot(options: AgentBotOptions): Promise<AgentBot> {
  const clock = options.clock ?? realClock;
  const delays: AgentBotDelays = { ...defaultAgentBotDelays, ...options.delays };
  const displayName = options.displayName ?? 'Demo agent';
  const answer = options.answer ?? defaultAnswer;
  const report = (activity: AgentBotActivity): void => {
    try {
      options.onActivity?.(activity);
    } catch {
      // Narration must not stop the bot.
    }
  };
  const participantApi =
    options.participantApi ??
    createFetchParticipantApi({ region: options.region ?? 'us-west-2', endpoint: options.endpoint });
  const session = createChatSession({
    chatDetails: options.chatDetails,
    role: 'AGENT',
    participantApi,
    sockets: createWebSocketFactory({ WebSocket: options.WebSocket ?? WebSocket }),
    clock,
    ...(options.inspect ? { inspect: options.inspect } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.reconnectDelay ? { reconnectDelay: options.reconnectDelay } : {}),
  });

  let stopped = false;
  const pauses = new Map<unknown, () => void>();
  /** Waits `ms` on the bot's clock; rejects at once if the bot stops meanwhile. */
  const pause = (ms: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (stopped) {
        reject(new BotStopped());
        return;
      }
      const handle = clock.setTimeout(() => {
        pauses.delete(handle);
        resolve();
      }, ms);
      pauses.set(handle, () => {
        clock.clearTimeout(handle);
        reject(new BotStopped());
      });
    });

  /** Runs one step of the bot; never rejects, so one failure cannot stall the answers queued behind it. */
  const attempt = async (action: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
    } catch (error) {
      if (error instanceof BotStopped || stopped) return;
      report({
        type: 'failed',
        action,
        error: isChatError(error)
          ? error
          : new ChatError(ChatErrorCode.unknown, `unable to ${action}; ${String(error)}`, { cause: error }),
      });
    }
  };

  // Answers go out one at a time, in the order the messages arrived, like a person working through them.
  let queue: Promise<void> = Promise.resolve();
  const answered = new Set<string>();
  const enqueue = (item: Item, respond: (messageId: string) => Promise<void>): void => {
    const messageId = item.Id;
    if (!messageId || answered.has(messageId) || item.ParticipantRole !== 'CUSTOMER') return;
    answered.add(messageId);
    queue = queue.then(() =>
      attempt('answer', async () => {
        report({ type: 'received', messageId });
        await pause(delays.readMs);
        session.markAsRead(messageId);
        report({ type: 'read', messageId });
        const typing = await session.sendTyping();
        report({ type: 'typing', throttled: typing.throttled });
        await pause(delays.replyMs);
        await respond(messageId);
      }),
    );
  };

  const sendText = async (toMessageId: string, text: string): Promise<void> => {
    const sent = await session.sendMessage(text);
    report({ type: 'replied', toMessageId, messageId: sent.id, text });
  };
  const sendFile = async (toMessageId: string): Promise<void> => {
    const body = new TextEncoder().encode(demoAttachmentText);
    const sent = await session.sendAttachment({ name: demoAttachmentName, contentType: 'text/plain', body });
    report({
      type: 'attachmentSent',
      toMessageId,
      attachmentId: sent.attachmentId,
      name: demoAttachmentName,
    });
    await sendText(toMessageId, `Here is ${demoAttachmentName}, as you asked.`);
  };

  session.on('message', ({ item, entry }) => {
    if (entry.origin !== 'other' || entry.streaming) return;
    const text = item.Content ?? '';
    enqueue(item, (messageId) =>
      asksForFile.test(text) ? sendFile(messageId) : sendText(messageId, answer(text)),
    );
  });
  session.on('attachment', ({ item, entry }) => {
    if (entry.origin !== 'other') return;
    const name = item.Attachments?.[0]?.AttachmentName ?? 'your file';
    enqueue(item, (messageId) => sendText(messageId, `Thanks, I received ${name}.`));
  });

  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const end = (): void => {
    if (stopped) return;
    stopped = true;
    for (const cancel of [...pauses.values()]) cancel();
    pauses.clear();
    finish();
  };
  session.on('status', ({ current }) => {
    if (current !== 'ended') return;
    const wasRunning = !stopped;
    end();
    // An agent's session has nothing left to receive once the chat is over.
    session.close();
    if (wasRunning) report({ type: 'ended' });
  });

  try {
    await session.connect();
  } catch (error) {
    end();
    session.close();
    throw error;
  }
  // Like an agent accepting the chat: the customer's side sees the connection acknowledged.
  await attempt('acknowledge the connection', async () => {
    await session.sendEvent({ contentType: EventContentType.connectionAcknowledged });
  });
  report({ type: 'connected' });
  const greeting =
    options.greeting ??
    `Hi, I'm ${displayName}, the demo agent. Ask me anything; say "file" and I'll send you one.`;
  if (greeting !== false)
    await attempt('greet', async () => {
      const sent = await session.sendMessage(greeting);
      report({ type: 'greeted', messageId: sent.id });
    });

  return {
    session,
    finished,
    async stop() {
      if (stopped) return finished;
      end();
      if (session.status === 'connected') {
        try {
          await session.disconnect();
        } catch {
          // Leaving is a courtesy: the chat may have ended or the service gone away meanwhile.
        }
      }
      session.close();
      return finished;
    },
  };
}
