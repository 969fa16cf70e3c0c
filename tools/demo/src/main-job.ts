/**
 * The main job (`pnpm start`): the emulator, the demo agents, and every example page on localhost. Chats started
 * from a page are answered by a demo agent bot. It runs until closed (the CLI closes it on SIGINT/SIGTERM).
 */

import type { InspectionObserver } from '@connect-chat/core';
import { type Emulator, startEmulator } from '@connect-chat/transport/testing';
import { createDemoAgents, type DemoAgents } from './demo-agents';
import {
  type ExamplesServer,
  type ExamplesServerOptions,
  startExamplesServer as startRealExamplesServer,
} from './examples-server';

/** Options of {@link startDemo}. */
export interface DemoOptions {
  /** Where the URLs and the agents' narration go. */
  print(line: string): void;
  /** The examples server's port. @defaultValue 0 (an ephemeral port) */
  port?: number | undefined;
  /** The emulator's port. @defaultValue 0 (an ephemeral port) */
  emulatorPort?: number | undefined;
  /** The region the pages are configured with. @defaultValue `'us-west-2'` */
  region?: string | undefined;
  /** An inspector for every agent session (`--inspect`). */
  inspect?: InspectionObserver | undefined;
  /** Starts the examples server. @defaultValue the real one */
  startExamplesServer?: ((options: ExamplesServerOptions) => Promise<ExamplesServer>) | undefined;
}

/** A running demo. */
export interface RunningDemo extends AsyncDisposable {
  readonly emulator: Emulator;
  readonly server: ExamplesServer;
  readonly agents: DemoAgents;
  /** Stops the agents, the examples server and the emulator, in that order. Idempotent; never rejects. */
  close(): Promise<void>;
}

const host = '127.0.0.1';

/** Starts the emulator, the agents and the examples server, and prints where everything is. */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const print = options.print;
  const emulator = await startEmulator({ host, port: options.emulatorPort ?? 0 });
  const agents = createDemoAgents({
    emulator,
    print,
    ...(options.inspect ? { inspect: options.inspect } : {}),
  });
  let server: ExamplesServer;
  try {
    server = await (options.startExamplesServer ?? startRealExamplesServer)({
      host,
      port: options.port ?? 0,
      emulatorEndpoint: emulator.endpoint,
      region: options.region ?? 'us-west-2',
      startChat: (request) => agents.startChat(request),
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }

  print('connect-chat demo');
  print(`  emulator  ${emulator.endpoint}  (Participant Service; control API under /__emulator)`);
  print(`  examples  ${server.url}/`);
  const width = Math.max(0, ...server.pages.map((page) => page.title.length));
  for (const page of server.pages) print(`    ${page.title.padEnd(width)}  ${page.url}`);
  print('A demo agent answers every chat started from a page. Press Ctrl-C to stop.');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await agents.stop();
      await server.close();
      await emulator.close();
    })();
    return closing;
  };
  return { emulator, server, agents, close, [Symbol.asyncDispose]: close };
}
