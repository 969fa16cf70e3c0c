/**
 * The ChatJS 5.0.0 API, as module types: what `connect.ChatSession` takes and returns, every event payload, every
 * result and rejection shape. The global `declare namespace connect` (global.d.ts) aliases these, so code written
 * against ChatJS's own `index.d.ts` compiles, and module users can `import type` them instead.
 *
 * Shapes follow what ChatJS does at runtime (legacy-chatjs.md), which is sometimes richer than its `index.d.ts`
 * (e.g. `connect()` also resolves `_debug` and `metadata`; results carry `$metadata` inside `data`).
 */
import type { Item } from '@connect-chat/core';
import type { StreamsManagerSubscriber } from '@connect-chat/transport';
import type { ChatEventName, LogLevel, SessionTypes } from './legacy-constants';

// ---------------------------------------------------------------------------------------------------------------
// Global configuration
// ---------------------------------------------------------------------------------------------------------------

/** The levels of `connect.ChatSession.LogLevel`: DEBUG 10, INFO 20, WARN 30, ERROR 40, ADVANCED_LOG 50. */
export type ChatLogLevel = typeof LogLevel;

/** One of the numeric log levels. */
export type ChatLogLevelValue = ChatLogLevel[keyof ChatLogLevel];

/** The session types of `connect.ChatSession.SessionTypes`. */
export type ChatSessionTypes = typeof SessionTypes;

/** `"AGENT"` or `"CUSTOMER"`. */
export type SessionType = ChatSessionTypes[keyof ChatSessionTypes];

/**
 * A logger an app plugs in. Each call receives one string (the formatted line) and its return value is handed back
 * to the caller.
 */
export interface CustomizedLogger {
  debug(...message: unknown[]): unknown;
  info(...message: unknown[]): unknown;
  warn(...message: unknown[]): unknown;
  error(...message: unknown[]): unknown;
  [method: string]: ((...message: unknown[]) => unknown) | undefined;
}

/** `loggerConfig` of {@link ChatGlobalConfig}. Nothing is logged unless a logger is selected. */
export interface ChatLoggerConfig {
  /** Lines go to this logger as `"<LEVEL> <JSON array of arguments> <metadata JSON>"`; wins over `useDefaultLogger`. */
  customizedLogger?: CustomizedLogger | undefined;
  /** Legacy alias of `customizedLogger`. */
  logger?: CustomizedLogger | undefined;
  /** Lines at or above this level are written. @defaultValue 20 (INFO) */
  level?: ChatLogLevelValue | number | undefined;
  /** Write to `console` as `"<LEVEL> [<ISO time>] <prefix>: <arguments> <metadata JSON>"`. @defaultValue false */
  useDefaultLogger?: boolean | undefined;
  /** The logger method that receives ADVANCED_LOG lines: `warn`, `info`, `debug` or `log`. @defaultValue `'warn'` */
  advancedLogWriter?: string | undefined;
}

/** `features` of {@link ChatGlobalConfig}. */
export interface ChatFeaturesConfig {
  messageReceipts?:
    | {
        /** `false` turns read/delivered receipts off; anything else turns them on. @defaultValue true */
        shouldSendMessageReceipts?: boolean | undefined;
        /** The receipts throttle window in ms; falsy keeps the current value. @defaultValue 5000 */
        throttleTime?: number | undefined;
      }
    | undefined;
}

