/**
 * Read/delivered receipts the app sends with `sendEvent` (legacy-chatjs §9). ChatJS holds them in a two-stage
 * throttle; compat hosts core's receipts machine with `edge: 'trailing'` (a delivered receipt waits 300 ms for a
 * read to replace it, then everything waits for the end of a throttle window, and only the latest per kind is
 * sent) and turns the machine's reports back into one settled promise per `sendEvent` call.
 *
 * How each call settles:
 * - the receipt was sent: resolved with the SendEvent result, or rejected with the service error;
 * - a later receipt replaced it: settled like the receipt that replaced it (ChatJS never settled these: fix 12);
 * - the message was already read (or delivered): resolved `{ message: 'Event already fired' }` at once;
 * - more than two participants (the service refuses receipts there): rejected `{ errorMessage, data }`;
 * - the chat ended: rejected with the "No active connection" string.
 */

import type { ChatError, ChatSession, ConnectionClock, Item } from '@connect-chat/core';
import { createActor } from 'xstate';
import type { ReceiptIgnored } from './legacy.types';
import { noActiveConnection, toServiceError } from './legacy-errors';
import type { ResponseRecorder } from './response-recorder';

/** A receipt kind. */
export type ReceiptKind = 'read' | 'delivered';

/** Options of {@link createReceiptPipeline}. */
export interface ReceiptPipelineOptions {
  /** The core session whose outbox sends the receipts. */
  session: ChatSession;
  /** The throttle window. @defaultValue 5000 in ChatJS's configuration */
  throttleMs: number;
  clock: ConnectionClock | undefined;
  recorder: ResponseRecorder;
}

/** The receipts of one session. */
export interface ReceiptPipeline {
  /** Queues a receipt; the promise settles as the module comment says. */
  request(kind: ReceiptKind, messageId: string, metadata: unknown, args: unknown): Promise<unknown>;
  /** Marks a receipt as sent without sending it (e.g. `disableThrottle`, or known from the transcript). */
  markSent(kind: ReceiptKind, messageId: string): void;
  /** Whether a receipt of this kind for this message counts as already sent. */
  alreadySent(kind: ReceiptKind, messageId: string): boolean;
  /** Learns the receipts already sent from `MESSAGEMETADATA` items of a transcript page. */
  rehydrate(items: readonly Item[]): void;
  /** The number of active participants changed. */
  participantsChanged(count: number): void;
  /** The chat ended: nothing more is sent and everything waiting settles. */
  chatEnded(): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; reason: unknown };

interface Waiting {
  seq: number;
  kind: ReceiptKind;
  messageId: string;
  superseded: boolean;
  /** The `sendEvent` arguments, echoed in an "ignoring" rejection. */
  args: unknown;
  settle(outcome: (metadata: unknown) => Outcome): void;
}

