/**
 * The desktop's settings, from `config.json` next to the page. StreamsJS needs a real Amazon Connect instance, so
 * the desktop only starts when `streams` is set; the local examples server leaves it out, and the page says so.
 */

/** Where StreamsJS and the instance are. */
export interface StreamsSettings {
  /** The instance's CCP, e.g. `https://<alias>.my.connect.aws/ccp-v2/`. */
  ccpUrl: string;
  /** StreamsJS's script file as you host it (built from the amazon-connect-streams package), e.g. `connect-streams-min.js`. */
  scriptUrl: string;
}

/** The JSON of `config.json`, as this page reads it. */
export interface DeskSettings {
  region: string;
  streams: StreamsSettings | undefined;
  /** compat's single script file. @defaultValue `'../amazon-connect-chat.js'` */
  chatScriptUrl: string;
}

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Fetches and checks the settings. */
export async function loadDeskSettings(url = 'config.json'): Promise<DeskSettings> {
  const response = await fetch(url, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`unable to load desk settings; ${url} answered ${response.status}`);
  const raw = (await response.json()) as {
    region?: unknown;
    streams?: { ccpUrl?: unknown; scriptUrl?: unknown };
    chatScriptUrl?: unknown;
  };
  if (!isNonEmptyString(raw.region)) throw new Error(`unable to load desk settings; ${url} needs "region"`);
  const streams =
    isNonEmptyString(raw.streams?.ccpUrl) && isNonEmptyString(raw.streams?.scriptUrl)
      ? { ccpUrl: raw.streams.ccpUrl, scriptUrl: raw.streams.scriptUrl }
      : undefined;
  return {
    region: raw.region,
    streams,
    chatScriptUrl: isNonEmptyString(raw.chatScriptUrl) ? raw.chatScriptUrl : '../amazon-connect-chat.js',
  };
}

/**
 * Loads a classic script file, as a `<script src>` tag in the page would (StreamsJS's documented way in), and
 * resolves once it ran. A same-origin file passes `script-src 'self'`; nothing is evaluated from a string.
 */
export function loadScript(doc: Document, src: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const script = doc.createElement('script');
    script.src = src;
    script.addEventListener('load', () => resolve());
    script.addEventListener('error', () => reject(new Error(`unable to load ${src}`)));
    doc.head.append(script);
  });
}
