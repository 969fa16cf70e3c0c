// Testing your own chat code against the emulator: real HTTP and real sockets on 127.0.0.1, faults on demand, and
// time that moves only when the test says so. Run with vitest (or any runner that awaits async tests).
import { type ChatSession, createChatSession, reconnectDelay } from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';
import { type Emulator, startEmulator } from '@connect-chat/transport/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { WebSocket } from 'ws';

/** A clock whose timers fire, in due order, only inside `advance`. */
class ManualClock {
  private current = Date.parse('2030-01-01T00:00:00Z');
  private nextId = 1;
  private readonly timers = new Map<number, { due: number; callback: () => void }>();
  now = (): number => this.current;
  setTimeout = (callback: (...args: unknown[]) => void, ms: number): number => {
    const id = this.nextId++;
    this.timers.set(id, { due: this.current + Math.max(0, ms), callback: () => callback() });
    return id;
  };
  clearTimeout = (id: unknown): void => void this.timers.delete(id as number);
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const [id, timer] = [...this.timers].sort(([a, x], [b, y]) => x.due - y.due || a - b)[0] ?? [];
      if (id === undefined || !timer || timer.due > target) break;
      this.timers.delete(id);
      this.current = timer.due;
      timer.callback();
    }
    this.current = target;
  }
}

let clock: ManualClock;
let emulator: Emulator;
let session: ChatSession;
let agentId: string;
let contactId: string;

beforeEach(async () => {
  clock = new ManualClock();
  // The emulator reads the same clock, so token and URL expiry move with the test.
  emulator = await startEmulator({ clock, scheduler: clock });
  const contact = emulator.createContact({ DisplayName: 'Casey' });
  contactId = contact.ContactId;
  agentId = emulator.addParticipant(contactId, { Role: 'AGENT', DisplayName: 'Ada' }).ParticipantId;
  session = createChatSession({
    chatDetails: {
      contactId,
      participantId: contact.ParticipantId,
      participantToken: contact.ParticipantToken,
    },
    participantApi: createFetchParticipantApi({ endpoint: emulator.endpoint, sleep: async () => {} }),
    sockets: createWebSocketFactory({ WebSocket }),
    clock,
    reconnectDelay: (attempt) => reconnectDelay(attempt, () => 0), // no jitter: the shortest wait
  });
  await session.connect();
});

afterEach(async () => {
  session.close();
  await emulator.close();
});

/** Resolves once the session reports `status` (it never waits on wall-clock time). */
const until = (status: ChatSession['status']) =>
  new Promise<void>((resolve) => {
    if (session.status === status) resolve();
    const stop = session.on('status', ({ current }) => {
      if (current !== status) return;
      stop();
      resolve();
    });
  });

it('shows a message the agent sent while the socket was down, once', async () => {
  emulator.addFault({
    match: { participantId: session.getChatDetails().participantId },
    action: { type: 'drop' },
  });
  await until('reconnecting');
  const missed = emulator.injectItem(contactId, {
    AsParticipantId: agentId,
    Type: 'MESSAGE',
    ContentType: 'text/plain',
    Content: 'Are you still there?',
  });
  const filled = new Promise((resolve) => session.on('gapFilled', resolve));
  clock.advance(session.getSnapshot().retryIn ?? 0); // fire the scheduled reconnection now
  await until('connected');
  await filled;
  expect(session.transcript.filter((entry) => entry.id === missed.Id)).toHaveLength(1);
});

it('applies a send once although the service failed it twice', async () => {
  emulator.addFault({
    match: { operation: 'SendMessage' },
    action: { type: 'error', status: 503 },
    times: 2,
  });
  const sent = await session.sendMessage('Hello');
  const stored = emulator.getContactState(contactId).Items.filter((item) => item.Content === 'Hello');
  expect(stored.map((item) => item.Id)).toEqual([sent.id]);
});
