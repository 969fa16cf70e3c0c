/** When to refresh the connection token: a pure policy function. */

/** The longest delay a platform timer can hold (2^31 - 1 ms, about 24.8 days); longer ones would fire at once. */
export const maxTimerDelayMs = 2_147_483_647;

/** The shortest pause between two refreshes, so a token that is already (nearly) expired cannot cause a hot loop. @defaultValue 5000 */
export const minTokenRefreshDelayMs = 5_000;

/**
 * How long to wait before refreshing a connection token that expires at `expiresAt`: `leadMs` before the expiry,
 * never sooner than {@link minTokenRefreshDelayMs} and never longer than a timer can hold (a refresh that comes
 * early is harmless; one scheduled past the limit would fire at once).
 *
 * @example
 * ```ts
 * tokenRefreshDelay(now + 3_600_000, now, 60_000); // 3_540_000
 * ```
 */
export function tokenRefreshDelay(expiresAt: number | undefined, now: number, leadMs: number): number {
  if (expiresAt === undefined) return maxTimerDelayMs;
  const delay = expiresAt - now - leadMs;
  return Math.min(maxTimerDelayMs, Math.max(minTokenRefreshDelayMs, delay));
}
