export { isPartialMessage } from './lex-stitching';
export type {
  ItemOutcome,
  PendingConfirmation,
  PendingSend,
  TranscriptEntry,
  TranscriptEntryKind,
  TranscriptEntryOrigin,
  TranscriptEntryStatus,
  TranscriptReceipt,
  TranscriptSource,
  TranscriptStore,
  TranscriptStoreOptions,
  TranscriptUpdate,
} from './transcript.types';
export { defaultEphemeralIdMemory } from './transcript.types';
export { compareTranscriptItems } from './transcript-order';
export { createTranscriptStore } from './transcript-store';
