// Importing the package entry in Node (no window, no self) never throws and installs nothing (fix 11); the module
// entry works the same way with named imports.
import { describe, expect, it } from 'vitest';

describe('importing in Node', () => {
  it('NODE-01 the side-effect entry imports without a global object, adds no global, and exports the API', async () => {
    expect('window' in globalThis).toBe(false);
    expect('self' in globalThis).toBe(false);
    const entry = await import('../../src/index');
    expect((globalThis as { connect?: unknown }).connect).toBeUndefined();
    expect(Object.keys(entry.ChatSession).sort()).toEqual([
      'LogLevel',
      'Logger',
      'SessionTypes',
      'create',
      'csmService',
      'setFeatureFlag',
      'setGlobalConfig',
      'setRegionOverride',
    ]);
    expect(entry.ChatJS.version).toBe('5.0.0');
    expect(entry.LogLevel.ADVANCED_LOG).toBe(50);
  });

  it('NODE-02 the module entry has the same API and touches no global', async () => {
    const module = await import('../../src/module');
    expect(module.ChatSession.SessionTypes).toEqual({ AGENT: 'AGENT', CUSTOMER: 'CUSTOMER' });
    expect((globalThis as { connect?: unknown }).connect).toBeUndefined();
  });
});
