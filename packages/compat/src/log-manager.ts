/**
 * ChatJS's logging (legacy-chatjs §3.3): silent until `loggerConfig` selects a logger; the same line formats; the
 * level threshold; ADVANCED_LOG lines to the `advancedLogWriter` method. Unlike ChatJS, every line is scrubbed of
 * the tokens and socket URLs the live sessions hold before it leaves (fix 9).
 */

import type { ChatLoggerConfig, ChatLogLevelValue, CustomizedLogger } from './legacy.types';
import { LogLevel } from './legacy-constants';

/** The log metadata ChatJS appends to a session's lines. */
export interface LogMetadata {
  contactId: string;
  participantId: string;
  sessionType: string;
  region: string;
}

/** A prefixed logger, as ChatJS's modules hold one. Each method returns what the sink returned. */
export interface PrefixedLogger {
  debug(...args: unknown[]): unknown;
  info(...args: unknown[]): unknown;
  warn(...args: unknown[]): unknown;
  error(...args: unknown[]): unknown;
  advancedLog(...args: unknown[]): unknown;
}

/** Where the secrets to scrub come from: a function read at write time, so refreshed tokens are covered too. */
export type SecretSource = () => Iterable<string | undefined>;

/** The log manager of one `connect.ChatSession` object. */
export interface LogManager {
  /** Applies `loggerConfig` (or its absence, which turns logging off). */
  configure(config: ChatLoggerConfig | undefined): void;
  /** Writes one line if a logger is selected and `level` reaches the threshold. */
  write(level: ChatLogLevelValue, prefix: string, args: readonly unknown[], metadata?: LogMetadata): unknown;
  /** A logger that writes every line with `prefix` and `metadata`. */
  logger(prefix: string, metadata?: () => LogMetadata | undefined): PrefixedLogger;
  /** Registers secrets to scrub; returns a function that forgets them. */
  addSecrets(source: SecretSource): () => void;
}

const levelNames: Readonly<Record<number, string>> = {
  [LogLevel.DEBUG]: 'DEBUG',
  [LogLevel.INFO]: 'INFO',
  [LogLevel.WARN]: 'WARN',
  [LogLevel.ERROR]: 'ERROR',
  [LogLevel.ADVANCED_LOG]: 'ADVANCED_LOG',
};

const methodByLevel: Readonly<Record<number, string>> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

const validAdvancedWriters: readonly string[] = ['warn', 'info', 'debug', 'log'];

/** Replaced text in a scrubbed line. */
export const redactedText = '[redacted]';

