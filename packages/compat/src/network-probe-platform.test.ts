import type { ConnectionPlatform, PlatformSignal, PlatformSignalListener } from '@connect-chat/core';
import { describe, expect, it } from 'vitest';
import { networkProbeIntervalMs, networkProbePlatform } from './network-probe-platform';

/** Timers that fire only when the test says so. */
function steppedTimers() {
  let nextId = 1;
  let now = 0;
  const timers = new Map<number, { due: number; callback: () => void }>();
  return {
    setTimeout(callback: () => void, ms: number) {
      const id = nextId++;
      timers.set(id, { due: now + ms, callback });
      return id;
    },
    clearTimeout(handle: unknown) {
      timers.delete(handle as number);
    },
    advance(ms: number) {
      const target = now + ms;
      for (;;) {
        const next = [...timers.entries()]
          .filter(([, timer]) => timer.due <= target)
          .sort((a, b) => a[1].due - b[1].due)[0];
        if (!next) break;
        timers.delete(next[0]);
        now = next[1].due;
        next[1].callback();
      }
      now = target;
    },
    pending: () => timers.size,
  };
}

function basePlatform() {
  let listener: PlatformSignalListener | undefined;
  const platform: ConnectionPlatform = {
    isOnline: () => true,
    isVisible: () => false,
    subscribe(next) {
      listener = next;
      return () => {
        listener = undefined;
      };
    },
  };
  return { platform, signal: (signal: PlatformSignal) => listener?.(signal) };
}

describe('webSocketManagerConfig.isNetworkOnline as a platform (legacy-chatjs §7.4)', () => {
  it('NET-01 polls the probe every 250 ms and reports each flip once', () => {
    const timers = steppedTimers();
    let online = true;
    const platform = networkProbePlatform(undefined, () => () => online, timers);
    const signals: PlatformSignal[] = [];
    const stop = platform.subscribe((signal) => signals.push(signal));
    timers.advance(networkProbeIntervalMs * 3);
    expect(signals).toEqual([]);
    online = false;
    timers.advance(networkProbeIntervalMs - 1);
    expect(signals).toEqual([]);
    timers.advance(1);
    expect(platform.isOnline?.()).toBe(false);
    timers.advance(networkProbeIntervalMs * 4);
    online = true;
    timers.advance(networkProbeIntervalMs);
    expect(signals).toEqual(['network.offline', 'network.online']);
    stop();
    expect(timers.pending()).toBe(0);
  });

  it('NET-04 with a watcher, nothing is polled until a probe is configured; then polling starts', () => {
    const timers = steppedTimers();
    let probe: (() => unknown) | undefined;
    let configured: (() => void) | undefined;
    const platform = networkProbePlatform(
      undefined,
      () => probe,
      timers,
      networkProbeIntervalMs,
      (onConfigured) => {
        configured = onConfigured;
        return () => {
          configured = undefined;
        };
      },
    );
    const signals: PlatformSignal[] = [];
    const stop = platform.subscribe((signal) => signals.push(signal));
    expect(timers.pending()).toBe(0);
    let online = true;
    probe = () => online;
    configured?.();
    expect(timers.pending()).toBe(1);
    online = false;
    timers.advance(networkProbeIntervalMs);
    expect(signals).toEqual(['network.offline']);
    stop();
    expect(timers.pending()).toBe(0);
    expect(configured).toBeUndefined();
  });

  it('NET-02 a truthy answer is online (an async probe is always online, as in ChatJS); a throwing probe counts as online', () => {
    const timers = steppedTimers();
    expect(networkProbePlatform(undefined, () => async () => false, timers).isOnline?.()).toBe(true);
    expect(
      networkProbePlatform(
        undefined,
        () => () => {
          throw new Error('no');
        },
        timers,
      ).isOnline?.(),
    ).toBe(true);
  });

  it('NET-03 page signals come from the base platform; its network signals only while no probe is set', () => {
    const timers = steppedTimers();
    const base = basePlatform();
    let probe: (() => unknown) | undefined;
    const platform = networkProbePlatform(base.platform, () => probe, timers);
    const signals: PlatformSignal[] = [];
    platform.subscribe((signal) => signals.push(signal));
    base.signal('page.hidden');
    base.signal('network.offline');
    probe = () => true;
    base.signal('network.offline');
    expect(signals).toEqual(['page.hidden', 'network.offline']);
    expect(platform.isVisible?.()).toBe(false);
  });
});
