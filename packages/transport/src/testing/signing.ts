/** HMAC signing for local presigned URLs and transcript page tokens, keyed per emulator instance. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Signs and verifies short strings with a key that lives as long as one emulator. */
export interface Signer {
  /** A base64url HMAC-SHA256 over the parts, joined unambiguously. */
  sign(parts: readonly string[]): string;
  /** Whether `signature` is the signature of `parts`, compared in constant time. */
  verify(parts: readonly string[], signature: string): boolean;
}

/** Creates a signer with a fresh random key (or the given one, for tests). */
export function createSigner(key: Buffer = randomBytes(32)): Signer {
  const sign = (parts: readonly string[]): string =>
    createHmac('sha256', key)
      .update(parts.map((part) => `${part.length}:${part}`).join('|'))
      .digest('base64url');
  return {
    sign,
    verify(parts, signature) {
      const expected = Buffer.from(sign(parts));
      const actual = Buffer.from(signature);
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
  };
}
