/**
 * The `connect.ChatSession` object: `create`, `setGlobalConfig`, `LogLevel`, `Logger`, `SessionTypes`,
 * `csmService`, `setFeatureFlag`, `setRegionOverride`. Each object holds its own global configuration and log
 * manager, so tests (and hosts with unusual needs) make their own with an injected runtime.
 */
import { checkCreateArgs } from './chat-details';
import { createInertCsmService } from './csm-service';
import type { TypingWindows } from './event-sender';
import { createGlobalConfig } from './global-config';
import type { ChatSessionApi, LegacyChatSession, LegacyLoggerClass } from './legacy.types';
import { LogLevel, SessionTypes } from './legacy-constants';
import { createLegacySession, type RegionClient } from './legacy-session';
import { createLogManager, type LogManager } from './log-manager';
import type { CompatRuntime } from './runtime.types';

/**
 * Creates a `connect.ChatSession` object over a runtime. The global one (installed by the package's main entry) is
 * `createChatSessionApi()`; tests pass a clock, `fetch` and `WebSocket` instead of patching globals.
 *
 * @param runtime - the platform pieces to run on @defaultValue the host's own
 * @example
 * ```ts
 * import { createChatSessionApi } from '@connect-chat/compat/module';
 *
 * const ChatSession = createChatSessionApi();
 * ChatSession.setGlobalConfig({ region: 'us-east-1' });
 * const session = ChatSession.create({ chatDetails, type: ChatSession.SessionTypes.CUSTOMER });
 * session.onMessage(({ data }) => render(data));
 * await session.connect();
 * ```
 */
export function createChatSessionApi(runtime: CompatRuntime = {}): ChatSessionApi {
  const now = runtime.clock ? () => runtime.clock!.now() : Date.now;
  const logs = createLogManager(now, runtime.console ? () => runtime.console : undefined);
  const config = createGlobalConfig(logs);
  const factoryLog = logs.logger('ChatJS-GlobalConfig');
  const typingWindows: TypingWindows = new Map();
  // ChatJS makes one HTTP client per region at the first create() for it and keeps it: the endpoint override and
  // the user-agent suffix of that moment stay with the region.
  const clients = new Map<string, RegionClient>();

  const create = (args: unknown): LegacyChatSession => {
    const checked = checkCreateArgs(args);
    // ChatJS writes a session's region into the global configuration.
    config.applySessionOptions({ region: checked.region });
    const region = config.effectiveRegion();
    const client = clients.get(region) ?? {
      endpoint: config.state.endpoint,
      customUserAgentSuffix: config.state.customUserAgentSuffix,
    };
    clients.set(region, client);
    const session = createLegacySession({
      args: checked,
      config,
      logs,
      runtime,
      region,
      client,
      typingWindows,
    });
    factoryLog.info('Successfully created chat session of type', checked.type);
    return session;
  };

  return {
    create: create as ChatSessionApi['create'],
    setGlobalConfig: (globalConfig) => config.apply(globalConfig),
    LogLevel,
    Logger: createLoggerClass(logs),
    SessionTypes,
    csmService: createInertCsmService(() => config.state.widgetType),
    setFeatureFlag: (feature) => config.setFeatureFlag(feature),
    setRegionOverride: (region) => config.setRegionOverride(region),
  };
}

/**
 * `connect.ChatSession.Logger`: a class an app may extend (instance methods do nothing, as in ChatJS) whose static
 * methods write through the configured logger, so `connect.ChatSession.Logger.info('…')` works (fix 10).
 */
function createLoggerClass(logs: LogManager): LegacyLoggerClass {
  const write = logs.logger('ChatJS');
  return class Logger {
    static debug(...args: unknown[]): unknown {
      return write.debug(...args);
    }
    static info(...args: unknown[]): unknown {
      return write.info(...args);
    }
    static warn(...args: unknown[]): unknown {
      return write.warn(...args);
    }
    static error(...args: unknown[]): unknown {
      return write.error(...args);
    }
    static advancedLog(...args: unknown[]): unknown {
      return write.advancedLog(...args);
    }
    debug(..._args: unknown[]): void {}
    info(..._args: unknown[]): void {}
    warn(..._args: unknown[]): void {}
    error(..._args: unknown[]): void {}
    advancedLog(..._args: unknown[]): void {}
  };
}
