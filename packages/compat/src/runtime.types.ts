/**
 * What a `connect.ChatSession` object runs on. The global one uses the host's own `fetch`, `WebSocket`, timers and
 * page events; tests (and unusual hosts) build their own with {@link createChatSessionApi} and inject these, so
 * nothing is ever patched globally.
 */
import type {
  AttachmentTransfer,
  ConnectionClock,
  ConnectionDelays,
  ConnectionPlatform,
} from '@connect-chat/core';
import type { FetchLike, WebSocketConstructor } from '@connect-chat/transport';
import type { ConsoleLike } from './log-manager';

/** The platform pieces a `connect.ChatSession` object runs on. Every field is optional. */
export interface CompatRuntime {
  /**
   * Runs every timer (connection, receipts, typing throttle, network probe) and stamps log lines.
   *
   * @defaultValue the host's `setTimeout`/`clearTimeout` and `Date.now`
   */
  clock?: ConnectionClock | undefined;
  /** Sends participant-API requests. @defaultValue `globalThis.fetch`, looked up per request */
  fetch?: FetchLike | undefined;
  /** Opens chat sockets. @defaultValue `globalThis.WebSocket`, looked up per socket */
  WebSocket?: WebSocketConstructor | undefined;
  /** Page and network events. @defaultValue core's `browserPlatform()` (inert where there is no window) */
  platform?: ConnectionPlatform | undefined;
  /**
   * Moves attachment bytes. The default, like ChatJS, lets no HTTP status of the storage service fail a transfer (see
   * `checkStatus` of core's `createFetchAttachmentTransfer`); a transfer given here is used as it is.
   *
   * @defaultValue core's transfer over the global `fetch`, with `checkStatus: false`
   */
  attachmentTransfer?: AttachmentTransfer | undefined;
  /** Makes idempotency tokens. @defaultValue `crypto.randomUUID()` */
  createClientToken?: (() => string) | undefined;
  /** Jitter source of the reconnect back-off. @defaultValue `Math.random` */
  random?: (() => number) | undefined;
  /** Where `loggerConfig.useDefaultLogger` writes. @defaultValue the global `console` */
  console?: ConsoleLike | undefined;
  /** Connection timings (heartbeat interval, socket timeouts, ...). @defaultValue core's defaults, ChatJS's cadence */
  delays?: Partial<ConnectionDelays> | undefined;
  /** HTTP attempts per participant-API call, retries included. @defaultValue 3, as the AWS SDK ChatJS bundles */
  maxAttempts?: number | undefined;
}
