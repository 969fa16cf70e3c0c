/** The receipts machine: see `receipts.types.ts` for the stages a receipt goes through and the events. */
import { and, fromPromise, not, setup } from 'xstate';
import { ChatError, ChatErrorCode, isChatError } from '../errors';
import {
  addToSlots,
  coveredBy,
  emptyQueue,
  emptySlots,
  flushQueue,
  holdDelivered,
  mergeSlots,
  noneSent,
  queuedRequests,
  queueRead,
  receiptToSend,
  recordKnown,
  recordSent,
  slotsList,
} from './receipt-window';
import {
  defaultReceiptsDelays,
  type ReceiptRequest,
  type ReceiptSendInput,
  type ReceiptSkipReason,
  type ReceiptsContext,
  type ReceiptsEmitted,
  type ReceiptsEvent,
  type ReceiptsInput,
  type ReceiptsInternalEvent,
  type ReceiptsTag,
} from './receipts.types';

type AnyReceiptsEvent = ReceiptsEvent | ReceiptsInternalEvent;

const requestOf = (event: AnyReceiptsEvent): ReceiptRequest | undefined =>
  event.type === 'message.arrived' || event.type === 'message.read'
    ? {
        kind: event.type === 'message.read' ? 'read' : 'delivered',
        messageId: event.messageId,
        orderKey: event.orderKey,
      }
    : undefined;

// Events outside the union (actor results) reach actions and guards at runtime.
const errorOf = (event: { type: string }): unknown => (event as { error?: unknown }).error;

const skipped = (request: ReceiptRequest, reason: ReceiptSkipReason): ReceiptsEmitted => ({
  type: 'receipt.skipped',
  kind: request.kind,
  messageId: request.messageId,
  reason,
});

const receiptsSetup = setup({
  types: {
    context: {} as ReceiptsContext,
    events: {} as AnyReceiptsEvent,
    input: {} as ReceiptsInput,
    emitted: {} as ReceiptsEmitted,
    tags: {} as ReceiptsTag,
  },
  actors: {
    sendReceipt: fromPromise<unknown, ReceiptSendInput>(async ({ input, signal }) => {
      if (!input.send)
        throw new ChatError(
          ChatErrorCode.unsupported,
          `unable to send ${input.kind} receipt; the machine was given no send function`,
        );
      return input.send({ kind: input.kind, messageId: input.messageId }, signal);
    }),
  },
  guards: {
    isOwnMessage: ({ context, event }) =>
      requestOf(event) !== undefined &&
      context.selfParticipantId !== undefined &&
      'senderParticipantId' in event &&
      event.senderParticipantId === context.selfParticipantId,
    isAlreadySent: ({ context, event }) => {
      const request = requestOf(event);
      return request !== undefined && coveredBy(request, context.sent) !== undefined;
    },
    isMultiParty: ({ event }) => event.type === 'participants.changed' && event.count > 2,
    isConflict: ({ event }) => {
      const error = errorOf(event);
      return isChatError(error) && error.code === ChatErrorCode.conflict;
    },
    hasNextHeld: ({ context }) => context.nextHeld !== undefined,
    nothingHeld: ({ context }) => context.held === undefined && context.nextHeld === undefined,
    hasPendingOrDue: ({ context }) =>
      slotsList(context.pending).length > 0 || slotsList(context.due).length > 0,
    hasDue: ({ context }) => slotsList(context.due).length > 0,
    isTrailing: ({ context }) => context.delays.edge === 'trailing',
    hasPending: ({ context }) => slotsList(context.pending).length > 0,
    nextIsSendable: ({ context }) => receiptToSend(context.due, context.sent).next !== undefined,
    nothingQueued: ({ context }) => queuedRequests(context).length === 0 && context.inFlight === undefined,
  },
  delays: {
    deliveredHold: ({ context }) => context.delays.deliveredHoldMs,
    throttleWindow: ({ context }) => context.delays.throttleMs,
  },
});

const { assign, enqueueActions, raise } = receiptsSetup;

const skipRequest = (reason: ReceiptSkipReason) =>
  enqueueActions(({ event, enqueue }) => {
    const request = requestOf(event);
    if (request) enqueue.emit(skipped(request, reason));
  });

