/** The reconnection back-off policy: a pure function of the attempt number, replaceable through options. */

/** Tunables of {@link reconnectDelay}. */
export interface ReconnectDelayOptions {
  /**
   * Upper bound of the first retry's random delay. 0 (the default) retries the moment a connection is lost: a single
   * blip heals at once, as fast as ChatJS's reconnect, and the jitter of the later retries spreads clients out.
   * @defaultValue 0
   */
  firstRetryMaxMs: number;
  /** The ceiling of the second retry; each later retry doubles it. @defaultValue 1000 */
  baseMs: number;
  /** No delay exceeds this. @defaultValue 30000 */
  maxMs: number;
}

/** The default back-off: the first retry at once, then 1 s, 2 s, 4 s ... capped at 30 s, with equal jitter. */
export const defaultReconnectDelayOptions: Readonly<ReconnectDelayOptions> = {
  firstRetryMaxMs: 0,
  baseMs: 1_000,
  maxMs: 30_000,
};

/**
 * How long to wait before reconnection attempt number `attempt` (0 for the first retry after a loss).
 *
 * The first retry waits a random 0..`firstRetryMaxMs`; retry `n >= 1` waits between half and all of
 * `min(maxMs, baseMs * 2^(n-1))` ("equal jitter"), so clients that lost the same server spread out but never
 * retry in a hot loop.
 *
 * @param attempt - consecutive failed attempts since the connection was last stable
 * @param random - a source of numbers in [0, 1) @defaultValue `Math.random`
 * @example
 * ```ts
 * reconnectDelay(0); // 0: at once
 * reconnectDelay(3); // 2000..4000
 * ```
 */
export function reconnectDelay(
  attempt: number,
  random: () => number = Math.random,
  options: Readonly<ReconnectDelayOptions> = defaultReconnectDelayOptions,
): number {
  if (!(attempt > 0)) return Math.floor(random() * options.firstRetryMaxMs);
  const exponent = Math.min(attempt - 1, 30);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
}

/** A replaceable back-off: the delay in milliseconds before attempt number `attempt`. */
export type ReconnectDelay = (attempt: number) => number;
