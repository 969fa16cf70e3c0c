/**
 * Walks an XState machine's resolved state nodes into a plain model of states and transitions, with every
 * implementation (guard, delay, actor, action) by its name. Pure: no I/O, no platform globals.
 */
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';

/** The kinds of state node XState knows. */
export type StateKind = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

/** One transition candidate, by names. */
export interface TransitionModel {
  /** How the transition is triggered: an event type, `after <delay>`, `always`, `done(<actor>)`, ... */
  trigger: string;
  /** The guard, rendered (`isReady`, `not(isReady)`, `and(a, b)`, ...), or `undefined`. */
  guard: string | undefined;
  /** Target state paths (`a.b`); empty for a targetless transition, which stays where it is. */
  targets: string[];
  actions: string[];
  reenter: boolean;
}

/** One state node. The machine's root has the empty path. */
export interface StateModel {
  /** Dot-separated keys from the root, e.g. `active.connecting`; `''` for the root. */
  path: string;
  key: string;
  kind: StateKind;
  /** The path of the initial child of a compound state. */
  initial: string | undefined;
  children: StateModel[];
  /** Sorted. */
  tags: string[];
  description: string | undefined;
  /** Invoked actors, by source name (`src as id` when the id was chosen), in declaration order. */
  invokes: string[];
  /** Events sorted by trigger, candidates of one trigger in priority order, `always` last. */
  transitions: TransitionModel[];
}

/** A whole machine. */
export interface MachineModel {
  id: string;
  root: StateModel;
}

const autoInvokeId = /^\d+\./;

/** Builds the model of `machine` from `machine.root`. */
export function modelMachine(machine: AnyStateMachine): MachineModel {
  const root = machine.root as AnyStateNode;
  const invokeLabels = new Map<string, string>();
  const statePaths = new Map<string, string>();
  collectNames(root, invokeLabels, statePaths);
  return { id: machine.id, root: modelState(root, { invokeLabels, statePaths }) };
}

interface Names {
  invokeLabels: Map<string, string>;
  statePaths: Map<string, string>;
}

function collectNames(
  node: AnyStateNode,
  invokeLabels: Map<string, string>,
  statePaths: Map<string, string>,
) {
  statePaths.set(node.id, pathOf(node));
  for (const invoke of node.invoke) invokeLabels.set(invoke.id, actorName(invoke.src, invoke.id));
  for (const child of Object.values(node.states) as AnyStateNode[])
    collectNames(child, invokeLabels, statePaths);
}

function pathOf(node: AnyStateNode): string {
  return node.path.join('.');
}

function actorName(src: unknown, id: string): string {
  const source = sourceName(src);
  if (autoInvokeId.test(id) || id === source) return source;
  return `${source} as ${id}`;
}

function sourceName(src: unknown): string {
  return typeof src === 'string' && !src.startsWith('xstate.invoke.') ? src : 'inline actor';
}

function modelState(node: AnyStateNode, names: Names): StateModel {
  const children = (Object.values(node.states) as AnyStateNode[]).map((child) => modelState(child, names));
  const initialTarget = node.type === 'compound' ? node.initial?.target[0] : undefined;
  return {
    path: pathOf(node),
    key: node.key,
    kind: node.type as StateKind,
    initial: initialTarget ? pathOf(initialTarget) : undefined,
    children,
    tags: [...node.tags].sort(),
    description: node.description,
    invokes: node.invoke.map((invoke) => actorName(invoke.src, invoke.id)),
    transitions: modelTransitions(node, names),
  };
}

