/**
 * The page's settings, from `config.json` next to the page. Against a real Amazon Connect instance the file holds
 * `region` and `startChatUrl` only; the local examples server adds `endpoint`, the emulator.
 */

/** The JSON of `config.json`. */
export interface PageSettings {
  /** The instance's AWS region, e.g. `us-west-2`. */
  region: string;
  /** A participant-service endpoint replacing the regional one (the local emulator); absent in production. */
  endpoint?: string | undefined;
  /** Your chat-start backend: it takes `{ displayName }` and answers StartChatContact's fields. */
  startChatUrl: string;
}

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Fetches and checks the settings. Rejects with a readable error when the file is missing or incomplete. */
export async function loadPageSettings(url = 'config.json'): Promise<PageSettings> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`unable to load page settings; ${url} answered ${response.status}`);
  const settings = (await response.json()) as Partial<Record<keyof PageSettings, unknown>>;
  if (!isNonEmptyString(settings.region) || !isNonEmptyString(settings.startChatUrl)) {
    throw new Error(`unable to load page settings; ${url} needs "region" and "startChatUrl"`);
  }
  return {
    region: settings.region,
    endpoint: isNonEmptyString(settings.endpoint) ? settings.endpoint : undefined,
    startChatUrl: settings.startChatUrl,
  };
}
