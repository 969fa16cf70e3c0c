/**
 * Installs the ChatJS globals: `connect.ChatSession`, `connect.LogLevel`, `connect.ChatJS` and `connect.csmService`,
 * each only where absent, so StreamsJS loaded before or after keeps its own `connect.*` objects. Where the host
 * has no global object (`self` or `window`, i.e. Node or server-side rendering) nothing happens (fix 11).
 */
import type { ChatJSObject, ChatSessionApi } from './legacy.types';

/** An object the globals can be installed on (`window`, `self`, or a test's own object). */
export interface GlobalTarget {
  connect?: Record<string, unknown> | undefined;
}

/** What gets installed. */
export interface ChatJsGlobals {
  ChatSession: ChatSessionApi;
  ChatJS: ChatJSObject;
}

/** The host's global object as ChatJS picks it (`self`, else `window`), or `undefined` in Node and SSR. */
export function hostGlobalObject(): GlobalTarget | undefined {
  const scope = globalThis as { self?: unknown; window?: unknown };
  if (typeof scope.self === 'object' && scope.self !== null) return scope.self as GlobalTarget;
  if (typeof scope.window === 'object' && scope.window !== null) return scope.window as GlobalTarget;
  return undefined;
}

/**
 * Installs the globals on `target`, each only where absent. Returns the names it installed.
 *
 * @param target - where to install @defaultValue {@link hostGlobalObject}
 */
export function installChatJsGlobals(
  globals: ChatJsGlobals,
  target: GlobalTarget | undefined = hostGlobalObject(),
): string[] {
  if (!target) return [];
  if (typeof target.connect !== 'object' || target.connect === null) target.connect = {};
  const connect = target.connect;
  const installed: string[] = [];
  const offer = (name: string, value: unknown): void => {
    if (connect[name] !== undefined) return;
    connect[name] = value;
    installed.push(name);
  };
  offer('ChatSession', globals.ChatSession);
  offer('LogLevel', globals.ChatSession.LogLevel);
  offer('csmService', globals.ChatSession.csmService);
  offer('ChatJS', globals.ChatJS);
  return installed;
}
