/** The fault rule table: matching, counting and the seeded dice. */
import type { ActiveFault, FaultAction, FaultRule, FaultSubject } from './faults.types';

/** Actions that are applied once, when the rule is added (or when its `afterMs` comes). */
export const immediateFaultTypes: ReadonlySet<FaultAction['type']> = new Set([
  'expireConnectionTokens',
  'expireParticipantToken',
  'expireWebsocketUrls',
  'endChat',
  'agentLeaves',
  'idle',
  'returned',
  'autodisconnect',
  'transfer',
]);

/** Socket actions that hit open sockets at once unless they wait for a `match.topic` frame. */
export const socketEventFaultTypes: ReadonlySet<FaultAction['type']> = new Set([
  'drop',
  'close',
  'gatewayError',
  'badFrame',
]);

/** HTTP actions. */
export const httpFaultTypes: ReadonlySet<FaultAction['type']> = new Set([
  'error',
  'delay',
  'dropConnection',
  'dropResponse',
  'malformed',
  'skewDate',
]);

/** Whether a rule's match fits a subject: every member the rule names must be equal (routes by prefix). */
export function faultMatches(match: FaultSubject | undefined, subject: FaultSubject): boolean {
  if (!match) return true;
  for (const [key, expected] of Object.entries(match) as [keyof FaultSubject, string | undefined][]) {
    if (expected === undefined) continue;
    const actual = subject[key];
    if (actual === undefined) return false;
    if (key === 'route' ? !actual.startsWith(expected) : actual !== expected) return false;
  }
  return true;
}

function actionTimes(action: FaultAction): number | undefined {
  return 'times' in action ? action.times : undefined;
}

/** Holds the rules; every probabilistic decision comes from the injected PRNG. */
export class FaultTable {
  private rules: ActiveFault[] = [];
  private nextId = 1;

  constructor(
    private readonly now: () => number,
    private readonly random: () => number,
  ) {}

  /** Stores a rule and returns it with its id. */
  add(rule: FaultRule): ActiveFault {
    const fault: ActiveFault = {
      ...rule,
      id: `fault-${this.nextId++}`,
      addedAt: this.now(),
      remaining: rule.times ?? actionTimes(rule.action),
    };
    this.rules.push(fault);
    return fault;
  }

  /** Removes one rule, or all of them. Returns how many were removed. */
  remove(id?: string): number {
    const before = this.rules.length;
    this.rules = id === undefined ? [] : this.rules.filter((rule) => rule.id !== id);
    return before - this.rules.length;
  }

  /** The stored rules. */
  list(): readonly ActiveFault[] {
    return this.rules;
  }

  /** Whether a rule's `afterMs` has passed. */
  isDue(rule: ActiveFault): boolean {
    return this.now() >= rule.addedAt + (rule.afterMs ?? 0);
  }

  /**
   * The first due rule whose action is one of `types` and whose match fits; one use is consumed (rolling the
   * dice for `probability`). `undefined` when nothing fires.
   */
  take<T extends FaultAction['type']>(
    types: readonly T[],
    subject: FaultSubject,
    accept: (rule: ActiveFault) => boolean = () => true,
  ): { rule: ActiveFault; action: Extract<FaultAction, { type: T }> } | undefined {
    for (const rule of this.rules) {
      if (!(types as readonly string[]).includes(rule.action.type)) continue;
      if (!this.isDue(rule) || !faultMatches(rule.match, subject) || !accept(rule)) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      this.consume(rule);
      return { rule, action: rule.action as Extract<FaultAction, { type: T }> };
    }
    return undefined;
  }

  /** Counts one use of a rule, removing it when used up. */
  consume(rule: ActiveFault): void {
    if (rule.remaining === undefined) return;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((other) => other !== rule);
  }
}
