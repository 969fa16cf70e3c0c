/** `GET /__auth/authorize`: the stand-in for the Cognito page GetAuthenticationUrl points at. */
import type { ServerResponse } from 'node:http';
import { EventContentType } from '@connect-chat/core';
import type { EmulatorContext } from './context';
import { sendJson } from './http';
import { eventDraft } from './lifecycle';

/**
 * Completes a pending session: emits `authentication.succeeded` (and `participant.displayname.updated` when a
 * `display_name` is given) and redirects to `redirect_uri`.
 */
export function handleAuthorize(
  context: EmulatorContext,
  response: ServerResponse,
  query: URLSearchParams,
): void {
  const session = context.store.authSessions.get(query.get('session') ?? '');
  const contact = session ? context.store.contacts.get(session.contactId) : undefined;
  const redirect = query.get('redirect_uri');
  if (!session || !contact || session.state !== 'PENDING' || !redirect) {
    sendJson(response, { message: 'unable to authorize; the session is unknown or finished' }, 400);
    return;
  }
  session.state = 'SUCCEEDED';
  context.store.appendItem(contact, eventDraft(EventContentType.authenticationSucceeded));
  const displayName = query.get('display_name');
  const participant = session.participantId ? contact.participants.get(session.participantId) : undefined;
  if (displayName && participant) {
    participant.displayName = displayName;
    context.store.appendItem(
      contact,
      eventDraft(EventContentType.participantDisplayNameUpdated, participant),
    );
  }
  response.writeHead(302, { location: redirect, 'content-length': '0' });
  response.end();
}