/** What `connect.ChatSession.setGlobalConfig` takes. Every key is optional. */
export interface ChatGlobalConfig {
  /** The AWS region of the instance. @defaultValue `'us-west-2'` */
  region?: string | undefined;
  /**
   * A base URL that replaces `https://participant.connect.<region>.amazonaws.com` (e.g. a local emulator). Once set
   * it stays set, as in ChatJS.
   */
  endpoint?: string | undefined;
  /** Stored only, as in ChatJS. @defaultValue `'prod'` */
  stage?: string | undefined;
  /** Stored only, as in ChatJS. @defaultValue `'1'` */
  cell?: string | undefined;
  /** Stored only; ChatJS never read it. @defaultValue true */
  reconnect?: boolean | undefined;
  /** The receipts throttle; a call without it resets the throttle to 5000 ms, as in ChatJS. */
  throttleTime?: number | undefined;
  /** Receipt settings, or (legacy) the whole feature list. */
  features?: ChatFeaturesConfig | string[] | undefined;
  /** Appended to the `x-amz-user-agent` header. @defaultValue `''` */
  customUserAgentSuffix?: string | undefined;
  /** Logging. Every call replaces it: a call without `loggerConfig` turns logging off, as in ChatJS. */
  loggerConfig?: ChatLoggerConfig | undefined;
  /** Network probe: polled every 250 ms to tell the connection when the network comes back or goes away. */
  webSocketManagerConfig?: { isNetworkOnline?: (() => unknown) | undefined } | undefined;
  /** Accepted and stored; no client-side metrics are sent anywhere. */
  csmConfig?: { widgetType?: string | undefined } | undefined;
}

/** The event content types ChatJS's types list. */
export type ChatEventContentType =
  | 'application/vnd.amazonaws.connect.event.typing'
  | 'application/vnd.amazonaws.connect.event.message.read'
  | 'application/vnd.amazonaws.connect.event.message.delivered'
  | 'application/vnd.amazonaws.connect.event.participant.joined'
  | 'application/vnd.amazonaws.connect.event.participant.left'
  | 'application/vnd.amazonaws.connect.event.participant.idle'
  | 'application/vnd.amazonaws.connect.event.participant.returned'
  | 'application/vnd.amazonaws.connect.event.participant.invited'
  | 'application/vnd.amazonaws.connect.event.participant.autodisconnection'
  | 'application/vnd.amazonaws.connect.event.transfer.succeeded'
  | 'application/vnd.amazonaws.connect.event.transfer.failed'
  | 'application/vnd.amazonaws.connect.event.chat.ended'
  | 'application/vnd.amazonaws.connect.event.chat.rehydrated'
  | 'application/vnd.amazonaws.connect.event.connection.acknowledged'
  | 'application/vnd.amazonaws.connect.event.authentication.initiated'
  | 'application/vnd.amazonaws.connect.event.authentication.succeeded'
  | 'application/vnd.amazonaws.connect.event.authentication.failed'
  | 'application/vnd.amazonaws.connect.event.authentication.timeout'
  | 'application/vnd.amazonaws.connect.event.authentication.expired'
  | 'application/vnd.amazonaws.connect.event.authentication.cancelled'
  | 'application/vnd.amazonaws.connect.event.participant.displayname.updated';

/** The message content types ChatJS's types list. */
export type ChatMessageContentType =
  | 'text/plain'
  | 'text/markdown'
  | 'text/csv'
  | 'application/msword'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'application/json'
  | 'application/pdf'
  | 'application/vnd.ms-powerpoint'
  | 'application/vnd.openxmlformats-officedocument.presentationml.presentation'
  | 'application/vnd.ms-excel'
  | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  | 'image/jpeg'
  | 'image/png'
  | 'audio/wav'
  | 'audio/x-wav'
  | 'audio/vnd.wave'
  | 'application/vnd.amazonaws.connect.message.interactive'
  | 'application/vnd.amazonaws.connect.message.interactive.response';

/** Any content type ChatJS's types list. */
export type ChatContentType = ChatEventContentType | ChatMessageContentType;

// ---------------------------------------------------------------------------------------------------------------
// Creating sessions
// ---------------------------------------------------------------------------------------------------------------

/**
 * What StreamsJS's media info gives an agent session: the connection token (named `participantToken` here, as
 * StreamsJS names it) and its expiry.
 */
export interface AgentConnectionTokenResult {
  chatTokenTransport: { participantToken: string; expiry?: string | undefined };
}

/**
 * The chat to join: StartChatContact's answer for customers, StreamsJS's media info for agents. camelCase or
 * PascalCase keys are both accepted.
 */
