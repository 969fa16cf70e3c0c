/**
 * Read/delivered receipts the app sends with `sendEvent` (legacy-chatjs §9), on ChatJS's own two-stage timing:
 *
 * 1. Hold: a receipt replaces the one "latest" receipt of the session and, if no hold is running, starts one of
 *    300 ms; when it ends, the latest receipt moves on. A read for a message not yet read ends the hold at once and
 *    moves on itself. Moving on marks the message delivered (or read); a delivered for a message already read, or a
 *    read for one already read, settles as "Event already fired" instead; `disableThrottle` sends it now.
 * 2. Window: the receipt replaces the one "latest" receipt of the window and, if no window is open, opens one of
 *    the throttle time; when it closes, the latest receipt is sent. A read settles every read waiting up to its
 *    message; a delivered is sent first, then the latest read too if that read is still waiting, and each settles
 *    what waits up to its message.
 *
 * Requests go out at once, beside anything else the session sends (ChatJS sends them concurrently), each with its
 * own `ClientToken` (fix 7) and with the content the app gave. Unlike ChatJS, every call settles (fix 12): a
 * receipt that nothing will send any more (replaced before it moved on) resolves "Event already fired" once the
 * pipeline is idle. After the chat ended the request is skipped and the call gets no result, which ChatJS's
 * wrapper turns into a `TypeError`.
 */
import type { ReceiptIgnored } from './legacy.types';

/** A receipt kind. */
export type ReceiptKind = 'read' | 'delivered';

/** One receipt as the app asked for it. */
export interface ReceiptRequest {
  kind: ReceiptKind;
  /** The `messageId` of the content (any truthy value, as ChatJS takes it). */
  messageId: unknown;
  contentType: string;
  /** The content as the app gave it; sent as is. */
  content: string;
  /** `disableThrottle` in the content: sent when the hold ends, without a window. */
  disableThrottle: boolean;
  /** The throttle window, read when the receipt was asked for (ChatJS reads the global configuration then). */
  throttleMs: number;
}

