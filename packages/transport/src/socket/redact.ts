/**
 * Socket URLs carry a token in their query string, and platform error messages sometimes quote the URL. Every
 * message that leaves the adapter goes through here first.
 */

const urlPattern = /\b(?:wss?|https?):\/\/\S*/gi;
const credentialPattern = /\b((?:[\w-]*token|signature|credential|authorization|x-amz-[\w-]+)=)[^&\s]*/gi;

/** Replaces any URL, and any `token=`-style query parameter, in `message` with a placeholder. */
export function redactSecrets(message: string, url?: string): string {
  let redacted = url ? message.split(url).join('<url>') : message;
  redacted = redacted.replace(urlPattern, '<url>');
  return redacted.replace(credentialPattern, '$1<redacted>');
}
