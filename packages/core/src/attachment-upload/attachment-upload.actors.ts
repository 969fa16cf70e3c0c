/** The attachment-upload machine's side effects: the three requests, each aborted when its state is left. */
import { fromPromise } from 'xstate';
import { Secret } from '../connection/secret';
import { ChatError, ChatErrorCode, chatErrorCodeFor, isChatError } from '../errors';
import type {
  AttachmentUploadDependencies,
  CompleteUploadInput,
  PutBytesInput,
  StartedUpload,
  StartUploadInput,
} from './attachment-upload.types';

/** `error` itself when it is a `ChatError`, else a `ChatError` coded `unknown` with `message` and the cause. */
export function asChatError(error: unknown, message: string): ChatError {
  if (isChatError(error)) return error;
  return new ChatError(ChatErrorCode.unknown, message, { cause: error });
}

/** The rejection of a request that was under way when its state was left. */
export const uploadAborted = (): ChatError =>
  new ChatError(ChatErrorCode.aborted, 'unable to upload attachment; the upload was cancelled');

/** The failure for a PUT the storage service answered with a status other than 2xx. */
export function uploadRefused(status: number): ChatError {
  if (status === 403) {
    return new ChatError(
      ChatErrorCode.accessDenied,
      'unable to upload attachment; the upload URL was refused or has expired (HTTP 403)',
      { status },
    );
  }
  return new ChatError(
    chatErrorCodeFor(undefined, status),
    `unable to upload attachment; the storage service answered HTTP ${status}`,
    { status },
  );
}

async function connectionTokenOf(deps: AttachmentUploadDependencies, signal: AbortSignal): Promise<string> {
  let token: string;
  try {
    token = await deps.connectionToken();
  } catch (error) {
    throw asChatError(error, 'unable to upload attachment; the connection token could not be obtained');
  }
  // The token may have taken a while (a refresh); a cancel in the meantime must not start a request.
  if (signal.aborted) throw uploadAborted();
  return token;
}

function parseExpiry(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Date.parse(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** StartAttachmentUpload with a fresh ClientToken; the URL it returns is sealed at once. */
export const startUpload = fromPromise<StartedUpload, StartUploadInput>(async ({ input, signal }) => {
  const { deps, attachment } = input;
  const ConnectionToken = await connectionTokenOf(deps, signal);
  const output = await deps.participantApi.startAttachmentUpload(
    {
      ConnectionToken,
      ContentType: attachment.contentType,
      AttachmentSizeInBytes: attachment.size,
      AttachmentName: attachment.name,
      ClientToken: deps.createClientToken(),
    },
    { signal },
  );
  const attachmentId = output.AttachmentId;
  const url = output.UploadMetadata?.Url;
  if (!attachmentId || !url) {
    throw new ChatError(
      ChatErrorCode.invalidResponse,
      'unable to upload attachment; StartAttachmentUpload answered without an attachment id or an upload URL',
      { operation: 'StartAttachmentUpload' },
    );
  }
  return {
    attachmentId,
    target: {
      url: new Secret(url),
      headers: { ...output.UploadMetadata?.HeadersToInclude },
      expiresAt: parseExpiry(output.UploadMetadata?.UrlExpiry),
    },
  };
});

/** The PUT itself. Resolves with whatever status came back; the machine judges it. */
export const putBytes = fromPromise<{ status: number }, PutBytesInput>(async ({ input, signal }) => {
  const { transfer, target, body, size, report } = input;
  return transfer.upload(
    { url: target.url.reveal(), headers: target.headers, body, size },
    {
      signal,
      onProgress: (sentBytes, totalBytes) => {
        if (!signal.aborted) report({ type: 'transfer.progressed', sentBytes, totalBytes });
      },
    },
  );
});

/** CompleteAttachmentUpload for the one attachment, with a fresh ClientToken. */
export const completeUpload = fromPromise<void, CompleteUploadInput>(async ({ input, signal }) => {
  const { deps, attachmentId } = input;
  const ConnectionToken = await connectionTokenOf(deps, signal);
  await deps.participantApi.completeAttachmentUpload(
    { ConnectionToken, AttachmentIds: [attachmentId], ClientToken: deps.createClientToken() },
    { signal },
  );
});
