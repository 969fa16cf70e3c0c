/**
 * The settings every example page fetches from `config.json` next to it. Against a real Amazon Connect instance a
 * page needs only `region` and `startChatUrl`; `endpoint` is the local emulator's override.
 */

/** The JSON of `<example>/config.json`. */
export interface PageSettings {
  /** The instance's AWS region; the participant service is `https://participant.connect.<region>.amazonaws.com`. */
  readonly region: string;
  /** A participant-service endpoint that replaces the regional one (the emulator). Absent for a real instance. */
  readonly endpoint?: string;
  /** Where the page posts `{ displayName }` to start a chat: the customer's own chat-start backend. */
  readonly startChatUrl: string;
}

/** The path of the server's chat-start backend. */
export const startChatPath = '/api/start-chat';

/** The settings the examples server gives its pages. */
export function pageSettingsFor(options: { region: string; emulatorEndpoint: string }): PageSettings {
  return { region: options.region, endpoint: options.emulatorEndpoint, startChatUrl: startChatPath };
}