/** What the pipeline needs from its session. */
export interface ReceiptPipelineOptions {
  /** Sends one receipt now; resolves the response, rejects ChatJS's error object. */
  send(request: ReceiptRequest): Promise<unknown>;
  /** Whether the chat has ended (then the request is skipped, as ChatJS skips it). */
  chatEnded(): boolean;
  /** Whether more than two participants are in the chat (the service refuses receipts there). */
  multiParty(): boolean;
  timers: { setTimeout(callback: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

/** The receipts of one session. */
export interface ReceiptPipeline {
  /** Takes a receipt; the promise settles with the response (or what stands for it), before `metadata`. */
  request(request: ReceiptRequest, args: unknown): Promise<unknown>;
  /** Learns the receipts already sent from `MESSAGEMETADATA` items of a transcript page. */
  rehydrate(items: readonly unknown[]): void;
}

/** ChatJS's hold before a delivered receipt moves on, so a read that follows can replace it. */
export const legacyDeliveredHoldMs = 300;

const alreadyFired = 'Event already fired';

type Outcome = { ok: true; value: unknown } | { ok: false; reason: unknown };

interface Waiter {
  settle(outcome: Outcome): void;
}

/** Creates the receipts pipeline of one session. */
export function createReceiptPipeline(options: ReceiptPipelineOptions): ReceiptPipeline {
  const { timers } = options;
  const read = new Set<unknown>();
  const delivered = new Set<unknown>();
  // Calls waiting, per kind, by message in the order each message was first asked for: a receipt sent for one
  // message settles the calls for it and for every message asked for before it.
  const waiting: Record<ReceiptKind, Map<unknown, Waiter[]>> = { read: new Map(), delivered: new Map() };
  let latestHeld: (() => void) | undefined;
  let holdTimer: unknown;
  let latestInWindow: (() => void) | undefined;
  let windowTimer: unknown;
  let latestRead: ReceiptRequest | undefined;
  let sending = 0;

  const settleUpTo = (kind: ReceiptKind, messageId: unknown, outcome: Outcome): void => {
    const ids = [...waiting[kind].keys()];
    const last = ids.indexOf(messageId);
    for (const id of ids.slice(0, last + 1)) {
      const waiters = waiting[kind].get(id) ?? [];
      waiting[kind].delete(id);
      for (const waiter of waiters) waiter.settle(outcome);
    }
  };

  // Fix 12: once nothing is held, windowed or on the wire, nothing will settle what still waits.
  const settleLeftovers = (): void => {
    if (holdTimer !== undefined || windowTimer !== undefined || sending > 0) return;
    for (const kind of ['read', 'delivered'] as const) {
      const waiters = [...waiting[kind].values()].flat();
      waiting[kind].clear();
      for (const waiter of waiters) waiter.settle({ ok: true, value: { message: alreadyFired } });
    }
  };

  const send = (request: ReceiptRequest): Promise<unknown> => {
    if (options.chatEnded()) return Promise.resolve(undefined);
    if (options.multiParty())
      return Promise.reject(
        receiptIgnored('receipts are not supported with more than two participants', request),
      );
    return options.send(request);
  };

  /** Counts a send and what it settles as in flight, so leftovers wait until it is all done. */
  const inFlight = (work: Promise<void>): void => {
    sending += 1;
    void work.finally(() => {
      sending -= 1;
      settleLeftovers();
    });
  };

  const outcomeOf = (sent: Promise<unknown>): Promise<Outcome> =>
    sent.then(
      (value): Outcome => ({ ok: true, value }),
      (reason: unknown): Outcome => ({ ok: false, reason }),
    );

  const closeWindow = (request: ReceiptRequest): void => {
    if (request.kind === 'read') {
      inFlight(outcomeOf(send(request)).then((settled) => settleUpTo('read', request.messageId, settled)));
      return;
    }
    const deliveredOutcome = outcomeOf(send(request));
    const lastRead = latestRead;
    const readOutcome =
      lastRead && waiting.read.has(lastRead.messageId) ? outcomeOf(send(lastRead)) : undefined;
    inFlight(
      Promise.all([deliveredOutcome, readOutcome]).then(([deliveredSettled, readSettled]) => {
        settleUpTo('delivered', request.messageId, deliveredSettled);
        if (lastRead && readSettled) settleUpTo('read', lastRead.messageId, readSettled);
      }),
    );
  };

  const toWindow = (request: ReceiptRequest): void => {
    if (request.kind === 'read') latestRead = request;
    latestInWindow = () => closeWindow(request);
    if (windowTimer !== undefined) return;
    windowTimer = timers.setTimeout(() => {
      windowTimer = undefined;
      const latest = latestInWindow;
      latestInWindow = undefined;
      latest?.();
      settleLeftovers();
    }, request.throttleMs);
  };

  const moveOn = (request: ReceiptRequest, own: Waiter): void => {
    const { kind, messageId } = request;
    if (kind === 'delivered') {
      delivered.add(messageId);
      if (read.has(messageId)) {
        // ChatJS settles these with the bare string, which its wrapper then refuses (a TypeError).
        settleUpTo('delivered', messageId, { ok: true, value: alreadyFired });
        own.settle({ ok: true, value: { message: alreadyFired } });
        return;
      }
    }
    if (read.has(messageId)) {
      settleUpTo('read', messageId, { ok: true, value: alreadyFired });
      own.settle({ ok: true, value: { message: alreadyFired } });
      return;
    }
    if (kind === 'read') read.add(messageId);
    if (request.disableThrottle) {
      inFlight(outcomeOf(send(request)).then((settled) => own.settle(settled)));
      return;
    }
    toWindow(request);
  };

  const endHold = (): void => {
    if (holdTimer !== undefined) timers.clearTimeout(holdTimer);
    holdTimer = undefined;
    const latest = latestHeld;
    latestHeld = undefined;
    latest?.();
    settleLeftovers();
  };

  return {
    request(request, args) {
      const { kind, messageId } = request;
      if (read.has(messageId) || (kind === 'delivered' && delivered.has(messageId)))
        return Promise.resolve({ message: alreadyFired });
      if (options.multiParty())
        return Promise.reject(
          receiptIgnored('receipts are not supported with more than two participants', args),
        );
      return new Promise((resolve, reject) => {
        let settled = false;
        const own: Waiter = {
          settle(outcome) {
            if (settled) return;
            settled = true;
            if (outcome.ok) resolve(outcome.value);
            else reject(outcome.reason);
          },
        };
        const waiters = waiting[kind].get(messageId) ?? [];
        waiters.push(own);
        waiting[kind].set(messageId, waiters);
        latestHeld = () => moveOn(request, own);
        if (holdTimer === undefined) holdTimer = timers.setTimeout(endHold, legacyDeliveredHoldMs);
        // A read is never held back: it moves on now, taking the place of whatever was held.
        if (kind === 'read' && !read.has(messageId)) endHold();
      });
    },
    rehydrate(items) {
      for (const item of items as { Type?: string; MessageMetadata?: ReceiptMetadata }[]) {
        if (item?.Type !== 'MESSAGEMETADATA') continue;
        const receipt = item.MessageMetadata?.Receipts?.[0];
        const messageId = item.MessageMetadata?.MessageId;
        if (receipt?.ReadTimestamp) read.add(messageId);
        if (receipt?.DeliveredTimestamp) delivered.add(messageId);
      }
    },
  };
}

interface ReceiptMetadata {
  MessageId?: string;
  Receipts?: { ReadTimestamp?: string; DeliveredTimestamp?: string }[];
}

/** ChatJS's rejection for a receipt it does not send: `{ errorMessage: "Ignoring messageReceipt: <why>", data }`. */
export function receiptIgnored(why: string, data: unknown): ReceiptIgnored {
  return { errorMessage: `Ignoring messageReceipt: ${why}`, data };
}
