/**
 * Input checks for every session method, run before anything goes on the wire. Each returns the normalised
 * service input or throws a `ChatError` with code `validation` whose message names the method and the field.
 * The limits are the service's own (see `protocol/content-types.ts` and the Participant Service model).
 */
import { ChatError, ChatErrorCode } from '../errors';
import {
  EventContentType,
  MessageContentType,
  messageContentMaxLength,
  sendableEventContentTypes,
} from '../protocol/content-types';
import type {
  GetTranscriptInput,
  ScanDirection,
  SortKey,
  StartPosition,
} from '../protocol/participant-api.types';
import type {
  AuthenticationUrlRequest,
  SendableMessageContentType,
  SendEventRequest,
  SendMessageRequest,
  TranscriptRequest,
} from './session.types';

/** Message content types `sendMessage` accepts. */
export const sendableMessageContentTypes: readonly SendableMessageContentType[] = [
  MessageContentType.plainText,
  MessageContentType.markdown,
  MessageContentType.json,
  MessageContentType.interactiveResponse,
];

const maxEventContentLength = 16_384;
const maxClientTokenLength = 500;
const jsonContentTypes: ReadonlySet<string> = new Set([
  MessageContentType.json,
  MessageContentType.interactiveResponse,
]);
const receiptContentTypes: ReadonlySet<string> = new Set([
  EventContentType.messageDelivered,
  EventContentType.messageRead,
]);