const dropQueued = (reason: ReceiptSkipReason, abandonInFlight: boolean) =>
  enqueueActions(({ context, enqueue }) => {
    const dropped =
      abandonInFlight && context.inFlight
        ? [...queuedRequests(context), context.inFlight]
        : queuedRequests(context);
    for (const request of dropped) enqueue.emit(skipped(request, reason));
    enqueue.assign(abandonInFlight ? { ...emptyQueue, inFlight: undefined } : emptyQueue);
  });

const whenOwn = { guard: 'isOwnMessage', actions: 'skipOwn' } as const;
const whenAlreadySent = { guard: 'isAlreadySent', actions: 'skipCovered' } as const;

const initialContext = (input: ReceiptsInput): ReceiptsContext => ({
  selfParticipantId: input.selfParticipantId,
  send: input.send,
  delays: {
    throttleMs: input.throttleMs ?? defaultReceiptsDelays.throttleMs,
    deliveredHoldMs: input.deliveredHoldMs ?? defaultReceiptsDelays.deliveredHoldMs,
    edge: input.edge ?? defaultReceiptsDelays.edge,
  },
  ...emptyQueue,
  inFlight: undefined,
  sent: noneSent,
});

/** Sends automatic delivered and read receipts for other participants' messages, held and throttled. */
export const receiptsMachine = receiptsSetup
  .extend({
    actions: {
      holdDelivered: enqueueActions(({ context, event, enqueue }) => {
        const request = requestOf(event);
        if (!request) return;
        const { nextHeld, dropped } = holdDelivered(context.held, context.nextHeld, request);
        if (dropped) enqueue.emit(skipped(dropped, 'superseded'));
        enqueue.assign({ nextHeld });
      }),
      queueRead: enqueueActions(({ context, event, enqueue }) => {
        const read = requestOf(event);
        if (!read) return;
        const { queue, superseded } = queueRead(context, read);
        for (const request of superseded) enqueue.emit(skipped(request, 'superseded'));
        enqueue.assign(queue);
      }),
      armHold: assign(({ context }) => ({ held: context.nextHeld, nextHeld: undefined })),
      releaseHeld: enqueueActions(({ context, enqueue }) => {
        if (!context.held) return;
        const { slots, dropped } = addToSlots(context.pending, context.held);
        if (dropped) enqueue.emit(skipped(dropped, 'superseded'));
        enqueue.assign({ pending: slots, held: undefined });
      }),
      pendingToDue: enqueueActions(({ context, enqueue }) => {
        const { slots, dropped } = mergeSlots(context.due, context.pending);
        for (const request of dropped) enqueue.emit(skipped(request, 'superseded'));
        enqueue.assign({ due: slots, pending: emptySlots });
      }),
      flush: enqueueActions(({ context, enqueue }) => {
        const { queue, superseded } = flushQueue(context);
        for (const request of superseded) enqueue.emit(skipped(request, 'superseded'));
        enqueue.assign(queue);
      }),
      takeNext: enqueueActions(({ context, enqueue }) => {
        const { next, skipped: passed, rest } = receiptToSend(context.due, context.sent);
        for (const { request, reason } of passed) enqueue.emit(skipped(request, reason));
        enqueue.assign({ due: rest, inFlight: next });
      }),
      reportSent: enqueueActions(({ context, enqueue }) => {
        const request = context.inFlight;
        if (!request) return;
        enqueue.emit({ type: 'receipt.sent', kind: request.kind, messageId: request.messageId });
        enqueue.assign({ sent: recordSent(context.sent, request), inFlight: undefined });
      }),
      reportFailure: enqueueActions(({ context, event, enqueue }) => {
        const request = context.inFlight;
        if (!request) return;
        const cause = errorOf(event);
        const error = isChatError(cause)
          ? cause
          : new ChatError(ChatErrorCode.unknown, `unable to send ${request.kind} receipt; the send failed`, {
              cause,
            });
        enqueue.emit({ type: 'receipt.failed', kind: request.kind, messageId: request.messageId, error });
        enqueue.assign({ inFlight: undefined });
      }),
      recordKnown: assign(({ context, event }) =>
        event.type === 'receipts.known' ? { sent: recordKnown(context.sent, event.receipts) } : {},
      ),
      skipCovered: enqueueActions(({ context, event, enqueue }) => {
        const request = requestOf(event);
        const reason = request && coveredBy(request, context.sent);
        if (request && reason) enqueue.emit(skipped(request, reason));
      }),
      skipOwn: skipRequest('ownMessage'),
      skipMultiParty: skipRequest('multiParty'),
      skipEnded: skipRequest('ended'),
      dropForMultiParty: dropQueued('multiParty', false),
      dropForEnd: dropQueued('ended', true),
      raiseRefused: raise({ type: 'send.refused' }),
    },
  })
  .createMachine({
    id: 'receipts',
    context: ({ input }) => initialContext(input),
    on: { 'receipts.known': { actions: 'recordKnown' } },
    initial: 'active',
    states: {
      active: {
        type: 'parallel',
        on: {
          'page.hidden': { actions: 'flush' },
          'chat.ended': { target: 'ended', actions: 'dropForEnd' },
        },
        states: {
          service: {
            initial: 'accepting',
            states: {
              accepting: {
                on: {
                  'message.arrived': [whenOwn, whenAlreadySent, { actions: 'holdDelivered' }],
                  'message.read': [whenOwn, whenAlreadySent, { actions: 'queueRead' }],
                  'participants.changed': { guard: 'isMultiParty', target: 'refusing' },
                  'send.refused': { target: 'refusing' },
                },
              },
              refusing: {
                entry: 'dropForMultiParty',
                on: {
                  'message.arrived': [whenOwn, { actions: 'skipMultiParty' }],
                  'message.read': [whenOwn, { actions: 'skipMultiParty' }],
                  'participants.changed': { guard: not('isMultiParty'), target: 'accepting' },
                },
              },
            },
          },
          hold: {
            initial: 'empty',
            states: {
              empty: { always: { guard: 'hasNextHeld', target: 'holding' } },
              holding: {
                entry: 'armHold',
                always: { guard: 'nothingHeld', target: 'empty' },
                // A delivered that arrived during this hold gets a whole hold of its own.
                after: {
                  deliveredHold: [
                    { guard: 'hasNextHeld', target: 'holding', reenter: true, actions: 'releaseHeld' },
                    { target: 'empty', actions: 'releaseHeld' },
                  ],
                },
              },
            },
          },
          // Open while a receipt sent (or due) recently holds back the next one.
          window: {
            initial: 'closed',
            states: {
              closed: {
                always: [
                  { guard: and(['hasPending', 'isTrailing']), target: 'collecting' },
                  {
                    guard: and(['hasPendingOrDue', not('isTrailing')]),
                    target: 'open',
                    actions: 'pendingToDue',
                  },
                ],
              },
              open: { after: { throttleWindow: { target: 'closed' } } },
              // Trailing edge: the window gathers receipts and sends the latest when it closes.
              collecting: { after: { throttleWindow: { target: 'closed', actions: 'pendingToDue' } } },
            },
          },
          sender: {
            initial: 'ready',
            states: {
              ready: {
                always: [
                  { guard: 'nextIsSendable', target: 'sending', actions: 'takeNext' },
                  // Only receipts covered by what was sent meanwhile are due: takeNext skips them.
                  { guard: 'hasDue', actions: 'takeNext' },
                ],
              },
              sending: {
                invoke: {
                  id: 'sendReceipt',
                  src: 'sendReceipt',
                  input: ({ context }) => ({
                    kind: context.inFlight!.kind,
                    messageId: context.inFlight!.messageId,
                    send: context.send,
                  }),
                  onDone: { target: 'ready', actions: 'reportSent' },
                  onError: [
                    // Dropped here, not only on entering `refusing`: eventless transitions (the next send) run
                    // before the raised event is taken.
                    {
                      guard: 'isConflict',
                      target: 'ready',
                      actions: ['reportFailure', 'dropForMultiParty', 'raiseRefused'],
                    },
                    { target: 'ready', actions: 'reportFailure' },
                  ],
                },
              },
            },
          },
          // Mirrors the queue so that `idle` can be a tag: a tag cannot say "and" across regions.
          activity: {
            initial: 'idle',
            states: {
              idle: { tags: 'idle', always: { guard: not('nothingQueued'), target: 'busy' } },
              busy: { always: { guard: 'nothingQueued', target: 'idle' } },
            },
          },
        },
      },
      // Terminal but not `final`: requests that still arrive are answered with `receipt.skipped`.
      ended: {
        tags: 'idle',
        on: { 'message.arrived': { actions: 'skipEnded' }, 'message.read': { actions: 'skipEnded' } },
      },
    },
  });
