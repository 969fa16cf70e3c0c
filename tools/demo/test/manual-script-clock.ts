// The scripted chat on a manual clock: every timer of the chat (sessions, bot, emulator) fires only when the script
// lets time pass, and then at once, so the whole chat plays in milliseconds of real time, in the same order.
import { ManualClock } from '../../../packages/transport/test/connection/manual-clock.ts';
import type { ScriptClock } from '../src/script-clock';

/** A script clock over a fresh manual clock set to 2030-01-01. */
export function manualScriptClock(): ScriptClock & { manual: ManualClock } {
  const manual = new ManualClock();
  manual.set(Date.parse('2030-01-01T00:00:00.000Z'));
  return {
    manual,
    now: () => manual.now(),
    setTimeout: (callback, ms) => manual.setTimeout(callback, ms),
    clearTimeout: (handle) => manual.clearTimeout(handle),
    pass: async (ms) => manual.increment(ms),
  };
}
