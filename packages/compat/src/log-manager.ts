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
  if (!argument) return '';
  if (typeof argument === 'string') return argument;
  if (
    typeof argument === 'object' &&
    typeof (argument as { toString?: unknown }).toString === 'function' &&
    (argument as { toString: unknown }).toString !== Object.prototype.toString
  )
    return String(argument);
  try {
    return JSON.stringify(argument) ?? String(argument);
  } catch {
    return String(argument);
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
  let advancedWriter = 'warn';
  const secretSources = new Set<SecretSource>();

  const allSecrets = function* (): Iterable<string | undefined> {
    for (const source of secretSources) yield* source();
  };

  const format = (levelName: string, prefix: string, args: readonly unknown[], metadata?: LogMetadata) => {
    const meta = metadata ? JSON.stringify(metadata) : '';
    if (customFormat) return `${levelName} ${safeJson(args)} ${meta}`;
    const rendered = args.map(renderLogArgument).join(' ');
    return `${levelName} [${new Date(now()).toISOString()}] ${prefix}: ${rendered} ${meta}`;
  };

  const manager: LogManager = {
    configure(config) {
      const custom = config?.customizedLogger ?? config?.logger;
      level = typeof config?.level === 'number' && config.level ? config.level : LogLevel.INFO;
      if (custom) {
        sink = custom;
        customFormat = true;
      } else if (config?.useDefaultLogger) {
        sink = console();
      } else {
        sink = undefined;
      }
      advancedWriter = checkedAdvancedWriter(config?.advancedLogWriter, custom, console());
    },
    write(writeLevel, prefix, args, metadata) {
      if (!sink || writeLevel < level) return undefined;
      const method = methodByLevel[writeLevel] ?? advancedWriter;
      const line = scrubLine(
        format(levelNames[writeLevel] ?? String(writeLevel), prefix, args, metadata),
        allSecrets(),
      );
      const write = sink[method] ?? sink.warn;
      try {
        return write?.call(sink, line);
      } catch {
        // A broken logger must not break the chat.
        return undefined;
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

function checkedAdvancedWriter(
  writer: string | undefined,
  custom: CustomizedLogger | undefined,
  console: ConsoleLike | undefined,
): string {
  const invalid = custom
    ? writer === undefined || !(writer in custom) || !validAdvancedWriters.includes(writer)
    : writer !== undefined && !validAdvancedWriters.includes(writer);
  if (!invalid) return writer ?? 'warn';
  // ChatJS reports this on the console whatever the logger is (and with a customizedLogger but no writer, always).
  console?.error?.(
    `customizedLogger: incorrect value for loggerConfig:advancedLogWriter; use valid values from list debug,info,warn,error but used ${writer}`,
  );
  return 'warn';
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}
