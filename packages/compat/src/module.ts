/**
 * `@connect-chat/compat/module`: the ChatJS 5.0.0 API as named exports, without touching any global.
 *
 * @example
 * ```ts
 * import { ChatSession } from '@connect-chat/compat/module';
 *
 * const session = ChatSession.create({ chatDetails, type: ChatSession.SessionTypes.CUSTOMER });
 * session.onMessage(({ data }) => render(data));
 * await session.connect();
 * ```
 */
import { createChatSessionApi } from './chat-session-api';
import type { ChatJSObject, ChatSessionApi } from './legacy.types';
import { chatJsApiVersion } from './legacy-constants';

export { agentManagedSocket, belongsToChat } from './agent-socket';
export { createChatSessionApi } from './chat-session-api';
export type { ChatJsGlobals, GlobalTarget } from './install-global';
export { hostGlobalObject, installChatJsGlobals } from './install-global';
export type * from './legacy.types';
export type { ChatEventName } from './legacy-constants';
export {
  ChatEvent,
  chatJsApiVersion,
  LegacyContentType,
  LogLevel,
  legacyContentTypes,
  SessionTypes,
} from './legacy-constants';
export { IllegalArgumentException, noActiveConnection, ValueError } from './legacy-errors';
export type { ConsoleLike, LogManager, LogMetadata, PrefixedLogger, SecretSource } from './log-manager';
export { createLogManager, redactedText, scrubLine } from './log-manager';
export { networkProbeIntervalMs, networkProbePlatform } from './network-probe-platform';
export type { CompatRuntime } from './runtime.types';

/** The `connect.ChatSession` object, on the host's own `fetch`, `WebSocket` and timers. */
export const ChatSession: ChatSessionApi = /* @__PURE__ */ createChatSessionApi();

/** `connect.ChatJS`: which implementation, and which ChatJS API version, is loaded. */
export const ChatJS: ChatJSObject = {
  version: chatJsApiVersion,
  name: '@connect-chat/compat',
  source: 'npm',
  repository: 'npm:@connect-chat/compat',
  build: { timestamp: /* @__PURE__ */ new Date().toISOString(), environment: 'production' },
};
