/**
 * `pnpm start [--script] [--port N] [--inspect]`
 *
 * Without `--script`: the emulator, a demo agent for every chat, and the example pages on localhost; prints the URLs
 * and runs until SIGINT/SIGTERM, then shuts everything down and exits 0. With `--script`: the scripted chat in the
 * terminal; exits 0 only when every check holds. `--inspect` also streams every machine to the Stately inspector.
 */
import { demoUsage, parseDemoArguments } from './cli-arguments';
import type { InspectorBridge } from './inspector-bridge';

const print = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Resolves on the first SIGINT or SIGTERM. */
function interrupted(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function startBridge(): Promise<InspectorBridge> {
  // Loaded only when asked for: the inspector and its bridge are not needed otherwise.
  const { startInspectorBridge } = await import('./inspector-bridge');
  const bridge = await startInspectorBridge();
  print(`state machines: open ${bridge.url} (the Stately inspector, fed from this process)`);
  return bridge;
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseDemoArguments>;
  try {
    args = parseDemoArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${demoUsage}\n`);
    return 2;
  }
  if (args.help) {
    print(demoUsage);
    return 0;
  }
  const bridge = args.inspect ? await startBridge() : undefined;
  try {
    if (args.script) {
      const { runScriptedChat } = await import('./scripted-chat');
      const result = await runScriptedChat({ print, inspect: bridge?.inspect });
      print(result.ok ? 'scripted chat: OK' : 'scripted chat: FAILED');
      if (bridge) {
        print('the inspector keeps the recorded machines: press Ctrl-C to exit');
        await interrupted();
      }
      return result.ok ? 0 : 1;
    }
    const { startDemo } = await import('./main-job');
    const demo = await startDemo({ print, port: args.port, inspect: bridge?.inspect });
    const signal = await interrupted();
    print(`${signal}: shutting down`);
    await demo.close();
    print('stopped');
    return 0;
  } finally {
    await bridge?.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
