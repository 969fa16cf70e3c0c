import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetchParticipantApi } from './fetch-participant-api';
import type { ParticipantApiLogger } from './logger';
import { jsonResponse, mockParticipantService, serviceError } from './mock-participant-service.test-support';

const service = mockParticipantService();
beforeAll(() => service.listen());
afterEach(() => service.reset());
afterAll(() => service[Symbol.asyncDispose]());

const success = jsonResponse({ Id: 'm-1', AbsoluteTime: '2025-01-01T00:00:00.000Z' });

describe('logging', () => {
  const participantToken = 'participant-token-7f3a';
  const connectionToken = 'connection-token-91bc';

  function recordingLogger() {
    const lines: string[] = [];
    const record =
      (level: string) =>
      (message: string, details?: Record<string, unknown>): void => {
        lines.push(`${level} ${message} ${JSON.stringify(details ?? {})}`);
      };
    const logger: ParticipantApiLogger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    return { logger, lines };
  }

  it('logs operation, attempt, status and request id, and never a token', async () => {
    const { logger, lines } = recordingLogger();
    const api = createFetchParticipantApi({
      endpoint: 'http://participant.test',
      logger,
      retryDelay: () => 0,
      sleep: async () => {},
    });
    service.enqueue(
      jsonResponse(
        {
          ConnectionCredentials: { ConnectionToken: connectionToken },
          Websocket: { Url: `wss://x?token=${connectionToken}` },
        },
        { headers: { 'x-amzn-requestid': 'rid-connection' } },
      ),
      serviceError(500, 'InternalServerException', `echo ${connectionToken}`),
      success,
      serviceError(403, 'AccessDeniedException', `bad ${participantToken}`),
    );

    await api.createParticipantConnection({ ParticipantToken: participantToken, Type: ['WEBSOCKET'] });
    await api.sendMessage({ ConnectionToken: connectionToken, ContentType: 'text/plain', Content: 'hi' });
    await api.createParticipantConnection({ ParticipantToken: participantToken }).catch(() => undefined);

    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const line of lines) {
      expect(line).not.toContain(participantToken);
      expect(line).not.toContain(connectionToken);
    }
    expect(lines).toContainEqual(expect.stringContaining('"operation":"CreateParticipantConnection"'));
    expect(lines).toContainEqual(expect.stringContaining('"requestId":"rid-connection"'));
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^warn participant-api retrying .*"operation":"SendMessage","attempt":1,"status":500/,
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(/"operation":"SendMessage","attempt":2,"status":200/));
  });
});
