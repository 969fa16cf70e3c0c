/**
 * The scripted chat's time. Every timer of the chat (both sessions, the bot, the emulator) runs on one clock, and
 * the script says when time must pass ("the agent takes 450 ms to answer"). On the real clock that is a wait; on a
 * test's manual clock it is a step, so the same script runs in milliseconds and in the same order.
 */
import type { ConnectionClock } from '@connect-chat/core';

/** A clock the script can let time pass on. */
export interface ScriptClock extends ConnectionClock {
  /** Lets `ms` of this clock's time pass: a wait on the real clock, a step on a manual one. */
  pass(ms: number): Promise<void>;
}

/** The wall clock: timers are the platform's, and `pass` waits. */
export function realTimeClock(): ScriptClock {
  return {
    now: () => Date.now(),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    pass: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };
}
