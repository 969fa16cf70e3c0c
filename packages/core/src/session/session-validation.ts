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

/**
 * Validates an optional cancellation signal: anything with a boolean `aborted` and the two listener methods (an
 * `AbortSignal` from any realm). A wrong value must fail here, before a pending entry or a request exists.
 */
export function checkSignal(action: string, signal: unknown): void {
  if (signal === undefined) return;
  const candidate = signal as Partial<
    Record<'aborted' | 'addEventListener' | 'removeEventListener', unknown>
  >;
  if (
    !isRecord(signal) ||
    typeof candidate.aborted !== 'boolean' ||
    typeof candidate.addEventListener !== 'function' ||
    typeof candidate.removeEventListener !== 'function'
  )
    throw invalid(action, `signal must be an AbortSignal, got ${describe(signal)}`);
}

/**
 * Validates a method's optional options object: `undefined` means none; anything else must be an object, and its
 * `signal`, if any, an `AbortSignal`. Returns the options to read from.
 */
export function checkCallOptions<T extends object>(action: string, options: T | undefined): Partial<T> {
  if (options === undefined) return {};
  if (!isRecord(options)) throw invalid(action, `options must be an object, got ${describe(options)}`);
  checkSignal(action, (options as { signal?: unknown }).signal);
  return options;
}

