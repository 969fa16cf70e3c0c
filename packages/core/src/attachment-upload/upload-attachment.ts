/** Runs one attachment-upload machine to its end and turns the outcome into a promise. */
import { createActor, type InspectionEvent, type Observer, toPromise } from 'xstate';
import type { ConnectionClock } from '../connection/create-connection';
import { ChatError, ChatErrorCode } from '../errors';
import { asChatError, uploadAborted } from './attachment-upload.actors';
import { attachmentUploadMachine } from './attachment-upload.machine';
import type {
  AttachmentUploadInput,
  AttachmentUploadOutput,
  UploadableAttachment,
} from './attachment-upload.types';

/** How {@link uploadAttachment} runs and reports. */
export interface UploadAttachmentOptions {
  /** Cancels the upload: the request in flight is aborted and the promise rejects with code `aborted`. */
  signal?: AbortSignal | undefined;
  /**
   * Receives the PUT's progress. It starts again from 0 if the PUT is retried. An exception it throws is reported as
   * an uncaught error and does not stop the upload.
   */
  onProgress?: ((sentBytes: number, totalBytes: number) => void) | undefined;
  /** Runs the retry delay. @defaultValue the platform's timers */
  clock?: ConnectionClock | undefined;
  /** An XState inspector. Snapshots hold no token and no upload URL. */
  inspect?: Observer<InspectionEvent> | ((event: InspectionEvent) => void) | undefined;
}

/**
 * Uploads one attachment: validates it, StartAttachmentUpload, the PUT of its bytes, CompleteAttachmentUpload.
 * Resolves with the attachment id once completed; rejects with a `ChatError` (`validation` before any request,
 * `aborted` when cancelled, or the failure of the step that failed).
 *
 * @example
 * ```ts
 * const { attachmentId } = await uploadAttachment(
 *   {
 *     attachment: attachmentFromBlob(file),
 *     participantApi,
 *     connectionToken: async () => connection.connectionToken ?? '',
 *     transfer: createFetchAttachmentTransfer(),
 *     now: Date.now,
 *   },
 *   { signal, onProgress: (sent, total) => render(sent / total) },
 * );
 * ```
 */
export function uploadAttachment(
  input: AttachmentUploadInput,
  options: UploadAttachmentOptions = {},
): Promise<AttachmentUploadOutput> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(uploadAborted());
  const actor = createActor(attachmentUploadMachine, {
    input,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.inspect === undefined ? {} : { inspect: options.inspect }),
  });
  const progress = actor.on('upload.progressed', ({ sentBytes, totalBytes }) =>
    onProgress?.(sentBytes, totalBytes),
  );
  const cancel = () => actor.send({ type: 'upload.cancel' });
  signal?.addEventListener('abort', cancel, { once: true });
  const finished = toPromise(actor);
  actor.start();
  return finished
    .then(
      (output) => {
        const snapshot = actor.getSnapshot();
        if (output !== undefined) return output;
        if (snapshot.matches('cancelled')) throw uploadAborted();
        throw (
          snapshot.context.error ??
          new ChatError(
            ChatErrorCode.unknown,
            'unable to upload attachment; the upload ended without a result',
          )
        );
      },
      (error: unknown) => {
        throw asChatError(error, 'unable to upload attachment; an unexpected error occurred');
      },
    )
    .finally(() => {
      signal?.removeEventListener('abort', cancel);
      progress.unsubscribe();
      actor.stop();
    });
}

/**
 * Builds an upload's `attachment` from a `File` or `Blob`: its name (or `name`), type, size and the blob itself.
 *
 * @example
 * ```ts
 * const attachment = attachmentFromBlob(input.files[0]);
 * const pasted = attachmentFromBlob(clipboardBlob, 'screenshot.png');
 * ```
 */
export function attachmentFromBlob(
  file: Blob & { name?: string | undefined },
  name?: string,
): UploadableAttachment {
  return { name: name ?? file.name ?? '', contentType: file.type, size: file.size, body: file };
}
