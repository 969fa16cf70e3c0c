/** The attachment-upload machine: see `attachment-upload.types.ts` for its states and events. */
import { type DoneActorEvent, setup } from 'xstate';
import { ChatError, ChatErrorCode, isChatError } from '../errors';
import {
  asChatError,
  completeUpload,
  putBytes,
  startUpload,
  uploadRefused,
} from './attachment-upload.actors';
import {
  type AttachmentUploadContext,
  type AttachmentUploadDependencies,
  type AttachmentUploadEmitted,
  type AttachmentUploadEvent,
  type AttachmentUploadInput,
  type AttachmentUploadOutput,
  defaultUploadRetryDelayMs,
  maxUploadRetries,
  type StartedUpload,
} from './attachment-upload.types';
import { findAttachmentProblem } from './attachment-validation';

const errorOf = (event: { type: string }): unknown => (event as { error?: unknown }).error;
const outputOf = <T>(event: { type: string }): T => (event as unknown as DoneActorEvent<T>).output;

function defaultClientToken(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof crypto?.randomUUID !== 'function') {
    throw new ChatError(
      ChatErrorCode.unsupported,
      'unable to upload attachment; no crypto.randomUUID is available, pass createClientToken',
    );
  }
  return crypto.randomUUID();
}

function dependenciesOf(input: AttachmentUploadInput): AttachmentUploadDependencies {
  const deps: AttachmentUploadDependencies = {
    participantApi: input.participantApi,
    connectionToken: input.connectionToken,
    transfer: input.transfer,
    body: input.attachment.body,
    now: input.now,
    createClientToken: input.createClientToken ?? defaultClientToken,
  };
  // Inspectors and loggers serialise context; the collaborators and the bytes are nothing they should see.
  Object.defineProperty(deps, 'toJSON', { value: () => '[dependencies]', enumerable: false });
  return deps;
}

const initialContext = (input: AttachmentUploadInput): AttachmentUploadContext => ({
  attachment: {
    name: input.attachment.name,
    contentType: input.attachment.contentType,
    size: input.attachment.size,
  },
  deps: dependenciesOf(input),
  retryDelayMs: input.retryDelayMs ?? defaultUploadRetryDelayMs,
  attachmentId: undefined,
  target: undefined,
  uploadRetries: 0,
  completed: false,
  progress: { sentBytes: 0, totalBytes: input.attachment.size },
  error: findAttachmentProblem(input.attachment, input),
});

const isSuccess = (status: number) => status >= 200 && status < 300;

const urlValid = (context: AttachmentUploadContext) =>
  context.target?.expiresAt !== undefined && context.target.expiresAt > context.deps.now();

const uploadSetup = setup({
  types: {
    context: {} as AttachmentUploadContext,
    events: {} as AttachmentUploadEvent,
    input: {} as AttachmentUploadInput,
    output: {} as AttachmentUploadOutput | undefined,
    emitted: {} as AttachmentUploadEmitted,
  },
  actors: { startUpload, putBytes, completeUpload },
  guards: {
    isInvalid: ({ context }) => context.error !== undefined,
    isAnsweredWithSuccess: ({ event }) => isSuccess(outputOf<{ status: number }>(event).status),
    uploadUrlValid: ({ context }) => urlValid(context),
    mayRetryUpload: ({ context, event }) => {
      const error = errorOf(event);
      return (
        isChatError(error) &&
        error.code === ChatErrorCode.network &&
        context.uploadRetries < maxUploadRetries &&
        urlValid(context)
      );
    },
  },
  delays: {
    uploadRetryDelay: ({ context }) => context.retryDelayMs,
  },
});

const { assign, emit } = uploadSetup;

/** Uploads one attachment: StartAttachmentUpload, the PUT with every signed header, CompleteAttachmentUpload. */
export const attachmentUploadMachine = uploadSetup
  .extend({
    actions: {
      recordStart: assign(({ event }) => {
        const started = outputOf<StartedUpload>(event);
        return { attachmentId: started.attachmentId, target: started.target };
      }),
      restartProgress: assign(({ context }) => ({
        progress: { sentBytes: 0, totalBytes: context.attachment.size },
      })),
      recordProgress: assign(({ event }) =>
        event.type === 'transfer.progressed'
          ? { progress: { sentBytes: event.sentBytes, totalBytes: event.totalBytes } }
          : {},
      ),
      emitProgress: emit(({ event }) => ({
        type: 'upload.progressed' as const,
        sentBytes: event.type === 'transfer.progressed' ? event.sentBytes : 0,
        totalBytes: event.type === 'transfer.progressed' ? event.totalBytes : 0,
      })),
      recordRefusal: assign(({ event }) => ({
        error: uploadRefused(outputOf<{ status: number }>(event).status),
      })),
      recordFailure: assign(({ event }) => ({
        error: asChatError(errorOf(event), 'unable to upload attachment; an unexpected error occurred'),
      })),
      countRetry: assign(({ context }) => ({ uploadRetries: context.uploadRetries + 1 })),
      clearRetriedFailure: assign({ error: undefined }),
      markCompleted: assign({ completed: true }),
    },
  })
  .createMachine({
    id: 'attachmentUpload',
    context: ({ input }) => initialContext(input),
    initial: 'validating',
    output: ({ context }) =>
      context.completed && context.attachmentId !== undefined
        ? { attachmentId: context.attachmentId }
        : undefined,
    on: { 'upload.cancel': { target: '.cancelled' } },
    states: {
      validating: {
        always: [{ guard: 'isInvalid', target: 'failed' }, { target: 'starting' }],
      },
      starting: {
        invoke: {
          src: 'startUpload',
          input: ({ context }) => ({ deps: context.deps, attachment: context.attachment }),
          onDone: { target: 'uploading', actions: 'recordStart' },
          onError: { target: 'failed', actions: 'recordFailure' },
        },
      },
      uploading: {
        entry: ['clearRetriedFailure', 'restartProgress'],
        invoke: {
          src: 'putBytes',
          input: ({ context, self }) => ({
            transfer: context.deps.transfer,
            // Set by recordStart on the only way in.
            target: context.target!,
            body: context.deps.body,
            size: context.attachment.size,
            report: (event) => self.send(event),
          }),
          onDone: [
            { guard: 'isAnsweredWithSuccess', target: 'completing' },
            { target: 'failed', actions: 'recordRefusal' },
          ],
          onError: [
            { guard: 'mayRetryUpload', target: 'retrying', actions: ['recordFailure', 'countRetry'] },
            { target: 'failed', actions: 'recordFailure' },
          ],
        },
        on: { 'transfer.progressed': { actions: ['recordProgress', 'emitProgress'] } },
      },
      retrying: {
        after: {
          uploadRetryDelay: [{ guard: 'uploadUrlValid', target: 'uploading' }, { target: 'failed' }],
        },
      },
      completing: {
        invoke: {
          src: 'completeUpload',
          // Set by recordStart before the upload could start.
          input: ({ context }) => ({ deps: context.deps, attachmentId: context.attachmentId! }),
          onDone: { target: 'done', actions: 'markCompleted' },
          onError: { target: 'failed', actions: 'recordFailure' },
        },
      },
      done: { type: 'final' },
      failed: { type: 'final' },
      cancelled: { type: 'final' },
    },
  });
