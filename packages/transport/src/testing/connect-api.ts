/** The two Amazon Connect operations a backend calls to start chats: StartChatContact and CreateParticipant. */
import type { ParticipantRole } from '@connect-chat/core';
import type { EmulatorContext } from './context';
import { type ErrorFormat, ServiceError } from './errors';
import { joinParticipant, startChat } from './lifecycle';
import type { RehydrationType } from './state.types';
import { findViolations, type Schema } from './validation';

/** Connect answers with `Message` (capitalised) in its error bodies. */
export const connectErrorFormat: ErrorFormat = { messageKey: 'Message', typeIn: 'header' };

/** An Amazon Connect API route. */
export interface ConnectRoute {
  operation: 'StartChatContact' | 'CreateParticipant';
  method: 'PUT' | 'POST';
  path: string;
}

/** The HTTP bindings, as in `@aws-sdk/client-connect`. */
export const connectRoutes: readonly ConnectRoute[] = [
  { operation: 'StartChatContact', method: 'PUT', path: '/contact/chat' },
  { operation: 'CreateParticipant', method: 'POST', path: '/contact/create-participant' },
];

function invalidParameters(body: Record<string, unknown>, schema: Schema): void {
  const violations = findViolations(body, schema);
  if (violations.length > 0) throw new ServiceError('InvalidParameterException', violations.join('; '), 400);
}

const startChatSchema: Schema = {
  InstanceId: { kind: 'string', required: true, min: 1, max: 100 },
  ContactFlowId: { kind: 'string', required: true, min: 1, max: 500 },
  ParticipantDetails: {
    kind: 'object',
    required: true,
    fields: { DisplayName: { kind: 'string', required: true, min: 1, max: 256 } },
  },
  InitialMessage: {
    kind: 'object',
    fields: {
      ContentType: { kind: 'string', required: true, min: 1, max: 100 },
      Content: { kind: 'string', required: true, min: 1, max: 1024 },
    },
  },
  SupportedMessagingContentTypes: { kind: 'stringList', item: { min: 1, max: 100 } },
  PersistentChat: {
    kind: 'object',
    fields: {
      SourceContactId: { kind: 'string', min: 1, max: 256 },
      RehydrationType: { kind: 'string', oneOf: ['ENTIRE_PAST_SESSION', 'FROM_SEGMENT'] },
    },
  },
  ClientToken: { kind: 'string', max: 500 },
};

const createParticipantSchema: Schema = {
  InstanceId: { kind: 'string', required: true, min: 1, max: 100 },
  ContactId: { kind: 'string', required: true, min: 1, max: 256 },
  ParticipantDetails: {
    kind: 'object',
    required: true,
    fields: {
      ParticipantRole: { kind: 'string', required: true, oneOf: ['AGENT', 'CUSTOM_BOT', 'SUPERVISOR'] },
      DisplayName: { kind: 'string', min: 1, max: 256 },
    },
  },
  ClientToken: { kind: 'string', max: 500 },
};

function startChatContact(context: EmulatorContext, body: Record<string, unknown>): unknown {
  invalidParameters(body, startChatSchema);
  const details = body.ParticipantDetails as { DisplayName: string };
  const persistent = body.PersistentChat as
    | { SourceContactId?: string; RehydrationType?: RehydrationType }
    | undefined;
  if (persistent && (persistent.SourceContactId === undefined || persistent.RehydrationType === undefined)) {
    throw new ServiceError(
      'InvalidParameterException',
      'PersistentChat needs SourceContactId and RehydrationType',
      400,
    );
  }
  const { contact, customer } = startChat(context, {
    DisplayName: details.DisplayName,
    SupportedMessagingContentTypes: body.SupportedMessagingContentTypes as string[] | undefined,
    InitialMessage: body.InitialMessage as { ContentType: string; Content: string } | undefined,
    PersistentChat:
      persistent?.SourceContactId && persistent.RehydrationType
        ? { SourceContactId: persistent.SourceContactId, RehydrationType: persistent.RehydrationType }
        : undefined,
  });
  return {
    ContactId: contact.contactId,
    ParticipantId: customer.participantId,
    ParticipantToken: customer.participantToken,
    ...(contact.previousContactId ? { ContinuedFromContactId: contact.previousContactId } : {}),
  };
}

function createParticipant(context: EmulatorContext, body: Record<string, unknown>): unknown {
  invalidParameters(body, createParticipantSchema);
  const contactId = body.ContactId as string;
  const contact = context.store.contacts.get(contactId);
  if (!contact)
    throw new ServiceError('ResourceNotFoundException', `Contact ${contactId} does not exist`, 404);
  const details = body.ParticipantDetails as { ParticipantRole: ParticipantRole; DisplayName?: string };
  if (contact.status === 'ENDED') {
    throw new ServiceError('InvalidRequestException', `Contact ${contactId} has ended`, 400);
  }
  const participant = joinParticipant(
    context,
    contact,
    details.ParticipantRole,
    details.DisplayName ?? details.ParticipantRole,
  );
  return {
    ParticipantId: participant.participantId,
    ParticipantCredentials: {
      ParticipantToken: participant.participantToken,
      Expiry: new Date(context.now() + context.options.lifetimes.connectionTokenMs).toISOString(),
    },
  };
}

/** Runs a Connect operation; repeated `ClientToken`s replay the first answer. */
export function runConnectOperation(
  context: EmulatorContext,
  route: ConnectRoute,
  body: Record<string, unknown>,
): unknown {
  const clientToken = typeof body.ClientToken === 'string' ? body.ClientToken : undefined;
  const key = clientToken
    ? `connect|${route.operation}|${String(body.InstanceId)}|${clientToken}`
    : undefined;
  const cached = key ? context.store.idempotency.get(key) : undefined;
  if (cached) return cached.body;
  const result =
    route.operation === 'StartChatContact'
      ? startChatContact(context, body)
      : createParticipant(context, body);
  if (key) context.store.idempotency.set(key, { status: 200, body: result });
  return result;
}
