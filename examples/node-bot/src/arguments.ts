/** The bot CLI's settings, from flags and environment variables (kept apart from `main.ts` so it can be tested). */

/** What the CLI runs with. */
export interface BotCliSettings {
  contactId: string;
  participantId: string;
  /** A secret: never printed. */
  participantToken: string;
  region: string;
  endpoint: string | undefined;
  displayName: string;
}

/** The environment variable behind each setting; a flag of the same name wins over it. */
export const botEnvironment = {
  contactId: 'CONNECT_CHAT_CONTACT_ID',
  participantId: 'CONNECT_CHAT_PARTICIPANT_ID',
  participantToken: 'CONNECT_CHAT_PARTICIPANT_TOKEN',
  region: 'CONNECT_CHAT_REGION',
  endpoint: 'CONNECT_CHAT_ENDPOINT',
  displayName: 'CONNECT_CHAT_DISPLAY_NAME',
} as const satisfies Record<keyof BotCliSettings, string>;

const flags: Record<string, keyof BotCliSettings> = {
  '--contact-id': 'contactId',
  '--participant-id': 'participantId',
  '--token': 'participantToken',
  '--region': 'region',
  '--endpoint': 'endpoint',
  '--name': 'displayName',
};

/** How to run the CLI. */
export const botUsage = `usage: node-bot [--contact-id ID] [--participant-id ID] [--token TOKEN] [--endpoint URL] [--region REGION] [--name NAME]
Each flag may come from the environment instead: ${Object.values(botEnvironment).join(', ')}.
Prefer ${botEnvironment.participantToken} to --token: command lines are visible to other users of the machine.`;

/**
 * Reads `--flag value` / `--flag=value` arguments over environment variables. Throws an `Error` whose message says
 * what is missing or unknown (and never repeats a value).
 */
export function parseBotArguments(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BotCliSettings {
  const given: Partial<Record<keyof BotCliSettings, string>> = {};
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    const [flag = '', inline] = arg.split(/=(.*)/s, 2);
    const key = flags[flag];
    if (!key) throw new Error(`unable to start the bot; unknown option ${flag}`);
    const value = inline ?? args[++index];
    if (value === undefined || value === '')
      throw new Error(`unable to start the bot; ${flag} needs a value`);
    given[key] = value;
  }
  const read = (key: keyof BotCliSettings): string | undefined => {
    const value = given[key] ?? env[botEnvironment[key]];
    return value === '' ? undefined : value;
  };
  const required = (key: keyof BotCliSettings): string => {
    const value = read(key);
    if (value === undefined)
      throw new Error(
        `unable to start the bot; give ${Object.keys(flags).find((flag) => flags[flag] === key)} or ${botEnvironment[key]}`,
      );
    return value;
  };
  return {
    contactId: required('contactId'),
    participantId: required('participantId'),
    participantToken: required('participantToken'),
    region: read('region') ?? 'us-west-2',
    endpoint: read('endpoint'),
    displayName: read('displayName') ?? 'Demo agent',
  };
}
