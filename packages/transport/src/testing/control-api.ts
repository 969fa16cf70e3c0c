/** The emulator-only control API under `/__emulator` (§5.8), mapped onto the typed {@link Emulator} methods. */
import type { Emulator } from './emulator.types';
import { ServiceError, validationError } from './errors';
import { type FaultAction, type FaultRule, faultActionTypes } from './faults.types';
import { decodePathSegment } from './http';
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
  match: {
    kind: 'object',
    fields: {
      operation: { kind: 'string' },
      route: { kind: 'string' },
      participantId: { kind: 'string' },
      contactId: { kind: 'string' },
      socketId: { kind: 'string' },
      topic: { kind: 'string' },
    },
  },
  times: { kind: 'integer', min: 1 },
  afterMs: { kind: 'integer', min: 0 },
};

const anHour = 3_600_000;
const participantField: Schema = { participantId: { kind: 'string', min: 1 } };

/**
 * The members each fault action takes, checked when the rule is added: a rule that would only fail when it fires
 * (an HTTP status of "abc", a close code `ws` refuses) is refused up front instead.
 */
const faultActionSchemas: Partial<Readonly<Record<FaultAction['type'], Schema>>> = {
  error: {
    status: { kind: 'integer', min: 400, max: 599 },
    errorType: { kind: 'string', min: 1, max: 128 },
    message: { kind: 'string', max: 1024 },
    casing: { kind: 'string', oneOf: ['message', 'Message'] },
    typeIn: { kind: 'string', oneOf: ['header', 'body__type', 'bodyCode', 'none'] },
  },
  delay: { ms: { kind: 'integer', required: true, min: 0, max: anHour } },
  malformed: { variant: { kind: 'string', oneOf: ['json', 'html'] } },
  skewDate: { seconds: { kind: 'integer', required: true, min: -86_400 * 365, max: 86_400 * 365 } },
  expireConnectionTokens: participantField,
  expireParticipantToken: participantField,
  expireWebsocketUrls: participantField,
  close: {
    code: { kind: 'integer', min: 1000, max: 4999 },
    reason: { kind: 'string', max: 123 },
  },
  gatewayError: { message: { kind: 'string', max: 1024 } },
  pingStatus: { statusContent: { kind: 'string', max: 1024 } },
  subscribeFailure: { times: { kind: 'integer', min: 1 } },
  rejectUpgrades: { times: { kind: 'integer', min: 1 } },
  dropFrames: { topic: { kind: 'string', min: 1 }, times: { kind: 'integer', min: 1 } },
  delayFrames: { ms: { kind: 'integer', required: true, min: 0, max: anHour } },
  agentLeaves: participantField,
  idle: participantField,
  returned: participantField,
  autodisconnect: participantField,
  transfer: { outcome: { kind: 'string', required: true, oneOf: ['succeeded', 'failed'] } },
};

/** How far one control call may move the clock, either way: enough for any expiry, little enough for `Date`. */
const maxClockOffsetMs = 100 * 365 * 86_400_000;
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
  // The store keys and orders items by these: they must be strings. What is inside the nested members is the
  // caller's business (tests inject odd items on purpose), but they must have the declared shape.
  Id: { kind: 'string', min: 1, max: 256 },
  AbsoluteTime: { kind: 'string', min: 1, max: 100 },
  DisplayName: { kind: 'string' },
  MessageMetadata: { kind: 'object', fields: {} },
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
  const segments = path.slice(controlPrefix.length).split('/').map(decodePathSegment);
  if (segments.includes(undefined)) throw validationError(`the path ${path} is not valid percent-encoding`);
  const [resource, id, action] = segments as string[];
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
      if (
        body.Attachments !== undefined &&
        (!Array.isArray(body.Attachments) ||
          body.Attachments.some(
            (entry) => typeof entry !== 'object' || entry === null || Array.isArray(entry),
          ))
      )
        throw validationError('1 validation error detected: Attachments must be a list of structures');
      return emulator.injectItem(id!, body as unknown as Parameters<Emulator['injectItem']>[1]);
    case 'POST contacts/:id/typing':
      assertValid(body, { AsParticipantId: { kind: 'string', required: true } });
      return emulator.sendTyping(id!, body.AsParticipantId as string);
    case 'POST contacts/:id/receipts':
      assertValid(body, receiptSchema);
      return emulator.sendReceipt(id!, body as unknown as Parameters<Emulator['sendReceipt']>[1]) ?? {};
    case 'POST contacts/:id/authentication':
      assertValid(body, { AsParticipantId: { kind: 'string', min: 1 } });
      return { SessionId: emulator.initiateAuthentication(id!, body.AsParticipantId as string | undefined) };
    case 'POST contacts/:id/end':
      emulator.endChat(id!);
      return {};
    case 'POST clock': {
      // Each move is bounded; it would take thousands of them to push the clock out of `Date`'s range.
      const range = { min: -maxClockOffsetMs, max: maxClockOffsetMs };
      assertValid(body, {
        offsetMs: { kind: 'integer', ...range },
        advanceMs: { kind: 'integer', ...range },
      });
      if (typeof body.advanceMs === 'number') return { offsetMs: emulator.advanceClock(body.advanceMs) };
      if (typeof body.offsetMs !== 'number') throw validationError('clock needs offsetMs or advanceMs');
      return { offsetMs: emulator.setClockOffset(body.offsetMs) };
    }
    case 'POST faults':
      assertValid(body, faultSchema);
      assertValid(
        body.action as Record<string, unknown>,
        faultActionSchemas[(body.action as FaultAction).type] ?? {},
      );
      if (body.probability !== undefined && !isProbability(body.probability))
        throw validationError('probability must be a number from 0 to 1');
      return emulator.addFault(body as unknown as FaultRule);
    case 'GET faults':
      return { faults: emulator.listFaults() };
    case 'DELETE faults':
      return { removed: emulator.clearFaults(query.get('id') ?? undefined) };
    case 'POST views':
      assertValid(body, {
        ViewToken: { kind: 'string', required: true, min: 1, max: 1000 },
        View: { kind: 'object', required: true, fields: {} },
      });
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
