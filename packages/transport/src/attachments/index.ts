export type {
  XhrAttachmentTransferOptions,
  XhrProgressEventLike,
  XhrUploadLike,
  XmlHttpRequestConstructor,
  XmlHttpRequestLike,
} from './xhr.types';
export { createXhrAttachmentTransfer } from './xhr-attachment-transfer';