// Socket URLs and presigned URLs carry their credentials in the query string.
const urlQueryPattern = /\b((?:wss?|https?):\/\/[^\s"'?]+)\?[^\s"']*/g;

/** Renders one argument the way ChatJS's default logger does. */
export function renderLogArgument(argument: unknown): string {
  try {
    if (!argument) return '';
    if (typeof argument === 'string') return argument;
    if (typeof argument === 'object' && typeof (argument as { toString?: unknown }).toString === 'function') {
      const text = String((argument as { toString(): unknown }).toString());
      if (text !== '[object Object]') return text;
    }
    // A function, or anything JSON cannot show, reads `undefined`, as in ChatJS.
    return `${JSON.stringify(argument)}`;
  } catch {
    return '';
  }
}

/** Removes every secret and every URL query string from a line. */
export function scrubLine(line: string, secrets: Iterable<string | undefined>): string {
  let result = line;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join(redactedText);
  }
  return result.replace(urlQueryPattern, `$1?${redactedText}`);
}

/** The console the default logger writes to. */
export interface ConsoleLike {
  [method: string]: ((...args: unknown[]) => unknown) | undefined;
}

const hostConsole = (): ConsoleLike | undefined =>
  (globalThis as unknown as { console?: ConsoleLike }).console;

/**
 * Creates a log manager with ChatJS's defaults: no logger, level INFO.
 *
 * @param now - the clock stamped on default-logger lines @defaultValue `Date.now`
 * @param console - where `useDefaultLogger` writes, and where a bad `advancedLogWriter` is reported
 *   @defaultValue the global `console`, looked up when used
 */
export function createLogManager(
  now: () => number = Date.now,
  console: () => ConsoleLike | undefined = hostConsole,
): LogManager {
  let sink: CustomizedLogger | ConsoleLike | undefined;
  let level = LogLevel.INFO as number;
  let customFormat = false;
  let advancedWriter: string | undefined = 'warn';
  const secretSources = new Set<SecretSource>();

  const allSecrets = function* (): Iterable<string | undefined> {
    for (const source of secretSources) yield* source();
  };

  const format = (levelName: string, prefix: string, args: readonly unknown[], metadata?: LogMetadata) => {
    const meta = metadata ? jsonWithoutRepeats(metadata) : '';
    if (customFormat) return `${levelName} ${jsonWithoutRepeats(args)} ${meta}`;
    const rendered = args.map((argument) => ` ${renderLogArgument(argument)}`).join('');
    return `${levelName} [${new Date(now()).toISOString()}]${prefix ? ` ${prefix}:` : ''}${rendered} ${meta}`;
  };

  const manager: LogManager = {
    configure(input) {
      const config = input || {};
      level = (config.level as number) || LogLevel.INFO;
      const customized = isObject(config.customizedLogger) ? config.customizedLogger : undefined;
      const legacy = isObject(config.logger) ? config.logger : undefined;
      advancedWriter = isValidAdvancedWriter(config.advancedLogWriter, config.customizedLogger, console())
        ? config.advancedLogWriter
        : 'warn';
      if (customized || legacy) customFormat = true;
      sink = customized ?? legacy ?? (config.useDefaultLogger ? console() : undefined);
    },
    write(writeLevel, prefix, args, metadata) {
      if (!sink || writeLevel < level) return undefined;
      const line = scrubLine(
        format(levelNames[writeLevel] ?? String(writeLevel), prefix, args, metadata),
        allSecrets(),
      );
      const method = methodByLevel[writeLevel] ?? advancedWriter;
      // Without a writer ChatJS skips advanced lines; it hands back the line where the sink returns nothing.
      const write = method === undefined ? undefined : sink[method];
      try {
        return (typeof write === 'function' ? write.call(sink, line) : undefined) || line;
      } catch {
        // A broken logger must not break the chat.
        return line;
      }
    },
    logger(prefix, metadata) {
      const at =
        (writeLevel: ChatLogLevelValue) =>
        (...args: unknown[]) =>
          manager.write(writeLevel, prefix, args, metadata?.());
      return {
        debug: at(LogLevel.DEBUG),
        info: at(LogLevel.INFO),
        warn: at(LogLevel.WARN),
        error: at(LogLevel.ERROR),
        advancedLog: at(LogLevel.ADVANCED_LOG),
      };
    },
    addSecrets(source) {
      secretSources.add(source);
      return () => {
        secretSources.delete(source);
      };
    },
  };
  return manager;
}

/**
 * ChatJS's check of `advancedLogWriter`: with a `customizedLogger` it must be one of that logger's own keys, and in
 * any case one of `warn`, `info`, `debug`, `log` when given. A bad value is reported on the console (whatever logger
 * is configured) and `warn` is used; with a `customizedLogger` and no writer that report always shows.
 */
function isValidAdvancedWriter(
  writer: string | undefined,
  customizedLogger: unknown,
  console: ConsoleLike | undefined,
): boolean {
  const keys = customizedLogger ? Object.keys(customizedLogger) : undefined;
  if (keys && (writer === undefined || !keys.includes(writer))) {
    console?.error?.(
      `customizedLogger: incorrect value for loggerConfig:advancedLogWriter; use valid values from list ${keys.join(',')} but used ${writer}`,
    );
    return false;
  }
  if (writer && !validAdvancedWriters.includes(writer)) {
    console?.error?.(
      `incorrect value for loggerConfig:advancedLogWriter; use valid values from list ${validAdvancedWriters.join(',')} but used ${writer}`,
    );
    return false;
  }
  return true;
}

function isObject(value: unknown): value is CustomizedLogger {
  return typeof value === 'object' && value !== null;
}

/** JSON as ChatJS writes custom logger lines: an object met a second time is left out (cycles included). */
function jsonWithoutRepeats(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, member: unknown) => {
        if (typeof member === 'object' && member !== null) {
          if (seen.has(member)) return undefined;
          seen.add(member);
        }
        return member;
      }) ?? ''
    );
  } catch {
    return String(value);
  }
}
