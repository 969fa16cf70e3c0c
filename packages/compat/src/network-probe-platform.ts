/**
 * `webSocketManagerConfig.isNetworkOnline` mapped onto core's platform seam: ChatJS polls the probe every 250 ms and
 * acts on changes (legacy-chatjs §7.4), so the platform here polls it while a connection listens and reports each
 * flip as `network.online` / `network.offline`. Page signals still come from the base platform.
 */
import type { ConnectionPlatform, PlatformSignal } from '@connect-chat/core';

/** How often the probe is polled, as in ChatJS. @defaultValue 250 */
export const networkProbeIntervalMs = 250;

/** Timers the polling runs on. */
export interface ProbeTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Wraps a platform so that, when a probe is configured, its answer decides whether the network is online.
 * A truthy answer counts as online (ChatJS's rule; an async probe is therefore always online).
 *
 * @param base - page and network events of the host, if any
 * @param probe - reads the configured probe (it may change with `setGlobalConfig`)
 * @param watchProbe - tells when a probe gets configured; without a probe nothing is polled, so an idle session
 *   wakes only for its heartbeat. Without a watcher, polling runs all the time (a probe may appear at any moment).
 */
export function networkProbePlatform(
  base: ConnectionPlatform | undefined,
  probe: () => (() => unknown) | undefined,
  timers: ProbeTimers,
  intervalMs: number = networkProbeIntervalMs,
  watchProbe?: (onConfigured: () => void) => () => void,
): ConnectionPlatform {
  const online = (): boolean => {
    const current = probe();
    if (!current) return base?.isOnline?.() ?? true;
    try {
      return Boolean(current());
    } catch {
      return true;
    }
  };
  return {
    isOnline: online,
    ...(base?.isVisible ? { isVisible: () => base.isVisible?.() ?? true } : {}),
    subscribe(listener) {
      const stopBase = base?.subscribe((signal: PlatformSignal) => {
        // With a probe configured, the probe is the authority on the network, as in ChatJS.
        if (probe() && signal.startsWith('network.')) return;
        listener(signal);
      });
      let last = online();
      let handle: unknown;
      let polling = false;
      let stopped = false;
      const poll = (): void => {
        if (stopped) return;
        if (probe()) {
          const now = online();
          if (now !== last) listener(now ? 'network.online' : 'network.offline');
          last = now;
        }
        handle = timers.setTimeout(poll, intervalMs);
      };
      const startPolling = (): void => {
        if (polling || stopped) return;
        polling = true;
        handle = timers.setTimeout(poll, intervalMs);
      };
      const stopWatching = watchProbe?.(startPolling);
      if (!watchProbe || probe()) startPolling();
      return () => {
        stopped = true;
        if (polling) timers.clearTimeout(handle);
        stopWatching?.();
        stopBase?.();
      };
    },
  };
}
