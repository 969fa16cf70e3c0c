/** The emulator-only control API under `/__emulator` (§5.8), mapped onto the typed {@link Emulator} methods. */
import type { Emulator } from './emulator.types';
import { ServiceError, validationError } from './errors';
import { type FaultRule, faultActionTypes } from './faults.types';
import type { ViewFixture } from './options';
import { assertValid, type Schema } from './validation';

/** The prefix every control route lives under. */
export const controlPrefix = '/__emulator/';

const contactSchema: Schema = {
  DisplayName: { kind: 'string', min: 1, max: 256 },
  SupportedMessagingContentTypes: { kind: 'stringList', minItems: 1, item: { min: 1, max: 100 } },
  InitialMessage: {
    kind: 'object',
    fields: { ContentType: { kind: 'string', required: true }, Content: { kind: 'string', required: true } },
  },
  PersistentChat: {
    kind: 'object',
    fields: {
      SourceContactId: { kind: 'string', required: true, min: 1 },
      RehydrationType: { kind: 'string', required: true, oneOf: ['ENTIRE_PAST_SESSION', 'FROM_SEGMENT'] },
    },
  },
};
const faultSchema: Schema = {
  action: {
    kind: 'object',
    required: true,
    fields: { type: { kind: 'string', required: true, oneOf: faultActionTypes } },
  },
  times: { kind: 'integer', min: 1 },
  afterMs: { kind: 'integer', min: 0 },
};
const participantSchema: Schema = {
  Role: { kind: 'string', required: true, oneOf: ['AGENT', 'CUSTOM_BOT', 'SUPERVISOR'] },
  DisplayName: { kind: 'string', min: 1, max: 256 },
};
const itemSchema: Schema = {
  Type: { kind: 'string', required: true, min: 1 },
  AsParticipantId: { kind: 'string' },
  AsRole: { kind: 'string', oneOf: ['SYSTEM'] },
  ContentType: { kind: 'string' },
  Content: { kind: 'string' },
  Store: { kind: 'boolean' },
};
const receiptSchema: Schema = {
  AsParticipantId: { kind: 'string', required: true },
  MessageId: { kind: 'string', required: true },
  Kind: { kind: 'string', required: true, oneOf: ['read', 'delivered'] },
};

function notFound(what: string): ServiceError {
  return new ServiceError('ResourceNotFoundException', `unable to find ${what}`, 404);
}

/**
 * Answers one control request. `path` is normalised and starts with `/__emulator/`; `query` is its search params.
 * Returns the JSON body (200), or throws a `ServiceError`.
 */
export function runControlRequest(
  emulator: Emulator,
  method: string,
  path: string,
  query: URLSearchParams,
  body: Record<string, unknown>,
): unknown {
  const segments = path.slice(controlPrefix.length).split('/').map(decodeURIComponent);
  const [resource, id, action] = segments;
  const route = `${method} ${resource}${id === undefined ? '' : '/:id'}${action === undefined ? '' : `/${action}`}`;
  switch (route) {
    case 'POST contacts':
      assertValid(body, contactSchema);
      return emulator.createContact(body as Parameters<Emulator['createContact']>[0]);
    case 'GET contacts/:id':
      return emulator.getContactState(id!);
    case 'POST contacts/:id/participants':
      assertValid(body, participantSchema);
      return emulator.addParticipant(id!, body as unknown as Parameters<Emulator['addParticipant']>[1]);
    case 'POST contacts/:id/items':
      assertValid(body, itemSchema);
      return emulator.injectItem(id!, body as unknown as Parameters<Emulator['injectItem']>[1]);
    case 'POST contacts/:id/typing':
      assertValid(body, { AsParticipantId: { kind: 'string', required: true } });
      return emulator.sendTyping(id!, body.AsParticipantId as string);
    case 'POST contacts/:id/receipts':
      assertValid(body, receiptSchema);
      return emulator.sendReceipt(id!, body as unknown as Parameters<Emulator['sendReceipt']>[1]) ?? {};
    case 'POST contacts/:id/authentication':
      return { SessionId: emulator.initiateAuthentication(id!, body.AsParticipantId as string | undefined) };
    case 'POST contacts/:id/end':
      emulator.endChat(id!);
      return {};
    case 'POST clock': {
      assertValid(body, { offsetMs: { kind: 'integer' }, advanceMs: { kind: 'integer' } });
      if (typeof body.advanceMs === 'number') return { offsetMs: emulator.advanceClock(body.advanceMs) };
      if (typeof body.offsetMs !== 'number') throw validationError('clock needs offsetMs or advanceMs');
      return { offsetMs: emulator.setClockOffset(body.offsetMs) };
    }
    case 'POST faults':
      assertValid(body, faultSchema);
      if (body.probability !== undefined && !isProbability(body.probability))
        throw validationError('probability must be a number from 0 to 1');
      return emulator.addFault(body as unknown as FaultRule);
    case 'GET faults':
      return { faults: emulator.listFaults() };
    case 'DELETE faults':
      return { removed: emulator.clearFaults(query.get('id') ?? undefined) };
    case 'POST views':
      assertValid(body, { ViewToken: { kind: 'string', required: true, min: 1 } });
      emulator.addView(body.ViewToken as string, body.View as ViewFixture);
      return {};
    case 'POST sweep':
      return { closed: emulator.sweep() };
    case 'GET log':
      return { log: emulator.activity() };
    default:
      throw notFound(`control route ${method} ${path}`);
  }
}

function isProbability(value: unknown): boolean {
  return typeof value === 'number' && value >= 0 && value <= 1;
}
