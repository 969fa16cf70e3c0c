/**
 * Types of the devtools: ways to watch a session's state machines while it runs. Everything here is an XState
 * inspection observer, so it plugs into the `inspect` option of `createChatSession` or `createConnection` (and into
 * any other XState actor) without the session knowing about it.
 */
import type { InspectionEvent, Observer } from 'xstate';

/**
 * Anything XState accepts as an inspector: an observer (`inspector.inspect` from `@statelyai/inspect`) or a plain
 * function of each inspection event.
 */
export type InspectionObserver = Observer<InspectionEvent> | ((event: InspectionEvent) => void);

/** A clock the transition log reads elapsed time from; the session's `clock` (or XState's `SimulatedClock`) fits. */
export interface TransitionLogClock {
  /** Milliseconds; only differences are used. */
  now(): number;
}

/** One state transition of one machine, as the transition log records it. */
export interface TransitionRecord {
  /** Which machine moved: its definition id (`connection`, `heartbeat`, `receipts`, `attachmentUpload`, ...). */
  machine: string;
  /**
   * The state before, as dotted paths (`active.connected`); parallel regions that did not move are left out, and
   * regions that did are joined with `, `. `(start)` for an actor's first state.
   */
  from: string;
  /** The state after, in the same form as `from`. */
  to: string;
  /** The type of the event that caused the transition; never its payload. */
  event: string;
  /** Milliseconds since the log was created. */
  elapsedMs: number;
  /** Milliseconds the machine spent in its previous state; `undefined` for an actor's first state. */
  inStateMs: number | undefined;
}

/** Options of {@link createTransitionLog}. */
export interface TransitionLogOptions {
  /** Receives each line as it happens (e.g. `console.log`). @defaultValue none: lines are only kept */
  write?: ((line: string) => void) | undefined;
  /** Put in front of every line, to tell several sessions apart (e.g. `customer`). @defaultValue none */
  label?: string | undefined;
  /** Where elapsed time comes from. @defaultValue `Date` */
  clock?: TransitionLogClock | undefined;
  /** How many lines `lines()` keeps; the oldest go first. @defaultValue 500 */
  maxLines?: number | undefined;
  /** Which machines to log, by definition id. @defaultValue every machine */
  machines?: readonly string[] | undefined;
  /** Turns a record into its line. @defaultValue {@link formatTransition} */
  format?: ((record: TransitionRecord, label: string | undefined) => string) | undefined;
}

/** A running transition log. */
export interface TransitionLog {
  /** The inspection observer to pass as `inspect` (alone, or through `combineInspectors`). */
  readonly inspect: Observer<InspectionEvent>;
  /** The lines kept so far, oldest first (at most `maxLines`). */
  lines(): readonly string[];
  /** The records kept so far, oldest first (at most `maxLines`). */
  records(): readonly TransitionRecord[];
  /** Forgets the kept lines and records (not the machines' current states). */
  clear(): void;
}
