/**
 * The chaos soak. Many customer/agent pairs, each side a real `createChatSession` over the real fetch adapter and
 * real `ws` sockets, chat against one emulator while a seeded schedule injects every fault the emulator has and
 * toggles network and page signals. Both sides keep sending throughout. At the end faults stop, every side gets time
 * to recover, and each side's transcript is compared with what the service stored.
 */
import {
  type ChatSession,
  type ConnectionPlatform,
  createChatSession,
  type ParticipantApi,
  type PlatformSignal,
  type PlatformSignalListener,
} from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';
import { type Emulator, type FaultRule, startEmulator } from '@connect-chat/transport/testing';
import { WebSocket } from 'ws';
import { type ChaosFigures, type ChatOutcome, computeFigures, type SideOutcome } from './figures';

/** Settings of a run. */
export interface ChaosOptions {
  /** Customer/agent pairs. @defaultValue 200 */
  pairs: number;
  /** Wall time of the chaos phase. @defaultValue 60000 */
  durationMs: number;
  /** Seeds the fault schedule, the send cadence and the emulator. */
  seed: number;
  /** Mean pause between two faults, across all chats. @defaultValue 60000 / (pairs * 4) */
  faultEveryMs: number;
  /** Each side sends a message every this many milliseconds on average. @defaultValue 3000 */
  sendEveryMs: number;
  /** How long the sides get to recover after the chaos phase. @defaultValue 60000 */
  settleTimeoutMs: number;
  /** Progress lines (stderr in the CLI). */
  log?: ((line: string) => void) | undefined;
}

/** What a run reports: the figures, the seed, and the faults injected by kind. */
export interface ChaosReport extends ChaosFigures {
  seed: number;
  pairs: number;
  durationMs: number;
  faultsInjected: number;
  faultsByKind: Record<string, number>;
  messagesSent: number;
  wallMs: number;
}

/** A seeded generator (mulberry32), so a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A platform whose network and page signals the schedule toggles. */
class ToggledPlatform implements ConnectionPlatform {
  online = true;
  visible = true;
  private readonly listeners = new Set<PlatformSignalListener>();
  subscribe(listener: PlatformSignalListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  isOnline = (): boolean => this.online;
  isVisible = (): boolean => this.visible;
  signal(signal: PlatformSignal): void {
    if (signal === 'network.online' || signal === 'network.offline')
      this.online = signal === 'network.online';
    if (signal === 'page.visible' || signal === 'page.hidden') this.visible = signal === 'page.visible';
    for (const listener of [...this.listeners]) listener(signal);
  }
}

interface Side {
  role: 'customer' | 'agent';
  participantId: string;
  session: ChatSession;
  platform: ToggledPlatform;
  sent: number;
  pending: Set<Promise<unknown>>;
  failedSends: number;
  messageEvents: Map<string, number>;
  lostAt: number | undefined;
  recoveryTimes: number[];
  connectionCalls: number;
}

interface Pair {
  index: number;
  contactId: string;
  customer: Side;
  agent: Side;
}

/** The faults the schedule draws from: each is applied to one side of one chat. */
const faultKinds = [
  'socketDrop',
  'socketClose',
  'stopHeartbeats',
  'stopPings',
  'rejectUpgrades',
  'throttleBurst',
  'serverErrorBurst',
  'latencySpike',
  'answerLost',
  'framesDropped',
  'framesDuplicated',
  'framesReordered',
  'connectionTokenExpired',
  'socketUrlExpired',
  'offlineOnline',
  'hiddenVisible',
] as const;
type FaultKind = (typeof faultKinds)[number];

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the soak and computes its figures. */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const random = seededRandom(options.seed);
  const log = options.log ?? (() => undefined);
  const emulator = await startEmulator({ seed: options.seed });
  const pairs: Pair[] = [];
  const faultsByKind: Record<string, number> = {};
  let faultsInjected = 0;
  let running = true;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  try {
    for (let index = 0; index < options.pairs; index += 1) pairs.push(createPair(emulator, index));
    await Promise.all(
      pairs.flatMap((pair) => [pair.customer.session.connect(), pair.agent.session.connect()]),
    );
    log(`connected ${pairs.length} pairs`);

    // Both sides keep sending, each on its own jittered cadence.
    const scheduleSend = (pair: Pair, side: Side): void => {
      later(options.sendEveryMs * (0.5 + random()), () => {
        if (!running) return;
        send(pair, side);
        scheduleSend(pair, side);
      });
    };
    for (const pair of pairs) {
      scheduleSend(pair, pair.customer);
      scheduleSend(pair, pair.agent);
    }

    // The fault schedule.
    const scheduleFault = (): void => {
      later(options.faultEveryMs * 2 * random(), () => {
        if (!running) return;
        const pair = pairs[Math.floor(random() * pairs.length)]!;
        const side = random() < 0.5 ? pair.customer : pair.agent;
        const kind = faultKinds[Math.floor(random() * faultKinds.length)]!;
        inject(emulator, side, kind, later, random);
        faultsInjected += 1;
        faultsByKind[kind] = (faultsByKind[kind] ?? 0) + 1;
        scheduleFault();
      });
    };
    scheduleFault();

    await delay(options.durationMs);
    running = false;
    log(`chaos phase over: ${faultsInjected} faults; settling`);
    emulator.clearFaults();
    for (const pair of pairs)
      for (const side of [pair.customer, pair.agent]) {
        if (!side.platform.online) side.platform.signal('network.online');
        if (!side.platform.visible) side.platform.signal('page.visible');
      }

    // Settle: every send answered, every side connected with an empty outbox, and every stored message seen.
    const deadline = Date.now() + options.settleTimeoutMs;
    while (Date.now() < deadline && !settled(emulator, pairs)) await delay(200);
    for (const pair of pairs)
      for (const side of [pair.customer, pair.agent])
        await Promise.race([Promise.allSettled(side.pending), delay(0)]);

    const outcomes: ChatOutcome[] = pairs.map((pair) => outcomeOf(emulator, pair));
    const figures = computeFigures(outcomes);
    return {
      ...figures,
      seed: options.seed,
      pairs: options.pairs,
      durationMs: options.durationMs,
      faultsInjected,
      faultsByKind,
      messagesSent: pairs.reduce((sum, pair) => sum + pair.customer.sent + pair.agent.sent, 0),
      wallMs: Date.now() - started,
    };
  } finally {
    running = false;
    for (const timer of timers) clearTimeout(timer);
    for (const pair of pairs) {
      pair.customer.session.close();
      pair.agent.session.close();
    }
    await emulator.close();
  }

