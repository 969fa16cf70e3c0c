/** How one Participant Service operation is declared for the router. */
import type { EmulatorContext } from '../context';
import type { ContactRecord, ParticipantRecord } from '../state.types';
import type { Schema } from '../validation';

/** Which token table authorises an operation (§1.2). */
export type BearerKind = 'participant' | 'connection';

/**
 * How an ended chat treats an operation (§5.3 rule 3): `write` → 403; `read` → allowed during the grace period.
 */
export type EndedChatAccess = 'write' | 'read';

/** A validated, authorised request. */
export interface OperationRequest {
  body: Record<string, unknown>;
  pathParams: Readonly<Record<string, string>>;
  participant: ParticipantRecord;
  contact: ContactRecord;
}

/** One operation: its HTTP binding, token, rules and handler. */
export interface ParticipantOperation {
  name: string;
  method: 'GET' | 'POST';
  /** Exact path, or a prefix ending in `/` whose remainder is the `{label}`. */
  path: string;
  label?: string;
  bearer: BearerKind;
  endedChat: EndedChatAccess;
  /** Whether a repeated `ClientToken` replays the first response. */
  idempotent: boolean;
  schema: Schema;
  /** Returns the 200 body, or throws a `ServiceError`. */
  handle(context: EmulatorContext, request: OperationRequest): unknown;
}
