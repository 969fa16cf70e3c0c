// The Participant Service REST surface of the emulator, driven over real HTTP (§1.3, §1.4, §5.1, §5.3).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/testing';
import { connect, joinAgent, rest, startCustomer } from './helpers';

let emulator: Emulator;
const lines: string[] = [];

beforeEach(async () => {
  lines.length = 0;
  emulator = await startEmulator({ log: (line) => lines.push(line), maxBodyBytes: 64 * 1024 });
});
afterEach(() => emulator.close());

describe('common rules, in order: bearer, validation, ended chat (§5.3)', () => {
  it('answers a missing bearer with 403 AccessDeniedException, in the §1.3 shape', async () => {
    const answer = await rest(emulator, '/participant/message', {
      body: { ContentType: 'text/plain', Content: 'hi' },
    });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body).toEqual({ message: expect.stringMatching(/X-Amz-Bearer/) });
  });

  it('checks the bearer before validating the body', async () => {
    const answer = await rest(emulator, '/participant/message', { bearer: 'nope', body: { ContentType: 5 } });
    expect(answer.status).toBe(403);
  });

  it('uses the participant-token table only for CreateParticipantConnection', async () => {
    const customer = await startCustomer(emulator);
    const body = { ContentType: 'text/plain', Content: 'hi' };
    expect(
      (await rest(emulator, '/participant/message', { bearer: customer.participantToken, body })).status,
    ).toBe(403);
    expect(
      (await rest(emulator, '/participant/connection', { bearer: customer.connectionToken, body: {} }))
        .status,
    ).toBe(403);
    expect(
      (await rest(emulator, '/participant/message', { bearer: customer.connectionToken, body })).status,
    ).toBe(200);
  });

  it('validates before applying the ended-chat rule', async () => {
    const customer = await startCustomer(emulator);
    emulator.endChat(customer.contactId);
    const invalid = await rest(emulator, '/participant/message', {
      bearer: customer.connectionToken,
      body: {},
    });
    expect(invalid.status).toBe(400);
    const valid = await rest(emulator, '/participant/message', {
      bearer: customer.connectionToken,
      body: { ContentType: 'text/plain', Content: 'hi' },
    });
    expect(valid.status).toBe(403);
  });

  it('answers malformed JSON and non-object bodies with 400, and oversized bodies with 413', async () => {
    const customer = await startCustomer(emulator);
    const malformed = await rest(emulator, '/participant/message', {
      bearer: customer.connectionToken,
      rawBody: '{"Content":',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-amzn-errortype')).toBe('ValidationException');
    const array = await rest(emulator, '/participant/message', {
      bearer: customer.connectionToken,
      rawBody: '[1]',
    });
    expect(array.status).toBe(400);
    const huge = await rest(emulator, '/participant/message', {
      bearer: customer.connectionToken,
      body: { ContentType: 'text/plain', Content: 'x'.repeat(100 * 1024) },
    });
    expect(huge.status).toBe(413);
    expect(huge.body).toEqual({ message: expect.stringMatching(/exceeds/) });
    // The server is still up and answering.
    expect(
      (
        await rest(emulator, '/participant/message', {
          bearer: customer.connectionToken,
          body: { ContentType: 'text/plain', Content: 'ok' },
        })
      ).status,
    ).toBe(200);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const answer = await rest(emulator, '/participant/nothing-here', { body: {} });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('tolerates a base path, double slashes and SigV4 headers', async () => {
    const customer = await startCustomer(emulator);
    const answer = await rest(emulator, '/base//participant/message', {
      bearer: customer.connectionToken,
      body: { ContentType: 'text/plain', Content: 'hi' },
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=/20250101/us-west-2/execute-api/aws4_request, Signature=bad',
        'x-amz-date': '20250101T000000Z',
      },
    });
    expect(answer.status).toBe(200);
  });
});

describe('CreateParticipantConnection (§1.4.1)', () => {
  it('returns a ws://127.0.0.1:PORT URL valid for 100 s and a token valid for a day', async () => {
    const contact = emulator.createContact();
    const before = emulator.now();
    const answer = await rest<{
      Websocket: { Url: string; ConnectionExpiry: string };
      ConnectionCredentials: { Expiry: string };
    }>(emulator, '/participant/connection', {
      bearer: contact.ParticipantToken,
      body: { Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.Websocket.Url).toMatch(
      new RegExp(`^ws://127\\.0\\.0\\.1:${emulator.port}/ws\\?token=`),
    );
    expect(Date.parse(answer.body.Websocket.ConnectionExpiry) - before).toBeGreaterThanOrEqual(100_000);
    expect(Date.parse(answer.body.Websocket.ConnectionExpiry) - before).toBeLessThan(101_000);
    expect(Date.parse(answer.body.ConnectionCredentials.Expiry) - before).toBeGreaterThanOrEqual(86_400_000);
  });

  it('returns {} without Type, rejects WEBRTC_CONNECTION and unknown types', async () => {
    const contact = emulator.createContact();
    const bearer = contact.ParticipantToken;
    expect(
      (await rest(emulator, '/participant/connection', { bearer, body: { ConnectParticipant: true } })).body,
    ).toEqual({});
    expect(
      (await rest(emulator, '/participant/connection', { bearer, body: { Type: ['WEBRTC_CONNECTION'] } }))
        .status,
    ).toBe(400);
    expect(
      (await rest(emulator, '/participant/connection', { bearer, body: { Type: ['SMOKE'] } })).status,
    ).toBe(400);
    expect((await rest(emulator, '/participant/connection', { bearer, body: { Type: [] } })).status).toBe(
      400,
    );
  });

  it('acknowledges the connection once (ConnectParticipant)', async () => {
    const contact = emulator.createContact();
    for (let index = 0; index < 2; index += 1) {
      await rest(emulator, '/participant/connection', {
        bearer: contact.ParticipantToken,
        body: { ConnectParticipant: true },
      });
    }
    const state = emulator.getContactState(contact.ContactId);
    expect(state.Participants[0]?.Connected).toBe(true);
    const acks = state.Log.filter(
      (entry) => entry.kind === 'http' && entry.operation === 'CreateParticipantConnection',
    );
    expect(acks).toHaveLength(2);
  });
});

describe('token expiry (§5.7)', () => {
  it('rejects a connection token after its expiry, and a fresh CreateParticipantConnection fixes it', async () => {
    const customer = await startCustomer(emulator);
    const body = { ContentType: 'text/plain', Content: 'hi' };
    emulator.advanceClock(24 * 60 * 60 * 1000 + 1);
    expect(
      (await rest(emulator, '/participant/message', { bearer: customer.connectionToken, body })).status,
    ).toBe(403);
    const fresh = await connect(
      emulator,
      customer.contactId,
      customer.participantId,
      customer.participantToken,
    );
    expect(
      (await rest(emulator, '/participant/message', { bearer: fresh.connectionToken, body })).status,
    ).toBe(200);
  });

  it('honours the control-API clock and the expireConnectionTokens fault', async () => {
    const customer = await startCustomer(emulator);
    const body = { ContentType: 'text/plain', Content: 'hi' };
    expect(
      (await rest(emulator, '/__emulator/faults', { body: { action: { type: 'expireConnectionTokens' } } }))
        .body,
    ).toEqual({ applied: 1 });
    expect(
      (await rest(emulator, '/participant/message', { bearer: customer.connectionToken, body })).status,
    ).toBe(403);
    const fresh = await connect(
      emulator,
      customer.contactId,
      customer.participantId,
      customer.participantToken,
    );
    const clock = await rest(emulator, '/__emulator/clock', { body: { offsetMs: 24 * 60 * 60 * 1000 } });
    expect(clock.body).toEqual({ offsetMs: 86_400_000 });
    expect(
      (await rest(emulator, '/participant/message', { bearer: fresh.connectionToken, body })).status,
    ).toBe(403);
  });

  it('expireParticipantToken makes CreateParticipantConnection answer 403', async () => {
    const contact = emulator.createContact();
    emulator.addFault({ action: { type: 'expireParticipantToken', participantId: contact.ParticipantId } });
    expect(
      (await rest(emulator, '/participant/connection', { bearer: contact.ParticipantToken, body: {} }))
        .status,
    ).toBe(403);
  });
});

describe('SendMessage (§1.4.2)', () => {
  it('checks content types (service list ∩ contact list) and per-type lengths', async () => {
    const contact = emulator.createContact({
      SupportedMessagingContentTypes: ['text/plain', 'application/json'],
    });
    const customer = await connect(
      emulator,
      contact.ContactId,
      contact.ParticipantId,
      contact.ParticipantToken,
    );
    const send = (ContentType: string, Content: string) =>
      rest(emulator, '/participant/message', {
        bearer: customer.connectionToken,
        body: { ContentType, Content },
      });
    expect((await send('text/plain', 'x'.repeat(1024))).status).toBe(200);
    expect((await send('text/plain', 'x'.repeat(1025))).status).toBe(400);
    expect((await send('application/json', 'x'.repeat(12000))).status).toBe(200);
    expect((await send('text/markdown', 'hi')).status).toBe(400);
    expect((await send('image/png', 'hi')).status).toBe(400);
    expect((await send('text/plain', '')).status).toBe(400);
    expect((await send('text/plain', 'x'.repeat(16385))).status).toBe(400);
  });

  it('replays the first answer for a repeated ClientToken and stores one item', async () => {
    const customer = await startCustomer(emulator);
    const body = { ContentType: 'text/plain', Content: 'once', ClientToken: 'token-1' };
    const first = await rest(emulator, '/participant/message', { bearer: customer.connectionToken, body });
    const second = await rest(emulator, '/participant/message', { bearer: customer.connectionToken, body });
    expect(second.body).toEqual(first.body);
    const messages = emulator
      .getContactState(customer.contactId)
      .Items.filter((item) => item.Type === 'MESSAGE');
    expect(messages.map((item) => item.Content)).toEqual(['once']);
  });
});

describe('SendEvent and receipts (§1.4.3, §4.5)', () => {
  it('records receipts on the message and rejects unknown message ids', async () => {
    const customer = await startCustomer(emulator);
    await joinAgent(emulator, customer.contactId);
    const agentId = emulator.getContactState(customer.contactId).Participants[1]!.ParticipantId;
    const message = emulator.injectItem(customer.contactId, {
      AsParticipantId: agentId,
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'hello',
    });
    const receipt = (messageId: string, kind = 'read') =>
      rest(emulator, '/participant/event', {
        bearer: customer.connectionToken,
        body: {
          ContentType: `application/vnd.amazonaws.connect.event.message.${kind}`,
          Content: JSON.stringify({ messageId, disableThrottle: true }),
        },
      });
    expect((await receipt(message.Id!)).status).toBe(200);
    expect((await receipt('missing')).status).toBe(400);
    const transcript = await rest<{
      Transcript: { Id: string; MessageMetadata?: { Receipts?: unknown[] } }[];
    }>(emulator, '/participant/transcript', { bearer: customer.connectionToken, body: {} });
    const shown = transcript.body.Transcript.find((item) => item.Id === message.Id);
    expect(shown?.MessageMetadata?.Receipts).toEqual([
      { RecipientParticipantId: customer.participantId, ReadTimestamp: expect.any(String) },
    ]);
  });

  it('answers 409 for receipts with three participants or a supervisor', async () => {
    const customer = await startCustomer(emulator);
    const message = emulator.injectItem(customer.contactId, {
      AsRole: 'SYSTEM',
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'hi',
    });
    emulator.addParticipant(customer.contactId, { Role: 'AGENT' });
    const body = {
      ContentType: 'application/vnd.amazonaws.connect.event.message.delivered',
      Content: JSON.stringify({ messageId: message.Id }),
    };
    expect(
      (await rest(emulator, '/participant/event', { bearer: customer.connectionToken, body })).status,
    ).toBe(200);
    emulator.addParticipant(customer.contactId, { Role: 'AGENT' });
    const threeWay = await rest(emulator, '/participant/event', { bearer: customer.connectionToken, body });
    expect(threeWay.status).toBe(409);
    expect(threeWay.headers.get('x-amzn-errortype')).toBe('ConflictException');
    const other = await startCustomer(emulator);
    emulator.addParticipant(other.contactId, { Role: 'SUPERVISOR' });
    const otherMessage = emulator.injectItem(other.contactId, {
      AsRole: 'SYSTEM',
      Type: 'MESSAGE',
      ContentType: 'text/plain',
      Content: 'hi',
    });
    const barged = await rest(emulator, '/participant/event', {
      bearer: other.connectionToken,
      body: { ...body, Content: JSON.stringify({ messageId: otherMessage.Id }) },
    });
    expect(barged.status).toBe(409);
  });

  it('rejects unsupported event content types', async () => {
    const customer = await startCustomer(emulator);
    const answer = await rest(emulator, '/participant/event', {
      bearer: customer.connectionToken,
      body: { ContentType: 'application/vnd.amazonaws.connect.event.chat.ended' },
    });
    expect(answer.status).toBe(400);
  });
});

describe('DisconnectParticipant and the ended chat (§1.4.5, §5.7)', () => {
  it('ends the chat: 403 for connection and writes, reads during the grace period, cached retry', async () => {
    const customer = await startCustomer(emulator);
    const body = { ClientToken: 'bye-1' };
    const bye = await rest(emulator, '/participant/disconnect', { bearer: customer.connectionToken, body });
    expect(bye.status).toBe(200);
    expect(bye.body).toEqual({});
    expect(
      (await rest(emulator, '/participant/disconnect', { bearer: customer.connectionToken, body })).status,
    ).toBe(200);
    expect(
      (
        await rest(emulator, '/participant/disconnect', {
          bearer: customer.connectionToken,
          body: { ClientToken: 'bye-2' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await rest(emulator, '/participant/connection', {
          bearer: customer.participantToken,
          body: { Type: ['WEBSOCKET'] },
        })
      ).status,
    ).toBe(403);
    const message = { ContentType: 'text/plain', Content: 'still there?' };
    expect(
      (await rest(emulator, '/participant/message', { bearer: customer.connectionToken, body: message }))
        .status,
    ).toBe(403);
    const transcript = await rest<{ Transcript: { ContentType?: string }[] }>(
      emulator,
      '/participant/transcript',
      {
        bearer: customer.connectionToken,
        body: { SortOrder: 'ASCENDING' },
      },
    );
    expect(transcript.status).toBe(200);
    expect(
      transcript.body.Transcript.map((item) => item.ContentType?.split('.').slice(-2).join('.')),
    ).toEqual(['participant.joined', 'participant.left', 'chat.ended']);
    expect(emulator.getContactState(customer.contactId).Status).toBe('ENDED');
    emulator.advanceClock(24 * 60 * 60 * 1000 + 1);
    expect(
      (await rest(emulator, '/participant/transcript', { bearer: customer.connectionToken, body: {} }))
        .status,
    ).toBe(403);
  });

  it('an agent leaving keeps the chat active; the agent then gets 403', async () => {
    const customer = await startCustomer(emulator);
    const agent = await joinAgent(emulator, customer.contactId);
    await rest(emulator, '/participant/disconnect', { bearer: agent.connectionToken, body: {} });
    expect(
      (await rest(emulator, '/participant/transcript', { bearer: agent.connectionToken, body: {} })).status,
    ).toBe(403);
    expect(
      (await rest(emulator, '/participant/transcript', { bearer: customer.connectionToken, body: {} }))
        .status,
    ).toBe(200);
    expect(emulator.getContactState(customer.contactId).Status).toBe('ACTIVE');
  });
});

describe('GetTranscript over HTTP (§5.5)', () => {
  it('validates members and scopes persistent chats', async () => {
    const first = await startCustomer(emulator);
    await rest(emulator, '/participant/message', {
      bearer: first.connectionToken,
      body: { ContentType: 'text/plain', Content: 'past' },
    });
    emulator.endChat(first.contactId);
    const next = emulator.createContact({
      PersistentChat: { SourceContactId: first.contactId, RehydrationType: 'ENTIRE_PAST_SESSION' },
    });
    expect(next.ContinuedFromContactId).toBe(first.contactId);
    const customer = await connect(emulator, next.ContactId, next.ParticipantId, next.ParticipantToken);
    const page = await rest<{
      InitialContactId: string;
      Transcript: { Content?: string; RelatedContactId?: string; ContactId?: string }[];
    }>(emulator, '/participant/transcript', {
      bearer: customer.connectionToken,
      body: { MaxResults: 100, SortOrder: 'ASCENDING' },
    });
    expect(page.body.InitialContactId).toBe(next.ContactId);
    const past = page.body.Transcript.find((item) => item.Content === 'past');
    expect(past).toMatchObject({ RelatedContactId: first.contactId, ContactId: first.contactId });
    const onlyCurrent = await rest<{ Transcript: unknown[] }>(emulator, '/participant/transcript', {
      bearer: customer.connectionToken,
      body: { ContactId: next.ContactId },
    });
    expect(onlyCurrent.body.Transcript).toHaveLength(1);
    expect(
      (
        await rest(emulator, '/participant/transcript', {
          bearer: customer.connectionToken,
          body: { ContactId: 'elsewhere' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await rest(emulator, '/participant/transcript', {
          bearer: customer.connectionToken,
          body: { MaxResults: 101 },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await rest(emulator, '/participant/transcript', {
          bearer: customer.connectionToken,
          body: { ScanDirection: 'UP' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await rest(emulator, '/participant/transcript', {
          bearer: customer.connectionToken,
          body: { NextToken: 'forged' },
        })
      ).status,
    ).toBe(400);
  });
});

describe('DescribeView and authentication (§1.4.9-§1.4.11)', () => {
  it('serves fixtures by decoded token and answers 404 with ResourceId/ResourceType', async () => {
    const customer = await startCustomer(emulator);
    emulator.addView('a/b c', {
      Id: 'v1',
      Arn: 'arn:v1',
      Name: 'V',
      Version: 2,
      Content: { Actions: ['Go'] },
    });
    const found = await rest<{ View: { Id: string } }>(
      emulator,
      `/participant/views/${encodeURIComponent('a/b c')}`,
      { bearer: customer.connectionToken },
    );
    expect(found.body.View.Id).toBe('v1');
    const missing = await rest(emulator, '/participant/views/unknown', { bearer: customer.connectionToken });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      message: expect.any(String),
      ResourceId: 'unknown',
      ResourceType: 'CONTACT_FLOW',
    });
    expect((await rest(emulator, '/participant/views/', { bearer: customer.connectionToken })).status).toBe(
      400,
    );
  });

  it('issues an authentication URL within 60 s of authentication.initiated, and the redirect completes it', async () => {
    const customer = await startCustomer(emulator);
    const sessionId = emulator.initiateAuthentication(customer.contactId);
    expect(sessionId).toHaveLength(36);
    const url = await rest<{ AuthenticationUrl: string }>(emulator, '/participant/authentication-url', {
      bearer: customer.connectionToken,
      body: { SessionId: sessionId, RedirectUri: 'https://app.example/done' },
    });
    expect(url.status).toBe(200);
    const visit = await fetch(url.body.AuthenticationUrl, { redirect: 'manual' });
    expect(visit.status).toBe(302);
    expect(visit.headers.get('location')).toBe('https://app.example/done');
    const events = emulator.getContactState(customer.contactId).Items.map((item) => item.ContentType);
    expect(events).toContain('application/vnd.amazonaws.connect.event.authentication.succeeded');

    const late = emulator.initiateAuthentication(customer.contactId);
    emulator.advanceClock(60_001);
    const expired = await rest(emulator, '/participant/authentication-url', {
      bearer: customer.connectionToken,
      body: { SessionId: late, RedirectUri: 'https://app.example/done' },
    });
    expect(expired.status).toBe(400);
    const cancelled = await rest(emulator, '/participant/cancel-authentication', {
      bearer: customer.connectionToken,
      body: { SessionId: late },
    });
    expect(cancelled.body).toEqual({});
    expect(emulator.getContactState(customer.contactId).Items.at(-1)?.ContentType).toBe(
      'application/vnd.amazonaws.connect.event.authentication.cancelled',
    );
    expect(
      (
        await rest(emulator, '/participant/cancel-authentication', {
          bearer: customer.connectionToken,
          body: { SessionId: 'short' },
        })
      ).status,
    ).toBe(400);
  });
});

describe('CORS (§5.1)', () => {
  it('answers preflights on REST and upload routes with the exact header lists', async () => {
    for (const path of ['/participant/message', '/__uploads/some-id']) {
      const response = await fetch(`${emulator.endpoint}${path}`, {
        method: 'OPTIONS',
        headers: { origin: 'http://app.test', 'access-control-request-method': 'POST' },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe('http://app.test');
      expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
      expect(response.headers.get('access-control-allow-headers')).toBe(
        'authorization, content-type, x-amz-bearer, x-amz-date, x-amz-content-sha256, x-amz-user-agent, amz-sdk-invocation-id, amz-sdk-request',
      );
      expect(response.headers.get('access-control-expose-headers')).toBe(
        'x-amzn-requestid, x-amzn-errortype, date, etag',
      );
    }
    const plain = await rest(emulator, '/participant/message', { body: {} });
    expect(plain.headers.get('access-control-expose-headers')).toContain('x-amzn-errortype');
  });
});

describe('logs never carry tokens', () => {
  it('keeps participant, connection and socket tokens out of log lines and the request log', async () => {
    const customer = await startCustomer(emulator);
    await rest(emulator, '/participant/message', {
      bearer: customer.connectionToken,
      body: { ContentType: 'text/plain', Content: 'hi' },
    });
    await rest(emulator, '/participant/message', { bearer: 'bogus-token-value', body: {} });
    const everything = `${lines.join('\n')}\n${JSON.stringify(emulator.activity())}\n${JSON.stringify(emulator.getContactState(customer.contactId))}`;
    expect(lines.length).toBeGreaterThan(0);
    const socketToken = new URL(customer.socketUrl).searchParams.get('token')!;
    for (const secret of [
      customer.participantToken,
      customer.connectionToken,
      socketToken,
      'bogus-token-value',
    ]) {
      expect(everything).not.toContain(secret);
    }
  });
});