  function createPair(target: Emulator, index: number): Pair {
    const contact = target.createContact({ DisplayName: `Customer ${index}` });
    const agent = target.addParticipant(contact.ContactId, { Role: 'AGENT', DisplayName: `Agent ${index}` });
    return {
      index,
      contactId: contact.ContactId,
      customer: createSide(
        target,
        'customer',
        contact.ContactId,
        contact.ParticipantId,
        contact.ParticipantToken,
      ),
      agent: createSide(target, 'agent', contact.ContactId, agent.ParticipantId, agent.ParticipantToken),
    };
  }

  function createSide(
    target: Emulator,
    role: Side['role'],
    contactId: string,
    participantId: string,
    participantToken: string,
  ): Side {
    const platform = new ToggledPlatform();
    const api = createFetchParticipantApi({ endpoint: target.endpoint });
    const side = {} as Side;
    const participantApi: ParticipantApi = {
      ...api,
      createParticipantConnection(input, callOptions) {
        side.connectionCalls += 1;
        return api.createParticipantConnection(input, callOptions);
      },
    };
    const session = createChatSession({
      chatDetails: { contactId, participantId, participantToken },
      role: role === 'customer' ? 'CUSTOMER' : 'AGENT',
      participantApi,
      sockets: createWebSocketFactory({ WebSocket }),
      platform,
      outboxCapacity: 1_000,
    });
    Object.assign(side, {
      role,
      participantId,
      session,
      platform,
      sent: 0,
      pending: new Set(),
      failedSends: 0,
      messageEvents: new Map(),
      lostAt: undefined,
      recoveryTimes: [],
      connectionCalls: 0,
    } satisfies Side);
    session.on('message', ({ item, entry }) => {
      if (!item.Id || entry.streaming) return;
      side.messageEvents.set(item.Id, (side.messageEvents.get(item.Id) ?? 0) + 1);
    });
    session.on('status', ({ current, previous }) => {
      if (current === 'reconnecting' && previous === 'connected') side.lostAt = Date.now();
      if (current === 'connected' && side.lostAt !== undefined) {
        side.recoveryTimes.push(Date.now() - side.lostAt);
        side.lostAt = undefined;
      }
    });
    return side;
  }

  function send(pair: Pair, side: Side): void {
    side.sent += 1;
    const sending = side.session
      .sendMessage(`${side.role}-${pair.index}-${side.sent}`)
      .catch((error: unknown) => {
        side.failedSends += 1;
        log(`send failed: ${side.role} ${pair.index}: ${(error as Error).message}`);
      })
      .finally(() => side.pending.delete(sending));
    side.pending.add(sending);
  }
}

