/** Runs the 11 Participant Service operations with the common rules of §5.3, in order. */
import type { IncomingMessage } from 'node:http';
import type { EmulatorContext } from '../context';
import { accessDenied } from '../errors';
import type { ContactRecord, ParticipantRecord } from '../state.types';
import { assertValid, parseJsonObject } from '../validation';
import { attachmentOperations } from './attachment-operations';
import { connectionOperations } from './connection-operations';
import { messageOperations } from './message-operations';
import type { ParticipantOperation } from './operation.types';
import { viewAndAuthenticationOperations } from './view-auth-operations';

/** Every operation of §1.4. */
export const participantOperations: readonly ParticipantOperation[] = [
  ...connectionOperations,
  ...messageOperations,
  ...attachmentOperations,
  ...viewAndAuthenticationOperations,
];

/** Finds the operation for a method and normalised path, with its decoded path label. */
export function matchOperation(
  method: string,
  path: string,
): { operation: ParticipantOperation; pathParams: Record<string, string> } | undefined {
  for (const operation of participantOperations) {
    if (operation.method !== method) continue;
    if (operation.label === undefined) {
      if (path === operation.path) return { operation, pathParams: {} };
      continue;
    }
    if (!path.startsWith(operation.path)) continue;
    const raw = path.slice(operation.path.length);
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      value = raw;
    }
    return { operation, pathParams: { [operation.label]: value } };
  }
  return undefined;
}

/** The bearer token of a request, if any. Never logged. */
export function bearerOf(request: IncomingMessage): string | undefined {
  const header = request.headers['x-amz-bearer'];
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value === '' ? undefined : value;
}

/** Looks a bearer up without judging it (for fault matching and logs). */
export function participantForBearer(
  context: EmulatorContext,
  kind: ParticipantOperation['bearer'],
  token: string | undefined,
): ParticipantRecord | undefined {
  if (token === undefined) return undefined;
  if (kind === 'participant') return context.store.participantTokens.get(token);
  const record = context.store.connectionTokens.get(token);
  return record ? context.store.findParticipant(record.participantId) : undefined;
}

function authorise(
  context: EmulatorContext,
  operation: ParticipantOperation,
  token: string | undefined,
): { participant: ParticipantRecord; contact: ContactRecord } {
  if (token === undefined)
    throw accessDenied('unable to authorize request; the X-Amz-Bearer header is missing');
  let participant: ParticipantRecord | undefined;
  if (operation.bearer === 'participant') {
    participant = context.store.participantTokens.get(token);
    if (participant?.participantTokenRevoked) participant = undefined;
  } else {
    const record = context.store.connectionTokens.get(token);
    if (record && context.store.isUsable(record))
      participant = context.store.findParticipant(record.participantId);
  }
  const contact = participant ? context.store.contacts.get(participant.contactId) : undefined;
  if (!participant || !contact)
    throw accessDenied('unable to authorize request; the token is invalid or expired');
  return { participant, contact };
}

/**
 * Bearer → (idempotent replay) → participant still in the chat → validation → ended chat → handler.
 * Returns the 200 body; throws a `ServiceError` otherwise.
 */
export function runOperation(
  context: EmulatorContext,
  operation: ParticipantOperation,
  pathParams: Record<string, string>,
  token: string | undefined,
  rawBody: Buffer,
): unknown {
  const { participant, contact } = authorise(context, operation, token);
  const body = operation.method === 'GET' ? {} : parseJsonObject(rawBody);
  const clientToken = typeof body.ClientToken === 'string' ? body.ClientToken : undefined;
  const cacheKey =
    operation.idempotent && clientToken
      ? `${participant.participantId}|${operation.name}|${clientToken}`
      : undefined;
  const cached = cacheKey === undefined ? undefined : context.store.idempotency.get(cacheKey);
  if (cached) return cached.body;
  // After the chat ended everyone has left; the ended-chat rules below decide instead (reads get a grace period).
  if (participant.state === 'LEFT' && contact.status === 'ACTIVE') {
    throw accessDenied('unable to authorize request; the participant has left the chat');
  }
  assertValid(body, operation.schema);
  if (contact.status === 'ENDED') {
    const graceOver = context.now() > (contact.endedAt ?? 0) + context.options.lifetimes.endedChatReadGraceMs;
    if (operation.endedChat === 'write' || graceOver) {
      throw accessDenied(`unable to ${operation.name}; the chat has ended`);
    }
  }
  const result = operation.handle(context, { body, pathParams, participant, contact });
  if (cacheKey !== undefined) context.store.idempotency.set(cacheKey, { status: 200, body: result });
  return result;
}
