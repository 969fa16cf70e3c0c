/** The demo CLI's flags (kept apart from `cli.ts` so they can be tested). */

/** What the CLI was asked to do. */
export interface DemoArguments {
  /** Play the scripted chat in the terminal and exit (`--script`). */
  script: boolean;
  /** The examples server's port (`--port N`). @defaultValue 0 (an ephemeral port) */
  port: number;
  /** Stream every machine to the Stately inspector (`--inspect`). */
  inspect: boolean;
  /** Print the usage and exit (`--help`). */
  help: boolean;
}

/** How to run the CLI. */
export const demoUsage = `usage: pnpm start [--script] [--port N] [--inspect]
  (no flag)   the emulator, a demo agent and the example pages on localhost; runs until Ctrl-C
  --script    a complete chat in the terminal, no browser; exits 0 when every check holds
  --port N    the examples server's port (default: any free port)
  --inspect   also send every state machine to the Stately inspector (a page on localhost)`;

/** Parses the flags; throws an `Error` naming the problem. */
export function parseDemoArguments(args: readonly string[]): DemoArguments {
  const parsed: DemoArguments = { script: false, port: 0, inspect: false, help: false };
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const [flag = '', inline] = arg.split(/=(.*)/s, 2);
    switch (flag) {
      case '--script':
        parsed.script = true;
        break;
      case '--inspect':
        parsed.inspect = true;
        break;
      case '--help':
      case '-h':
        parsed.help = true;
        break;
      case '--port': {
        const value = inline ?? args[++index];
        const port = Number(value);
        if (value === undefined || value === '' || !Number.isInteger(port) || port < 0 || port > 65_535)
          throw new Error(
            `unable to start the demo; --port needs a port number (0-65535), got ${value ?? 'nothing'}`,
          );
        parsed.port = port;
        break;
      }
      default:
        throw new Error(`unable to start the demo; unknown option ${flag}`);
    }
  }
  return parsed;
}
