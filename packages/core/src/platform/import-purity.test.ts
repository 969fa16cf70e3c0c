// Importing core must touch no platform global: every browser and Node global a careless module might read at import
// is replaced by a getter that records and throws, then the whole source graph of `@connect-chat/core` is evaluated
// afresh. The originals are restored afterwards.
import { afterEach, describe, expect, it, vi } from 'vitest';

const guarded = [
  'window',
  'self',
  'document',
  'navigator',
  'location',
  'localStorage',
  'sessionStorage',
  'WebSocket',
  'fetch',
  'XMLHttpRequest',
  'addEventListener',
] as const;

// Node globals cannot be trapped the same way (the test runner itself uses them while loading modules), so the
// sources are checked for Node and DOM references instead.
const sources = import.meta.glob<string>(['../**/*.ts', '!../**/*.test.ts', '!../**/*.test-support.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

declare global {
  interface ImportMeta {
    /** Vite's build-time file glob (vitest runs on Vite). */
    glob<T>(patterns: string[], options: { query: string; import: string; eager: true }): Record<string, T>;
  }
}

const saved = new Map<string, PropertyDescriptor | undefined>();

afterEach(() => {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else delete (globalThis as Record<string, unknown>)[name];
  }
  saved.clear();
});

describe('import purity', () => {
  it('PURE-01 importing @connect-chat/core reads no DOM or Node global', async () => {
    const touched: string[] = [];
    for (const name of guarded) {
      saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          touched.push(name);
          throw new Error(`${name} was read at import`);
        },
      });
    }
    vi.resetModules();
    const core = await import('../index');
    expect(touched).toEqual([]);
    expect(typeof core.createConnection).toBe('function');
    expect(typeof core.connectionMachine.transition).toBe('function');
  });

  it('PURE-03 no core source imports a Node module or reaches for process, Buffer or DOM globals', () => {
    const files = Object.keys(sources);
    expect(files.length).toBeGreaterThan(20);
    const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const offenders = Object.entries(sources).filter(([, text]) =>
      /from ['"](?:node:|ws['"]|fs['"]|path['"])|\brequire\(|\bprocess\.|\bBuffer\.|\bwindow\.|\bdocument\./.test(
        code(text),
      ),
    );
    expect(offenders.map(([file]) => file)).toEqual([]);
  });

  it('PURE-02 the guard works: reading a guarded global is recorded', () => {
    saved.set('navigator', Object.getOwnPropertyDescriptor(globalThis, 'navigator'));
    Object.defineProperty(globalThis, 'navigator', {
      configurable: true,
      get() {
        throw new Error('navigator was read');
      },
    });
    expect(() => (globalThis as { navigator?: unknown }).navigator).toThrow('navigator was read');
  });
});
