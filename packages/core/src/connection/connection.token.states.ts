/** Pieces of the connection machine's table shared by both modes: detail fetches and the token refresh region. */
import type { ConnectionContext, FetchConnectionDetailsInput, FetchPurpose } from './connection.types';

/** The input of a `fetchConnectionDetails` (or `acknowledgeConnection`) invocation. */
export const fetchFor =
  (purpose: FetchPurpose) =>
  ({ context }: { context: ConnectionContext }): FetchConnectionDetailsInput => ({
    participantApi: context.deps.participantApi,
    credentials: context.deps.credentials,
    purpose,
    now: context.deps.now,
  });

/** A 403 from a detail fetch: the chat ended or the participant left. */
export const endedByAccessDenied = {
  guard: 'isAccessDenied',
  target: '#connection.ended',
  actions: 'markAccessDenied',
} as const;

/** Refreshes the connection token shortly before it expires, for as long as the region runs. */
export const tokenRegion = {
  initial: 'valid',
  states: {
    valid: { after: { tokenRefresh: 'refreshing' }, on: { 'session.tokenRejected': 'refreshing' } },
    refreshing: {
      invoke: {
        id: 'refreshToken',
        src: 'fetchConnectionDetails',
        input: fetchFor('token'),
        onDone: { target: 'valid', actions: ['storeDetails', 'emitTokenRefreshed'] },
        onError: [endedByAccessDenied, { target: 'retrying' }],
      },
    },
    retrying: {
      after: { tokenRefreshRetryDelay: 'refreshing' },
      on: { 'session.tokenRejected': 'refreshing' },
    },
  },
} as const;
