/**
 * The scripted chat (`pnpm start --script`): a complete chat in the terminal, with no browser. A customer session
 * (`createChatSession`) and the demo agent bot talk through the local emulator: messages both ways, typing, delivered
 * and read receipts, an attachment each way (the upload with progress), a connection the emulator drops while the
 * agent is answering, recovered with nothing lost, and the end of the chat. Every state transition of both sessions'
 * machines is printed as it happens; at the end come a summary, the checks, and both sessions' diagnostics.
 *
 * Time is one injected clock ({@link ScriptClock}): real time in the CLI, a manual clock in tests, and the script
 * says when time passes, so the order of events is the same either way.
 */
import {
  type ChatSession,
  type ChatSessionEventMap,
  type ConnectionPlatform,
  type ConnectionStatus,
  combineInspectors,
  createChatSession,
  createTransitionLog,
  defaultDeliveredHoldMs,
  type InspectionObserver,
  type Item,
  type PlatformSignal,
  type PlatformSignalListener,
  reconnectDelay,
} from '@connect-chat/core';
import {
  type AgentBot,
  type AgentBotActivity,
  type AgentBotDelays,
  demoAttachmentText,
  startAgentBot,
} from '@connect-chat/example-node-bot';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';
import { type Emulator, startEmulator } from '@connect-chat/transport/testing';
import { WebSocket } from 'ws';
import { realTimeClock, type ScriptClock } from './script-clock';
import {
  checksOf,
  formatDiagnostics,
  formatSummary,
  type ScriptCheck,
  type ScriptedChatSummary,
  type SideFigures,
} from './scripted-chat-summary';

/** Options of {@link runScriptedChat}. */
export interface ScriptedChatOptions {
  /** Where every line goes (the transition log, the narration, the summary). */
  print(line: string): void;
  /** The clock everything runs on. @defaultValue real time */
  clock?: ScriptClock | undefined;
  /** The agent's pace. @defaultValue {@link scriptedAgentDelays} */
  agentDelays?: Partial<AgentBotDelays> | undefined;
  /** Another inspector for both sessions (the Stately inspector of `--inspect`). */
  inspect?: InspectionObserver | undefined;
  /**
   * How long, in real time, any one step may wait for the emulator before the script gives up. A guard against a
   * hang, not a pace. @defaultValue 10000
   */
  stepTimeoutMs?: number | undefined;
}

/** What {@link runScriptedChat} resolves with. */
export interface ScriptedChatResult {
  summary: ScriptedChatSummary;
  checks: ScriptCheck[];
  /** Every check held. */
  ok: boolean;
}

/** The agent's pace in the script: it reads after its delivered receipt went out (300 ms), and answers briskly. */
export const scriptedAgentDelays: Readonly<AgentBotDelays> = { readMs: 350, replyMs: 450 };

const passStepMs = 250;

/** The file the customer uploads. */
export const customerAttachment = {
  name: 'receipt.txt',
  contentType: 'text/plain',
  text: 'Order #1042, paid 2030-01-01, total 42.00 EUR\n',
} as const;

