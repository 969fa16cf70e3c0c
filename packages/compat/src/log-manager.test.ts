import { describe, expect, it } from 'vitest';
import { LogLevel } from './legacy-constants';
import {
  type ConsoleLike,
  createLogManager,
  redactedText,
  renderLogArgument,
  scrubLine,
} from './log-manager';

const at = Date.parse('2030-01-01T00:00:00.000Z');
const meta = { contactId: 'c-1', participantId: 'p-1', sessionType: 'CUSTOMER', region: 'us-west-2' };

function sink() {
  const lines: [string, unknown][] = [];
  const logger = {
    debug: (line: unknown) => lines.push(['debug', line]),
    info: (line: unknown) => {
      lines.push(['info', line]);
      return 'returned by sink';
    },
    warn: (line: unknown) => lines.push(['warn', line]),
    error: (line: unknown) => lines.push(['error', line]),
  };
  return { lines, logger };
}

function fakeConsole() {
  const calls: [string, unknown[]][] = [];
  const console: ConsoleLike = Object.fromEntries(
    ['debug', 'info', 'warn', 'error', 'log'].map((name) => [
      name,
      (...args: unknown[]) => calls.push([name, args]),
    ]),
  );
  return { calls, console };
}

describe('log manager (legacy-chatjs §3.3)', () => {
  it('LOG-01 is silent until a logger is selected, and again after a config without loggerConfig', () => {
    const logs = createLogManager(() => at);
    const { lines, logger } = sink();
    expect(logs.write(LogLevel.ERROR, 'ChatJS', ['nothing'])).toBeUndefined();
    logs.configure({ customizedLogger: logger, advancedLogWriter: 'warn' });
    logs.write(LogLevel.INFO, 'ChatJS', ['one']);
    logs.configure(undefined);
    logs.write(LogLevel.ERROR, 'ChatJS', ['two']);
    expect(lines.map(([, line]) => line)).toEqual(['INFO ["one"] ']);
  });

  it('LOG-02 custom logger lines: "<LEVEL> <JSON args> <metadata>", one string, the sink\'s return value handed back', () => {
    const logs = createLogManager(() => at);
    const { lines, logger } = sink();
    logs.configure({ customizedLogger: logger, advancedLogWriter: 'warn' });
    const returned = logs.write(
      LogLevel.INFO,
      'ChatJS-ChatController',
      ['Subscribed successfully to event:', 'INCOMING_MESSAGE'],
      meta,
    );
    expect(returned).toBe('returned by sink');
    expect(lines).toEqual([
      ['info', `INFO ["Subscribed successfully to event:","INCOMING_MESSAGE"] ${JSON.stringify(meta)}`],
    ]);
  });

  it('LOG-03 default logger lines: "<LEVEL> [<ISO>] <prefix>: <args> <metadata>" on the console; trailing space without metadata', () => {
    const { calls, console } = fakeConsole();
    const logs = createLogManager(
      () => at,
      () => console,
    );
    logs.configure({ useDefaultLogger: true });
    logs.write(
      LogLevel.WARN,
      'ChatJS-GlobalConfig',
      ['a', { b: 1 }, undefined, new URL('https://example.com/x')],
      meta,
    );
    logs.write(LogLevel.ERROR, 'ChatJS', ['plain']);
    expect(calls).toEqual([
      [
        'warn',
        [
          `WARN [2030-01-01T00:00:00.000Z] ChatJS-GlobalConfig: a {"b":1}  https://example.com/x ${JSON.stringify(meta)}`,
        ],
      ],
      ['error', ['ERROR [2030-01-01T00:00:00.000Z] ChatJS: plain ']],
    ]);
  });

  it('LOG-04 the level threshold, ADVANCED_LOG to advancedLogWriter, and a bad writer reported on the console', () => {
    const { calls, console } = fakeConsole();
    const logs = createLogManager(
      () => at,
      () => console,
    );
    const { lines, logger } = sink();
    logs.configure({ customizedLogger: logger, level: LogLevel.WARN, advancedLogWriter: 'info' });
    logs.write(LogLevel.INFO, 'ChatJS', ['dropped']);
    logs.write(LogLevel.ADVANCED_LOG, 'ChatJS', ['advanced']);
    expect(lines).toEqual([['info', 'ADVANCED_LOG ["advanced"] ']]);
    expect(calls).toEqual([]);
    logs.configure({ customizedLogger: logger });
    expect(calls).toEqual([
      [
        'error',
        [
          'customizedLogger: incorrect value for loggerConfig:advancedLogWriter; use valid values from list debug,info,warn,error but used undefined',
        ],
      ],
    ]);
    logs.write(LogLevel.ADVANCED_LOG, 'ChatJS', ['fallback']);
    expect(lines.at(-1)).toEqual(['warn', 'ADVANCED_LOG ["fallback"] ']);
  });

  it('LOG-05 the JSON-array format stays once a custom logger was used', () => {
    const { calls, console } = fakeConsole();
    const logs = createLogManager(
      () => at,
      () => console,
    );
    logs.configure({ customizedLogger: sink().logger, advancedLogWriter: 'warn' });
    logs.configure({ useDefaultLogger: true });
    logs.write(LogLevel.INFO, 'ChatJS', ['x']);
    expect(calls).toEqual([['info', ['INFO ["x"] ']]]);
  });

  it('LOG-06 every line is scrubbed of registered secrets and URL query strings (fix 9)', () => {
    const logs = createLogManager(() => at);
    const { lines, logger } = sink();
    logs.configure({ customizedLogger: logger, advancedLogWriter: 'warn' });
    let token: string | undefined = 'participant-token-123';
    const forget = logs.addSecrets(() => [token, undefined]);
    logs.write(LogLevel.INFO, 'ChatJS', [`token=${token}`, 'wss://host/connect?X-Amz-Signature=abc&token=t']);
    token = 'rotated-token-456';
    logs.write(LogLevel.INFO, 'ChatJS', [`now ${token}`]);
    forget();
    logs.write(LogLevel.INFO, 'ChatJS', ['after rotated-token-456']);
    expect(lines.map(([, line]) => line)).toEqual([
      `INFO ["token=${redactedText}","wss://host/connect?${redactedText}"] `,
      `INFO ["now ${redactedText}"] `,
      'INFO ["after rotated-token-456"] ',
    ]);
  });

  it("LOG-08 ChatJS's details: the writer check names the logger's own keys and skips the legacy `logger`, no writer means no advanced lines, the line is handed back when the sink returns nothing, repeated objects are left out", () => {
    const { calls, console } = fakeConsole();
    const logs = createLogManager(
      () => at,
      () => console,
    );
    const written: string[] = [];
    const custom = {
      info: (line: string) => {
        written.push(line);
      },
      trace: () => undefined,
    };
    logs.configure({ customizedLogger: custom as never, advancedLogWriter: 'warn' });
    expect(calls).toEqual([
      [
        'error',
        [
          'customizedLogger: incorrect value for loggerConfig:advancedLogWriter; use valid values from list info,trace but used warn',
        ],
      ],
    ]);
    calls.length = 0;
    const shared = { id: 1 };
    expect(logs.write(LogLevel.INFO, 'ChatJS', [shared, shared])).toBe('INFO [{"id":1},null] ');
    expect(written).toEqual(['INFO [{"id":1},null] ']);
    logs.configure({ logger: sink().logger });
    expect(calls).toEqual([]);
    logs.configure({ useDefaultLogger: true, advancedLogWriter: 'verbose' });
    expect(calls.at(-1)).toEqual([
      'error',
      [
        'incorrect value for loggerConfig:advancedLogWriter; use valid values from list warn,info,debug,log but used verbose',
      ],
    ]);
    // The custom-logger format stays (it is sticky); without a writer ADVANCED_LOG lines are not written.
    const fresh = fakeConsole();
    const quiet = createLogManager(
      () => at,
      () => fresh.console,
    );
    quiet.configure({ useDefaultLogger: true });
    expect(quiet.write(LogLevel.ADVANCED_LOG, 'ChatJS', ['advanced'])).toBe(
      'ADVANCED_LOG [2030-01-01T00:00:00.000Z] ChatJS: advanced ',
    );
    expect(fresh.calls).toEqual([]);
    quiet.write(LogLevel.INFO, '', []);
    expect(fresh.calls).toEqual([['info', ['INFO [2030-01-01T00:00:00.000Z] ']]]);
  });

  it('LOG-07 scrubLine and renderLogArgument are pure', () => {
    expect(scrubLine('a secret-value b', ['secret-value'])).toBe(`a ${redactedText} b`);
    expect(scrubLine('https://s3/x.png?X-Amz-Credential=1', [])).toBe(`https://s3/x.png?${redactedText}`);
    expect(renderLogArgument(0)).toBe('');
    expect(renderLogArgument({ a: [1, 'b'] })).toBe('{"a":[1,"b"]}');
    expect(renderLogArgument([1, 'a'])).toBe('1,a');
    expect(renderLogArgument(new Error('boom'))).toBe('Error: boom');
    expect(renderLogArgument(() => 1)).toBe('undefined');
    expect(renderLogArgument(Object.create(null))).toBe('{}');
  });
});
