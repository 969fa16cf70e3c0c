// HTTP fault injection (§5.9) and the control API (§5.8) over real HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/testing';
import { heldScheduler, rest, startCustomer } from './helpers';

let emulator: Emulator;
let held: (() => void)[];

beforeEach(async () => {
  held = [];
  emulator = await startEmulator({
    scheduler: heldScheduler(held),
  });
});
afterEach(() => emulator.close());

const message = { ContentType: 'text/plain', Content: 'hi' };

describe('HTTP faults', () => {
  it('error: status, name, casing and where the name goes', async () => {
    const customer = await startCustomer(emulator);
    const send = () =>
      rest(emulator, '/participant/message', { bearer: customer.connectionToken, body: message });
    emulator.addFault({
      match: { operation: 'SendMessage' },
      action: { type: 'error', status: 429, casing: 'Message' },
      times: 1,
    });
    const throttled = await send();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('x-amzn-errortype')).toBe('ThrottlingException');
    expect(throttled.body).toEqual({ Message: 'injected fault' });
    emulator.addFault({
      action: { type: 'error', status: 500, errorType: 'SomethingElse', typeIn: 'body__type' },
      times: 1,
    });
    const unknown = await send();
    expect(unknown.status).toBe(500);
    expect(unknown.headers.get('x-amzn-errortype')).toBeNull();
    expect(unknown.body).toEqual({ message: 'injected fault', __type: 'SomethingElse' });
    expect((await send()).status).toBe(200);
  });

  it('matches by participant and route prefix only', async () => {
    const first = await startCustomer(emulator);
    const second = await startCustomer(emulator);
    emulator.addFault({
      match: { participantId: first.participantId, route: '/participant/' },
      action: { type: 'error', status: 403 },
    });
    expect(
      (await rest(emulator, '/participant/message', { bearer: second.connectionToken, body: message }))
        .status,
    ).toBe(200);
    const denied = await rest(emulator, '/participant/message', {
      bearer: first.connectionToken,
      body: message,
    });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
  });

  it('delay holds the answer until the scheduler fires', async () => {
    const customer = await startCustomer(emulator);
    emulator.addFault({ action: { type: 'delay', ms: 30_000 }, times: 1 });
    let settled = false;
    const pending = rest(emulator, '/participant/message', {
      bearer: customer.connectionToken,
      body: message,
    }).then((answer) => {
      settled = true;
      return answer;
    });
    await expect.poll(() => held.length).toBe(1);
    expect(settled).toBe(false);
    held.shift()!();
    expect((await pending).status).toBe(200);
  });

  it('dropConnection resets the socket; malformed sends a non-JSON 200 or an HTML 502', async () => {
    const customer = await startCustomer(emulator);
    const send = () =>
      rest(emulator, '/participant/message', { bearer: customer.connectionToken, body: message });
    emulator.addFault({ action: { type: 'dropConnection' }, times: 1 });
    await expect(send()).rejects.toThrow();
    emulator.addFault({ action: { type: 'malformed' }, times: 1 });
    const json = await send();
    expect(json.status).toBe(200);
    expect(json.text).toBe('this is not json {');
    emulator.addFault({ action: { type: 'malformed', variant: 'html' }, times: 1 });
    const html = await send();
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toBe('text/html');
    expect(
      emulator.getContactState(customer.contactId).Items.filter((item) => item.Type === 'MESSAGE'),
    ).toHaveLength(0);
  });

  it('skewDate moves only the Date header; the request still succeeds', async () => {
    const customer = await startCustomer(emulator);
    emulator.addFault({ action: { type: 'skewDate', seconds: 3600 }, times: 1 });
    const answer = await rest(emulator, '/participant/message', {
      bearer: customer.connectionToken,
      body: message,
    });
    expect(answer.status).toBe(200);
    expect(Date.parse(answer.headers.get('date')!) - Date.now()).toBeGreaterThan(3500_000);
  });

  it('probability faults replay identically for the same seed', async () => {
    const pattern = async (seed: number) => {
      const local = await startEmulator({ seed });
      try {
        const contact = local.createContact();
        local.addFault({
          match: { operation: 'CreateParticipantConnection' },
          action: { type: 'error', status: 500 },
          probability: 0.5,
        });
        const statuses: number[] = [];
        for (let index = 0; index < 12; index += 1) {
          statuses.push(
            (await rest(local, '/participant/connection', { bearer: contact.ParticipantToken, body: {} }))
              .status,
          );
        }
        return statuses.join(',');
      } finally {
        await local.close();
      }
    };
    const first = await pattern(99);
    expect(await pattern(99)).toBe(first);
    expect(first).toContain('500');
    expect(first).toContain('200');
  });

  it('never applies to the control API', async () => {
    emulator.addFault({ action: { type: 'error', status: 500 } });
    expect((await rest(emulator, '/__emulator/contacts', { body: {} })).status).toBe(200);
  });
});