export interface ChatDetailsInput {
  contactId?: string | undefined;
  ContactId?: string | undefined;
  participantId?: string | undefined;
  ParticipantId?: string | undefined;
  /** Required for customers; agents may give `getConnectionToken` instead (or both). Never logged. */
  participantToken?: string | undefined;
  ParticipantToken?: string | undefined;
  /** The first contact of a persistent chat. @defaultValue the contact id */
  initialContactId?: string | undefined;
  InitialContactId?: string | undefined;
  /** Agents: resolves the connection token; CreateParticipantConnection is the fallback when it fails. */
  getConnectionToken?: (() => Promise<AgentConnectionTokenResult>) | undefined;
  GetConnectionToken?: (() => Promise<AgentConnectionTokenResult>) | undefined;
  /** Accepted and ignored, as in ChatJS. */
  connectionDetails?: unknown;
}

/** Per-session options; only `region` is used (and it becomes the global region, as in ChatJS). */
export interface ChatSessionOptions {
  region?: string | undefined;
}

/** Arguments of `connect.ChatSession.create`. */
export interface ChatSessionArgs {
  chatDetails: ChatDetailsInput;
  options?: ChatSessionOptions | undefined;
  /** @defaultValue `'AGENT'`, as in ChatJS */
  type?: SessionType | undefined;
  /** Agents: StreamsJS's WebSocket manager (`connect.core.getWebSocketManager()`). */
  websocketManager?: StreamsManagerSubscriber | undefined;
  /** Accepted; there are no client-side metrics to disable. */
  disableCSM?: boolean | undefined;
}

/** Arguments of a customer session. */
export interface CustomerChatSessionArgs extends ChatSessionArgs {
  type: 'CUSTOMER';
}

