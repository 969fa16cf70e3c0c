/** CreateParticipantConnection and DisconnectParticipant (§1.4.1, §1.4.5). */
import { validationError } from '../errors';
import { acknowledgeConnection, announceLeave } from '../lifecycle';
import type { ParticipantOperation } from './operation.types';

const connectionTypes = ['WEBSOCKET', 'CONNECTION_CREDENTIALS', 'WEBRTC_CONNECTION'] as const;

const createParticipantConnection: ParticipantOperation = {
  name: 'CreateParticipantConnection',
  method: 'POST',
  path: '/participant/connection',
  bearer: 'participant',
  endedChat: 'write',
  idempotent: false,
  schema: {
    Type: { kind: 'stringList', minItems: 1, item: { oneOf: connectionTypes } },
    ConnectParticipant: { kind: 'boolean' },
  },
  handle(context, { body, participant }) {
    const types = (body.Type as string[] | undefined) ?? [];
    if (types.includes('WEBRTC_CONNECTION')) {
      throw validationError(
        'unable to create participant connection; WEBRTC_CONNECTION is not available on a chat contact',
      );
    }
    const result: Record<string, unknown> = {};
    const { lifetimes } = context.options;
    if (types.includes('WEBSOCKET')) {
      const url = context.store.issueSocketToken(participant, lifetimes.websocketUrlMs);
      result.Websocket = {
        Url: `${context.wsBase()}/ws?token=${encodeURIComponent(url.token)}`,
        ConnectionExpiry: new Date(url.expiresAt).toISOString(),
      };
    }
    if (types.includes('CONNECTION_CREDENTIALS')) {
      const credentials = context.store.issueConnectionToken(participant, lifetimes.connectionTokenMs);
      result.ConnectionCredentials = {
        ConnectionToken: credentials.token,
        Expiry: new Date(credentials.expiresAt).toISOString(),
      };
    }
    if (body.ConnectParticipant === true) acknowledgeConnection(context, participant);
    return result;
  },
};

const disconnectParticipant: ParticipantOperation = {
  name: 'DisconnectParticipant',
  method: 'POST',
  path: '/participant/disconnect',
  bearer: 'connection',
  endedChat: 'write',
  idempotent: true,
  schema: { ClientToken: { kind: 'string', max: 500 } },
  handle(context, { participant }) {
    participant.state = 'LEFT';
    // The service answers first and pushes participant.left / chat.ended afterwards.
    setImmediate(() => announceLeave(context, participant));
    return {};
  },
};

/** The connection operations. */
export const connectionOperations: readonly ParticipantOperation[] = [
  createParticipantConnection,
  disconnectParticipant,
];
