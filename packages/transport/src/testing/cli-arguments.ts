/** Argument parsing for `connect-chat-emulator`, kept apart from the entry file so it can be tested. */

/** The CLI's options. */
export interface CliOptions {
  port: number;
  host: string;
}

/** Parses `--port N` / `--port=N` and `--host H` / `--host=H`; throws on anything else. */
export function parseCliArguments(args: readonly string[]): CliOptions {
  const options: CliOptions = { port: 0, host: '127.0.0.1' };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const value = inline ?? args[++index];
    if (value === undefined) throw new Error(`unable to start emulator; ${flag} needs a value`);
    if (flag === '--port') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        throw new Error(`unable to start emulator; --port must be 0-65535, got ${value}`);
      }
      options.port = port;
    } else if (flag === '--host') {
      options.host = value;
    } else {
      throw new Error(`unable to start emulator; unknown option ${flag}`);
    }
  }
  return options;
}