/** Arguments of an agent session. */
export interface AgentChatSessionArgs extends ChatSessionArgs {
  type?: 'AGENT' | undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Results and rejections
// ---------------------------------------------------------------------------------------------------------------

/** The HTTP facts of a response, as the AWS SDK reports them in `$metadata`. */
export interface ResponseMetadata {
  httpStatusCode?: number | undefined;
  requestId?: string | undefined;
  extendedRequestId?: string | undefined;
  cfId?: string | undefined;
  /** HTTP attempts made, retries included. */
  attempts: number;
  /** Milliseconds spent waiting between attempts. */
  totalRetryDelay: number;
}

/** A successful call: the service's output (with `$metadata`) in `data`, and the caller's `metadata` echoed. */
export interface ParticipantServiceResponse<D, M = unknown> {
  data: D & { $metadata: ResponseMetadata };
  metadata: M;
}

/** A call that failed at the service or the network: a plain object, not an `Error`, as in ChatJS. */
export interface ParticipantServiceError<M = unknown> {
  /** The service's error name (`AccessDeniedException`, ...), `ValidationException` for input refused locally. */
  type: string;
  message: string;
  stack: string[];
  /** The HTTP status, when there was a response. */
  statusCode: number | undefined;
  metadata: M;
}

/** `connect()`'s result. */
export interface ConnectChatResult<M = unknown> {
  connectCalled: boolean;
  connectSuccess: boolean;
  metadata: M;
  /** The connection status when `connect()` settled. */
  _debug: { websocketStatus: string } | unknown;
}

/** `SendMessage`'s output. */
export interface SendMessageResult {
  Id: string;
  AbsoluteTime: string;
}

/** `SendEvent`'s output. */
export interface SendEventResult {
  Id: string;
  AbsoluteTime: string;
}

/** `GetTranscript`'s output. */
export interface GetTranscriptResult {
  InitialContactId?: string;
  NextToken?: string;
  Transcript: ChatTranscriptItem[];
}

/** `DescribeView`'s output. */
export interface DescribeViewResult {
  View?: {
    Id?: string;
    Arn?: string;
    Name?: string;
    Version?: number;
    Content?: { InputSchema?: string; Template?: string; Actions?: string[] };
  };
}

/** `GetAuthenticationUrl`'s output. */
export interface GetAuthenticationUrlResult {
  AuthenticationUrl?: string;
}

/** What a read/delivered receipt resolves with when nothing had to be sent. */
export interface ReceiptAlreadySent<M = unknown> {
  message: 'Event already fired';
  metadata: M;
}

/** What a read/delivered receipt rejects with when it is not sent at all. */
export interface ReceiptIgnored {
  errorMessage: string;
  data: unknown;
}

// ---------------------------------------------------------------------------------------------------------------
// Method arguments
// ---------------------------------------------------------------------------------------------------------------

/** The caller's value, echoed back on the result or the rejection. */
export interface WithMetadata<M> {
  metadata?: M;
}

/** Arguments of `connect()`. */
export type ConnectArgs<M = unknown> = WithMetadata<M>;

/** Arguments of `sendMessage()`. */
export interface SendMessageArgs<M = unknown> extends WithMetadata<M> {
  message: string;
  /** One of ChatJS's content types; the service accepts text/plain, text/markdown, application/json and interactive responses. */
  contentType: string;
  clientToken?: string | undefined;
}

/** Arguments of `sendEvent()`. */
export interface SendEventArgs<M = unknown> extends WithMetadata<M> {
  contentType: string;
  /**
   * JSON, parsed up front. Receipts: `'{"messageId":"<id>"}'`; add `"disableThrottle": true` to skip the throttle
   * window (a delivered receipt still waits its 300 ms, as in ChatJS). Sent as given.
   */
  content?: string | undefined;
  clientToken?: string | undefined;
}

/** Arguments of `getTranscript()`. */
export interface GetTranscriptArgs<M = unknown> extends WithMetadata<M> {
  contactId?: string | undefined;
  /** @defaultValue 15 */
  maxResults?: number | undefined;
  nextToken?: string | undefined;
  /** @defaultValue `'BACKWARD'` */
  scanDirection?: 'FORWARD' | 'BACKWARD' | undefined;
  /** @defaultValue `'ASCENDING'` */
  sortOrder?: 'ASCENDING' | 'DESCENDING' | undefined;
  startPosition?: { id?: string; absoluteTime?: string; mostRecent?: number } | undefined;
}

/** Arguments of `sendAttachment()`. */
export interface SendAttachmentArgs<M = unknown> extends WithMetadata<M> {
  /** A `File` (or a `Blob` with a `name`). */
  attachment: Blob & { name?: string };
}

/** Arguments of `downloadAttachment()` and `getAttachmentURL()`. */
export interface AttachmentIdArgs<M = unknown> extends WithMetadata<M> {
  attachmentId: string;
}

/** Arguments of `describeView()`. */
export interface DescribeViewArgs<M = unknown> extends WithMetadata<M> {
  viewToken: string;
  /** Ignored, as in ChatJS. */
  InstanceId?: string | undefined;
}

/** Arguments of `getAuthenticationUrl()`. */
export interface GetAuthenticationUrlArgs<M = unknown> extends WithMetadata<M> {
  redirectUri: string;
  sessionId: string;
}

/** Arguments of `cancelParticipantAuthentication()`. */
export interface CancelParticipantAuthenticationArgs<M = unknown> extends WithMetadata<M> {
  sessionId: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Chat details and events
// ---------------------------------------------------------------------------------------------------------------

/**
 * The connection details `getChatDetails()` reports once connected. The connection token and socket URL are there
 * for code that reads them, but not enumerable, so they never end up in JSON or logs.
 */
export interface LegacyConnectionDetails {
  readonly url?: string | null;
  readonly expiry?: string | null;
  readonly connectionToken?: string;
  readonly connectionTokenExpiry?: string | undefined;
  readonly transportLifeTimeInSeconds: number;
  readonly connectionAcknowledged: boolean;
}

/** What `getChatDetails()` returns, as ChatJS does (tokens included: they are the app's own; compat never logs them). */
export interface ChatDetails {
  readonly contactId: string;
  readonly initialContactId: string;
  readonly participantId: string;
  readonly participantToken?: string;
  readonly connectionDetails?: LegacyConnectionDetails | undefined;
}

/** The chat details carried by every event: ids only, never a token. */
export interface EventChatDetails {
  readonly contactId: string;
  readonly initialContactId: string;
  readonly participantId: string;
}

/** Where one of the participant's own messages is, in the transcript view. */
export type LegacyMessageStatus = 'SENDING' | 'SENT' | 'DELIVERED' | 'READ' | 'FAILED' | 'UNKNOWN';

/** An item's `MessageMetadata`, with the transcript view's `Status`. */
export type LegacyMessageMetadata = NonNullable<Item['MessageMetadata']> & {
  Status?: LegacyMessageStatus;
};

/** An item as ChatJS apps see it (the service's `Item`), with the transcript view's extras. */
export interface ChatTranscriptItem extends Omit<Item, 'MessageMetadata'> {
  MessageMetadata?: LegacyMessageMetadata;
  /** The item as JSON (transcript view only). */
  serializedContent?: string;
}

/** An incoming item. */
export type ChatEventData = ChatTranscriptItem;

/** Payload of `onMessage`, `onTyping`, receipts, participant and authentication events. */
export interface ChatMessageEvent {
  readonly chatDetails: EventChatDetails;
  readonly data: ChatEventData;
}

/** Payload of `onTyping`. */
export type ChatTypingEvent = ChatMessageEvent;

/** Payload of `onAuthenticationInitiated`. */
export type ChatAuthenticationInitiatedEvent = ChatMessageEvent;

/** Payload of `onParticipantDisplayNameUpdated`. */
export type ChatParticipantDisplayNameUpdatedEvent = ChatMessageEvent;

/**
 * Payload of `onConnectionEstablished`: `{ data: {}, chatDetails }`; the first one after `connect()` also carries
 * `connect()`'s result fields.
 */
export interface ChatConnectionEstablishedEvent {
  readonly chatDetails: EventChatDetails;
  readonly data: Record<string, never>;
  readonly connectCalled?: boolean;
  readonly connectSuccess?: boolean;
  readonly metadata?: unknown;
  readonly _debug?: unknown;
}

/** Payload of `onConnectionLost`, `onConnectionBroken`, `onDeepHeartbeatSuccess` and `onDeepHeartbeatFailure`. */
export interface ChatConnectionEvent {
  readonly chatDetails: EventChatDetails;
  readonly data: Record<string, never>;
}

/** Payload of `onConnectionLost`. */
export type ChatConnectionLostEvent = ChatConnectionEvent;

/** Payload of `onConnectionBroken`. */
export type ChatConnectionBrokenEvent = ChatConnectionEvent;

/** Payload of `onEnded`: `data` is `null`, as in ChatJS. */
export interface ChatEndedEvent {
  readonly chatDetails: EventChatDetails;
  readonly data: null;
}

/** Payload of `onTranscriptUpdated`: the whole transcript after a change. */
export interface ChatTranscriptUpdatedEvent {
  readonly chatDetails: EventChatDetails;
  readonly data: {
    readonly transcript: ChatTranscriptItem[];
    /**
     * The `NextToken` of the latest backward `getTranscript` page. Typed as ChatJS's `index.d.ts` types it; at run
     * time it is `null` until the first backward page, as in ChatJS.
     */
    readonly previousTranscriptNextToken: string | undefined;
  };
}

/** An event handler. ChatJS calls it with the payload and the internal event name. */
export type ChatEventHandler<E> = (event: E, eventName: ChatEventName) => void;

// ---------------------------------------------------------------------------------------------------------------
// Sessions
// ---------------------------------------------------------------------------------------------------------------

/** ChatJS's connection view of `controller.getConnectionStatus()`. */
export type NetworkLinkStatus = 'NeverEstablished' | 'Establishing' | 'Established' | 'Broken';

/** The session's `controller` (public in ChatJS): the same methods, plus the raw subscription API. */
export interface ChatController {
  /** Subscribes to an internal event name (`INCOMING_MESSAGE`, ...). */
  subscribe(eventName: ChatEventName, handler: ChatEventHandler<unknown>): void;
  getConnectionStatus(): NetworkLinkStatus;
  getChatDetails(): ChatDetails;
}

/** The methods and events both session types have. */
export interface ChatSessionInterface {
  readonly controller: ChatController;
  getChatDetails(): ChatDetails;
  /** Connects. Idempotent while in flight; may be called again after a failure. */
  connect<M = null>(args?: ConnectArgs<M>): Promise<ConnectChatResult<M>>;
  sendMessage<M = null>(args: SendMessageArgs<M>): Promise<ParticipantServiceResponse<SendMessageResult, M>>;
  sendEvent<M = null>(
    args: SendEventArgs<M>,
  ): Promise<ParticipantServiceResponse<SendEventResult, M> | ReceiptAlreadySent<M>>;
  getTranscript<M = null>(
    args?: GetTranscriptArgs<M>,
  ): Promise<ParticipantServiceResponse<GetTranscriptResult, M>>;
  sendAttachment<M = null>(
    args: SendAttachmentArgs<M>,
  ): Promise<ParticipantServiceResponse<Record<string, never>, M>>;
  /** Resolves the attachment's bytes; the Blob carries `metadata`. */
  downloadAttachment<M = null>(args: AttachmentIdArgs<M>): Promise<Blob & { metadata: M }>;
  /** Resolves the presigned URL string. */
  getAttachmentURL<M = null>(args: AttachmentIdArgs<M>): Promise<string>;
  describeView<M = null>(
    args: DescribeViewArgs<M>,
  ): Promise<ParticipantServiceResponse<DescribeViewResult, M>>;
  getAuthenticationUrl<M = null>(
    args: GetAuthenticationUrlArgs<M>,
  ): Promise<ParticipantServiceResponse<GetAuthenticationUrlResult, M>>;
  cancelParticipantAuthentication<M = null>(
    args: CancelParticipantAuthenticationArgs<M>,
  ): Promise<ParticipantServiceResponse<Record<string, never>, M>>;

