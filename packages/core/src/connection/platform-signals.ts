/** Turns the injected platform's signals into machine events for as long as a connection runs. */
import { fromCallback } from 'xstate';
import type { ConnectionPlatform, PlatformSignal } from '../platform/platform.types';

/** Input of the platform-signals actor. */
export interface PlatformSignalsInput {
  platform: ConnectionPlatform | undefined;
}

/** Forwards platform signals as `{ type: signal }` events; does nothing without a platform. */
export const platformSignals = fromCallback<{ type: 'none' }, PlatformSignalsInput>(({ input, sendBack }) => {
  if (!input.platform) return undefined;
  return input.platform.subscribe((signal: PlatformSignal) => sendBack({ type: signal }));
});