/** A network the script switches off and on (what `navigator.onLine` and its events tell a browser). */
class ScriptedNetwork implements ConnectionPlatform {
  private online = true;
  private readonly listeners = new Set<PlatformSignalListener>();
  subscribe(listener: PlatformSignalListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  isOnline = (): boolean => this.online;
  set(signal: Extract<PlatformSignal, 'network.online' | 'network.offline'>): void {
    this.online = signal === 'network.online';
    for (const listener of [...this.listeners]) listener(signal);
  }
}

const shortId = (id: string | undefined): string => (id ? id.slice(0, 8) : '?');

function describeItem(item: Item): string {
  const who = item.DisplayName ?? item.ParticipantRole ?? 'someone';
  if (item.Type === 'ATTACHMENT') {
    const attachment = item.Attachments?.[0];
    return `${who} sent ${attachment?.AttachmentName ?? 'a file'} (${attachment?.Status ?? 'no status'})`;
  }
  return `${who}: "${item.Content ?? ''}"`;
}

function describeActivity(activity: AgentBotActivity): string {
  switch (activity.type) {
    case 'connected':
      return 'joined the chat';
    case 'greeted':
      return 'said hello';
    case 'received':
      return `got message ${shortId(activity.messageId)}`;
    case 'read':
      return `read message ${shortId(activity.messageId)}`;
    case 'typing':
      return activity.throttled ? 'is typing (event throttled: one per 10 s)' : 'is typing';
    case 'replied':
      return `answered ${shortId(activity.toMessageId)}: "${activity.text}"`;
    case 'attachmentSent':
      return `sent ${activity.name}`;
    case 'failed':
      return `could not ${activity.action}: ${activity.error.code}`;
    case 'ended':
      return 'saw the chat end';
  }
}

/** Plays the scripted chat; resolves with its summary and checks. Rejects only if a step never completes. */
export async function runScriptedChat(options: ScriptedChatOptions): Promise<ScriptedChatResult> {
  const clock = options.clock ?? realTimeClock();
  const delays: AgentBotDelays = { ...scriptedAgentDelays, ...options.agentDelays };
  const stepTimeoutMs = options.stepTimeoutMs ?? 10_000;
  const startedAt = clock.now();
  const secrets: string[] = [];
  const printed: string[] = [];
  const print = (line: string): void => {
    printed.push(line);
    options.print(line);
  };
  const stamp = (): string => `+${((clock.now() - startedAt) / 1000).toFixed(3)}s`;
  const say = (who: string, text: string): void => print(`${stamp()} ${who} ${text}`);
  const step = (title: string): void => print(`── ${title}`);

  /** Waits for `promise`, failing loudly (not hanging) if the emulator never answers. */
  const within = <T>(what: string, promise: Promise<T>): Promise<T> => {
    let guard: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      guard = setTimeout(
        () => reject(new Error(`scripted chat: timed out waiting for ${what}`)),
        stepTimeoutMs,
      );
      guard.unref?.();
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(guard));
  };

  // Both logs are made now, so their elapsed times share the script's zero.
  const customerLog = createTransitionLog({ label: 'customer', clock, write: print });
  const agentLog = createTransitionLog({ label: 'agent   ', clock, write: print });

