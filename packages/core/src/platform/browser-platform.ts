/** An optional browser implementation of the platform seam. Nothing here runs at import. */
import type { ConnectionPlatform, PlatformSignal, PlatformSignalListener } from './platform.types';

interface EventTargetLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

interface BrowserGlobals {
  window?: EventTargetLike;
  document?: EventTargetLike & { visibilityState?: string };
  navigator?: { onLine?: boolean };
}

/**
 * Builds a {@link ConnectionPlatform} from the browser's `online`/`offline`, `visibilitychange`, `freeze`/`resume`
 * and `pagehide`/`pageshow` events. It reads `window`, `document` and `navigator` only when called, so importing
 * core stays safe during server-side rendering; call it in the browser.
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
      const on = (target: EventTargetLike | undefined, type: string, signal: () => PlatformSignal) => {
        if (!target) return;
        const handler = () => listener(signal());
        target.addEventListener(type, handler);
        stops.push(() => target.removeEventListener(type, handler));
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