function inject(
  emulator: Emulator,
  side: Side,
  kind: FaultKind,
  later: (ms: number, run: () => void) => void,
  random: () => number,
): void {
  const participantId = side.participantId;
  const add = (rule: FaultRule): string | undefined => emulator.addFault(rule).id;
  const forAWhile = (rule: FaultRule, ms: number): void => {
    const id = add(rule);
    if (id) later(ms, () => emulator.clearFaults(id));
  };
  switch (kind) {
    case 'socketDrop':
      add({ match: { participantId }, action: { type: 'drop' } });
      return;
    case 'socketClose':
      add({ match: { participantId }, action: { type: 'close', code: 1001, reason: 'going away' } });
      return;
    case 'stopHeartbeats':
      forAWhile({ match: { participantId }, action: { type: 'stopHeartbeats' } }, 25_000);
      return;
    case 'stopPings':
      forAWhile({ match: { participantId }, action: { type: 'stopPings' } }, 15_000);
      return;
    case 'rejectUpgrades':
      add({ match: { participantId }, action: { type: 'rejectUpgrades', times: 2 } });
      add({ match: { participantId }, action: { type: 'drop' } });
      return;
    case 'throttleBurst':
      add({
        match: { participantId, route: '/participant/' },
        action: { type: 'error', status: 429 },
        times: 4,
      });
      return;
    case 'serverErrorBurst':
      add({
        match: { participantId, route: '/participant/' },
        action: { type: 'error', status: 503 },
        times: 4,
      });
      return;
    case 'latencySpike':
      add({
        match: { participantId, route: '/participant/' },
        action: { type: 'delay', ms: 1_500 },
        times: 3,
      });
      return;
    case 'answerLost':
      add({ match: { participantId, operation: 'SendMessage' }, action: { type: 'dropResponse' }, times: 1 });
      return;
    case 'framesDropped':
      // Frames lost on a socket that is about to die (a healthy TCP stream does not lose frames by itself).
      {
        const id = add({
          match: { participantId },
          action: { type: 'dropFrames', topic: 'aws/chat', times: 3 },
        });
        later(200 + 800 * random(), () => {
          if (id) emulator.clearFaults(id);
          add({ match: { participantId }, action: { type: 'drop' } });
        });
      }
      return;
    case 'framesDuplicated':
      forAWhile({ match: { participantId }, action: { type: 'duplicateFrames' } }, 5_000);
      return;
    case 'framesReordered':
      forAWhile({ match: { participantId }, action: { type: 'reorderFrames' } }, 5_000);
      return;
    case 'connectionTokenExpired':
      add({ action: { type: 'expireConnectionTokens', participantId } });
      return;
    case 'socketUrlExpired':
      add({ action: { type: 'expireWebsocketUrls', participantId } });
      add({ match: { participantId }, action: { type: 'drop' } });
      return;
    case 'offlineOnline':
      side.platform.signal('network.offline');
      add({ match: { participantId }, action: { type: 'drop' } });
      later(500 + 3_000 * random(), () => side.platform.signal('network.online'));
      return;
    case 'hiddenVisible':
      side.platform.signal('page.hidden');
      later(500 + 5_000 * random(), () => side.platform.signal('page.visible'));
      return;
  }
}

function storedMessages(
  emulator: Emulator,
  contactId: string,
): Array<{ id: string; content: string; time: string }> {
  return emulator
    .getContactState(contactId)
    .Items.filter((item) => item.Type === 'MESSAGE' && item.Id !== undefined)
    .map((item) => ({ id: item.Id!, content: item.Content ?? '', time: item.AbsoluteTime ?? '' }));
}

function settled(emulator: Emulator, pairs: readonly Pair[]): boolean {
  for (const pair of pairs) {
    const stored = storedMessages(emulator, pair.contactId);
    for (const side of [pair.customer, pair.agent]) {
      const snapshot = side.session.getSnapshot();
      if (snapshot.status !== 'connected' || snapshot.pendingSends > 0 || side.pending.size > 0) return false;
      const held = new Set(snapshot.transcript.map((entry) => entry.id));
      if (stored.some((message) => !held.has(message.id))) return false;
    }
  }
  return true;
}

function outcomeOf(emulator: Emulator, pair: Pair): ChatOutcome {
  const sideOutcome = (side: Side): SideOutcome => {
    const snapshot = side.session.getSnapshot();
    return {
      transcriptIds: snapshot.transcript
        .filter((entry) => entry.kind === 'message' && entry.id !== undefined)
        .map((entry) => entry.id!),
      messageEvents: side.messageEvents,
      failedSends: side.failedSends,
      unsettledSends: side.pending.size,
      recovered: snapshot.status === 'connected' && snapshot.pendingSends === 0,
      recoveryTimes: side.recoveryTimes,
      connectionCalls: side.connectionCalls,
    };
  };
  return {
    service: storedMessages(emulator, pair.contactId),
    sides: [sideOutcome(pair.customer), sideOutcome(pair.agent)],
  };
}
