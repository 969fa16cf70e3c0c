// Helpers of the model-based connection-machine tests: which states exist, which a snapshot is in, and which
// events can really happen in a given snapshot.
import type { AnyStateNode, SnapshotFrom } from 'xstate';
import type { connectionMachine } from './connection.machine';
import type { ConnectionEvent } from './connection.types';

type Snapshot = SnapshotFrom<typeof connectionMachine>;

/** A machine event, or one of XState's own (actor results, delayed events). */
export type AnyEvent = ConnectionEvent | { type: string; [key: string]: unknown };

/** The event types of every delayed transition under `node`. */
export function delayedEventTypes(node: AnyStateNode): string[] {
  const own = node.after.map((transition) => transition.eventType);
  return [...own, ...Object.values(node.states).flatMap((child) => delayedEventTypes(child as AnyStateNode))];
}

/** Ids of the states a snapshot can rest in (transient `always`-only states excluded). */
export function leafIds(node: AnyStateNode): string[] {
  const children = Object.values(node.states) as AnyStateNode[];
  if (children.length === 0) return node.always?.length ? [] : [node.id];
  return children.flatMap(leafIds);
}

/** Ids of the atomic and final states a snapshot is in. */
export const stateIds = (snapshot: Snapshot): string[] =>
  snapshot._nodes.filter((node) => node.type === 'atomic' || node.type === 'final').map((node) => node.id);

/** Actor results only come from running actors, and delayed events only from active states. */
export const canHappen = (snapshot: Snapshot, event: AnyEvent): boolean => {
  const actor = /^xstate\.(?:done|error)\.actor\.(.+)$/.exec(event.type);
  if (actor) return actor[1]! in snapshot.children;
  const delayed = /^xstate\.after\.[^.]+\.(.+)$/.exec(event.type);
  if (delayed) return snapshot._nodes.some((node) => node.id === delayed[1]);
  return true;
};
