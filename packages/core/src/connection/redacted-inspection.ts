/**
 * Inspection without secrets. XState hands an inspector the `xstate.init` event of the root actor with the input
 * it was created with, and that input holds the participant token in the clear. Every inspection event passes
 * through here first, and that one input is replaced by a marker before any inspector, adapter or serialiser
 * sees it. (Everything the machine keeps afterwards is wrapped in `Secret` or serialises as `[dependencies]`.)
 */
import { type InspectionEvent, type Observer, toObserver } from 'xstate';

/** What an inspector sees instead of the connection's input. */
export const redactedInputMarker = '[connection input]';

/** Replaces `input` wherever it rides on an inspection event. */
export function redactInspectionInput(event: InspectionEvent, input: object): InspectionEvent {
  if (!('event' in event)) return event;
  const inner = event.event as { type: string; input?: unknown };
  if (inner.type !== 'xstate.init' || inner.input !== input) return event;
  return { ...event, event: { type: 'xstate.init', input: redactedInputMarker } } as InspectionEvent;
}

/** Wraps an inspector so that the connection's input never reaches it. */
export function redactedInspector(
  inspect: Observer<InspectionEvent> | ((event: InspectionEvent) => void),
  input: object,
): Observer<InspectionEvent> {
  const observer = toObserver(inspect);
  return {
    next: (event) => observer.next?.(redactInspectionInput(event, input)),
    error: (error) => observer.error?.(error),
    complete: () => observer.complete?.(),
  };
}
