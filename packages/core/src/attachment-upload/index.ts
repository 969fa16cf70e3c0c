export type {
  AttachmentBody,
  AttachmentTransfer,
  AttachmentTransferOptions,
  AttachmentUploadRequest,
} from './attachment-transfer.types';
export { attachmentUploadMachine } from './attachment-upload.machine';
export type * from './attachment-upload.types';
export { defaultUploadRetryDelayMs, maxUploadRetries } from './attachment-upload.types';
export {
  attachmentByteLength,
  findAttachmentProblem,
  maxAttachmentNameLength,
  validateAttachment,
} from './attachment-validation';
export type {
  AttachmentFetch,
  AttachmentFetchResponse,
  FetchAttachmentTransferOptions,
} from './fetch-attachment-transfer';
export { attachmentDownloadError, createFetchAttachmentTransfer } from './fetch-attachment-transfer';
export type { UploadAttachmentOptions } from './upload-attachment';
export { attachmentFromBlob, uploadAttachment } from './upload-attachment';
