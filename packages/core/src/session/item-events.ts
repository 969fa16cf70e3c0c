/** Which typed session event an incoming item goes to: one table, keyed by content type. */
import { EventContentType } from '../protocol/content-types';
import type { Item } from '../protocol/item.types';
import type { ChatSessionEventType } from './session.types';

/** The typed event of each event content type. Receipts and messages are decided by `Type` first. */
export const eventTypeByContentType: Readonly<Record<string, ChatSessionEventType>> = {
  [EventContentType.typing]: 'typing',
  [EventContentType.participantJoined]: 'participantJoined',
  [EventContentType.participantLeft]: 'participantLeft',
  [EventContentType.participantInvited]: 'participantInvited',
  [EventContentType.participantIdle]: 'participantIdle',
  [EventContentType.participantReturned]: 'participantReturned',
  [EventContentType.participantAutoDisconnection]: 'participantAutoDisconnected',
  [EventContentType.participantDisplayNameUpdated]: 'participantDisplayNameUpdated',
  [EventContentType.participantActive]: 'participantActive',
  [EventContentType.participantInactive]: 'participantInactive',
  [EventContentType.transferSucceeded]: 'transferSucceeded',
  [EventContentType.transferFailed]: 'transferFailed',
  [EventContentType.chatEnded]: 'chatEnded',
  [EventContentType.chatRehydrated]: 'chatRehydrated',
  [EventContentType.connectionAcknowledged]: 'connectionAcknowledged',
  [EventContentType.workflowCancelled]: 'workflowCancelled',
  [EventContentType.authenticationInitiated]: 'authenticationInitiated',
  [EventContentType.authenticationSucceeded]: 'authenticationSucceeded',
  [EventContentType.authenticationFailed]: 'authenticationFailed',
  [EventContentType.authenticationTimeout]: 'authenticationTimeout',
  [EventContentType.authenticationExpired]: 'authenticationExpired',
  [EventContentType.authenticationCancelled]: 'authenticationCancelled',
};

const receiptContentTypes: ReadonlySet<string | undefined> = new Set([
  EventContentType.messageDelivered,
  EventContentType.messageRead,
  EventContentType.messageMetadata,
]);

/** Whether an item is a receipt (`MESSAGEMETADATA`, or a delivered/read event). */
export function isReceiptItem(item: Item): boolean {
  return (
    item.Type === 'MESSAGEMETADATA' ||
    item.Type === 'MESSAGE_METADATA' ||
    item.Type === 'MESSAGE_DELIVERED' ||
    item.Type === 'MESSAGE_READ' ||
    receiptContentTypes.has(item.ContentType)
  );
}

/** The typed event an item goes to, or `undefined` for receipts (they have their own path). */
export function eventTypeOf(item: Item): ChatSessionEventType | undefined {
  if (isReceiptItem(item)) return undefined;
  if (item.Type === 'ATTACHMENT') return 'attachment';
  if (item.Type === 'MESSAGE') return 'message';
  if (item.Type === 'CONNECTION_ACK') return 'connectionAcknowledged';
  const byContentType = item.ContentType === undefined ? undefined : eventTypeByContentType[item.ContentType];
  if (byContentType) return byContentType;
  if (item.Type === 'TYPING') return 'typing';
  if (item.Type === 'PARTICIPANT_JOINED') return 'participantJoined';
  if (item.Type === 'PARTICIPANT_LEFT') return 'participantLeft';
  if (item.Type === 'CHAT_ENDED') return 'chatEnded';
  if (item.Type === 'TRANSFER_SUCCEEDED') return 'transferSucceeded';
  if (item.Type === 'TRANSFER_FAILED') return 'transferFailed';
  // A message content type on an item without a Type is still a message.
  if (
    item.ContentType !== undefined &&
    !item.ContentType.startsWith('application/vnd.amazonaws.connect.event.')
  )
    return 'message';
  return 'unknownEvent';
}

/** The authentication session id carried in an `authentication.*` event's JSON content, if any. */
export function authenticationSessionIdOf(item: Item): string | undefined {
  if (!item.Content) return undefined;
  try {
    const parsed: unknown = JSON.parse(item.Content);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const record = parsed as Record<string, unknown>;
    const value = record.SessionId ?? record.sessionId;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
