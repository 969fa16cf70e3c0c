/**
 * Types of the receipts machine: the actor a session runs to send automatic `message.delivered` and `message.read`
 * receipts (SendEvent) for messages from other participants, throttled the way the service's own clients do.
 *
 * The session feeds it facts (a message arrived, the user read one, the participant count changed, the page is
 * going away, the chat ended); the machine decides what to send and when, and performs each send through its
 * `sendReceipt` actor, which calls the `send` function of the input. (A host may also replace the actor with
 * `.provide({ actors: { sendReceipt } })`; but `provide` builds a whole new machine, so a host that runs many
 * actors passes `send` instead and shares one machine.)
 *
 * How a receipt travels:
 * 1. **Held** (delivered only): a delivered receipt waits `deliveredHoldMs` so that a read for the same message can
 *    replace it. A read for the same or a later message drops every queued delivered at or before it.
 * 2. **Pending**: waiting for the throttle window. The first receipt that becomes pending while no window is open
 *    is sent at once and opens a window of `throttleMs`; later ones wait for the window to close, and only the
 *    latest per kind (by `orderKey`) survives. A window that closes with something pending sends it and opens the
 *    next window; so at most one read and one delivered go out per window.
 * 3. **Due**: chosen to be sent. Sends go one at a time, read before delivered; just before each send the receipt
 *    is checked again against what was already sent, so a delivered covered by a read that just went out is
 *    skipped.
 *
 * Every request the machine drops is reported with `receipt.skipped`, every send with `receipt.sent` or
 * `receipt.failed`, so a host that holds a promise per request can always settle it.
 */
import type { ChatError } from '../errors';

/** The two receipt kinds, as in `application/vnd.amazonaws.connect.event.message.{read,delivered}`. */
export type ReceiptKind = 'read' | 'delivered';

/**
 * One receipt the machine may send.
 * `orderKey` sorts in transcript order with a plain string comparison; the session uses `${AbsoluteTime}|${Id}`.
 */
export interface ReceiptRequest {
  kind: ReceiptKind;
  messageId: string;
  orderKey: string;
}

/** What the `sendReceipt` actor is started with. Its output is ignored; rejecting means the send failed. */
export interface ReceiptSendInput {
  kind: ReceiptKind;
  messageId: string;
  /** The input's `send`, if any. */
  send?: ReceiptSender | undefined;
}

/** Sends one receipt (SendEvent); rejecting means the send failed. `signal` aborts when the machine gives up. */
export type ReceiptSender = (
  request: { kind: ReceiptKind; messageId: string },
  signal: AbortSignal,
) => Promise<unknown>;

/** What the receipts machine is created with. */
export interface ReceiptsInput {
  /** This participant's id; receipts never go out for messages it sent. Unknown means every message is foreign. */
  selfParticipantId?: string | undefined;
  /** Performs each send (the default `sendReceipt` actor calls it). */
  send?: ReceiptSender | undefined;
  /** Length of the throttle window. @defaultValue 5000 ({@link defaultReceiptThrottleMs}) */
  throttleMs?: number | undefined;
  /** How long a delivered receipt waits for a read to replace it. @defaultValue 300 ({@link defaultDeliveredHoldMs}) */
  deliveredHoldMs?: number | undefined;
  /**
   * When a window sends. `leading`: the first receipt after a quiet period goes at once and opens a window.
   * `trailing`: the first receipt opens a window and everything waits for it to close, so every receipt is delayed
   * by the window (what ChatJS does; the compatibility layer uses it). @defaultValue `'leading'`
   */
  edge?: ReceiptWindowEdge | undefined;
}

/** When a throttle window sends: at its start, or at its end. */
export type ReceiptWindowEdge = 'leading' | 'trailing';

/** The machine's timings, after defaults. */
export interface ReceiptsDelays {
  throttleMs: number;
  deliveredHoldMs: number;
  edge: ReceiptWindowEdge;
}

/** The default throttle window, as the service's own clients use. @defaultValue 5000 */
export const defaultReceiptThrottleMs = 5_000;

/** The default hold of a delivered receipt. @defaultValue 300 */
export const defaultDeliveredHoldMs = 300;

/** Both default timings. @defaultValue `{ throttleMs: 5000, deliveredHoldMs: 300 }` */
export const defaultReceiptsDelays: Readonly<ReceiptsDelays> = {
  throttleMs: defaultReceiptThrottleMs,
  deliveredHoldMs: defaultDeliveredHoldMs,
  edge: 'leading',
};

/** A message the session reports: who sent it and where it sits in the transcript. */
export interface ReceiptMessage {
  messageId: string;
  /** Sorts in transcript order with `<`; the session passes `${AbsoluteTime}|${Id}`. */
  orderKey: string;
  /** The participant who sent the message; receipts are never sent for this participant's own messages. */
  senderParticipantId: string | undefined;
}

