// Scenario helpers for the contract suite: a joined customer, and the outcome of a call in comparable form.
import { type ChatError, isChatError, type ParticipantApi } from '@connect-chat/core';
import type { EmulatorControl } from './emulator-control';

/** A customer who joined a fresh contact and holds a connection token. */
export interface JoinedCustomer {
  readonly contactId: string;
  readonly participantId: string;
  readonly participantToken: string;
  readonly connectionToken: string;
}

/** Creates a contact through the control API and connects its customer through the adapter under test. */
export async function joinAsCustomer(control: EmulatorControl, api: ParticipantApi): Promise<JoinedCustomer> {
  const contact = await control.createContact();
  const connection = await api.createParticipantConnection({
    ParticipantToken: contact.ParticipantToken,
    Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'],
    ConnectParticipant: true,
  });
  const connectionToken = connection.ConnectionCredentials?.ConnectionToken;
  if (connectionToken === undefined)
    throw new Error('CreateParticipantConnection returned no connection token');
  return {
    contactId: contact.ContactId,
    participantId: contact.ParticipantId,
    participantToken: contact.ParticipantToken,
    connectionToken,
  };
}

/** The caller-visible fields of a `ChatError`, for comparing adapters. */
export interface ErrorOutcome {
  readonly code: string;
  readonly status: number | undefined;
  readonly serviceErrorName: string | undefined;
  readonly operation: string | undefined;
  readonly attempts: number | undefined;
}

/** Awaits a call that must fail and returns its `ChatError`. */
export async function rejectionOf(call: Promise<unknown>): Promise<ChatError> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  if (!isChatError(outcome.error)) throw new Error(`expected a ChatError, got ${String(outcome.error)}`);
  return outcome.error;
}

/** Reduces a `ChatError` to the fields both adapters must agree on. */
export function errorOutcome(error: ChatError): ErrorOutcome {
  return {
    code: error.code,
    status: error.status,
    serviceErrorName: error.serviceErrorName,
    operation: error.operation,
    attempts: error.attempts,
  };
}
