// Model-based tests: walk every reachable state of the receipts machine with xstate/graph over a small set of
// messages, and check on every snapshot that the states agree with the queue they stand for.
import { describe, expect, it } from 'vitest';
import { type AnyStateNode, createActor, fromPromise, SimulatedClock, type SnapshotFrom } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { ChatError, ChatErrorCode } from '../errors';
import { queuedRequests } from './receipt-window';
import { receiptsMachine } from './receipts.machine';
import type { ReceiptSendInput, ReceiptsEvent, ReceiptWindowEdge } from './receipts.types';

type Snapshot = SnapshotFrom<typeof receiptsMachine>;
type AnyEvent = ReceiptsEvent | { type: string; [key: string]: unknown };

const key = (n: number) => `2024-01-01T00:00:0${n}.000Z|m${n}`;
const message = (n: number, sender = 'agent') => ({
  messageId: `m${n}`,
  orderKey: key(n),
  senderParticipantId: sender,
});

const delayedEventTypes = (node: AnyStateNode): string[] => [
  ...node.after.map((transition) => transition.eventType),
  ...Object.values(node.states).flatMap((child) => delayedEventTypes(child as AnyStateNode)),
];

const leafIds = (node: AnyStateNode): string[] => {
  const children = Object.values(node.states) as AnyStateNode[];
  return children.length === 0 ? [node.id] : children.flatMap(leafIds);
};

const events: AnyEvent[] = [
  { type: 'message.arrived', ...message(1) },
  { type: 'message.arrived', ...message(2) },
  { type: 'message.arrived', ...message(3, 'me') },
  { type: 'message.read', ...message(1) },
  { type: 'message.read', ...message(2) },
  { type: 'receipts.known', receipts: [{ kind: 'read', messageId: 'm1', orderKey: key(1) }] },
  { type: 'participants.changed', count: 3 },
  { type: 'participants.changed', count: 2 },
  { type: 'page.hidden' },
  { type: 'chat.ended' },
  { type: 'xstate.done.actor.sendReceipt', output: undefined },
  { type: 'xstate.error.actor.sendReceipt', error: new ChatError(ChatErrorCode.conflict, 'conflict') },
  { type: 'xstate.error.actor.sendReceipt', error: new ChatError(ChatErrorCode.network, 'offline') },
  ...delayedEventTypes(receiptsMachine.root).map((type) => ({ type })),
];

const canHappen = (snapshot: Snapshot, event: AnyEvent): boolean => {
  if (event.type.startsWith('xstate.done.actor.') || event.type.startsWith('xstate.error.actor.'))
    return 'sendReceipt' in snapshot.children;
  const delayed = /^xstate\.after\.[^.]+\.(.+)$/.exec(event.type);
  if (delayed) return snapshot._nodes.some((node) => node.id === delayed[1]);
  return true;
};

const serializeState = (snapshot: Snapshot): string => {
  const { held, nextHeld, pending, due, inFlight, sent } = snapshot.context;
  return JSON.stringify({ value: snapshot.value, held, nextHeld, pending, due, inFlight, sent });
};

// Both window edges: `leading` (the default) and `trailing` (ChatJS timing, which adds the `collecting` state).
const pathsFor = (edge: ReceiptWindowEdge) =>
  getShortestPaths(receiptsMachine, {
    input: { selfParticipantId: 'me', edge },
    events: events as ReceiptsEvent[],
    filterEvents: canHappen,
    serializeState,
  }).map((path) => ({ ...path, edge }));
const paths = [...pathsFor('leading'), ...pathsFor('trailing')];

function checkInvariants(snapshot: Snapshot): void {
  const { context } = snapshot;
  const queued = queuedRequests(context);
  const settled = queued.length === 0 && context.inFlight === undefined;
  expect(snapshot.hasTag('idle'), 'idle exactly when nothing is queued or in flight').toBe(settled);
  if (snapshot.matches('ended')) {
    expect(settled).toBe(true);
    return;
  }
  expect(snapshot.matches({ active: { sender: 'sending' } })).toBe(context.inFlight !== undefined);
  expect('sendReceipt' in snapshot.children).toBe(context.inFlight !== undefined);
  if (snapshot.matches({ active: { hold: 'empty' } }))
    expect([context.held, context.nextHeld]).toEqual([undefined, undefined]);
  if (snapshot.matches({ active: { window: 'closed' } })) {
    // Leading: nothing waits while no window is open. Trailing: receipts being sent may still be due.
    const waiting =
      context.delays.edge === 'leading'
        ? [...Object.values(context.pending), ...Object.values(context.due)]
        : Object.values(context.pending);
    expect(waiting.every((slot) => slot === undefined)).toBe(true);
  }
  if (snapshot.matches({ active: { service: 'refusing' } })) expect(queued).toEqual([]);
  if (snapshot.matches({ active: { sender: 'ready' } }))
    expect(context.due).toEqual({ read: undefined, delivered: undefined });
  for (const request of queued) expect(request.messageId).not.toBe('m3');
}

describe('receipts machine graph', () => {
  it('RCPT-80 reaches every state of the machine', () => {
    const reached = new Set(
      paths.flatMap((path) =>
        path.state._nodes
          .filter((node) => node.type === 'atomic' || node.type === 'final')
          .map((node) => node.id),
      ),
    );
    expect([...reached].sort()).toEqual(leafIds(receiptsMachine.root).sort());
    expect(paths.length).toBeGreaterThan(1_000);
  });

  it('RCPT-81 holds the invariants on every step of every path', () => {
    for (const path of paths) for (const step of path.steps) checkInvariants(step.state);
  });

  it('RCPT-82 replays paths on a live actor and reaches the same states', () => {
    // Sends never settle on their own: the paths deliver their results as events.
    const machine = receiptsMachine.provide({
      actors: { sendReceipt: fromPromise<unknown, ReceiptSendInput>(() => new Promise(() => undefined)) },
    });
    for (const path of paths) {
      const actor = createActor(machine, {
        input: { selfParticipantId: 'me', edge: path.edge },
        clock: new SimulatedClock(),
      }).start();
      for (const step of path.steps) {
        actor.send(step.event);
        expect(serializeState(actor.getSnapshot()), `after ${step.event.type}`).toBe(
          serializeState(step.state),
        );
      }
      actor.stop();
    }
  });
});
