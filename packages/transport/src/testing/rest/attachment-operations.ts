/** StartAttachmentUpload, CompleteAttachmentUpload and GetAttachment (§1.4.6-§1.4.8, §5.3). */
import { randomUUID } from 'node:crypto';
import type { ArtifactStatus } from '@connect-chat/core';
import { downloadUrl, findAttachment, uploadUrl } from '../attachments';
import type { EmulatorContext } from '../context';
import { accessDenied, conflict, ServiceError, validationError } from '../errors';
import { senderFields } from '../lifecycle';
import type { AttachmentRecord, ContactRecord } from '../state.types';
import type { ParticipantOperation } from './operation.types';

const startAttachmentUpload: ParticipantOperation = {
  name: 'StartAttachmentUpload',
  method: 'POST',
  path: '/participant/start-attachment-upload',
  bearer: 'connection',
  endedChat: 'write',
  idempotent: true,
  schema: {
    ContentType: { kind: 'string', required: true, min: 1, max: 255 },
    AttachmentSizeInBytes: { kind: 'integer', required: true, min: 1 },
    AttachmentName: { kind: 'string', required: true, min: 1, max: 256 },
    ClientToken: { kind: 'string', required: true, min: 1, max: 500 },
  },
  handle(context, { body, participant, contact }) {
    const rules = context.options.attachments;
    const contentType = body.ContentType as string;
    const size = body.AttachmentSizeInBytes as number;
    if (!rules.allowedContentTypes.includes(contentType)) {
      throw validationError(`unable to start attachment upload; content type ${contentType} is not allowed`);
    }
    if (size > rules.maxSizeInBytes) {
      throw validationError(
        `unable to start attachment upload; the size exceeds ${rules.maxSizeInBytes} bytes`,
      );
    }
    if (contact.attachments.size >= rules.maxPerContact) {
      throw new ServiceError(
        'ServiceQuotaExceededException',
        `unable to start attachment upload; the chat already has ${rules.maxPerContact} attachments`,
      );
    }
    const attachment: AttachmentRecord = {
      attachmentId: randomUUID(),
      contactId: contact.contactId,
      participantId: participant.participantId,
      name: body.AttachmentName as string,
      contentType,
      size,
      status: 'PENDING_UPLOAD',
      scanStatus: undefined,
      uploadHeaders: { 'Content-Type': contentType, ...rules.extraUploadHeaders },
      bytes: undefined,
      etag: undefined,
    };
    contact.attachments.set(attachment.attachmentId, attachment);
    const expiresAt = context.now() + context.options.lifetimes.uploadUrlMs;
    return {
      AttachmentId: attachment.attachmentId,
      UploadMetadata: {
        Url: uploadUrl(context, attachment, expiresAt),
        UrlExpiry: new Date(expiresAt).toISOString(),
        HeadersToInclude: { ...attachment.uploadHeaders },
      },
    };
  },
};

function attachmentItem(attachment: AttachmentRecord, status: ArtifactStatus) {
  return {
    ContentType: attachment.contentType,
    AttachmentId: attachment.attachmentId,
    AttachmentName: attachment.name,
    Status: status,
  };
}

function finishScan(
  context: EmulatorContext,
  contact: ContactRecord,
  attachment: AttachmentRecord,
  itemId: string,
): void {
  const verdict: ArtifactStatus = context.options.attachments.scanning === 'reject' ? 'REJECTED' : 'APPROVED';
  attachment.scanStatus = verdict;
  attachment.status = 'COMPLETED';
  const stored = contact.items.find((entry) => entry.item.Id === itemId);
  if (stored) stored.item.Attachments = [attachmentItem(attachment, verdict)];
  const sender = contact.participants.get(attachment.participantId);
  context.store.appendItem(
    contact,
    {
      Type: 'ATTACHMENT',
      Attachments: [attachmentItem(attachment, verdict)],
      ...(sender ? senderFields(sender) : {}),
    },
    { store: false },
  );
}

const completeAttachmentUpload: ParticipantOperation = {
  name: 'CompleteAttachmentUpload',
  method: 'POST',
  path: '/participant/complete-attachment-upload',
  bearer: 'connection',
  endedChat: 'write',
  idempotent: true,
  schema: {
    AttachmentIds: {
      kind: 'stringList',
      required: true,
      minItems: 1,
      maxItems: 1,
      item: { min: 1, max: 256 },
    },
    ClientToken: { kind: 'string', required: true, min: 1, max: 500 },
  },
  handle(context, { body, participant, contact }) {
    const attachmentId = (body.AttachmentIds as string[])[0] ?? '';
    const attachment = contact.attachments.get(attachmentId);
    if (!attachment)
      throw validationError(
        `unable to complete attachment upload; attachment ${attachmentId} does not exist`,
      );
    if (attachment.status === 'COMPLETING' || attachment.status === 'COMPLETED') {
      throw conflict(`unable to complete attachment upload; attachment ${attachmentId} is already completed`);
    }
    if (attachment.status === 'PENDING_UPLOAD') {
      throw validationError(
        `unable to complete attachment upload; attachment ${attachmentId} was not uploaded`,
      );
    }
    const scanning = context.options.attachments.scanning !== 'off';
    attachment.status = scanning ? 'COMPLETING' : 'COMPLETED';
    if (!scanning) attachment.scanStatus = 'APPROVED';
    const item = context.store.appendItem(contact, {
      Type: 'ATTACHMENT',
      Attachments: [attachmentItem(attachment, scanning ? 'IN_PROGRESS' : 'APPROVED')],
      ...senderFields(participant),
    });
    if (scanning) {
      context.schedule(context.options.attachments.scanDelayMs, () =>
        finishScan(context, contact, attachment, item.Id),
      );
    }
    return {};
  },
};

const getAttachment: ParticipantOperation = {
  name: 'GetAttachment',
  method: 'POST',
  path: '/participant/attachment',
  bearer: 'connection',
  endedChat: 'read',
  idempotent: false,
  schema: {
    AttachmentId: { kind: 'string', required: true, min: 1, max: 256 },
    UrlExpiryInSeconds: { kind: 'integer', min: 5, max: 300 },
  },
  handle(context, { body, participant, contact }) {
    if (participant.role === 'CUSTOM_BOT') {
      throw accessDenied('unable to get attachment; bot participants may not download attachments');
    }
    const attachmentId = body.AttachmentId as string;
    const found = findAttachment(context, attachmentId);
    const inChain = found && context.store.chain(contact).includes(found.contact);
    if (!found || !inChain || found.attachment.scanStatus !== 'APPROVED') {
      throw validationError(`unable to get attachment; attachment ${attachmentId} is not available`);
    }
    const seconds = (body.UrlExpiryInSeconds as number | undefined) ?? 300;
    const expiresAt = context.now() + seconds * 1000;
    return {
      Url: downloadUrl(context, found.attachment, expiresAt),
      UrlExpiry: new Date(expiresAt).toISOString(),
      AttachmentSizeInBytes: found.attachment.size,
    };
  },
};

/** The attachment operations. */
export const attachmentOperations: readonly ParticipantOperation[] = [
  startAttachmentUpload,
  completeAttachmentUpload,
  getAttachment,
];
