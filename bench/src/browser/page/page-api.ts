/**
 * What the benchmark pages expose to the Node side: the probe installed before any library loads
 * (`instrument.ts`), and one library-neutral driver (`bench-page.ts`) over core, compat, ChatJS or the floor.
 */

/** The libraries a page can run. `floor` is a bare WebSocket handler: the least any library can do. */
export type PageLibrary = 'core' | 'compat' | 'chatjs' | 'floor';

/** What StartChatContact gave the customer. */
export interface PageChatDetails {
  ContactId: string;
  ParticipantId: string;
  ParticipantToken: string;
}

/** Timer wake-ups: callbacks the page's timers ran, in total and by timer kind and requested delay. */
export interface WakeupCounts {
  total: number;
  /** E.g. `setTimeout 250 ms`, `setInterval 10000 ms`, `requestAnimationFrame`. */
  byTimer: Record<string, number>;
}

/** Installed as `globalThis.benchProbe` by `instrument.ts`, before any library script runs. */
export interface BenchProbe {
  readonly wakeups: WakeupCounts;
  /** `performance.now()` of every chat socket's open and close, in order. */
  readonly socketOpens: number[];
  readonly socketCloses: number[];
  /** `performance.now()` of every `aws/subscribe` answer received. */
  readonly subscribeAnswers: number[];
  /** Calls `listener` after every socket open, close and `aws/subscribe` answer. */
  listen(listener: () => void): void;
  /** Starts counting wake-ups from zero. */
  resetWakeups(): void;
  /**
   * At the next `aws/chat` frame, blocks the main thread for `holdMs` before any handler sees it (a synchronous
   * request to `holdUrl`, which answers after that long: the thread waits without using CPU), so the frames the
   * emulator pushes meanwhile are queued and then dispatched back to back: the dispatch figure then measures the
   * page, not how fast Node writes to the socket.
   */
  armHold(holdMs: number, holdUrl: string): void;
  /** When the last hold started and ended. */
  readonly holdStartedAt: number | undefined;
  readonly holdEndedAt: number | undefined;
}

/** When one session was asked to connect and each time it reported connected. */
export interface ConnectTiming {
  startedAt: number;
  connectedAt: number[];
  /** Each back-off the library announced before a retry (core's `retryIn`), with when it announced it. */
  retries: { at: number; retryInMs: number }[];
}

/** What a dispatch run saw. */
export interface DispatchOutcome {
  /** How long the main thread was held. */
  heldMs: number;
  /** When the first frame reached the library (the end of the hold). */
  startedAt: number;
  /** When the library called the app back for the last expected message. */
  finishedAt: number;
  received: number;
}

/** What a dropped socket led to, in page time. */
export interface RecoveryOutcome {
  /** The drop as the page saw it (the socket's `close` event). */
  closedAt: number;
  /** The first `connected` report after the drop. */
  reconnectedAt: number | undefined;
  /** The first `aws/subscribe` answer after the drop: from then on the socket delivers messages again. */
  resubscribedAt: number | undefined;
  /** When the message sent while the socket was down reached the app, if it did. */
  gapFilledAt: number | undefined;
  /** The back-off the library announced for its first retry after the drop, if it says. */
  firstRetryInMs: number | undefined;
}

/** Installed as `globalThis.benchPage` by each page. */
export interface BenchPage {
  readonly library: PageLibrary;
  /** Creates one session per chat and connects them all; resolves once every one reported connected. */
  connectAll(endpoint: string, chats: readonly PageChatDetails[]): Promise<ConnectTiming[]>;
  /** Every session's timing so far. */
  timings(): ConnectTiming[];
  /** Resolves with when the first `aws/subscribe` answer arrived (ChatJS reports connected before it). */
  awaitSubscribed(timeoutMs: number): Promise<number>;
  /** Starts counting agent messages from zero, towards `count`. */
  expectMessages(count: number): void;
  /** Resolves once the expected count reached the app (rejects after `timeoutMs`). */
  awaitMessages(timeoutMs: number): Promise<DispatchOutcome>;
  /** Remembers when a message with this content first reaches the app (the message sent while disconnected). */
  watchMessage(content: string): void;
  /**
   * Resolves once the first session reported connected and was subscribed again after its socket last closed
   * and, when `awaitGap` is set, the watched message reached the app; or after `timeoutMs` with what happened.
   */
  awaitRecovery(awaitGap: boolean, timeoutMs: number): Promise<RecoveryOutcome>;
}

/** The globals the pages install. */
export interface BenchGlobals {
  benchProbe: BenchProbe;
  benchPage: BenchPage;
}
