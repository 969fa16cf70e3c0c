import { describe, expect, it } from 'vitest';
import { browserPlatform } from './browser-platform';
import type { PlatformSignal } from './platform.types';

class FakeTarget {
  readonly listeners = new Map<string, Set<() => void>>();
  addEventListener(type: string, listener: () => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }
  dispatch(type: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener();
  }
  count(): number {
    return [...this.listeners.values()].reduce((total, set) => total + set.size, 0);
  }
}

describe('browserPlatform', () => {
  it('PLAT-01 maps browser events to signals, reads state lazily, and removes every listener', () => {
    const window = new FakeTarget();
    const document = Object.assign(new FakeTarget(), { visibilityState: 'visible' });
    const navigator = { onLine: true };
    const platform = browserPlatform({ window, document, navigator });
    expect(window.count()).toBe(0);
    const signals: PlatformSignal[] = [];
    const stop = platform.subscribe((signal) => signals.push(signal));
    window.dispatch('offline');
    window.dispatch('online');
    document.visibilityState = 'hidden';
    document.dispatch('visibilitychange');
    expect(platform.isVisible?.()).toBe(false);
    document.visibilityState = 'visible';
    document.dispatch('visibilitychange');
    document.dispatch('freeze');
    document.dispatch('resume');
    navigator.onLine = false;
    expect(platform.isOnline?.()).toBe(false);
    expect(signals).toEqual([
      'network.offline',
      'network.online',
      'page.hidden',
      'page.visible',
      'page.frozen',
      'page.resumed',
    ]);
    stop();
    expect(window.count() + document.count()).toBe(0);
  });

  it('PLAT-02 a window without event methods (React Native) gives no signals instead of throwing', () => {
    const document = Object.assign(new FakeTarget(), { visibilityState: 'visible' });
    const platform = browserPlatform({ window: {}, document, navigator: { onLine: true } });
    const signals: PlatformSignal[] = [];
    const stop = platform.subscribe((signal) => signals.push(signal));
    document.dispatch('freeze');
    expect(signals).toEqual(['page.frozen']);
    expect(platform.isOnline?.()).toBe(true);
    stop();
    expect(document.count()).toBe(0);
  });
});
