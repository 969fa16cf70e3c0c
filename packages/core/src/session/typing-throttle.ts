/** The typing-event throttle: a pure policy with an exported default. */

/** Typing events go out at most once per this many milliseconds (the service's and ChatJS's cadence). */
export const defaultTypingThrottleMs = 10_000;

/**
 * Whether a typing event may go out now: leading edge, so the first keystroke is sent at once and the following
 * ones within `throttleMs` are not sent at all.
 *
 * @param now - the current time in epoch milliseconds
 * @param lastSentAt - when the last typing event went out, if ever
 * @param throttleMs - the window @defaultValue {@link defaultTypingThrottleMs}
 */
export function typingAllowed(
  now: number,
  lastSentAt: number | undefined,
  throttleMs: number = defaultTypingThrottleMs,
): boolean {
  return lastSentAt === undefined || now - lastSentAt >= throttleMs || now < lastSentAt;
}
