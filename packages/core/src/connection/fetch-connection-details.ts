/** The side effect behind every "get me a URL and a token" step: CreateParticipantConnection or the agent provider. */
import { fromPromise } from 'xstate';
import { ChatError, ChatErrorCode, isChatError } from '../errors';
import type { CreateParticipantConnectionOutput } from '../protocol/participant-api.types';
import type {
  ConnectionDetails,
  ConnectionTokenProvider,
  FetchConnectionDetailsInput,
} from './connection.types';
import { Secret } from './secret';

/**
 * Fetches connection details through the participant-API slot (customer) or the token provider (agent).
 *
 * For an agent's token (`purpose: 'token'`), the provider is asked first; when it rejects or resolves no token,
 * CreateParticipantConnection with the participant token and `ConnectParticipant: true` is the fallback (so the
 * connection is then already acknowledged). When the fallback fails too, the error says both failed and keeps the
 * fallback's code, so a 403 still ends the chat and a 5xx is still retried.
 */
export const fetchConnectionDetails = fromPromise<ConnectionDetails, FetchConnectionDetailsInput>(
  async ({ input, signal }) => {
    const { credentials, purpose } = input;
    if (!credentials.getConnectionToken || purpose !== 'token') return createConnection(input, signal);
    const provided = await askProvider(credentials.getConnectionToken);
    if (provided.ok) return provided.details;
    if (!credentials.participantToken) throw provided.error;
    try {
      return await createConnection(input, signal);
    } catch (error) {
      throw fallbackFailed(error);
    }
  },
);

type ProviderOutcome = { ok: true; details: ConnectionDetails } | { ok: false; error: ChatError };

async function askProvider(provider: ConnectionTokenProvider): Promise<ProviderOutcome> {
  try {
    const provided = await provider();
    if (!provided?.connectionToken) {
      return {
        ok: false,
        error: new ChatError(
          ChatErrorCode.invalidResponse,
          'unable to get the connection token; the connection-token provider returned no token',
        ),
      };
    }
    return {
      ok: true,
      details: {
        connectionToken: new Secret(provided.connectionToken),
        connectionTokenExpiresAt: parseExpiry(provided.expiresAt),
        socketUrl: undefined,
        acknowledged: false,
      },
    };
  } catch (error) {
    return {
      ok: false,
      error: asChatError(error, 'unable to get the connection token; the connection-token provider failed'),
    };
  }
}

async function createConnection(
  input: FetchConnectionDetailsInput,
  signal: AbortSignal,
): Promise<ConnectionDetails> {
  const { credentials, participantApi, purpose } = input;
  const participantToken = credentials.participantToken?.reveal();
  if (!participantToken) {
    throw new ChatError(ChatErrorCode.validation, 'unable to connect; no participant token was given');
  }
  // Agents acknowledge with the same call; customers never send ConnectParticipant.
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
}

function fallbackFailed(error: unknown): ChatError {
  const cause = asChatError(error, 'unable to create participant connection; the call failed');
  return new ChatError(
    cause.code,
    `unable to get the connection token; the connection-token provider failed and the CreateParticipantConnection fallback failed too (${cause.message})`,
    {
      status: cause.status,
      requestId: cause.requestId,
      serviceErrorName: cause.serviceErrorName,
      operation: cause.operation ?? 'CreateParticipantConnection',
      attempts: cause.attempts,
      cause,
    },
  );
}

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
  return new ChatError(ChatErrorCode.unknown, message, { cause: error });
}
