/** Several inspectors behind the one `inspect` slot that sessions and actors have. */
import { type InspectionEvent, type Observer, toObserver } from 'xstate';
import type { InspectionObserver } from './devtools.types';

/**
 * One inspection observer that hands every event to each of `inspectors`, in order. `undefined` entries are skipped,
 * so an optional inspector can be passed as it is. One inspector that throws does not keep the event from the others.
 *
 * @example
 * ```ts
 * import { createBrowserInspector } from '@statelyai/inspect';
 * import { combineInspectors, createChatSession, createTransitionLog } from '@connect-chat/core';
 *
 * const log = createTransitionLog({ write: console.log });
 * const stately = createBrowserInspector();
 * const session = createChatSession({ ...options, inspect: combineInspectors(log.inspect, stately.inspect) });
 * ```
 */
export function combineInspectors(
  ...inspectors: ReadonlyArray<InspectionObserver | undefined>
): Observer<InspectionEvent> {
  const observers = inspectors.flatMap((inspector) => (inspector ? [toObserver(inspector)] : []));
  const each = (call: (observer: Observer<InspectionEvent>) => void): void => {
    for (const observer of observers) {
      try {
        call(observer);
      } catch {
        // Inspectors are onlookers: one that fails must neither starve the others nor reach the machine.
      }
    }
  };
  return {
    next: (event) => each((observer) => observer.next?.(event)),
    error: (error) => each((observer) => observer.error?.(error)),
    complete: () => each((observer) => observer.complete?.()),
  };
}
