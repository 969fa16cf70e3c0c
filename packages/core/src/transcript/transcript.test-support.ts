// Item builders shared by the transcript tests. Times are whole seconds after a fixed instant so tests read as
// small numbers and ties are easy to arrange.
import { EventContentType } from '../protocol/content-types';
import type { ArtifactStatus, Item } from '../protocol/item.types';

export const SELF = 'self-participant';
export const AGENT = 'agent-participant';

/** ISO time `seconds` after 2024-01-01T00:00:00Z. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2024, 0, 1) + seconds * 1000).toISOString();
}

export function message(id: string, seconds: number, extra: Partial<Item> = {}): Item {
  return {
    Id: id,
    Type: 'MESSAGE',
    ContentType: 'text/plain',
    Content: `text of ${id}`,
    AbsoluteTime: at(seconds),
    ParticipantId: AGENT,
    ParticipantRole: 'AGENT',
    DisplayName: 'Agent',
    ...extra,
  };
}

export function event(id: string, seconds: number, contentType: string, extra: Partial<Item> = {}): Item {
  return { Id: id, Type: 'EVENT', ContentType: contentType, AbsoluteTime: at(seconds), ...extra };
}

export function typing(id: string, seconds: number): Item {
  return event(id, seconds, EventContentType.typing, { ParticipantId: AGENT, ParticipantRole: 'AGENT' });
}

export function attachment(
  id: string,
  seconds: number,
  attachmentId: string,
  status: ArtifactStatus,
  extra: Partial<Item> = {},
): Item {
  return {
    Id: id,
    Type: 'ATTACHMENT',
    AbsoluteTime: at(seconds),
    ParticipantId: AGENT,
    ParticipantRole: 'AGENT',
    Attachments: [
      { AttachmentId: attachmentId, AttachmentName: 'file.png', ContentType: 'image/png', Status: status },
    ],
    ...extra,
  };
}

export function receipt(
  id: string | undefined,
  seconds: number,
  messageId: string,
  kind: 'read' | 'delivered',
  from: string = AGENT,
): Item {
  const stamp = kind === 'read' ? { ReadTimestamp: at(seconds) } : { DeliveredTimestamp: at(seconds) };
  return {
    ...(id === undefined ? {} : { Id: id }),
    Type: 'MESSAGEMETADATA',
    ContentType: EventContentType.messageMetadata,
    AbsoluteTime: at(seconds),
    MessageMetadata: { MessageId: messageId, Receipts: [{ ...stamp, RecipientParticipantId: from }] },
  };
}

/** A Lex streaming chunk (`completed: false`) or the final item (`completed: true`). */
export function lexChunk(
  id: string,
  seconds: number,
  content: string,
  chunkNumber: number | undefined,
  completed: boolean,
): Item {
  return {
    Id: id,
    Type: 'MESSAGE',
    ContentType: 'text/plain',
    Content: content,
    AbsoluteTime: at(seconds),
    ParticipantRole: 'SYSTEM',
    DisplayName: 'BOT',
    MessageMetadata: {
      MessageCompleted: completed,
      ...(chunkNumber === undefined ? {} : { ChunkNumber: chunkNumber }),
    },
  };
}

/** Freezes an item and everything in it, so a test fails if the store mutates what it was given. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