function invalid(action: string, problem: string): ChatError {
  return new ChatError(ChatErrorCode.validation, `unable to ${action}; ${problem}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string'
    ? `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`
    : typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Checks a string field's presence, type and length (in UTF-16 code units, as the service counts). */
export function checkString(
  action: string,
  field: string,
  value: unknown,
  limits: { min: number; max: number; optional?: boolean },
): string | undefined {
  if (value === undefined && limits.optional) return undefined;
  if (typeof value !== 'string') throw invalid(action, `${field} must be a string, got ${describe(value)}`);
  if (value.length < limits.min)
    throw invalid(action, limits.min === 1 ? `${field} is empty` : `${field} is shorter than ${limits.min}`);
  if (value.length > limits.max)
    throw invalid(action, `${field} is ${value.length} characters long; the limit is ${limits.max}`);
  return value;
}

function checkOptions(action: string, input: unknown, name: string): Record<string, unknown> {
  if (!isRecord(input)) throw invalid(action, `${name} must be an object, got ${describe(input)}`);
  return input;
}

function checkClientToken(action: string, value: unknown): string | undefined {
  return checkString(action, 'clientToken', value, { min: 1, max: maxClientTokenLength, optional: true });
}

function checkJson(action: string, content: string): void {
  try {
    JSON.parse(content);
  } catch {
    throw invalid(action, 'content must be a JSON string for this content type');
  }
}

/** A checked `sendMessage` request. */
export interface CheckedMessage {
  contentType: SendableMessageContentType;
  content: string;
  clientToken: string | undefined;
}

/** Validates a `sendMessage` request: a sendable content type and content within that type's length limit. */
export function checkSendMessage(input: SendMessageRequest | string): CheckedMessage {
  const action = 'send message';
  const request: Record<string, unknown> =
    typeof input === 'string' ? { content: input } : checkOptions(action, input, 'the message');
  const contentType = request.contentType ?? MessageContentType.plainText;
  if (
    typeof contentType !== 'string' ||
    !(sendableMessageContentTypes as readonly string[]).includes(contentType)
  )
    throw invalid(
      action,
      `contentType ${describe(contentType)} is not one of ${sendableMessageContentTypes.join(', ')}`,
    );
  const max = messageContentMaxLength[contentType] ?? 1024;
  const content = checkString(action, 'content', request.content, { min: 1, max })!;
  if (jsonContentTypes.has(contentType)) checkJson(action, content);
  return {
    contentType: contentType as SendableMessageContentType,
    content,
    clientToken: checkClientToken(action, request.clientToken),
  };
}

/** A checked `sendEvent` request. */
export interface CheckedEvent {
  contentType: string;
  content: string | undefined;
  clientToken: string | undefined;
  /** For read/delivered receipts: the message the receipt is about. */
  receiptMessageId: string | undefined;
}

/** Validates a `sendEvent` request; receipts need `{"messageId": "…"}` content. */
export function checkSendEvent(input: SendEventRequest): CheckedEvent {
  const action = 'send event';
  const request = checkOptions(action, input, 'the event');
  const { contentType } = request;
  if (typeof contentType !== 'string' || !sendableEventContentTypes.includes(contentType))
    throw invalid(
      action,
      `contentType ${describe(contentType)} is not one of ${sendableEventContentTypes.join(', ')}`,
    );
  const content = checkString(action, 'content', request.content, {
    min: 1,
    max: maxEventContentLength,
    optional: true,
  });
  let receiptMessageId: string | undefined;
  if (receiptContentTypes.has(contentType)) {
    if (content === undefined) throw invalid(action, 'a receipt needs content {"messageId": "…"}');
    let parsed: unknown;
    try {
      parsed = JSON.parse(content);
    } catch {
      throw invalid(action, 'receipt content must be JSON like {"messageId": "…"}');
    }
    const messageId = isRecord(parsed) ? parsed.messageId : undefined;
    receiptMessageId = checkString(action, 'content.messageId', messageId, { min: 1, max: 256 });
  }
  return {
    contentType,
    content,
    clientToken: checkClientToken(action, request.clientToken),
    receiptMessageId,
  };
}

/** Validates a message id (receipts, `markAsRead`). */
export function checkMessageId(action: string, messageId: unknown): string {
  return checkString(action, 'messageId', messageId, { min: 1, max: 256 })!;
}

const scanDirections: readonly ScanDirection[] = ['FORWARD', 'BACKWARD'];
const sortOrders: readonly SortKey[] = ['ASCENDING', 'DESCENDING'];

/** A checked transcript query, in the service's field names (without the token). */
export type CheckedTranscriptQuery = Omit<GetTranscriptInput, 'ConnectionToken'>;

/** Validates a transcript query: page size 0..100, enum values, start position fields and token lengths. */
export function checkTranscriptRequest(input: TranscriptRequest | undefined): CheckedTranscriptQuery {
  const action = 'get transcript';
  if (input === undefined) return {};
  const request = checkOptions(action, input, 'the query');
  const query: CheckedTranscriptQuery = {};
  const contactId = checkString(action, 'contactId', request.contactId, { min: 1, max: 256, optional: true });
  if (contactId !== undefined) query.ContactId = contactId;
  if (request.maxResults !== undefined) {
    const max = request.maxResults;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 0 || max > 100)
      throw invalid(action, `maxResults must be an integer from 0 to 100, got ${describe(max)}`);
    query.MaxResults = max;
  }
  const nextToken = checkString(action, 'nextToken', request.nextToken, {
    min: 1,
    max: 1000,
    optional: true,
  });
  if (nextToken !== undefined) query.NextToken = nextToken;
  if (request.scanDirection !== undefined) {
    if (!scanDirections.includes(request.scanDirection as ScanDirection))
      throw invalid(
        action,
        `scanDirection must be FORWARD or BACKWARD, got ${describe(request.scanDirection)}`,
      );
    query.ScanDirection = request.scanDirection as ScanDirection;
  }
  if (request.sortOrder !== undefined) {
    if (!sortOrders.includes(request.sortOrder as SortKey))
      throw invalid(action, `sortOrder must be ASCENDING or DESCENDING, got ${describe(request.sortOrder)}`);
    query.SortOrder = request.sortOrder as SortKey;
  }
  if (request.startPosition !== undefined) {
    const start = checkOptions(action, request.startPosition, 'startPosition');
    const position: StartPosition = {};
    const id = checkString(action, 'startPosition.id', start.id, { min: 1, max: 256, optional: true });
    if (id !== undefined) position.Id = id;
    const time = checkString(action, 'startPosition.absoluteTime', start.absoluteTime, {
      min: 1,
      max: 100,
      optional: true,
    });
    if (time !== undefined) position.AbsoluteTime = time;
    if (start.mostRecent !== undefined) {
      const recent = start.mostRecent;
      if (typeof recent !== 'number' || !Number.isInteger(recent) || recent < 0 || recent > 100)
        throw invalid(
          action,
          `startPosition.mostRecent must be an integer from 0 to 100, got ${describe(recent)}`,
        );
      position.MostRecent = recent;
    }
    if (Object.keys(position).length > 1)
      throw invalid(action, 'startPosition takes only one of id, absoluteTime and mostRecent');
    // An empty start position is sent as given: the service reads `{}` as "no start position".
    query.StartPosition = position;
  }
  return query;
}

/** Validates an attachment id. */
export function checkAttachmentId(action: string, attachmentId: unknown): string {
  return checkString(action, 'attachmentId', attachmentId, { min: 1, max: 256 })!;
}

/** Validates a presigned URL lifetime: 5..300 seconds. */
export function checkUrlExpiry(action: string, seconds: unknown): number | undefined {
  if (seconds === undefined) return undefined;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 5 || seconds > 300)
    throw invalid(action, `expiresInSeconds must be an integer from 5 to 300, got ${describe(seconds)}`);
  return seconds;
}

/** Validates a view token (1..1000 characters). */
export function checkViewToken(viewToken: unknown): string {
  return checkString('describe view', 'viewToken', viewToken, { min: 1, max: 1000 })!;
}

/** Validates an authentication session id: exactly 36 characters, as the `authentication.initiated` event gives. */
export function checkAuthenticationSessionId(action: string, sessionId: unknown): string {
  return checkString(action, 'sessionId', sessionId, { min: 36, max: 36 })!;
}

/** Validates a `getAuthenticationUrl` request. */
export function checkAuthenticationUrlRequest(input: AuthenticationUrlRequest): {
  SessionId: string;
  RedirectUri: string;
} {
  const action = 'get authentication URL';
  const request = checkOptions(action, input, 'the request');
  return {
    SessionId: checkAuthenticationSessionId(action, request.sessionId),
    RedirectUri: checkString(action, 'redirectUri', request.redirectUri, { min: 1, max: 1024 })!,
  };
}
