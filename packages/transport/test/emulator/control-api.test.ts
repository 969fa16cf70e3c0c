import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/testing';
import { rest } from './helpers';

describe('emulator control API: bad requests get a 400, never a crash or a half-made resource', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  it.each([
    ['a non-string DisplayName', { DisplayName: { __proto__: { polluted: true } } }],
    ['an empty DisplayName', { DisplayName: '' }],
    ['an unknown rehydration type', { PersistentChat: { SourceContactId: 'c', RehydrationType: 'ALL' } }],
    ['an InitialMessage without content', { InitialMessage: { ContentType: 'text/plain' } }],
  ])('rejects a contact with %s', async (_case, body) => {
    const answer = await rest(emulator, '/__emulator/contacts', { body });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['no action', {}],
    ['an unknown action type', { action: { type: 'explode' } }],
    ['a zero times', { action: { type: 'drop' }, times: 0 }],
    ['a probability above 1', { action: { type: 'drop' }, probability: 2 }],
  ])('rejects a fault rule with %s and stores nothing', async (_case, body) => {
    const answer = await rest(emulator, '/__emulator/faults', { body });
    expect(answer.status).toBe(400);
    expect(emulator.listFaults()).toEqual([]);
  });

  it('still serves after the bad requests', async () => {
    const answer = await rest<{ ContactId: string }>(emulator, '/__emulator/contacts', {
      body: { DisplayName: 'Casey' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.ContactId).toMatch(/.+/);
    const fault = await rest(emulator, '/__emulator/faults', {
      body: { action: { type: 'stopHeartbeats' } },
    });
    expect(fault.status).toBe(200);
    expect(emulator.listFaults()).toHaveLength(1);
  });
});
