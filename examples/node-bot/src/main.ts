/**
 * The bot as a command: joins one chat as an agent and answers until the chat ends or the process is interrupted.
 * See README.md for running it against the emulator (`pnpm emulator`) or a real Amazon Connect instance.
 */
import { isChatError } from '@connect-chat/core';
import { botUsage, parseBotArguments } from './arguments';
import { type AgentBotActivity, startAgentBot } from './bot';

function describe(activity: AgentBotActivity): string {
  switch (activity.type) {
    case 'connected':
      return 'connected as an agent';
    case 'greeted':
      return 'said hello';
    case 'received':
      return `received message ${activity.messageId}`;
    case 'read':
      return `read message ${activity.messageId}`;
    case 'typing':
      return activity.throttled ? 'typing (still inside the typing window)' : 'typing…';
    case 'replied':
      return `replied: ${activity.text}`;
    case 'attachmentSent':
      return `sent ${activity.name} (attachment ${activity.attachmentId})`;
    case 'failed':
      return `could not ${activity.action}: ${activity.error.code}: ${activity.error.message}`;
    case 'ended':
      return 'the chat ended';
  }
}

async function main(): Promise<void> {
  let settings: ReturnType<typeof parseBotArguments>;
  try {
    settings = parseBotArguments(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${botUsage}\n`);
    process.exitCode = 2;
    return;
  }
  const print = (text: string) => process.stdout.write(`[bot] ${text}\n`);
  print(`joining contact ${settings.contactId} at ${settings.endpoint ?? `region ${settings.region}`}`);
  let bot: Awaited<ReturnType<typeof startAgentBot>>;
  try {
    bot = await startAgentBot({
      chatDetails: {
        contactId: settings.contactId,
        participantId: settings.participantId,
        participantToken: settings.participantToken,
      },
      region: settings.region,
      endpoint: settings.endpoint,
      displayName: settings.displayName,
      onActivity: (activity) => print(describe(activity)),
    });
  } catch (error) {
    const reason = isChatError(error) ? `${error.code}: ${error.message}` : String(error);
    process.stderr.write(`[bot] unable to join the chat; ${reason}\n`);
    process.exitCode = 1;
    return;
  }
  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    print('leaving the chat');
    void bot.stop();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await bot.finished;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  print('done');
}

await main();
