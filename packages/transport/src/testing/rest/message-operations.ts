/** SendMessage, SendEvent and GetTranscript (§1.4.2-§1.4.4). */
import { randomUUID } from 'node:crypto';
import { EventContentType, MessageContentType, messageContentMaxLength } from '@connect-chat/core';
import { validationError } from '../errors';
import {
  acknowledgeConnection,
  type ReceiptKind,
  recordReceipt,
  senderFields,
  sendTyping,
} from '../lifecycle';
import { pageTranscript, type TranscriptQuery } from '../transcript';
import { transcriptEntries } from '../transcript-view';
import type { ParticipantOperation } from './operation.types';

const clientToken = { kind: 'string', max: 500 } as const;

const sendMessage: ParticipantOperation = {
  name: 'SendMessage',
  method: 'POST',
  path: '/participant/message',
  bearer: 'connection',
  endedChat: 'write',
  idempotent: true,
  schema: {
    ContentType: { kind: 'string', required: true, min: 1, max: 100 },
    Content: { kind: 'string', required: true, min: 1, max: 16384 },
    ClientToken: clientToken,
  },
  handle(context, { body, participant, contact }) {
    const contentType = body.ContentType as string;
    const content = body.Content as string;
    // Own properties only: a content type like "constructor" must not find Object.prototype's.
    const maxLength = Object.hasOwn(messageContentMaxLength, contentType)
      ? messageContentMaxLength[contentType]
      : undefined;
    const supported =
      contentType === MessageContentType.plainText ||
      contact.supportedMessagingContentTypes.includes(contentType);
    if (maxLength === undefined || !supported) {
      throw validationError(
        `unable to send message; content type ${contentType} is not supported on this chat`,
      );
    }
    if (content.length > maxLength) {
      throw validationError(
        `1 validation error detected: Value at 'content' failed to satisfy constraint: Member must have length less than or equal to ${maxLength} for ${contentType}`,
      );
    }
    const item = context.store.appendItem(contact, {
      Type: 'MESSAGE',
      ContentType: contentType,
      Content: content,
      ...senderFields(participant),
    });
    return { Id: item.Id, AbsoluteTime: item.AbsoluteTime };
  },
};

const receiptKinds: Readonly<Record<string, ReceiptKind>> = {
  [EventContentType.messageRead]: 'read',
  [EventContentType.messageDelivered]: 'delivered',
};

function receiptMessageId(content: unknown): string {
  let parsed: unknown;
  try {
    parsed = typeof content === 'string' ? JSON.parse(content) : undefined;
  } catch {
    parsed = undefined;
  }
  const messageId = (parsed as { messageId?: unknown } | undefined)?.messageId;
  if (typeof messageId !== 'string' || messageId === '') {
    throw validationError('unable to send receipt; Content must be JSON with a messageId');
  }
  return messageId;
}

const sendEvent: ParticipantOperation = {
  name: 'SendEvent',
  method: 'POST',
  path: '/participant/event',
  bearer: 'connection',
  endedChat: 'write',
  idempotent: true,
  schema: {
    ContentType: { kind: 'string', required: true, min: 1, max: 100 },
    Content: { kind: 'string', min: 1, max: 16384 },
    ClientToken: clientToken,
  },
  handle(context, { body, participant }) {
    const contentType = body.ContentType as string;
    const stamp = () => ({ Id: randomUUID(), AbsoluteTime: new Date(context.now()).toISOString() });
    if (contentType === EventContentType.typing) {
      const item = sendTyping(context, participant);
      return { Id: item.Id, AbsoluteTime: item.AbsoluteTime };
    }
    const kind = Object.hasOwn(receiptKinds, contentType) ? receiptKinds[contentType] : undefined;
    if (kind) {
      const item = recordReceipt(context, participant, receiptMessageId(body.Content), kind);
      return item ? { Id: item.Id, AbsoluteTime: item.AbsoluteTime } : stamp();
    }
    if (contentType === EventContentType.connectionAcknowledged) {
      acknowledgeConnection(context, participant);
      return stamp();
    }
    throw validationError(`unable to send event; content type ${contentType} is not supported`);
  },
};

const getTranscript: ParticipantOperation = {
  name: 'GetTranscript',
  method: 'POST',
  path: '/participant/transcript',
  bearer: 'connection',
  endedChat: 'read',
  idempotent: false,
  schema: {
    ContactId: { kind: 'string', min: 1, max: 256 },
    MaxResults: { kind: 'integer', min: 0, max: 100 },
    NextToken: { kind: 'string', min: 1, max: 1000 },
    ScanDirection: { kind: 'string', oneOf: ['FORWARD', 'BACKWARD'] },
    SortOrder: { kind: 'string', oneOf: ['ASCENDING', 'DESCENDING'] },
    StartPosition: {
      kind: 'object',
      fields: {
        Id: { kind: 'string', min: 1, max: 256 },
        AbsoluteTime: { kind: 'string', min: 1, max: 100 },
        MostRecent: { kind: 'integer', min: 0, max: 100 },
      },
    },
  },
  handle(context, { body, contact }) {
    const scopeContactId = body.ContactId as string | undefined;
    const entries = transcriptEntries(context, contact, scopeContactId);
    const page = pageTranscript(
      entries,
      body as TranscriptQuery,
      `${contact.contactId}|${scopeContactId ?? '*'}`,
      context.signer,
    );
    return { InitialContactId: contact.initialContactId, ...page };
  },
};

/** The messaging operations. */
export const messageOperations: readonly ParticipantOperation[] = [sendMessage, sendEvent, getTranscript];