/** Creates the receipts pipeline of one session and starts its machine. */
export function createReceiptPipeline(options: ReceiptPipelineOptions): ReceiptPipeline {
  const { session, recorder } = options;
  const read = new Set<string>();
  const delivered = new Set<string>();
  const waiting: Waiting[] = [];
  let seq = 0;
  let ended = false;

  // A second actor of the core session's receipts logic (the same machine, already provided with the session's
  // outbox as its sender), on ChatJS's trailing-edge timing.
  const actor = createActor(session.receiptsActor.logic, {
    input: { throttleMs: options.throttleMs, edge: 'trailing' },
    ...(options.clock ? { clock: options.clock } : {}),
  });

  const find = (kind: ReceiptKind, messageId: string): Waiting | undefined =>
    waiting.find((entry) => !entry.superseded && entry.kind === kind && entry.messageId === messageId);

  const finish = (entry: Waiting, outcome: (metadata: unknown) => Outcome): void => {
    const covered = waiting.filter(
      (other) =>
        other === entry ||
        (other.superseded && other.seq < entry.seq && (other.kind === entry.kind || entry.kind === 'read')),
    );
    for (const other of covered) {
      waiting.splice(waiting.indexOf(other), 1);
      other.settle(outcome);
    }
  };

  const alreadyFired = (metadata: unknown): Outcome => ({
    ok: true,
    value: { message: 'Event already fired', metadata },
  });

  actor.on('receipt.sent', ({ kind, messageId }) => {
    const entry = find(kind, messageId);
    if (!entry) return;
    const call = recorder.takeReceipt(kind, messageId);
    const output = call?.output ?? {};
    const data = {
      ...(output.Id !== undefined ? { Id: output.Id } : {}),
      ...(output.AbsoluteTime !== undefined ? { AbsoluteTime: output.AbsoluteTime } : {}),
      $metadata: call?.$metadata ?? { attempts: 0, totalRetryDelay: 0 },
    };
    finish(entry, (metadata) => ({ ok: true, value: { data, metadata } }));
  });
  actor.on('receipt.failed', ({ kind, messageId, error }) => {
    const entry = find(kind, messageId);
    if (entry)
      finish(entry, (metadata) => ({ ok: false, reason: toServiceError(error as ChatError, metadata) }));
  });
  actor.on('receipt.skipped', ({ kind, messageId, reason }) => {
    const entry = find(kind, messageId);
    if (!entry) return;
    if (reason === 'superseded') {
      entry.superseded = true;
      return;
    }
    if (reason === 'ended') finish(entry, () => ({ ok: false, reason: noActiveConnection('sendEvent') }));
    else if (reason === 'multiParty')
      finish(entry, () => ({
        ok: false,
        reason: receiptIgnored('receipts are not supported with more than two participants', entry.args),
      }));
    else finish(entry, alreadyFired);
  });
  // A receipt replaced by one that was then dropped would wait forever: once the machine is idle, nothing will
  // settle it, so it counts as fired.
  actor.subscribe((snapshot) => {
    if (!snapshot.hasTag('idle')) return;
    for (const entry of waiting.splice(0)) entry.settle(alreadyFired);
  });
  actor.start();

  const markSent = (kind: ReceiptKind, messageId: string): void => {
    (kind === 'read' ? read : delivered).add(messageId);
  };
  const alreadySent = (kind: ReceiptKind, messageId: string): boolean =>
    read.has(messageId) || (kind === 'delivered' && delivered.has(messageId));

  return {
    request(kind, messageId, metadata, args) {
      if (ended) return Promise.reject(noActiveConnection('sendEvent'));
      if (alreadySent(kind, messageId)) return Promise.resolve({ message: 'Event already fired', metadata });
      markSent(kind, messageId);
      return new Promise((resolve, reject) => {
        seq += 1;
        const entry: Waiting = {
          seq,
          kind,
          messageId,
          superseded: false,
          args,
          settle: (outcome) => {
            const settled = outcome(metadata);
            if (settled.ok) resolve(settled.value);
            else reject(settled.reason);
          },
        };
        waiting.push(entry);
        actor.send({
          type: kind === 'read' ? 'message.read' : 'message.arrived',
          messageId,
          orderKey: String(seq).padStart(12, '0'),
          senderParticipantId: undefined,
        });
      });
    },
    markSent,
    alreadySent,
    rehydrate(items) {
      for (const item of items) {
        if (item.Type !== 'MESSAGEMETADATA') continue;
        const messageId = item.MessageMetadata?.MessageId;
        const receipt = item.MessageMetadata?.Receipts?.[0];
        if (!messageId || !receipt) continue;
        if (receipt.ReadTimestamp) read.add(messageId);
        if (receipt.DeliveredTimestamp) delivered.add(messageId);
      }
    },
    participantsChanged(count) {
      actor.send({ type: 'participants.changed', count });
    },
    chatEnded() {
      if (ended) return;
      ended = true;
      actor.send({ type: 'chat.ended' });
    },
  };
}

/** ChatJS's rejection for a receipt it does not send: `{ errorMessage: "Ignoring messageReceipt: <why>", data }`. */
export function receiptIgnored(why: string, data: unknown): ReceiptIgnored {
  return { errorMessage: `Ignoring messageReceipt: ${why}`, data };
}