  step('the emulator, a chat, and the demo agent');
  const emulator: Emulator = await startEmulator({
    clock: { now: () => clock.now() },
    scheduler: {
      setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
      clearTimeout: (handle) => clock.clearTimeout(handle),
    },
  });
  const sessions: ChatSession[] = [];
  let bot: AgentBot | undefined;
  try {
    const contact = emulator.createContact({ DisplayName: 'Casey' });
    const seat = emulator.addParticipant(contact.ContactId, { Role: 'AGENT', DisplayName: 'Ada' });
    secrets.push(contact.ParticipantToken, seat.ParticipantToken);
    say(
      'emulator',
      `listening on ${emulator.endpoint}; chat ${shortId(contact.ContactId)} for Casey, agent Ada added`,
    );

    const activities: AgentBotActivity[] = [];
    const activityWaiters = new Set<() => void>();
    const activity = (
      what: string,
      predicate: (entry: AgentBotActivity, index: number) => boolean,
    ): Promise<AgentBotActivity> =>
      within(
        `the agent: ${what}`,
        new Promise((resolve) => {
          const check = (): boolean => {
            const found = activities.find((entry, index) => predicate(entry, index));
            if (found) resolve(found);
            return found !== undefined;
          };
          if (check()) return;
          const wake = (): void => {
            if (check()) activityWaiters.delete(wake);
          };
          activityWaiters.add(wake);
        }),
      );
    const deterministicBackoff = (attempt: number) => reconnectDelay(attempt, () => 0.5);
    bot = await within(
      'the agent to join',
      startAgentBot({
        chatDetails: {
          contactId: contact.ContactId,
          participantId: seat.ParticipantId,
          participantToken: seat.ParticipantToken,
        },
        endpoint: emulator.endpoint,
        displayName: 'Ada',
        clock,
        delays,
        reconnectDelay: deterministicBackoff,
        inspect: combineInspectors(agentLog.inspect, options.inspect),
        onActivity: (entry) => {
          activities.push(entry);
          say('agent   ', describeActivity(entry));
          for (const wake of [...activityWaiters]) wake();
        },
      }),
    );
    const agent = bot.session;
    sessions.push(agent);

    const network = new ScriptedNetwork();
    const customer = createChatSession({
      chatDetails: {
        contactId: contact.ContactId,
        participantId: contact.ParticipantId,
        participantToken: contact.ParticipantToken,
      },
      participantApi: createFetchParticipantApi({ endpoint: emulator.endpoint }),
      sockets: createWebSocketFactory({ WebSocket }),
      platform: network,
      clock,
      reconnectDelay: deterministicBackoff,
      inspect: combineInspectors(customerLog.inspect, options.inspect),
    });
    sessions.push(customer);

    const observe = (session: ChatSession, label: string) => {
      const figures = {
        sent: 0,
        typingSeen: 0,
        deliveredSeen: 0,
        readSeen: 0,
        deliveries: new Map<string, number>(),
        sources: new Map<string, 'live' | 'transcript'>(),
      };
      const delivered = ({ entry, item, source }: ChatSessionEventMap['message']): void => {
        if (!entry.id || entry.streaming) return;
        figures.deliveries.set(entry.id, (figures.deliveries.get(entry.id) ?? 0) + 1);
        if (entry.origin === 'self') return;
        figures.sources.set(entry.id, source);
        if (label === 'customer')
          say(label, `⇠ ${describeItem(item)}${source === 'transcript' ? ' [from the transcript]' : ''}`);
      };
      session.on('message', delivered);
      session.on('attachment', delivered);
      session.on('typing', ({ item }) => {
        if (item.ParticipantId === session.getChatDetails().participantId) return;
        figures.typingSeen += 1;
        if (label === 'customer') say(label, `⇠ ${item.DisplayName ?? 'the agent'} is typing…`);
      });
      session.on('deliveredReceipt', ({ messageId }) => {
        figures.deliveredSeen += 1;
        say(label, `⇠ delivered receipt for ${shortId(messageId)}`);
      });
      session.on('readReceipt', ({ messageId }) => {
        figures.readSeen += 1;
        say(label, `⇠ read receipt for ${shortId(messageId)}`);
      });
      session.on('status', ({ current, previous, reason, retryIn }) => {
        if (current === previous) return;
        const why = reason ? ` (${reason.code})` : '';
        const retry = retryIn !== undefined ? `, retry in ${retryIn} ms` : '';
        say(label, `status ${previous} → ${current}${why}${retry}`);
        if (current === 'connected' && session.connection.connectionToken)
          secrets.push(session.connection.connectionToken);
      });
      return figures;
    };
    const customerFigures = observe(customer, 'customer');
    const agentFigures = observe(agent, 'agent   ');
    // The agent connected before it could be observed.
    if (agent.connection.connectionToken) secrets.push(agent.connection.connectionToken);

    /** Resolves with the first `type` event `predicate` accepts. */
    const next = <K extends keyof ChatSessionEventMap>(
      session: ChatSession,
      type: K,
      what: string,
      predicate: (event: ChatSessionEventMap[K]) => boolean = () => true,
    ): Promise<ChatSessionEventMap[K]> =>
      within(
        what,
        new Promise((resolve) => {
          const stop = session.on(type, (event) => {
            if (!predicate(event)) return;
            stop();
            resolve(event);
          });
        }),
      );
    const status = (session: ChatSession, target: ConnectionStatus, what: string): Promise<void> =>
      session.status === target
        ? Promise.resolve()
        : next(session, 'status', what, ({ current }) => current === target).then(() => undefined);
    /** Resolves once the customer's transcript holds the item `id`. */
    const customerHas = (id: string, what: string): Promise<void> =>
      customer.transcript.some((entry) => entry.id === id)
        ? Promise.resolve()
        : next(customer, 'transcript', what, ({ entries }) => entries.some((entry) => entry.id === id)).then(
            () => undefined,
          );

    /**
     * One answer of the agent to the customer's next message (after activity number `since`): it gets it, reads it
     * after `readMs`, types, and answers after `replyMs`. Returns the id of the answer, once the customer has it.
     */
    const answer = async (since: number) => {
      const received = (await activity(
        'a customer message',
        (entry, index) => index >= since && entry.type === 'received',
      )) as Extract<AgentBotActivity, { type: 'received' }>;
      await clock.pass(delays.readMs);
      await activity(
        'typing',
        (entry, index) => index > activities.indexOf(received) && entry.type === 'typing',
      );
      await clock.pass(delays.replyMs);
      const replied = (await activity(
        'an answer',
        (entry) => entry.type === 'replied' && entry.toMessageId === received.messageId,
      )) as Extract<AgentBotActivity, { type: 'replied' }>;
      await customerHas(replied.messageId, 'the answer at the customer');
      return { received, replied };
    };
    const customerSays = async (text: string): Promise<string> => {
      say('customer', `⇢ "${text}"`);
      const sent = await customer.sendMessage(text);
      customerFigures.sent += 1;
      return sent.id;
    };
    /**
     * Lets clock time pass, a step at a time, until `done` holds. On a manual clock a step is instant, so each step
     * also lets pending I/O run; once the budget is spent, what is left is I/O already under way, awaited with the
     * guard.
     */
    const passUntil = async (what: string, done: () => boolean, budgetMs = 6_000): Promise<void> => {
      const changed = (): { promise: Promise<void>; stop: () => void } => {
        const stops: Array<() => void> = [];
        const stop = (): void => {
          for (const unsubscribe of stops.splice(0)) unsubscribe();
        };
        const promise = new Promise<void>((resolve) => {
          for (const session of [customer, agent])
            for (const type of ['deliveredReceipt', 'readReceipt', 'transcript', 'status'] as const)
              stops.push(
                session.on(type, () => {
                  stop();
                  resolve();
                }),
              );
        });
        return { promise, stop };
      };
      for (let passed = 0; !done() && passed < budgetMs; passed += passStepMs) {
        const progress = changed();
        await clock.pass(passStepMs);
        await Promise.race([progress.promise, new Promise<void>((resolve) => setImmediate(resolve))]);
        progress.stop();
      }
      while (!done()) {
        const progress = changed();
        try {
          await within(what, progress.promise);
        } finally {
          progress.stop();
        }
      }
    };
    /** The customer's UI shows the message: a read receipt goes out (when the receipts window allows). */
    const customerReads = (id: string): void => customer.markAsRead(id);

    // ---- connect ----
    step('the customer connects; the greeting comes with the transcript');
    const history = next(customer, 'historyLoaded', 'the first transcript page');
    await within('the customer to connect', customer.connect());
    await history;
    const greeting = customer.transcript.find(
      (entry) => entry.kind === 'message' && entry.origin === 'other',
    );
    // The customer's session acknowledges the greeting by itself once its hold is over; reading it comes later.
    const acknowledged = next(agent, 'deliveredReceipt', 'the delivered receipt for the greeting');
    await clock.pass(defaultDeliveredHoldMs);
    await acknowledged;
    if (greeting?.id) customerReads(greeting.id);

    // ---- messages both ways, typing, receipts ----
    step('messages both ways, with typing and receipts');
    const agentSeesTyping = next(agent, 'typing', 'the agent to see the customer typing');
    await customer.sendTyping();
    say('customer', '⇢ typing…');
    await agentSeesTyping;
    let mark = activities.length;
    await customerSays('Hi! My order #1042 has not arrived yet.');
    const first = await answer(mark);
    customerReads(first.replied.messageId);

    // ---- attachments ----
    step('the customer uploads a file (with progress); the agent asks for nothing and gets it intact');
    const progress: Array<[number, number]> = [];
    const bytes = new TextEncoder().encode(customerAttachment.text);
    mark = activities.length;
    say('customer', `⇢ ${customerAttachment.name} (${bytes.byteLength} bytes)`);
    const upload = await within(
      'the upload',
      customer.sendAttachment(
        { name: customerAttachment.name, contentType: customerAttachment.contentType, body: bytes },
        {
          onProgress: (sentBytes, totalBytes) => {
            progress.push([sentBytes, totalBytes]);
            say(
              'customer',
              `  upload ${sentBytes}/${totalBytes} bytes (${Math.round((100 * sentBytes) / totalBytes)}%)`,
            );
          },
        },
      ),
    );
    customerFigures.sent += 1;
    const thanks = await answer(mark);
    customerReads(thanks.replied.messageId);
    const uploaded = await within('the agent to download', agent.downloadAttachment(upload.attachmentId));
    const uploadIntact = (await uploaded.text()) === customerAttachment.text;
    say('agent   ', `downloaded ${customerAttachment.name}: intact ${uploadIntact}`);

    step('the customer asks for a file; the agent sends one');
    mark = activities.length;
    await customerSays('Could you send me the return form as a file?');
    const fileAnswer = await answer(mark);
    customerReads(fileAnswer.replied.messageId);
    const sentFile = activities.find(
      (entry) => entry.type === 'attachmentSent' && entry.toMessageId === fileAnswer.received.messageId,
    ) as Extract<AgentBotActivity, { type: 'attachmentSent' }> | undefined;
    const downloaded = sentFile
      ? await within('the customer to download', customer.downloadAttachment(sentFile.attachmentId))
      : undefined;
    const downloadIntact = (await downloaded?.text()) === demoAttachmentText;
    say('customer', `downloaded ${sentFile?.name ?? 'nothing'}: intact ${downloadIntact}`);

    // ---- the dropped connection ----
    step("the emulator drops the customer's connection while the agent is answering");
    mark = activities.length;
    const question = await customerSays('Is there a tracking number?');
    const received = await activity(
      'the question',
      (entry, index) => index >= mark && entry.type === 'received',
    );
    await clock.pass(delays.readMs);
    await activity(
      'typing',
      (entry, index) => index > activities.indexOf(received) && entry.type === 'typing',
    );
    const reconnectsBefore = customer.diagnostics().reconnects;
    // The network stays down once the socket is gone, as after a real outage: no retry until it is back.
    const stopWatching = customer.on('status', ({ current, previous }) => {
      if (current === 'reconnecting' && previous === 'connected') network.set('network.offline');
    });
    const droppedAt = clock.now();
    const dropped = status(customer, 'reconnecting', 'the customer to notice the drop');
    emulator.addFault({ match: { participantId: contact.ParticipantId }, action: { type: 'drop' } });
    await dropped;
    stopWatching();
    say('customer', 'network offline');
    const heldText = 'Sorry, I think my connection dropped. Are you still there?';
    say('customer', `⇢ "${heldText}" (while offline)`);
    const held = customer.sendMessage(heldText);
    customerFigures.sent += 1;
    const heldSends = customer.getSnapshot().pendingSends;
    say('customer', `outbox holds ${heldSends} send(s)`);
    await clock.pass(delays.replyMs);
    const missed = (await activity(
      'the answer sent during the outage',
      (entry) => entry.type === 'replied' && entry.toMessageId === question,
    )) as Extract<AgentBotActivity, { type: 'replied' }>;
    mark = activities.length;
    const gapFilled = next(customer, 'gapFilled', 'the gap fill');
    const backAt = clock.now();
    const reconnected = status(customer, 'connected', 'the customer to reconnect');
    say('customer', 'network online');
    network.set('network.online');
    await reconnected;
    const downMs = clock.now() - droppedAt;
    const gap = await gapFilled;
    const recoveryMs = clock.now() - backAt;
    await customerHas(missed.messageId, 'the missed answer');
    const missedReplyRecovered = customerFigures.sources.get(missed.messageId) === 'transcript';
    const heldId = (await within('the held send', held)).id;
    const heldAnswer = await answer(mark);
    customerReads(heldAnswer.replied.messageId);
    const heldSendsDelivered = heldAnswer.received.messageId === heldId ? 1 : 0;

    // ---- the end ----
    step('goodbye: the customer leaves and the chat ends');
    mark = activities.length;
    await customerSays('That is all, thank you!');
    const last = await answer(mark);
    customerReads(last.replied.messageId);
    // Receipts go out at most one per window (5 s): wait until each side has seen both kinds.
    await passUntil('receipts both ways', () =>
      [agentFigures, customerFigures].every((figures) => figures.deliveredSeen > 0 && figures.readSeen > 0),
    );
    const customerEnded = status(customer, 'ended', 'the chat to end for the customer');
    const agentFinished = within('the agent to finish', bot.finished);
    say('customer', 'leaves the chat');
    await within('the customer to leave', customer.disconnect());
    await Promise.all([customerEnded, agentFinished]);

    // ---- what happened ----
    const serviceTranscriptIds = emulator
      .getContactState(contact.ContactId)
      .Items.filter((item) => (item.Type === 'MESSAGE' || item.Type === 'ATTACHMENT') && item.Id)
      .map((item) => item.Id as string)
      .sort();
    const figuresOf = (session: ChatSession, figures: typeof customerFigures, sent: number): SideFigures => ({
      sent,
      typingSeen: figures.typingSeen,
      deliveredSeen: figures.deliveredSeen,
      readSeen: figures.readSeen,
      transcriptIds: session.transcript
        .filter((entry) => (entry.kind === 'message' || entry.kind === 'attachment') && entry.id)
        .map((entry) => entry.id as string)
        .sort(),
      duplicateIds: [...figures.deliveries].flatMap(([id, count]) => (count > 1 ? [id] : [])),
      ended: session.status === 'ended',
      diagnostics: session.diagnostics(),
    });
    const agentSent = activities.filter(
      (entry) => entry.type === 'greeted' || entry.type === 'replied' || entry.type === 'attachmentSent',
    ).length;
    const summary: ScriptedChatSummary = {
      customer: figuresOf(customer, customerFigures, customerFigures.sent),
      agent: figuresOf(agent, agentFigures, agentSent),
      serviceTranscriptIds,
      attachment: { progress, uploadIntact, downloadIntact },
      recovery: {
        reconnects: customer.diagnostics().reconnects - reconnectsBefore,
        downMs,
        recoveryMs,
        gapFilledItems: gap.items,
        missedReplyRecovered,
        heldSends,
        heldSendsDelivered,
      },
      transitions: customerLog.records().length + agentLog.records().length,
      leakedLines: 0,
      durationMs: clock.now() - startedAt,
    };
    print('');
    for (const line of [
      formatDiagnostics('customer', summary.customer.diagnostics),
      formatDiagnostics('agent', summary.agent.diagnostics),
    ])
      print(line);
    // Last: every line printed so far, diagnostics included, is checked for a secret.
    summary.leakedLines = printed.filter((line) => leaks(line, secrets)).length;
    print('');
    for (const line of formatSummary(summary)) print(line);
    const checks = checksOf(summary);
    return { summary, checks, ok: checks.every((check) => check.ok) };
  } finally {
    for (const session of sessions) session.close();
    await bot?.stop();
    await emulator.close();
  }
}

/** Whether a printed line holds a secret: a token, or a URL with a query string (presigned URLs sign theirs). */
function leaks(line: string, secrets: readonly string[]): boolean {
  return (
    secrets.some((secret) => secret.length > 0 && line.includes(secret)) || /https?:\/\/\S+\?\S/.test(line)
  );
}
