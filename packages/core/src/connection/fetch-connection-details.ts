/** The side effect behind every "get me a URL and a token" step: CreateParticipantConnection or the agent provider. */
import { fromPromise } from 'xstate';
import { ChatError, ChatErrorCode, isChatError } from '../errors';
import type { CreateParticipantConnectionOutput } from '../protocol/participant-api.types';
import type { ConnectionDetails, FetchConnectionDetailsInput } from './connection.types';
import { Secret } from './secret';

/** Fetches connection details through the participant-API slot (customer) or the token provider (agent). */
export const fetchConnectionDetails = fromPromise<ConnectionDetails, FetchConnectionDetailsInput>(
  async ({ input, signal }) => {
    const { credentials, participantApi, purpose } = input;
    if (credentials.getConnectionToken && purpose === 'token') {
      try {
        const provided = await credentials.getConnectionToken();
        return {
          connectionToken: new Secret(provided.connectionToken),
          connectionTokenExpiresAt: parseExpiry(provided.expiresAt),
          socketUrl: undefined,
          acknowledged: false,
        };
      } catch (error) {
        // The documented fallback: a participant-token connection that also acknowledges the participant.
        if (!credentials.participantToken) throw asChatError(error, 'unable to get the connection token');
      }
    }
    const participantToken = credentials.participantToken?.reveal();
    if (!participantToken) {
      throw new ChatError(ChatErrorCode.validation, 'unable to connect; no participant token was given');
    }
    const acknowledged = credentials.getConnectionToken !== undefined;
    const output = await participantApi.createParticipantConnection(
      {
        ParticipantToken: participantToken,
        Type: purpose === 'socket' ? ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] : ['CONNECTION_CREDENTIALS'],
        ...(acknowledged ? { ConnectParticipant: true } : {}),
      },
      { signal },
    );
    return detailsFrom(output, purpose, acknowledged);
  },
);

/** Acknowledges an agent connection made with a provider token (fire and forget; failures are only reported). */
export const acknowledgeConnection = fromPromise<void, FetchConnectionDetailsInput>(
  async ({ input, signal }) => {
    const participantToken = input.credentials.participantToken?.reveal();
    if (!participantToken) return;
    await input.participantApi.createParticipantConnection(
      { ParticipantToken: participantToken, ConnectParticipant: true },
      { signal },
    );
  },
);

function detailsFrom(
  output: CreateParticipantConnectionOutput,
  purpose: FetchConnectionDetailsInput['purpose'],
  acknowledged: boolean,
): ConnectionDetails {
  const token = output.ConnectionCredentials?.ConnectionToken;
  const url = output.Websocket?.Url;
  if (!token || (purpose === 'socket' && !url)) {
    throw new ChatError(
      ChatErrorCode.invalidResponse,
      'unable to connect; CreateParticipantConnection returned no connection token or socket URL',
      { operation: 'CreateParticipantConnection' },
    );
  }
  return {
    connectionToken: new Secret(token),
    connectionTokenExpiresAt: parseExpiry(output.ConnectionCredentials?.Expiry),
    socketUrl: url ? new Secret(url) : undefined,
    acknowledged,
  };
}

function parseExpiry(expiry: string | undefined): number | undefined {
  if (!expiry) return undefined;
  const parsed = Date.parse(expiry);
  return Number.isNaN(parsed) ? undefined : parsed;
}

function asChatError(error: unknown, message: string): ChatError {
  if (isChatError(error)) return error;
  return new ChatError(ChatErrorCode.unknown, `${message}; the connection-token provider failed`, {
    cause: error,
  });
}
