/** Options of the local Participant Service emulator, with their defaults. */
import { defaultAttachmentContentTypes, maxAttachmentSizeInBytes } from '@connect-chat/core';
import { defaultErrorFormat, type ErrorFormat } from './errors';

/** The emulator's source of "now" for expiries; shift it instead of sleeping. */
export interface EmulatorClock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Timers the emulator uses for delays (fault delays, grace periods, scans); inject one to step them by hand. */
export interface EmulatorScheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Lifetimes and windows, in milliseconds. */
export interface EmulatorLifetimes {
  /** @defaultValue 24 h */
  connectionTokenMs: number;
  /** How long a `Websocket.Url` can be used to open a socket. @defaultValue 100 s */
  websocketUrlMs: number;
  /** @defaultValue 300 s */
  uploadUrlMs: number;
  /** @defaultValue 2 h */
  maxSocketDurationMs: number;
  /** Time without a client frame before a socket is closed. @defaultValue 10 min */
  socketIdleMs: number;
  /** How long after `authentication.initiated` GetAuthenticationUrl works. @defaultValue 60 s */
  authSessionWindowMs: number;
  /** How long GetTranscript / GetAttachment / DescribeView keep working after the chat ended. @defaultValue 24 h */
  endedChatReadGraceMs: number;
  /** Delay before the sockets of a participant who left are closed with 1000. @defaultValue 500 ms */
  socketCloseGraceMs: number;
}

/** The default lifetimes (§1.4.1, §5.4, §5.7). */
export const defaultEmulatorLifetimes: EmulatorLifetimes = {
  connectionTokenMs: 24 * 60 * 60 * 1000,
  websocketUrlMs: 100 * 1000,
  uploadUrlMs: 300 * 1000,
  maxSocketDurationMs: 2 * 60 * 60 * 1000,
  socketIdleMs: 10 * 60 * 1000,
  authSessionWindowMs: 60 * 1000,
  endedChatReadGraceMs: 24 * 60 * 60 * 1000,
  socketCloseGraceMs: 500,
};

/** What happens after CompleteAttachmentUpload. */
export type AttachmentScanning = 'off' | 'approve' | 'reject';

/** Attachment rules (§2, §5.3). */
export interface EmulatorAttachmentOptions {
  /** @defaultValue the service's default MIME list */
  allowedContentTypes: readonly string[];
  /** @defaultValue 20 MB */
  maxSizeInBytes: number;
  /** StartAttachmentUpload beyond this many attachments on one contact gives 402. @defaultValue 50 */
  maxPerContact: number;
  /**
   * `'off'`: one APPROVED item. `'approve'`/`'reject'`: an IN_PROGRESS item, then the verdict `scanDelayMs` later.
   * @defaultValue `'off'`
   */
  scanning: AttachmentScanning;
  /** @defaultValue 0 */
  scanDelayMs: number;
  /** Extra headers added to `HeadersToInclude` (and required on the PUT). @defaultValue `{}` */
  extraUploadHeaders: Readonly<Record<string, string>>;
}

/** The default attachment rules. */
export const defaultEmulatorAttachmentOptions: EmulatorAttachmentOptions = {
  allowedContentTypes: defaultAttachmentContentTypes,
  maxSizeInBytes: maxAttachmentSizeInBytes,
  maxPerContact: 50,
  scanning: 'off',
  scanDelayMs: 0,
  extraUploadHeaders: {},
};

/** A DescribeView fixture (the `View` member of the response). */
export interface ViewFixture {
  Id: string;
  Arn: string;
  Name: string;
  Version: number;
  Content: { InputSchema?: string; Template?: string; Actions?: string[] };
}

/** The view every emulator serves unless `views` replaces it. */
export const defaultViewFixtures: Readonly<Record<string, ViewFixture>> = {
  'sample-view': {
    Id: 'sample-view',
    Arn: 'arn:aws:connect:us-west-2:000000000000:instance/emulator/view/sample-view',
    Name: 'Sample view',
    Version: 1,
    Content: { InputSchema: '{}', Template: '{"Head":{},"Body":[]}', Actions: ['Submit'] },
  },
};

/** Options of {@link startEmulator}. All are optional. */
export interface EmulatorOptions {
  /** @defaultValue 0 (an ephemeral port) */
  port?: number;
  /** @defaultValue `'127.0.0.1'` */
  host?: string;
  /** @defaultValue `Date` */
  clock?: EmulatorClock;
  /** @defaultValue the global `setTimeout`/`clearTimeout` */
  scheduler?: EmulatorScheduler;
  lifetimes?: Partial<EmulatorLifetimes>;
  attachments?: Partial<EmulatorAttachmentOptions>;
  /** Error body casing and where the error name goes (§1.3). */
  errorFormat?: Partial<ErrorFormat>;
  /** Sink for human-readable log lines. Tokens are never written. */
  log?: (line: string) => void;
  /** Seed of the PRNG behind `probability` faults. @defaultValue 1 */
  seed?: number;
  /** Larger JSON bodies get 413. @defaultValue 1 MiB */
  maxBodyBytes?: number;
  /**
   * A larger frame from a client closes its socket with 1009 "Message Too Big", as API Gateway's message limit
   * does. @defaultValue 128 KiB
   */
  maxSocketMessageBytes?: number;
  /** DescribeView fixtures by view token. @defaultValue {@link defaultViewFixtures} */
  views?: Readonly<Record<string, ViewFixture>>;
  /** Show every EVENT type in transcripts, not only the six the model lists. @defaultValue false */
  transcriptIncludesAllEvents?: boolean;
  /** Emit `participant.invited` before an added participant's `participant.joined`. @defaultValue false */
  emitParticipantInvited?: boolean;
  /** How often socket duration and idle limits are checked against the clock. @defaultValue 1000 */
  sweepIntervalMs?: number;
}

/** Options after defaults were applied. */
export interface ResolvedEmulatorOptions {
  port: number;
  host: string;
  clock: EmulatorClock;
  scheduler: EmulatorScheduler;
  lifetimes: EmulatorLifetimes;
  attachments: EmulatorAttachmentOptions;
  errorFormat: ErrorFormat;
  log: ((line: string) => void) | undefined;
  seed: number;
  maxBodyBytes: number;
  maxSocketMessageBytes: number;
  views: Record<string, ViewFixture>;
  transcriptIncludesAllEvents: boolean;
  emitParticipantInvited: boolean;
  sweepIntervalMs: number;
}

const globalScheduler: EmulatorScheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Applies the defaults. */
export function resolveEmulatorOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    clock: options.clock ?? { now: () => Date.now() },
    scheduler: options.scheduler ?? globalScheduler,
    lifetimes: { ...defaultEmulatorLifetimes, ...options.lifetimes },
    attachments: { ...defaultEmulatorAttachmentOptions, ...options.attachments },
    errorFormat: { ...defaultErrorFormat, ...options.errorFormat },
    log: options.log,
    seed: options.seed ?? 1,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    maxSocketMessageBytes: options.maxSocketMessageBytes ?? 128 * 1024,
    views: { ...(options.views ?? defaultViewFixtures) },
    transcriptIncludesAllEvents: options.transcriptIncludesAllEvents ?? false,
    emitParticipantInvited: options.emitParticipantInvited ?? false,
    sweepIntervalMs: options.sweepIntervalMs ?? 1000,
  };
}
