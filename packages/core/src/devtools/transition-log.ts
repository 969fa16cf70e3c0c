/**
 * The transition log: an inspection observer that writes one line per state transition of every machine a session
 * runs (connection, heartbeat, receipts, attachment uploads). It reads only what is safe to print: machine ids,
 * state names and event types. Event payloads, context and inputs (where tokens and presigned URLs live) are never
 * read, so a line cannot carry a secret.
 */
import type { InspectionEvent, Observer } from 'xstate';
import type { TransitionLog, TransitionLogOptions, TransitionRecord } from './devtools.types';
import { describeMove, leafPaths, renderPaths } from './state-paths';

/** How many lines a transition log keeps unless told otherwise. */
export const defaultTransitionLogMaxLines = 500;

/** What an actor's first state is said to come from. */
export const startMarker = '(start)';

// Longer event types, or ones that look like they carry a URL or free text, are not printed as they are: event
// types are identifiers chosen in code, so anything else is a mistake that must not leak into a bug report.
const maxEventTypeLength = 200;
const unsafeEventType = /:\/\/|[?\s]/;

/** The event type as printed: itself, unless it does not look like an identifier. */
export function printableEventType(type: unknown): string {
  if (typeof type !== 'string' || type.length === 0) return '(unknown event)';
  if (type.length > maxEventTypeLength || unsafeEventType.test(type)) return '(unprintable event type)';
  return type;
}

/**
 * The default line of a record, time first so that the lines of several logs interleave readably, e.g.
 * `+1.204s customer connection: active.connected.{…} -> active.reconnecting.waiting on socket.closed (after 2003 ms)`.
 */
export function formatTransition(record: TransitionRecord, label?: string): string {
  const seconds = `+${(record.elapsedMs / 1000).toFixed(3)}s`;
  const after = record.inStateMs === undefined ? '' : ` (after ${Math.round(record.inStateMs)} ms)`;
  const who = label ? `${label} ` : '';
  return `${seconds} ${who}${record.machine}: ${record.from} -> ${record.to} on ${record.event}${after}`;
}

interface ActorTrack {
  paths: string[];
  since: number;
}

interface InspectedActor {
  id?: unknown;
  logic?: { id?: unknown };
}

/** The machine's definition id, or the actor's id when the machine has none of its own. */
function machineNameOf(actorRef: unknown): string {
  const actor = actorRef as InspectedActor;
  const definitionId = actor.logic?.id;
  if (typeof definitionId === 'string' && definitionId !== '' && definitionId !== '(machine)')
    return definitionId;
  return typeof actor.id === 'string' ? actor.id : '(actor)';
}

/**
 * Creates a transition log. Pass its `inspect` to a session (alone or through `combineInspectors`); each line goes
 * to `write` as it happens and is kept, up to `maxLines`, for `lines()`.
 *
 * @example
 * ```ts
 * import { combineInspectors, createChatSession, createTransitionLog } from '@connect-chat/core';
 *
 * const log = createTransitionLog({ write: (line) => console.log(line), label: 'customer' });
 * const session = createChatSession({ ...options, inspect: log.inspect });
 * // +0.000s customer connection: idle -> active.connecting.fetching on session.connect (after 0 ms)
 * ```
 */
export function createTransitionLog(options: TransitionLogOptions = {}): TransitionLog {
  const now = options.clock ? () => options.clock!.now() : () => Date.now();
  const maxLines = Math.max(1, Math.floor(options.maxLines ?? defaultTransitionLogMaxLines));
  const format = options.format ?? formatTransition;
  const machines = options.machines ? new Set(options.machines) : undefined;
  const startedAt = now();
  // Keyed by the actor object itself, so a finished actor's entry goes away with it.
  const tracks = new WeakMap<object, ActorTrack>();
  let kept: Array<{ record: TransitionRecord; line: string }> = [];

  const record = (entry: TransitionRecord): void => {
    const line = format(entry, options.label);
    kept.push({ record: entry, line });
    if (kept.length > maxLines) kept.splice(0, kept.length - maxLines);
    try {
      options.write?.(line);
    } catch {
      // A failing sink must not reach XState, which would treat it as the machine's own error.
    }
  };

  const observe = (event: InspectionEvent): void => {
    if (event.type !== '@xstate.snapshot') return;
    const snapshot = event.snapshot as { value?: unknown };
    // Only machines have a state value; promise and callback actors are not transitions worth a line.
    if (!('value' in snapshot)) return;
    const actorRef = event.actorRef as object;
    const machine = machineNameOf(actorRef);
    if (machines && !machines.has(machine)) return;
    const at = now();
    const paths = leafPaths(snapshot.value);
    const track = tracks.get(actorRef);
    if (!track) {
      tracks.set(actorRef, { paths, since: at });
      record({
        machine,
        from: startMarker,
        to: renderPaths(paths),
        event: printableEventType(event.event?.type),
        elapsedMs: at - startedAt,
        inStateMs: undefined,
      });
      return;
    }
    const move = describeMove(track.paths, paths);
    if (!move) return;
    record({
      machine,
      ...move,
      event: printableEventType(event.event?.type),
      elapsedMs: at - startedAt,
      inStateMs: at - track.since,
    });
    track.paths = paths;
    track.since = at;
  };

  const inspect: Observer<InspectionEvent> = { next: observe };
  return {
    inspect,
    lines: () => kept.map((entry) => entry.line),
    records: () => kept.map((entry) => entry.record),
    clear: () => {
      kept = [];
    },
  };
}