  onMessage(handler: ChatEventHandler<ChatMessageEvent>): void;
  onTyping(handler: ChatEventHandler<ChatTypingEvent>): void;
  onReadReceipt(handler: ChatEventHandler<ChatMessageEvent>): void;
  onDeliveredReceipt(handler: ChatEventHandler<ChatMessageEvent>): void;
  onConnectionBroken(handler: ChatEventHandler<ChatConnectionBrokenEvent>): void;
  onConnectionEstablished(handler: ChatEventHandler<ChatConnectionEstablishedEvent>): void;
  onConnectionLost(handler: ChatEventHandler<ChatConnectionLostEvent>): void;
  onEnded(handler: ChatEventHandler<ChatEndedEvent>): void;
  onParticipantIdle(handler: ChatEventHandler<ChatMessageEvent>): void;
  onParticipantReturned(handler: ChatEventHandler<ChatMessageEvent>): void;
  onParticipantInvited(handler: ChatEventHandler<ChatMessageEvent>): void;
  onAutoDisconnection(handler: ChatEventHandler<ChatMessageEvent>): void;
  onDeepHeartbeatSuccess(handler: ChatEventHandler<ChatConnectionEvent>): void;
  onDeepHeartbeatFailure(handler: ChatEventHandler<ChatConnectionEvent>): void;
  onAuthenticationInitiated(handler: ChatEventHandler<ChatAuthenticationInitiatedEvent>): void;
  onAuthenticationSuccessful(handler: ChatEventHandler<ChatMessageEvent>): void;
  onAuthenticationFailed(handler: ChatEventHandler<ChatMessageEvent>): void;
  onAuthenticationTimeout(handler: ChatEventHandler<ChatMessageEvent>): void;
  onAuthenticationExpired(handler: ChatEventHandler<ChatMessageEvent>): void;
  onAuthenticationCanceled(handler: ChatEventHandler<ChatMessageEvent>): void;
  onParticipantDisplayNameUpdated(handler: ChatEventHandler<ChatParticipantDisplayNameUpdatedEvent>): void;
  onChatRehydrated(handler: ChatEventHandler<ChatMessageEvent>): void;
  onTranscriptUpdated(handler: ChatEventHandler<ChatTranscriptUpdatedEvent>): void;
}

/** A customer's session. */
export interface CustomerChatSession extends ChatSessionInterface {
  /**
   * Leaves the chat (DisconnectParticipant). The session keeps receiving events until the service's `chat.ended`,
   * then `onEnded` fires and the session is done.
   */
  disconnectParticipant<M = null>(): Promise<{ data: { $metadata: ResponseMetadata } } & { metadata?: M }>;
}

/** An agent's session. */
export interface AgentChatSession extends ChatSessionInterface {
  /** Removes every handler registered on the session; closes nothing. */
  cleanUpOnParticipantDisconnect(): void;
}

/** Either kind of session. */
export type LegacyChatSession = CustomerChatSession | AgentChatSession;

// ---------------------------------------------------------------------------------------------------------------
// The `connect.ChatSession` object and friends
// ---------------------------------------------------------------------------------------------------------------

/** The no-op client-side-metrics object (`connect.csmService`); nothing is ever sent. */
export interface InertCsmService {
  readonly widgetType: string;
  readonly csmInitialized: false;
  loadCsmScriptAndExecute(): void;
  initializeCSM(): void;
  updateCsmConfig(config: unknown): void;
  addMetric(metric: unknown): void;
  addLatencyMetric(...args: unknown[]): void;
  addLatencyMetricWithStartTime(...args: unknown[]): void;
  addCountAndErrorMetric(...args: unknown[]): void;
  addCountMetric(...args: unknown[]): void;
  addAgentCountMetric(...args: unknown[]): void;
}

/**
 * `connect.ChatSession.Logger`: a class apps may extend (its instance methods do nothing), whose static methods
 * write through the configured logger (`connect.ChatSession.Logger.info('…')`, as ChatJS's README shows).
 */
export interface LegacyLoggerClass {
  new (): {
    debug(...args: unknown[]): void;
    info(...args: unknown[]): void;
    warn(...args: unknown[]): void;
    error(...args: unknown[]): void;
    advancedLog(...args: unknown[]): void;
  };
  debug(...args: unknown[]): unknown;
  info(...args: unknown[]): unknown;
  warn(...args: unknown[]): unknown;
  error(...args: unknown[]): unknown;
  advancedLog(...args: unknown[]): unknown;
}

/** The `connect.ChatSession` object. */
export interface ChatSessionApi {
  create(args: CustomerChatSessionArgs): CustomerChatSession;
  create(args: AgentChatSessionArgs): AgentChatSession;
  create(args: ChatSessionArgs): LegacyChatSession;
  /** Applies a global configuration (see {@link ChatGlobalConfig}). */
  setGlobalConfig(config: ChatGlobalConfig): void;
  readonly LogLevel: ChatLogLevel;
  readonly Logger: LegacyLoggerClass;
  readonly SessionTypes: ChatSessionTypes;
  readonly csmService: InertCsmService;
  /** Adds a feature name to the global feature list. */
  setFeatureFlag(feature: string): void;
  /** A region that wins over every other region setting. */
  setRegionOverride(region: string): void;
}

/** `connect.ChatJS`: which implementation is loaded. */
export interface ChatJSObject {
  /** The ChatJS API version implemented. */
  readonly version: string;
  readonly name: string;
  readonly source: string;
  readonly repository: string;
  readonly build: { readonly timestamp: string; readonly environment: 'production' | 'development' };
}