describe('control API (§5.8)', () => {
  it('creates contacts and participants, caps a chat at 6, injects items with filled fields', async () => {
    const contact = await rest<{ ContactId: string; ParticipantId: string; ParticipantToken: string }>(
      emulator,
      '/__emulator/contacts',
      {
        body: { DisplayName: 'Ada' },
      },
    );
    const contactId = contact.body.ContactId;
    const roles = ['AGENT', 'AGENT', 'CUSTOM_BOT', 'SUPERVISOR', 'AGENT'];
    for (const Role of roles) {
      expect(
        (await rest(emulator, `/__emulator/contacts/${contactId}/participants`, { body: { Role } })).status,
      ).toBe(200);
    }
    const seventh = await rest(emulator, `/__emulator/contacts/${contactId}/participants`, {
      body: { Role: 'AGENT' },
    });
    expect(seventh.status).toBe(402);
    expect(
      (await rest(emulator, `/__emulator/contacts/${contactId}/participants`, { body: { Role: 'CUSTOMER' } }))
        .status,
    ).toBe(400);
    const injected = await rest<Record<string, string>>(emulator, `/__emulator/contacts/${contactId}/items`, {
      body: { AsRole: 'SYSTEM', Type: 'MESSAGE', ContentType: 'text/plain', Content: 'from the flow' },
    });
    expect(injected.body).toMatchObject({
      Id: expect.any(String),
      AbsoluteTime: expect.stringMatching(/Z$/),
      ContactId: contactId,
      InitialContactId: contactId,
      ParticipantRole: 'SYSTEM',
      DisplayName: 'SYSTEM_MESSAGE',
    });
    await rest(emulator, `/__emulator/contacts/${contactId}/typing`, {
      body: { AsParticipantId: contact.body.ParticipantId },
    });
    const state = await rest<{
      Participants: unknown[];
      Items: { Content?: string; ContentType?: string }[];
      Log: unknown[];
    }>(emulator, `/__emulator/contacts/${contactId}`);
    expect(state.body.Participants).toHaveLength(6);
    expect(state.body.Items.at(-1)?.Content).toBe('from the flow');
    expect(state.text).not.toContain(contact.body.ParticipantToken);
    expect((await rest(emulator, '/__emulator/contacts/missing')).status).toBe(404);
  });

  it('ends chats, manages faults and serves the log', async () => {
    const customer = await startCustomer(emulator);
    const added = await rest<{ id: string }>(emulator, '/__emulator/faults', {
      body: { action: { type: 'stopHeartbeats' } },
    });
    expect(added.body.id).toMatch(/^fault-/);
    expect((await rest<{ faults: unknown[] }>(emulator, '/__emulator/faults')).body.faults).toHaveLength(1);
    expect((await rest(emulator, '/__emulator/faults', { method: 'DELETE' })).body).toEqual({ removed: 1 });
    expect((await rest(emulator, '/__emulator/faults', { body: {} })).status).toBe(400);
    expect(
      (await rest(emulator, `/__emulator/contacts/${customer.contactId}/end`, { body: {} })).status,
    ).toBe(200);
    expect(emulator.getContactState(customer.contactId).Status).toBe('ENDED');
    const log = await rest<{ log: { kind: string; operation?: string }[] }>(emulator, '/__emulator/log');
    expect(log.body.log.some((entry) => entry.operation === 'CreateParticipantConnection')).toBe(true);
  });
});
