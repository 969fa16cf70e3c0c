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

/** Every event a session emits, for checking `on(type, …)` at run time. */
export const sessionEventTypes: ReadonlySet<string> = new Set(
  Object.keys({
    item: 0,
    message: 0,
    attachment: 0,
    attachmentStatus: 0,
    typing: 0,
    readReceipt: 0,
    deliveredReceipt: 0,
    participantJoined: 0,
    participantLeft: 0,
    participantInvited: 0,
    participantIdle: 0,
    participantReturned: 0,
    participantAutoDisconnected: 0,
    participantDisplayNameUpdated: 0,
    participantActive: 0,
    participantInactive: 0,
    transferSucceeded: 0,
    transferFailed: 0,
    chatEnded: 0,
    chatRehydrated: 0,
    connectionAcknowledged: 0,
    workflowCancelled: 0,
    authenticationInitiated: 0,
    authenticationSucceeded: 0,
    authenticationFailed: 0,
    authenticationTimeout: 0,
    authenticationExpired: 0,
    authenticationCancelled: 0,
    unknownEvent: 0,
    transcript: 0,
    status: 0,
    deepHeartbeat: 0,
    historyLoaded: 0,
    gapFilled: 0,
    receiptSent: 0,
    error: 0,
    // The object's type makes the compiler hold this list and the event map to the same names.
  } satisfies Record<ChatSessionEventType, 0>),
);

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
  // Own keys only: a content type such as `constructor` must not find a member of Object.prototype.
  const byContentType =
    item.ContentType !== undefined && Object.hasOwn(eventTypeByContentType, item.ContentType)
      ? eventTypeByContentType[item.ContentType]
      : undefined;
  if (byContentType) return byContentType;
  if (item.Type === 'TYPING') return 'typing';
  if (item.Type === 'PARTICIPANT_JOINED') return 'participantJoined';
  if (item.Type === 'PARTICIPANT_LEFT') return 'participantLeft';
  if (item.Type === 'CHAT_ENDED') return 'chatEnded';
  if (item.Type === 'TRANSFER_SUCCEEDED') return 'transferSucceeded';
  if (item.Type === 'TRANSFER_FAILED') return 'transferFailed';
  // A message content type on an item without a Type is still a message.
  if (
    item.Type === undefined &&
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
