/**
 * The platform seam: what the host tells connect-chat about the network and the page. Core never reads
 * `navigator.onLine` or `document.visibilityState`; the app (or a helper it calls) passes them in. A React Native
 * app passes NetInfo and AppState through the same shape.
 */

/**
 * A change the host reports.
 * - `network.online` / `network.offline`: connectivity came back / went away.
 * - `page.visible` / `page.hidden`: the page or app moved to the foreground / background.
 * - `page.frozen` / `page.resumed`: the page was frozen by the browser (bfcache, tab discarding) / came back.
 */
export type PlatformSignal =
  | 'network.online'
  | 'network.offline'
  | 'page.visible'
  | 'page.hidden'
  | 'page.frozen'
  | 'page.resumed';

/** Receives {@link PlatformSignal}s. */
export type PlatformSignalListener = (signal: PlatformSignal) => void;

/**
 * Network and page signals injected into a connection.
 *
 * @example
 * ```ts
 * // React Native, with @react-native-community/netinfo and AppState
 * const platform: ConnectionPlatform = {
 *   isOnline: () => lastNetInfo.isConnected !== false,
 *   subscribe(listener) {
 *     const stopNet = NetInfo.addEventListener((state) =>
 *       listener(state.isConnected === false ? 'network.offline' : 'network.online'),
 *     );
 *     const app = AppState.addEventListener('change', (state) =>
 *       listener(state === 'active' ? 'page.visible' : 'page.hidden'),
 *     );
 *     return () => { stopNet(); app.remove(); };
 *   },
 * };
 * ```
 */
export interface ConnectionPlatform {
  /** Starts delivering signals; returns a function that stops. Called when a connection starts. */
  subscribe(listener: PlatformSignalListener): () => void;
  /** Whether the network is up right now. @defaultValue assumed online */
  isOnline?(): boolean;
  /** Whether the page or app is in the foreground right now. @defaultValue assumed visible */
  isVisible?(): boolean;
}