function modelTransitions(node: AnyStateNode, names: Names): TransitionModel[] {
  const byTrigger = new Map<string, TransitionModel[]>();
  for (const [descriptor, candidates] of node.transitions as Map<string, AnyTransitionDefinition[]>) {
    for (const candidate of candidates) {
      const delay = (candidate as { delay?: unknown }).delay;
      const trigger = delay === undefined ? triggerOf(descriptor, names) : `after ${delayName(delay)}`;
      const list = byTrigger.get(trigger) ?? [];
      list.push(modelTransition(trigger, candidate));
      byTrigger.set(trigger, list);
    }
  }
  const sorted = [...byTrigger.keys()].sort(compareText).flatMap((trigger) => byTrigger.get(trigger) ?? []);
  const always = ((node.always ?? []) as AnyTransitionDefinition[]).map((candidate) =>
    modelTransition('always', candidate),
  );
  return [...sorted, ...always];
}

function modelTransition(trigger: string, candidate: AnyTransitionDefinition): TransitionModel {
  return {
    trigger,
    guard: candidate.guard === undefined ? undefined : guardName(candidate.guard),
    targets: (candidate.target ?? []).map((target) => pathOf(target as AnyStateNode)),
    actions: candidate.actions.map(actionName),
    reenter: candidate.reenter,
  };
}

function delayName(delay: unknown): string {
  return typeof delay === 'number' ? `${delay}ms` : String(delay);
}

const actorEvent = /^xstate\.(done|error)\.actor\.(.+)$/;
const snapshotEvent = /^xstate\.snapshot\.(.+)$/;
const stateDoneEvent = /^xstate\.done\.state\.(.+)$/;

/** Names XState's generated event types after what produced them. */
function triggerOf(descriptor: string, names: Names): string {
  const actor = actorEvent.exec(descriptor);
  if (actor) return `${actor[1]}(${sourceOf(actor[2] ?? '', names)})`;
  const snapshot = snapshotEvent.exec(descriptor);
  if (snapshot) return `snapshot(${sourceOf(snapshot[1] ?? '', names)})`;
  const stateDone = stateDoneEvent.exec(descriptor);
  if (stateDone) return `done(${names.statePaths.get(stateDone[1] ?? '') || 'machine'})`;
  return descriptor;
}

function sourceOf(invokeId: string, names: Names): string {
  const label = names.invokeLabels.get(invokeId);
  return label === undefined ? invokeId : (label.split(' as ')[0] ?? label);
}

/** Renders a guard by name: strings, `{ type }` objects and XState's `not`/`and`/`or`/`stateIn` helpers. */
export function guardName(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const helper = guard as { name?: string; guards?: unknown[]; stateValue?: unknown };
    if (
      Array.isArray(helper.guards) &&
      (helper.name === 'not' || helper.name === 'and' || helper.name === 'or')
    ) {
      return `${helper.name}(${helper.guards.map(guardName).join(', ')})`;
    }
    if (helper.name === 'stateIn' && helper.stateValue !== undefined) {
      const value = helper.stateValue;
      return `in(${typeof value === 'string' ? value : JSON.stringify(value)})`;
    }
    // An inline function is named after the property it was written in (`guard`), which names nothing.
    return helper.name && helper.name !== 'guard' ? helper.name : 'inline guard';
  }
  if (typeof guard === 'object' && guard !== null && typeof (guard as { type?: unknown }).type === 'string') {
    return (guard as { type: string }).type;
  }
  return 'inline guard';
}

/** Renders an action by name: strings, `{ type }` objects, XState's built-ins by their `type`. */
export function actionName(action: unknown): string {
  if (typeof action === 'string') return action;
  const typed = action as { type?: unknown; name?: unknown } | null;
  if (typed && typeof typed.type === 'string') return typed.type;
  const named = typeof typed?.name === 'string' && typed.name !== '' && typed.name !== 'actions';
  if (typeof action === 'function' && named) return typed?.name as string;
  return 'inline action';
}

/** Code-point order, so the output does not depend on the locale. */
export function compareText(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

/** Every state of the model, depth first, in declaration order (the root excluded). */
export function statesOf(root: StateModel): StateModel[] {
  return root.children.flatMap((child) => [child, ...statesOf(child)]);
}
