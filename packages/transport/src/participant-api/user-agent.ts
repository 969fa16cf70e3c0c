import { version } from '../../package.json';

/** The connect-chat version sent in `x-amz-user-agent`: this package's own version. */
export const connectChatVersion: string = version;

/** The product token every request carries: `connect-chat/<version>`. */
export const connectChatUserAgentToken = `connect-chat/${connectChatVersion}`;

/**
 * Builds the `x-amz-user-agent` value: `connect-chat/<version>`, then the caller's suffix (control characters
 * replaced with `-`, since header values cannot carry them).
 */
export function userAgentFor(suffix: string | undefined): string {
  const cleaned = Array.from(suffix ?? '', (char) => (isControlCharacter(char) ? '-' : char))
    .join('')
    .trim();
  return cleaned ? `${connectChatUserAgentToken} ${cleaned}` : connectChatUserAgentToken;
}

function isControlCharacter(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}
