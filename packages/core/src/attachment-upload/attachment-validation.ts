/** The checks an attachment must pass before anything is sent, as a pure function the session can reuse. */
import { ChatError, ChatErrorCode } from '../errors';
import { defaultAttachmentContentTypes, maxAttachmentSizeInBytes } from '../protocol/content-types';
import type { AttachmentBody } from './attachment-transfer.types';
import type { AttachmentRules, UploadableAttachment } from './attachment-upload.types';

/** The service's limit on `AttachmentName`, in characters (Unicode code points). @defaultValue 256 */
export const maxAttachmentNameLength = 256;

const mebibyte = 1024 * 1024;
const kibibyte = 1024;

function describeSize(bytes: number): string {
  if (bytes % mebibyte === 0) return `${bytes / mebibyte} MB`;
  if (bytes % kibibyte === 0) return `${bytes / kibibyte} KB`;
  return `${bytes} bytes`;
}

const isBlobLike = (body: object): body is Blob =>
  typeof (body as { size?: unknown }).size === 'number' &&
  typeof (body as { slice?: unknown }).slice === 'function';

/**
 * The byte length of an attachment body, or `undefined` when it cannot be measured (nothing, or an object that is
 * neither an `ArrayBuffer`, a view over one, nor blob-like). Reads no global beyond `ArrayBuffer`.
 */
export function attachmentByteLength(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  if (ArrayBuffer.isView(body)) return body.byteLength;
  if (body instanceof ArrayBuffer) return body.byteLength;
  if (isBlobLike(body)) return body.size;
  return undefined;
}

const invalid = (reason: string) =>
  new ChatError(ChatErrorCode.validation, `unable to upload attachment; ${reason}`);

/**
 * Checks an attachment against the service's rules: a name of 1 to 256 characters, an allowed content type, a size
 * of 1 byte up to the limit, and a body whose byte length, when it can be measured, is the declared size. Returns
 * the first failure as a `ChatError` coded `validation`, or `undefined` when the attachment may be sent.
 *
 * @example
 * ```ts
 * const problem = findAttachmentProblem(attachmentFromBlob(file));
 * if (problem) showError(problem.message);
 * ```
 */
export function findAttachmentProblem(
  attachment: UploadableAttachment,
  rules: AttachmentRules = {},
): ChatError | undefined {
  const maxSizeInBytes = rules.maxSizeInBytes ?? maxAttachmentSizeInBytes;
  const allowedContentTypes = rules.allowedContentTypes ?? defaultAttachmentContentTypes;
  if (typeof attachment !== 'object' || attachment === null) return invalid('no attachment was given');
  const { name, contentType, size } = attachment;
  if (typeof name !== 'string' || name.length === 0) return invalid('the file has no name');
  if ([...name].length > maxAttachmentNameLength) {
    return invalid(`the file name is longer than ${maxAttachmentNameLength} characters`);
  }
  if (typeof contentType !== 'string' || contentType === '') return invalid('the file has no content type');
  const type = contentType.toLowerCase();
  if (!allowedContentTypes.some((allowed) => allowed.toLowerCase() === type)) {
    return invalid(`files of type "${contentType}" are not allowed`);
  }
  if (!Number.isSafeInteger(size) || size < 0) {
    return invalid('the file size is not a whole number of bytes');
  }
  if (size === 0) return invalid('the file is empty');
  if (size > maxSizeInBytes) return invalid(`the file is larger than ${describeSize(maxSizeInBytes)}`);
  const body: AttachmentBody | null | undefined = attachment.body;
  if (body === undefined || body === null) return invalid('the file has no content to send');
  // A body of a kind this code cannot measure (a platform's own Blob stand-in) is trusted to match its size.
  const byteLength = attachmentByteLength(body);
  if (byteLength !== undefined && byteLength !== size) {
    return invalid(`the file holds ${byteLength} bytes but its size says ${size}`);
  }
  return undefined;
}

/**
 * Throws the first rule an attachment breaks (see {@link findAttachmentProblem}) as a `ChatError` coded
 * `validation`; returns nothing when it may be sent. Pure: it reads nothing but its arguments.
 *
 * @example
 * ```ts
 * validateAttachment(attachment, { allowedContentTypes: ['image/png'] }); // throws before any request
 * ```
 */
export function validateAttachment(attachment: UploadableAttachment, rules: AttachmentRules = {}): void {
  const problem = findAttachmentProblem(attachment, rules);
  if (problem) throw problem;
}
