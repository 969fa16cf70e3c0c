// A snapshot of everything global (the global object's own properties and the built-in prototypes' members) and
// the difference between two snapshots: how the import tests prove an entry wrote nothing global.

/** Every own property of the global object and of the built-in prototypes, with what it holds. */
export function globalShape(): Map<string, unknown> {
  const shape = new Map<string, unknown>();
  const owners: [string, object][] = [
    ['globalThis', globalThis],
    ['Object.prototype', Object.prototype],
    ['Array.prototype', Array.prototype],
    ['Function.prototype', Function.prototype],
    ['String.prototype', String.prototype],
    ['Promise.prototype', Promise.prototype],
  ];
  for (const [name, owner] of owners) {
    for (const key of Reflect.ownKeys(owner)) {
      // The test runner keeps its own state on the global object (expect's matcher state); it is not ours.
      if (typeof key === 'symbol' && key.description?.includes('jest')) continue;
      const descriptor = Object.getOwnPropertyDescriptor(owner, key);
      shape.set(
        `${name}.${String(key)}`,
        descriptor?.get ? valueBehind(owner, key, descriptor.get) : descriptor?.value,
      );
    }
  }
  return shape;
}

/**
 * What an accessor holds. Node defines many globals lazily (`TextEncoder`, `ReadableStream`, ...): the first read
 * replaces the getter with the value, which is not a change anyone made. Reading through the getter makes both
 * snapshots see the value. A getter that refuses to be read (`Function.prototype.caller`) stands for itself.
 */
function valueBehind(owner: object, key: PropertyKey, getter: () => unknown): unknown {
  try {
    return Reflect.get(owner, key);
  } catch {
    return getter;
  }
}

/** What changed between two shapes. */
export function changes(before: Map<string, unknown>, after: Map<string, unknown>): string[] {
  const found: string[] = [];
  for (const [key, value] of after) {
    if (!before.has(key)) found.push(`added ${key}`);
    else if (!Object.is(before.get(key), value)) found.push(`replaced ${key}`);
  }
  for (const key of before.keys()) if (!after.has(key)) found.push(`removed ${key}`);
  return found;
}
