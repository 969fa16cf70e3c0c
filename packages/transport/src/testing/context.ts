/** What route handlers and lifecycle steps share: the store, options, signer, log, clock and timers. */
import type { ActivityLog } from './activity-log';
import type { ResolvedEmulatorOptions } from './options';
import type { Signer } from './signing';
import type { ChatStore } from './store';

/** The emulator's internals as seen by its handlers. */
export interface EmulatorContext {
  readonly store: ChatStore;
  readonly options: ResolvedEmulatorOptions;
  readonly signer: Signer;
  readonly log: ActivityLog;
  /** The emulator's "now": the injected clock plus the control-API offset. */
  now(): number;
  /** `http://127.0.0.1:PORT`. */
  httpBase(): string;
  /** `ws://127.0.0.1:PORT`. */
  wsBase(): string;
  /** Runs `callback` after `ms` on the injected scheduler; cancelled when the emulator closes. */
  schedule(ms: number, callback: () => void): void;
  /** Closes every open socket of a participant. */
  closeParticipantSockets(participantId: string, code: number, reason: string): void;
}
