/**
 * Loaded before any library: counts every timer callback the page runs (setTimeout, setInterval,
 * requestAnimationFrame) and watches every WebSocket through a subclass installed as the global `WebSocket`, whose
 * own listeners are registered first, before the library's.
 */
import type { BenchGlobals, BenchProbe } from './page-api';

const wakeups: BenchProbe['wakeups'] = { total: 0, byTimer: {} };
const count = (key: string): void => {
  wakeups.total += 1;
  wakeups.byTimer[key] = (wakeups.byTimer[key] ?? 0) + 1;
};
const delayKey = (name: string, ms: unknown): string =>
  `${name} ${Math.max(0, Math.round(Number(ms) || 0))} ms`;

const nativeSetTimeout = globalThis.setTimeout.bind(globalThis);
const nativeSetInterval = globalThis.setInterval.bind(globalThis);
const nativeAnimationFrame = globalThis.requestAnimationFrame.bind(globalThis);

globalThis.setTimeout = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
  if (typeof handler !== 'function') return nativeSetTimeout(handler, ms, ...args);
  const key = delayKey('setTimeout', ms);
  return nativeSetTimeout(
    (...callArgs: unknown[]) => {
      count(key);
      handler(...callArgs);
    },
    ms,
    ...args,
  );
}) as typeof setTimeout;

globalThis.setInterval = ((handler: TimerHandler, ms?: number, ...args: unknown[]) => {
  if (typeof handler !== 'function') return nativeSetInterval(handler, ms, ...args);
  const key = delayKey('setInterval', ms);
  return nativeSetInterval(
    (...callArgs: unknown[]) => {
      count(key);
      handler(...callArgs);
    },
    ms,
    ...args,
  );
}) as typeof setInterval;

globalThis.requestAnimationFrame = (callback: FrameRequestCallback): number =>
  nativeAnimationFrame((time) => {
    count('requestAnimationFrame');
    callback(time);
  });

const socketOpens: number[] = [];
const socketCloses: number[] = [];
const subscribeAnswers: number[] = [];
const listeners: (() => void)[] = [];
const record = (times: number[]): void => {
  times.push(performance.now());
  for (const listener of listeners) listener();
};
let hold: { ms: number; url: string } | undefined;
let holdStartedAt: number | undefined;
let holdEndedAt: number | undefined;

// The emulator writes `topic` first, so a prefix test classifies a frame without parsing it.
const chatPrefix = '{"topic":"aws/chat"';
const subscribePrefix = '{"topic":"aws/subscribe"';

function onFrame(event: MessageEvent): void {
  const data: unknown = event.data;
  if (typeof data !== 'string') return;
  if (hold !== undefined && data.startsWith(chatPrefix)) {
    const { ms, url } = hold;
    hold = undefined;
    holdStartedAt = performance.now();
    // Synchronous on purpose: the frames pile up behind this task while the thread waits.
    const request = new XMLHttpRequest();
    request.open('GET', `${url}?ms=${ms}`, false);
    try {
      request.send();
    } catch {
      // Whatever the answer, the wait happened.
    }
    holdEndedAt = performance.now();
    return;
  }
  if (data.startsWith(subscribePrefix)) record(subscribeAnswers);
}

const NativeWebSocket = globalThis.WebSocket;

class ProbedWebSocket extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    this.addEventListener('open', () => record(socketOpens));
    this.addEventListener('close', () => record(socketCloses));
    this.addEventListener('message', onFrame);
  }
}

globalThis.WebSocket = ProbedWebSocket;

const probe: BenchProbe = {
  wakeups,
  socketOpens,
  socketCloses,
  subscribeAnswers,
  listen(listener) {
    listeners.push(listener);
  },
  resetWakeups() {
    wakeups.total = 0;
    wakeups.byTimer = {};
  },
  armHold(ms, url) {
    hold = { ms, url };
    holdStartedAt = undefined;
    holdEndedAt = undefined;
  },
  get holdStartedAt() {
    return holdStartedAt;
  },
  get holdEndedAt() {
    return holdEndedAt;
  },
};

(globalThis as unknown as BenchGlobals).benchProbe = probe;