/** Validates `on(type, listener)`: a known event name and a function. */
export function checkListener(type: unknown, listener: unknown, known: ReadonlySet<string>): void {
  if (typeof type !== 'string' || !known.has(type))
    throw invalid('listen', `there is no session event named ${describe(type)}`);
  if (typeof listener !== 'function')
    throw invalid('listen', `the listener must be a function, got ${describe(listener)}`);
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
  checkSignal(action, request.signal);
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
  checkSignal(action, request.signal);
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
  checkSignal(action, request.signal);
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

/** The participant-API operations a session calls; an adapter must provide each as a function. */
const participantApiMethods = [
  'createParticipantConnection',
  'sendMessage',
  'sendEvent',
  'getTranscript',
  'disconnectParticipant',
  'startAttachmentUpload',
  'completeAttachmentUpload',
  'getAttachment',
  'describeView',
  'getAuthenticationUrl',
  'cancelParticipantAuthentication',
] as const;

/**
 * Validates the options of `createChatSession` beyond the chat details (which the session checks itself): every
 * slot has the methods the session will call, every callback is a function, every number is in range. Throws a
 * `ChatError` coded `validation` naming the first bad option, so a mistake fails at creation instead of as a
 * `TypeError` in the middle of a chat. `undefined` always means "use the default".
 */
export function checkSessionOptions(options: unknown): void {
  const fail = (problem: string): never => {
    throw invalid('create chat session', problem);
  };
  if (!isRecord(options))
    throw invalid('create chat session', `options must be an object, got ${describe(options)}`);
  const has = (value: unknown, methods: readonly string[]): boolean =>
    isRecord(value) && methods.every((method) => typeof value[method] === 'function');
  const optionalObject = (name: string, methods: readonly string[]): void => {
    const value = options[name];
    if (value !== undefined && !has(value, methods))
      fail(`${name} must be an object with ${methods.join(', ')}, got ${describe(value)}`);
  };
  const optionalFunction = (name: string, value: unknown): void => {
    if (value !== undefined && typeof value !== 'function')
      fail(`${name} must be a function, got ${describe(value)}`);
  };
  const optionalNumber = (
    name: string,
    value: unknown,
    min: number,
    max = Number.POSITIVE_INFINITY,
  ): void => {
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
      fail(
        `${name} must be a number from ${min}${Number.isFinite(max) ? ` to ${max}` : ' up'}, got ${describe(value)}`,
      );
  };
  const optionalInteger = (
    name: string,
    value: unknown,
    min: number,
    max = Number.MAX_SAFE_INTEGER,
  ): void => {
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      fail(
        `${name} must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}, got ${describe(value)}`,
      );
  };
  const section = (name: string): Record<string, unknown> => {
    const value = options[name];
    if (value === undefined) return {};
    if (!isRecord(value)) return fail(`${name} must be an object, got ${describe(value)}`);
    return value;
  };

  if (!isRecord(options.chatDetails))
    fail(`chatDetails must be an object, got ${describe(options.chatDetails)}`);
  if (!has(options.participantApi, participantApiMethods))
    fail(
      'participantApi must be an object with every participant-API operation (createParticipantConnection, …)',
    );
  optionalObject('sockets', ['open']);
  optionalObject('managedSocket', ['subscribe', 'listen']);
  if ((options.sockets === undefined) === (options.managedSocket === undefined))
    fail('give exactly one of sockets and managedSocket');
  optionalObject('platform', ['subscribe']);
  if (isRecord(options.platform)) {
    optionalFunction('platform.isOnline', options.platform.isOnline);
    optionalFunction('platform.isVisible', options.platform.isVisible);
  }
  optionalObject('clock', ['setTimeout', 'clearTimeout', 'now']);
  optionalObject('logger', ['debug', 'info', 'warn', 'error']);
  optionalFunction('getConnectionToken', options.getConnectionToken);
  optionalFunction('reconnectDelay', options.reconnectDelay);
  if (options.retryFirstConnect !== undefined && typeof options.retryFirstConnect !== 'boolean')
    fail(`retryFirstConnect must be a boolean, got ${describe(options.retryFirstConnect)}`);
  if (options.sendWhileReconnecting !== undefined && typeof options.sendWhileReconnecting !== 'boolean')
    fail(`sendWhileReconnecting must be a boolean, got ${describe(options.sendWhileReconnecting)}`);
  optionalFunction('createClientToken', options.createClientToken);
  // An inspector is a function or an observer object; XState calls `next` on the latter.
  const inspect = options.inspect;
  if (inspect !== undefined && typeof inspect !== 'function' && !has(inspect, ['next']))
    fail(`inspect must be a function or an observer, got ${describe(inspect)}`);
  optionalNumber('typingThrottleMs', options.typingThrottleMs, 0);
  optionalInteger('outboxCapacity', options.outboxCapacity, 1);
  optionalInteger('outboxMaxAttempts', options.outboxMaxAttempts, 1);
  for (const [name, value] of Object.entries(section('delays'))) optionalNumber(`delays.${name}`, value, 0);
  if (options.receipts !== false) {
    const receipts = section('receipts');
    if (receipts.enabled !== undefined && typeof receipts.enabled !== 'boolean')
      fail(`receipts.enabled must be a boolean, got ${describe(receipts.enabled)}`);
    optionalNumber('receipts.throttleMs', receipts.throttleMs, 0);
    optionalNumber('receipts.deliveredHoldMs', receipts.deliveredHoldMs, 0);
  }
  const transcript = section('transcript');
  if (transcript.loadOnConnect !== undefined && typeof transcript.loadOnConnect !== 'boolean')
    fail(`transcript.loadOnConnect must be a boolean, got ${describe(transcript.loadOnConnect)}`);
  optionalInteger('transcript.pageSize', transcript.pageSize, 1, 100);
  optionalInteger('transcript.maxGapPages', transcript.maxGapPages, 0);
  const attachments = section('attachments');
  if (attachments.transfer !== undefined && !has(attachments.transfer, ['upload', 'download']))
    fail(
      `attachments.transfer must be an object with upload and download, got ${describe(attachments.transfer)}`,
    );
  optionalInteger('attachments.maxSizeInBytes', attachments.maxSizeInBytes, 1);
  const allowed = attachments.allowedContentTypes;
  if (
    allowed !== undefined &&
    (!Array.isArray(allowed) || allowed.some((type) => typeof type !== 'string' || type.length === 0))
  )
    fail('attachments.allowedContentTypes must be a list of MIME types');
}