/** A receipt this participant already sent, as learned from the transcript. */
export interface KnownReceipt {
  kind: ReceiptKind;
  messageId: string;
  orderKey: string;
}

/**
 * Events the receipts machine accepts (from its host).
 * - `message.arrived`: a message (or attachment) from someone else reached the app; queues a delivered receipt.
 * - `message.read`: the user has seen a message; queues a read receipt.
 * - `receipts.known`: receipts this participant already sent (from the transcript); neither they nor anything at
 *   or before them (same kind, or a delivered at or before a known read) is sent again.
 * - `participants.changed`: how many participants are active, self included. With more than two the service
 *   refuses receipts: everything queued is dropped and nothing is sent until the count is two or fewer.
 * - `page.hidden`: the page may be going away; everything held or pending is sent at once, without waiting for
 *   the hold or the window (a window still open stays open).
 * - `chat.ended`: everything queued is dropped and nothing is ever sent again; a send in flight is abandoned.
 */
export type ReceiptsEvent =
  | ({ type: 'message.arrived' } & ReceiptMessage)
  | ({ type: 'message.read' } & ReceiptMessage)
  | { type: 'receipts.known'; receipts: KnownReceipt[] }
  | { type: 'participants.changed'; count: number }
  | { type: 'page.hidden' }
  | { type: 'chat.ended' };

/**
 * The machine's own event, raised when the service answers a receipt with 409 `ConflictException`: it then behaves
 * as in a chat of more than two until the next `participants.changed` with two or fewer.
 */
export type ReceiptsInternalEvent = { type: 'send.refused' };

/**
 * Why a receipt request was dropped without being sent.
 * - `superseded`: a later receipt of the same kind, or a read for the same or a later message, replaced it.
 * - `ownMessage`: the message was sent by this participant.
 * - `alreadySent`: a receipt of the same kind for this or a later message was already sent (or known).
 * - `multiParty`: the chat has more than two participants, or the service refused receipts (409).
 * - `ended`: the chat ended.
 */
export type ReceiptSkipReason = 'superseded' | 'ownMessage' | 'alreadySent' | 'multiParty' | 'ended';

/**
 * Events the receipts machine emits (listen with `actor.on(type, fn)`).
 * - `receipt.sent`: the `sendReceipt` actor resolved.
 * - `receipt.failed`: the `sendReceipt` actor rejected; the receipt is not retried (the participant-API adapter
 *   already retries transient failures).
 * - `receipt.skipped`: a request was dropped without a send; emitted once per dropped request.
 */
export type ReceiptsEmitted =
  | { type: 'receipt.sent'; kind: ReceiptKind; messageId: string }
  | { type: 'receipt.failed'; kind: ReceiptKind; messageId: string; error: ChatError }
  | { type: 'receipt.skipped'; kind: ReceiptKind; messageId: string; reason: ReceiptSkipReason };

/** At most one receipt per kind: the latest one waiting at a given stage. */
export interface ReceiptSlots {
  read: ReceiptRequest | undefined;
  delivered: ReceiptRequest | undefined;
}

/** The `orderKey` of the latest receipt sent (or known to be sent) per kind. */
export interface SentMarks {
  read: string | undefined;
  delivered: string | undefined;
}

/** A request dropped by a policy function, and why. */
export interface SkippedReceipt {
  request: ReceiptRequest;
  reason: ReceiptSkipReason;
}

/** The receipts waiting at each stage, the part of the machine's memory the policy functions rearrange. */
export interface ReceiptQueue {
  /** The delivered receipt whose hold timer is running. */
  held: ReceiptRequest | undefined;
  /** The latest delivered receipt that arrived while the hold timer was running; it is held next. */
  nextHeld: ReceiptRequest | undefined;
  /** Waiting for the throttle window to close. */
  pending: ReceiptSlots;
  /** Chosen to be sent as soon as no other send is in flight. */
  due: ReceiptSlots;
}

/** The receipts machine's memory. */
export interface ReceiptsContext extends ReceiptQueue {
  selfParticipantId: string | undefined;
  /** The input's `send`. A function: snapshots serialised as JSON leave it out. */
  send: ReceiptSender | undefined;
  delays: ReceiptsDelays;
  /** The receipt being sent. */
  inFlight: ReceiptRequest | undefined;
  /** What was already sent or is known to be sent. */
  sent: SentMarks;
}

/**
 * Names of the machine's states, for diagnostics. The machine is `active` (parallel regions `hold`, `window`,
 * `sending`, `service` and `activity`) until `chat.ended`, then `ended` for good. `ended` is not an XState final
 * state, so that requests arriving after the end are still answered with `receipt.skipped` (reason `ended`).
 * The tag `idle` is on `active.activity.idle` and `ended`: nothing is held, pending, due or in flight.
 */
export type ReceiptsTag = 'idle';
