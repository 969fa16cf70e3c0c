/** An optional browser implementation of the platform seam. Nothing here runs at import. */
import type { ConnectionPlatform, PlatformSignal, PlatformSignalListener } from './platform.types';

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/** Where {@link browserPlatform} finds the browser objects. Each is optional, and so are their event methods. */
export interface BrowserGlobals {
  window?: Partial<EventTargetLike>;
  document?: Partial<EventTargetLike> & { visibilityState?: string };
  navigator?: { onLine?: boolean };
}

/**
 * Builds a {@link ConnectionPlatform} from the browser's `online`/`offline`, `visibilitychange`, `freeze`/`resume`
 * and `pagehide`/`pageshow` events. It reads `window`, `document` and `navigator` only when called, so importing
 * core stays safe during server-side rendering; call it in the browser. Hosts whose `window` is not an event target
 * (React Native has a `window` without `addEventListener`) simply give no signals from it.
 *
 * @param globals - where to find the browser objects @defaultValue `globalThis`
 * @example
 * ```ts
 * const connection = createConnection({ ..., platform: browserPlatform() });
 * ```
 */
export function browserPlatform(globals: BrowserGlobals = globalThis as BrowserGlobals): ConnectionPlatform {
  return {
    isOnline: () => globals.navigator?.onLine !== false,
    isVisible: () => globals.document?.visibilityState !== 'hidden',
    subscribe(listener: PlatformSignalListener) {
      const stops: Array<() => void> = [];
      const on = (
        target: Partial<EventTargetLike> | undefined,
        type: string,
        signal: () => PlatformSignal,
      ) => {
        const { addEventListener, removeEventListener } = target ?? {};
        if (typeof addEventListener !== 'function' || typeof removeEventListener !== 'function') return;
        const handler = () => listener(signal());
        addEventListener.call(target, type, handler);
        stops.push(() => removeEventListener.call(target, type, handler));
      };
      on(globals.window, 'online', () => 'network.online');
      on(globals.window, 'offline', () => 'network.offline');
      on(globals.window, 'pageshow', () => 'page.resumed');
      on(globals.window, 'pagehide', () => 'page.frozen');
      on(globals.document, 'freeze', () => 'page.frozen');
      on(globals.document, 'resume', () => 'page.resumed');
      on(globals.document, 'visibilitychange', () =>
        globals.document?.visibilityState === 'hidden' ? 'page.hidden' : 'page.visible',
      );
      return () => {
        for (const stop of stops.splice(0)) stop();
      };
    },
  };
}
