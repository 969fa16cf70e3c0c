/**
 * `create()`'s input checks. ChatJS accepts camelCase or PascalCase chat details; unlike ChatJS, which returned a
 * broken session for bad details, every problem throws an `IllegalArgumentException` at once (fix 3).
 */
import type { StreamsManagerSubscriber } from '@connect-chat/transport';
import type { AgentConnectionTokenResult, SessionType } from './legacy.types';
import { SessionTypes } from './legacy-constants';
import { IllegalArgumentException } from './legacy-errors';

/** Chat details after normalisation and checks. */
export interface NormalisedChatDetails {
  contactId: string;
  participantId: string;
  initialContactId: string;
  participantToken: string | undefined;
  getConnectionToken: (() => Promise<AgentConnectionTokenResult>) | undefined;
}

/** `create()`'s arguments after checks. */
export interface CheckedCreateArgs {
  type: SessionType;
  chatDetails: NormalisedChatDetails;
  region: string | undefined;
  websocketManager: StreamsManagerSubscriber | undefined;
}

const requiredManagerMethods = [
  'subscribeTopics',
  'onMessage',
  'onConnectionGain',
  'onConnectionLost',
  'onInitFailure',
] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function optionalString(details: Record<string, unknown>, camel: string, pascal: string): unknown {
  return details[camel] ?? details[pascal];
}

function checkNonEmpty(value: unknown, name: string, optional: boolean): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value.length === 0)
    throw new IllegalArgumentException(`chatDetails.${name} is not a non-empty string!`, value);
  return value;
}

/** Checks `create()`'s arguments, throwing `IllegalArgumentException` for the first problem found. */
export function checkCreateArgs(args: unknown): CheckedCreateArgs {
  if (!isRecord(args))
    throw new IllegalArgumentException('create() needs an object with chatDetails (and a type)', args);
  const details = args.chatDetails;
  if (!isRecord(details)) throw new IllegalArgumentException('chatDetails is not an object!');
  const contactId = checkNonEmpty(optionalString(details, 'contactId', 'ContactId'), 'contactId', false)!;
  const participantId = checkNonEmpty(
    optionalString(details, 'participantId', 'ParticipantId'),
    'participantId',
    false,
  )!;
  const type = (args.type ?? SessionTypes.AGENT) as SessionType;
  if (type !== SessionTypes.AGENT && type !== SessionTypes.CUSTOMER)
    throw new IllegalArgumentException(
      'Unkown value for session type, Allowed values are: AGENT,CUSTOMER',
      args.type,
    );
  const participantToken = checkNonEmpty(
    optionalString(details, 'participantToken', 'ParticipantToken'),
    'participantToken',
    type === SessionTypes.AGENT,
  );
  const initialContactId =
    checkNonEmpty(
      optionalString(details, 'initialContactId', 'InitialContactId'),
      'initialContactId',
      true,
    ) ?? contactId;
  const getConnectionToken = details.getConnectionToken ?? details.GetConnectionToken;
  if (getConnectionToken !== undefined && typeof getConnectionToken !== 'function')
    throw new IllegalArgumentException(
      'chatDetails.getConnectionToken is not a function!',
      getConnectionToken,
    );
  if (type === SessionTypes.AGENT && participantToken === undefined && getConnectionToken === undefined)
    throw new IllegalArgumentException(
      'an agent session needs chatDetails.getConnectionToken or chatDetails.participantToken',
    );
  const options = args.options;
  if (options !== undefined && options !== null && !isRecord(options))
    throw new IllegalArgumentException('options is not an object!', options);
  const region = isRecord(options) ? options.region : undefined;
  if (region !== undefined && (typeof region !== 'string' || region.length === 0))
    throw new IllegalArgumentException('options.region is not a non-empty string!', region);
  return {
    type,
    chatDetails: {
      contactId,
      participantId,
      initialContactId,
      participantToken,
      getConnectionToken: getConnectionToken as NormalisedChatDetails['getConnectionToken'],
    },
    region,
    websocketManager: checkManager(args.websocketManager, type),
  };
}

function checkManager(manager: unknown, type: SessionType): StreamsManagerSubscriber | undefined {
  // Customers drive their own socket; ChatJS ignores a manager given to them.
  if (manager === undefined || manager === null || type !== SessionTypes.AGENT) return undefined;
  if (!isRecord(manager))
    throw new IllegalArgumentException('websocketManager is not a StreamsJS WebSocket manager', manager);
  for (const method of requiredManagerMethods)
    if (typeof manager[method] !== 'function')
      throw new IllegalArgumentException(`websocketManager.${method} is not a function!`, manager);
  return manager as unknown as StreamsManagerSubscriber;
}
