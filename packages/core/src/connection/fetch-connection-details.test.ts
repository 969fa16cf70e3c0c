import { describe, expect, it } from 'vitest';
import { createActor, toPromise } from 'xstate';
import { ChatError, ChatErrorCode } from '../errors';
import type { ConnectionTokenProvider, FetchConnectionDetailsInput, FetchPurpose } from './connection.types';
import { FakeParticipantApi } from './fakes.test-support';
import { acknowledgeConnection, fetchConnectionDetails } from './fetch-connection-details';
import { Secret } from './secret';

const now = Date.parse('2025-01-01T00:00:00.000Z');

function run(
  getConnectionToken: ConnectionTokenProvider | undefined,
  options: { participantToken?: string | undefined; purpose?: FetchPurpose } = {},
) {
  const service = new FakeParticipantApi(() => now);
  const participantToken = 'participantToken' in options ? options.participantToken : 'participant-secret';
  const input: FetchConnectionDetailsInput = {
    participantApi: service.api,
    credentials: {
      participantToken: participantToken ? new Secret(participantToken) : undefined,
      getConnectionToken,
    },
    purpose: options.purpose ?? 'token',
    now: () => now,
  };
  const result = toPromise(createActor(fetchConnectionDetails, { input }).start());
  return { service, result, input };
}

const failingProvider: ConnectionTokenProvider = () => Promise.reject(new Error('no media info'));

describe('agent token path (fetchConnectionDetails)', () => {
  it('TOK-01 a provider token is used as is: no CreateParticipantConnection, not yet acknowledged', async () => {
    const { service, result } = run(async () => ({
      connectionToken: 'agent-token',
      expiresAt: '2025-01-02T00:00:00.000Z',
    }));
    const details = await result;
    expect(details.connectionToken?.reveal()).toBe('agent-token');
    expect(details).toMatchObject({
      connectionTokenExpiresAt: Date.parse('2025-01-02T00:00:00.000Z'),
      socketUrl: undefined,
      acknowledged: false,
    });
    expect(service.calls).toEqual([]);
  });

  it('TOK-02 a failing provider falls back to CreateParticipantConnection with ConnectParticipant: true', async () => {
    const { service, result } = run(failingProvider);
    const details = await result;
    expect(service.calls).toEqual([
      { ParticipantToken: 'participant-secret', Type: ['CONNECTION_CREDENTIALS'], ConnectParticipant: true },
    ]);
    expect(details.connectionToken?.reveal()).toBe('connection-token-1');
    expect(details.acknowledged).toBe(true);
  });

  it('TOK-03 a provider resolving nothing, or an empty token, falls back too', async () => {
    for (const answer of [undefined, { connectionToken: '' }]) {
      const { service, result } = run(async () => answer);
      await expect(result).resolves.toMatchObject({ acknowledged: true });
      expect(service.calls).toHaveLength(1);
    }
  });

  it('TOK-04 a failing fallback rejects with the fallback code and a message naming both failures', async () => {
    const { service, result } = run(failingProvider);
    service.script.push(
      new ChatError(ChatErrorCode.serviceUnavailable, 'unable to create participant connection; status 503', {
        status: 503,
        requestId: 'req-1',
        operation: 'CreateParticipantConnection',
      }),
    );
    const error = await result.catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toMatchObject({
      code: 'serviceUnavailable',
      status: 503,
      requestId: 'req-1',
      operation: 'CreateParticipantConnection',
      message:
        'unable to get the connection token; the connection-token provider failed and the ' +
        'CreateParticipantConnection fallback failed too (unable to create participant connection; status 503)',
    });
    expect((error as ChatError).retryable).toBe(true);
  });

  it('TOK-05 without a participant token there is no fallback: the provider failure is reported', async () => {
    const { service, result } = run(failingProvider, { participantToken: undefined });
    await expect(result).rejects.toMatchObject({
      code: 'unknown',
      message: 'unable to get the connection token; the connection-token provider failed',
    });
    const empty = run(async () => undefined, { participantToken: undefined });
    await expect(empty.result).rejects.toMatchObject({
      code: 'invalidResponse',
      message: 'unable to get the connection token; the connection-token provider returned no token',
    });
    expect(service.calls).toEqual([]);
    expect(empty.service.calls).toEqual([]);
  });

  it('TOK-06 a ChatError from the provider is kept when there is no fallback', async () => {
    const thrown = new ChatError(ChatErrorCode.accessDenied, 'unable to get media info; denied');
    const { result } = run(() => Promise.reject(thrown), { participantToken: undefined });
    await expect(result).rejects.toBe(thrown);
  });

  it('TOK-07 an agent socket (own-socket mode) goes straight to CreateParticipantConnection with both types', async () => {
    let asked = 0;
    const { service, result } = run(
      async () => {
        asked += 1;
        return { connectionToken: 'agent-token' };
      },
      { purpose: 'socket' },
    );
    await expect(result).resolves.toMatchObject({ acknowledged: true });
    expect(asked).toBe(0);
    expect(service.calls).toEqual([
      {
        ParticipantToken: 'participant-secret',
        Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'],
        ConnectParticipant: true,
      },
    ]);
  });

  it('TOK-08 the acknowledgement is ConnectParticipant: true with the participant token and no Type', async () => {
    const { service, input } = run(async () => ({ connectionToken: 'agent-token' }));
    await toPromise(createActor(acknowledgeConnection, { input }).start());
    expect(service.calls).toEqual([{ ParticipantToken: 'participant-secret', ConnectParticipant: true }]);
  });
});
