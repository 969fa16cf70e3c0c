/** DescribeView, GetAuthenticationUrl and CancelParticipantAuthentication (§1.4.9-§1.4.11). */
import { EventContentType } from '@connect-chat/core';
import type { EmulatorContext } from '../context';
import { resourceNotFound, validationError } from '../errors';
import { eventDraft } from '../lifecycle';
import type { AuthSessionRecord, ContactRecord } from '../state.types';
import type { ParticipantOperation } from './operation.types';

const describeView: ParticipantOperation = {
  name: 'DescribeView',
  method: 'GET',
  path: '/participant/views/',
  label: 'ViewToken',
  bearer: 'connection',
  endedChat: 'read',
  idempotent: false,
  schema: {},
  handle(context, { pathParams }) {
    const viewToken = pathParams.ViewToken ?? '';
    if (viewToken.length < 1 || viewToken.length > 1000) {
      throw validationError(
        `1 validation error detected: Value at 'viewToken' failed to satisfy constraint: Member must have length between 1 and 1000`,
      );
    }
    // Own properties only: a token like "__proto__" or "constructor" must not find Object.prototype's members.
    const view = Object.hasOwn(context.options.views, viewToken)
      ? context.options.views[viewToken]
      : undefined;
    if (!view)
      throw resourceNotFound(
        `unable to describe view; view ${viewToken} does not exist`,
        viewToken,
        'CONTACT_FLOW',
      );
    return { View: view };
  },
};

const sessionId = { kind: 'string', required: true, min: 36, max: 36 } as const;

function pendingSession(
  context: EmulatorContext,
  contact: ContactRecord,
  id: string,
  withinWindow: boolean,
): AuthSessionRecord {
  const session = context.store.authSessions.get(id);
  const fresh =
    session !== undefined && context.now() - session.issuedAt < context.options.lifetimes.authSessionWindowMs;
  if (
    !session ||
    session.contactId !== contact.contactId ||
    session.state !== 'PENDING' ||
    (withinWindow && !fresh)
  ) {
    throw validationError(`unable to use authentication session ${id}; it is unknown, finished or expired`);
  }
  return session;
}

const getAuthenticationUrl: ParticipantOperation = {
  name: 'GetAuthenticationUrl',
  method: 'POST',
  path: '/participant/authentication-url',
  bearer: 'connection',
  endedChat: 'write',
  idempotent: false,
  schema: { SessionId: sessionId, RedirectUri: { kind: 'string', required: true, min: 1, max: 1024 } },
  handle(context, { body, contact }) {
    const session = pendingSession(context, contact, body.SessionId as string, true);
    const query = new URLSearchParams({
      session: session.sessionId,
      redirect_uri: body.RedirectUri as string,
    });
    return { AuthenticationUrl: `${context.httpBase()}/__auth/authorize?${query}` };
  },
};

const cancelParticipantAuthentication: ParticipantOperation = {
  name: 'CancelParticipantAuthentication',
  method: 'POST',
  path: '/participant/cancel-authentication',
  bearer: 'connection',
  endedChat: 'write',
  idempotent: false,
  schema: { SessionId: sessionId },
  handle(context, { body, contact }) {
    const session = pendingSession(context, contact, body.SessionId as string, false);
    session.state = 'CANCELLED';
    context.store.appendItem(contact, eventDraft(EventContentType.authenticationCancelled));
    return {};
  },
};

/** The view and authentication operations. */
export const viewAndAuthenticationOperations: readonly ParticipantOperation[] = [
  describeView,
  getAuthenticationUrl,
  cancelParticipantAuthentication,
];
