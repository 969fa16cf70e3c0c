// Test bytes shared by the Node tests and the browser page (so this file imports nothing).

/** `length` bytes covering every byte value, so a transfer that mangles any of them is caught. */
export function patternedBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index += 1) bytes[index] = (index * 31 + (index >> 8)) % 256;
  return bytes;
}
