/**
 * The arrival gate: what the session puts between incoming messages and the receipts machine.
 *
 * While the machine holds a delivered receipt, every newer arrival only replaces the one that will be held next, so
 * a burst of messages would run a macrostep of the machine per message to keep one value up to date. The gate keeps
 * that value itself: while the machine is holding, it keeps the newest arrival and hands it over the moment the hold
 * ends, which is when the machine would have taken it from its own `nextHeld`. Every other event goes through at
 * once, after the kept arrival, so the machine sees the same events in the same order, minus the arrivals that
 * would only have been superseded. On the wire nothing changes: the same receipts go out at the same times.
 */
import type { Actor } from 'xstate';
import { isNewer } from './receipt-window';
import type { receiptsMachine } from './receipts.machine';
import type { ReceiptsEvent } from './receipts.types';

type ArrivalEvent = Extract<ReceiptsEvent, { type: 'message.arrived' }>;

/** Sends events to a receipts actor, coalescing delivered-receipt arrivals while it holds one. */
export interface ArrivalGate {
  /** Sends `event` to the machine, or keeps it if it is an arrival the machine would only hold as next. */
  send(event: ReceiptsEvent): void;
  /** Stops watching the actor; a kept arrival is dropped (the session is closing). */
  stop(): void;
}

const isHolding = (actor: Actor<typeof receiptsMachine>): boolean =>
  actor.getSnapshot().matches({ active: { hold: 'holding' } });

/**
 * Creates the gate in front of a started receipts actor.
 *
 * @example
 * ```ts
 * const gate = createArrivalGate(receiptsActor);
 * gate.send({ type: 'message.arrived', messageId, orderKey, senderParticipantId });
 * ```
 */
export function createArrivalGate(actor: Actor<typeof receiptsMachine>): ArrivalGate {
  const self = actor.getSnapshot().context.selfParticipantId;
  let kept: ArrivalEvent | undefined;
  let holding = isHolding(actor);

  const release = (): void => {
    const event = kept;
    kept = undefined;
    if (event) actor.send(event);
  };

  const subscription = actor.subscribe(() => {
    holding = isHolding(actor);
    if (!holding && kept) release();
  });

  return {
    send(event) {
      // The machine skips arrivals of own messages; kept, one would stand in for a newer message of someone else.
      if (event.type === 'message.arrived' && holding && event.senderParticipantId !== self) {
        if (!kept || isNewer(event.orderKey, kept.orderKey)) kept = event;
        return;
      }
      release();
      actor.send(event);
    },
    stop() {
      kept = undefined;
      subscription.unsubscribe();
    },
  };
}
