/**
 * `pnpm --filter @connect-chat/bench run dispatch:warm [--rounds N] [--messages N]`
 *
 * Core's incoming path in Node, with nothing else in the way: a core session on the `fetch` adapter and the
 * WebSocket adapter, both given in-process fakes (a `fetch` that answers at once and a WebSocket the script pushes
 * frames into), so every microsecond measured is the frame codec, the session, the transcript store and the app's
 * `message` listener. The floor is the same frames parsed twice (the frame and its `content`) and counted, as the
 * floor page of `pnpm bench` does.
 *
 * It prints the first round (the code still cold: interpreter and compiler at work) and the median of the later
 * rounds (the code warm). The Chromium dispatch figure of `pnpm bench` is a fresh page's first 5,000 messages, so it
 * is mostly the cold figure; this one says how much of it is the work itself. Figures only, never a pass or fail.
 */
import { createChatSession } from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';

interface FakeMessageEvent {
  data: string;
}

/** The socket the session opened last; the script pushes frames into its `onmessage`. */
let lastSocket: FakeWebSocket | undefined;

class FakeWebSocket {
  readyState = 0;
  binaryType = 'blob';
  onopen: ((event: object) => void) | null = null;
  onmessage: ((event: FakeMessageEvent) => void) | null = null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onerror: ((event: object) => void) | null = null;

  constructor(readonly url: string) {
    lastSocket = this;
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.({});
    });
  }

  send(text: string): void {
    const frame = JSON.parse(text) as { topic?: string };
    if (frame.topic !== 'aws/subscribe') return;
    const answer = { topic: 'aws/subscribe', content: { status: 'success', topics: ['aws/chat'] } };
    queueMicrotask(() => this.onmessage?.({ data: JSON.stringify(answer) }));
  }

  close(): void {
    this.readyState = 3;
  }
}

const expiry = (): string => new Date(Date.now() + 3_600_000).toISOString();

async function answer(url: string | URL | Request): Promise<Response> {
  const path = String(url);
  const body = path.includes('/participant/connection')
    ? {
        Websocket: { Url: 'wss://bench.invalid/chat', ConnectionExpiry: expiry() },
        ConnectionCredentials: { ConnectionToken: 'bench-connection-token', Expiry: expiry() },
      }
    : path.includes('/participant/transcript')
      ? { Transcript: [], InitialContactId: 'bench-contact' }
      : { Id: 'bench-sent', AbsoluteTime: new Date().toISOString() };
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

function numberFlag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive whole number`);
  return value;
}

const messages = numberFlag('--messages', 5_000);
const rounds = numberFlag('--rounds', 30);

/** Agent messages as the service frames them; three share each millisecond, as in a fast burst. */
function framesFor(round: number): string[] {
  const start = Date.parse('2026-01-01T00:00:00Z') + round * messages;
  return Array.from({ length: messages }, (_, index) => {
    const item = {
      AbsoluteTime: new Date(start + Math.floor(index / 3)).toISOString(),
      Content: `agent message ${index} of round ${round}`,
      ContentType: 'text/plain',
      Id: `${(index * 7919) % 10_007}-${round}-${index}`,
      Type: 'MESSAGE',
      ParticipantId: 'bench-agent',
      DisplayName: 'Agent',
      ParticipantRole: 'AGENT',
      InitialContactId: 'bench-contact',
      ContactId: 'bench-contact',
    };
    return JSON.stringify({ topic: 'aws/chat', content: JSON.stringify(item) });
  });
}

async function coreRound(frames: readonly string[]): Promise<number> {
  const session = createChatSession({
    chatDetails: {
      contactId: 'bench-contact',
      participantId: 'bench-customer',
      participantToken: 'bench-token',
    },
    participantApi: createFetchParticipantApi({ endpoint: 'https://bench.invalid', fetch: answer }),
    sockets: createWebSocketFactory({ WebSocket: FakeWebSocket }),
    transcript: { loadOnConnect: false },
  });
  let received = 0;
  session.on('message', () => {
    received += 1;
  });
  await session.connect();
  const socket = lastSocket;
  if (!socket?.onmessage) throw new Error('the session opened no socket');
  const started = performance.now();
  for (const data of frames) socket.onmessage({ data });
  const elapsed = performance.now() - started;
  if (received !== frames.length) throw new Error(`the app got ${received} of ${frames.length} messages`);
  // A customer's session stays live after DisconnectParticipant until the chat ends; close it here.
  session.close();
  return elapsed;
}

function floorRound(frames: readonly string[]): number {
  let counted = 0;
  const started = performance.now();
  for (const data of frames) {
    const frame = JSON.parse(data) as { content: string };
    const item = JSON.parse(frame.content) as { Id?: string };
    if (item.Id) counted += 1;
  }
  const elapsed = performance.now() - started;
  if (counted !== frames.length) throw new Error('the floor lost frames');
  return elapsed;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const perMessage = (ms: number): string => ((ms * 1000) / messages).toFixed(2).padStart(6);

const core: number[] = [];
const floor: number[] = [];
for (let round = 0; round < rounds; round++) {
  const frames = framesFor(round);
  core.push(await coreRound(frames));
  floor.push(floorRound(frames));
}
const [coldCore = Number.NaN, ...warmCore] = core;
const [coldFloor = Number.NaN, ...warmFloor] = floor;
console.log(
  `core's incoming path in Node ${process.versions.node}, ${messages} messages a round, ${rounds} rounds`,
);
console.log('                      µs/msg   floor   above the floor');
console.log(
  `first round (cold)    ${perMessage(coldCore)}  ${perMessage(coldFloor)}  ${perMessage(coldCore - coldFloor)}`,
);
console.log(
  `later rounds (warm)   ${perMessage(median(warmCore))}  ${perMessage(median(warmFloor))}  ${perMessage(median(warmCore) - median(warmFloor))}`,
);
