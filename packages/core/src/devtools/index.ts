export { combineInspectors } from './combine-inspectors';
export type {
  InspectionObserver,
  TransitionLog,
  TransitionLogClock,
  TransitionLogOptions,
  TransitionRecord,
} from './devtools.types';
export {
  createTransitionLog,
  defaultTransitionLogMaxLines,
  formatTransition,
  printableEventType,
  startMarker,
} from './transition-log';
