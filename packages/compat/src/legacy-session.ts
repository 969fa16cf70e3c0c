/**
 * One ChatJS session (`connect.ChatSession.create(...)`) on top of one core chat session. Each ChatJS method keeps
 * its argument mapping, defaults, result and rejection shapes (legacy-chatjs §5), and throws where ChatJS throws;
 * the work is core's. Messages go through core's ordered outbox (sent once each, in order, across reconnections);
 * events and receipts go out at once beside them, as ChatJS sends them (`event-sender.ts`).
 */
import {
  browserPlatform,
  type ChatSession,
  type ConnectionClock,
  type ConnectionLogger,
  type ConnectionTokenProvider,
  createChatSession,
  createFetchAttachmentTransfer,
  isChatError,
  reconnectDelay,
  type SendableMessageContentType,
} from '@connect-chat/core';
import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';
import { agentManagedSocket } from './agent-socket';
import type { CheckedCreateArgs } from './chat-details';
import { createEventBus } from './event-bus';
import { createEventSender, type TypingWindows } from './event-sender';
import type { GlobalConfig } from './global-config';
import type {
  AgentChatSession,
  AgentConnectionTokenResult,
  ChatController,
  ChatDetails,
  CustomerChatSession,
  LegacyConnectionDetails,
  NetworkLinkStatus,
  ResponseMetadata,
} from './legacy.types';
import {
  ChatEvent,
  type ChatEventName,
  defaultLegacyTranscriptPageSize,
  LegacyContentType,
  legacyContentTypes,
  legacyTransportLifetimeSeconds,
} from './legacy-constants';
import {
  IllegalArgumentException,
  isInactive,
  missingValueRead,
  noActiveConnection,
  toServiceError,
} from './legacy-errors';
import { settledWithMetadata } from './legacy-results';
import { createLegacyTranscript } from './legacy-transcript';
import type { LogManager, LogMetadata } from './log-manager';
import { networkProbePlatform, type ProbeTimers } from './network-probe-platform';
import { createReceiptPipeline, receiptIgnored } from './receipt-pipeline';
import { createResponseRecorder, type RecordedCall } from './response-recorder';
import type { CompatRuntime } from './runtime.types';
import { routeCoreEvents } from './session-events';
import { initialSessionState } from './session-state';

/** What a session is built from. */
export interface LegacySessionContext {
  args: CheckedCreateArgs;
  config: GlobalConfig;
  logs: LogManager;
  runtime: CompatRuntime;
  /** The region the session talks to (computed by `create`). */
  region: string;
  /** What the region's HTTP client was made with (at the first `create()` for the region, as in ChatJS). */
  client: RegionClient;
  /** The typing throttle every session of this `connect.ChatSession` object shares, per region. */
  typingWindows: TypingWindows;
}

/** The settings a region's HTTP client keeps from its first session on. */
export interface RegionClient {
  endpoint: string | undefined;
  customUserAgentSuffix: string;
}

/** ChatJS's `on*` method names and the events they subscribe to. */
export const subscriptionMethods = {
  onMessage: ChatEvent.message,
  onTyping: ChatEvent.typing,
  onReadReceipt: ChatEvent.readReceipt,
  onDeliveredReceipt: ChatEvent.deliveredReceipt,
  onConnectionBroken: ChatEvent.connectionBroken,
  onConnectionEstablished: ChatEvent.connectionEstablished,
  onEnded: ChatEvent.ended,
  onParticipantIdle: ChatEvent.participantIdle,
  onParticipantReturned: ChatEvent.participantReturned,
  onParticipantInvited: ChatEvent.participantInvited,
  onAutoDisconnection: ChatEvent.autoDisconnection,
  onConnectionLost: ChatEvent.connectionLost,
  onDeepHeartbeatSuccess: ChatEvent.deepHeartbeatSuccess,
  onDeepHeartbeatFailure: ChatEvent.deepHeartbeatFailure,
  onAuthenticationInitiated: ChatEvent.authenticationInitiated,
  onAuthenticationSuccessful: ChatEvent.authenticationSuccessful,
  onAuthenticationFailed: ChatEvent.authenticationFailed,
  onAuthenticationTimeout: ChatEvent.authenticationTimeout,
  onAuthenticationExpired: ChatEvent.authenticationExpired,
  onAuthenticationCanceled: ChatEvent.authenticationCanceled,
  onParticipantDisplayNameUpdated: ChatEvent.displayNameUpdated,
  onChatRehydrated: ChatEvent.chatRehydrated,
  onTranscriptUpdated: ChatEvent.transcriptUpdated,
} as const satisfies Record<string, ChatEventName>;

const emptyMetadata: ResponseMetadata = { attempts: 0, totalRetryDelay: 0 };
const receiptKinds: Readonly<Record<string, 'read' | 'delivered'>> = {
  [LegacyContentType.messageRead]: 'read',
  [LegacyContentType.messageDelivered]: 'delivered',
};
/** The page ChatJS fetches on every connection while `onTranscriptUpdated` has a subscriber. */
const autoFetchPageSize = 100;

type Args = Record<string, unknown>;
type DirectMethod =
  | 'sendMessage'
  | 'sendEvent'
  | 'getTranscript'
  | 'describeView'
  | 'getAuthenticationUrl'
  | 'cancelParticipantAuthentication';

function timersOf(clock: ConnectionClock | undefined): ProbeTimers & { now(): number } {
  if (clock)
    return {
      setTimeout: (callback, ms) => clock.setTimeout(callback, ms),
      clearTimeout: (handle) => clock.clearTimeout(handle),
      now: () => clock.now(),
    };
  return {
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
  };
}

/** A method's argument object; ChatJS reads `.metadata` off it first, so a missing one throws ChatJS's TypeError. */
function argsOf(value: unknown): Args {
  if (value === null || value === undefined) throw missingValueRead(value, 'metadata');
  return value as Args;
}

/** A nested value read as an object where it is one; anything else has no fields. */
function objectOf(value: unknown): Args {
  return typeof value === 'object' && value !== null ? (value as Args) : {};
}

/** `metadata` as ChatJS echoes it: the caller's value, or `null` when it is falsy. */
function metadataOf(args: Args): unknown {
  return args.metadata || null;
}

/** A temporary transcript id (ChatJS uses a UUID). */
function randomId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return crypto?.randomUUID?.() ?? `temp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Builds a customer or agent session. */
export function createLegacySession(context: LegacySessionContext): CustomerChatSession | AgentChatSession {
  const { args, config, logs, runtime, region } = context;
  const { type, chatDetails: details } = args;
  const timers = timersOf(runtime.clock);
  const logMetadata: LogMetadata = {
    contactId: details.contactId,
    participantId: details.participantId,
    sessionType: type,
    region,
  };
  const log = logs.logger('ChatJS-ChatController', () => logMetadata);
  const clientLog = logs.logger('Amazon-Connect-ChatJS-ChatClient', () => logMetadata);
  const connectionLog = logs.logger('ChatJS-BaseConnectionHelper', () => logMetadata);
  let core: ChatSession | undefined;
  const forgetSecrets = logs.addSecrets(() => [details.participantToken, core?.connection.connectionToken]);

  const recorder = createResponseRecorder(runtime.fetch, timers.now);
  const participantApi = recorder.wrap(
    createFetchParticipantApi({
      region,
      endpoint: context.client.endpoint,
      fetch: recorder.fetch,
      customUserAgent: context.client.customUserAgentSuffix || undefined,
      ...(runtime.maxAttempts !== undefined ? { maxAttempts: runtime.maxAttempts } : {}),
      ...(runtime.clock
        ? { sleep: (ms: number) => new Promise<void>((resolve) => timers.setTimeout(resolve, ms)) }
        : {}),
      ...(runtime.createClientToken ? { generateClientToken: runtime.createClientToken } : {}),
      logger: {
        debug: (message, detail) => clientLog.debug(message, detail),
        info: (message, detail) => clientLog.info(message, detail),
        warn: (message, detail) => clientLog.warn(message, detail),
        error: (message, detail) => clientLog.error(message, detail),
      },
    }),
  );
  const coreLogger: ConnectionLogger = {
    debug: (message, detail) => connectionLog.debug(message, detail),
    info: (message, detail) => connectionLog.info(message, detail),
    warn: (message, detail) => connectionLog.warn(message, detail),
    error: (message, detail) => connectionLog.error(message, detail),
  };
  const getConnectionToken = adaptTokenProvider(details.getConnectionToken);
  const chat = { contactId: details.contactId, initialContactId: details.initialContactId };
  const random = runtime.random;
  const platform = networkProbePlatform(
    runtime.platform ?? browserPlatform(),
    () => config.state.isNetworkOnline,
    timers,
    undefined,
    (onConfigured) => config.onNetworkProbeConfigured(onConfigured),
  );

  try {
    core = createChatSession({
      chatDetails: {
        contactId: details.contactId,
        participantId: details.participantId,
        participantToken: details.participantToken,
        initialContactId: details.initialContactId,
      },
      role: type,
      participantApi,
      ...(args.websocketManager
        ? { managedSocket: agentManagedSocket(args.websocketManager, chat, timers.now) }
        : { sockets: createWebSocketFactory(runtime.WebSocket ? { WebSocket: runtime.WebSocket } : {}) }),
      getConnectionToken,
      // ChatJS never sends receipts by itself; the ones the app sends go through compat's own pipeline.
      receipts: false,
      // ChatJS's typing throttle is shared by every session of a region; compat keeps it (see `typingByRegion`).
      typingThrottleMs: 0,
      platform,
      clock: runtime.clock,
      logger: coreLogger,
      reconnectDelay: random ? (attempt) => reconnectDelay(attempt, random) : undefined,
      // ChatJS's connect() rejects when CreateParticipantConnection fails, even for a transient failure (the app
      // may call it again: fix 2); only an established connection is kept alive through outages.
      retryFirstConnect: false,
      delays: runtime.delays,
      createClientToken: runtime.createClientToken,
      // The participant-API adapter already makes the AWS SDK's attempts; ChatJS rejects once they are spent, so
      // the outbox does not retry on top of them.
      outboxMaxAttempts: 1,
      // ChatJS's REST calls never wait for its socket: a send made while reconnecting goes out at once.
      sendWhileReconnecting: true,
      // ChatJS looks at neither the PUT's nor the GET's status: a refused PUT still goes on to
      // CompleteAttachmentUpload, and a download resolves whatever body came back.
      attachments: {
        transfer: runtime.attachmentTransfer ?? createFetchAttachmentTransfer({ checkStatus: false }),
      },
    });
  } catch (error) {
    forgetSecrets();
    // Core's own checks (e.g. id lengths); the argument is left out, as it may hold a token.
    if (isChatError(error)) throw new IllegalArgumentException(error.message);
    throw error;
  }
  const session = core;

  const state = initialSessionState(false);
  const bus = createEventBus(log);
  const newId = (): string => runtime.createClientToken?.() ?? randomId();
  const transcript = createLegacyTranscript(newId);

  /** Calls the participant API directly with the current connection token, beside core's own requests. */
  const direct = async (
    method: DirectMethod,
    input: Args,
  ): Promise<{ output: Args; call: RecordedCall | undefined }> => {
    const token = session.connection.connectionToken;
    if (!token) throw noActiveConnection(method);
    const controller = new AbortController();
    const call = participantApi[method] as unknown as (input: Args, options: object) => Promise<Args>;
    const output = await call({ ...input, ConnectionToken: token }, { signal: controller.signal });
    return { output, call: recorder.bySignal(controller.signal) };
  };
  const events = createEventSender({
    call: direct,
    region,
    typingWindows: context.typingWindows,
    now: timers.now,
  });
  const receipts = createReceiptPipeline({
    send: (request) => events.send(request.contentType, request.content, newClientToken()),
    chatEnded: () => state.chatEnded,
    multiParty: () => session.getSnapshot().participants > 2,
    timers,
  });

  /** Reports the transcript to `onTranscriptUpdated` after one change, as ChatJS reports every change. */
  const updateTranscript = (change: () => void): void => {
    if (!state.transcriptMode) return;
    change();
    bus.emit(ChatEvent.transcriptUpdated, { data: transcript.data(), chatDetails: getChatDetails() });
  };

  routeCoreEvents({
    core: session,
    bus,
    state,
    type,
    chatDetailsNow: () => getChatDetails(),
    itemDelivered: (item) => updateTranscript(() => transcript.incoming(item as Args)),
    connectionGained() {
      // ChatJS fetches the newest 100 items on every connection while its transcript is on.
      if (!state.transcriptMode) return;
      methods.getTranscript({ maxResults: autoFetchPageSize }).catch((error: unknown) => {
        log.warn('Failed to auto-fetch transcript on connection:', error);
      });
    },
  });
  let connecting: Promise<unknown> | undefined;
  let connectResult: Promise<unknown> | undefined;
  session.on('status', ({ current }) => {
    if (current === 'ended') forgetSecrets();
    // A broken connection may be connected again (fix 2).
    if (current === 'failed') {
      connecting = undefined;
      connectResult = undefined;
    }
  });

  const newClientToken = (): string | undefined => runtime.createClientToken?.();

  /** The "No active connection" check of ChatJS's guarded methods; `undefined` when the call may go ahead. */
  const refusal = (method: string, logName = method): Promise<never> | undefined => {
    if (state.detailsFetched && !state.participantDisconnected) return undefined;
    log.error(
      state.detailsFetched
        ? `Cannot call ${logName} when participant is disconnected`
        : `Cannot call ${logName} before calling connect()`,
    );
    return Promise.reject(noActiveConnection(method));
  };
  /** ChatJS's three methods without that check read the connection helper, which exists once details are fetched. */
  const connectionHelper = (): void => {
    if (!state.detailsFetched) throw missingValueRead(undefined, 'getConnectionToken');
  };
  const rejection = (method: string, metadata: unknown) => (error: unknown) => {
    throw isInactive(error) ? noActiveConnection(method) : toServiceError(error, metadata);
  };
  const response = (output: object, call: RecordedCall | undefined, metadata: unknown) => ({
    data: { ...output, $metadata: call?.$metadata ?? emptyMetadata },
    metadata,
  });
  const checkContentType = (contentType: unknown): void => {
    if (typeof contentType !== 'string' || !legacyContentTypes.includes(contentType))
      throw new IllegalArgumentException(
        `contentType passed (${String(contentType)}) is not valid. Allowed values are: ${legacyContentTypes.join(',')}`,
      );
  };
  const coreServes = (): boolean => session.status !== 'ended' && session.status !== 'failed';
  // After onConnectionBroken only the real-time channel is dead: ChatJS's REST calls keep working (§5.3).
  const brokenButAuthorised = (): boolean =>
    session.status === 'failed' && session.connection.connectionToken !== undefined;
  const failedNow = (): string => new Date(timers.now()).toISOString();

  /** What a `getTranscript` page changes besides its result: receipts known, the transcript, the token. */
  const transcriptPageArrived = (output: Args, scanDirection: unknown): void => {
    const items = (output.Transcript ?? []) as Record<string, unknown>[];
    updateTranscript(() => transcript.page(items, output.NextToken, scanDirection));
    if (config.receiptsEnabled()) receipts.rehydrate(items);
  };

  const methods = {
    getChatDetails,

    connect(connectArgs: unknown = {}) {
      const metadata = metadataOf(argsOf(connectArgs));
      if (connectResult) {
        log.warn('Ignoring duplicate call to connect. Method can only be invoked once', connectArgs);
        return connectResult;
      }
      if (connecting) return connecting;
      state.connectCalled = true;
      state.connectMetadata = metadata;
      // ChatJS resolves as soon as the connection details are fetched, before the socket opens; its
      // `onConnectionEstablished` comes later. Compat resolves at the same moment (the token is known).
      const underway = session.connect();
      const detailsFetched = new Promise<'Starting' | 'Connected'>((resolve, reject) => {
        let settled = false;
        const finish = (outcome: () => void): void => {
          if (settled) return;
          settled = true;
          subscription.unsubscribe();
          outcome();
        };
        const fetched = (): void =>
          finish(() => {
            state.detailsFetched = true;
            resolve(session.status === 'connected' ? 'Connected' : 'Starting');
          });
        const subscription = session.connection.actor.subscribe((snapshot) => {
          if (snapshot.context.connectionToken !== undefined) fetched();
        });
        if (session.connection.connectionToken !== undefined) fetched();
        underway.then(fetched, (error: unknown) => finish(() => reject(error)));
      });
      // A failure after the details were fetched is reported through the callbacks, not this promise.
      underway.catch(() => undefined);
      const attempt = detailsFetched.then(
        (websocketStatus) => {
          state.connected = true;
          state.connectWebsocketStatus = websocketStatus;
          return {
            _debug: { websocketStatus },
            connectSuccess: true,
            connectCalled: true,
            metadata,
          };
        },
        (error: unknown) => {
          // May be called again after a failure (fix 2).
          connecting = undefined;
          throw { _debug: connectFailure(error), connectSuccess: false, connectCalled: true, metadata };
        },
      );
      connecting = attempt;
      void attempt.then(
        () => {
          connectResult = attempt;
        },
        () => undefined,
      );
      return attempt;
    },

    sendMessage(input: unknown) {
      const refused = refusal('sendMessage');
      if (refused) return refused;
      const request = argsOf(input);
      const metadata = metadataOf(request);
      if (typeof request.message !== 'string')
        throw new IllegalArgumentException(`${String(request.message)}is not a valid message`);
      checkContentType(request.contentType);
      let tempId: string | undefined;
      updateTranscript(() => {
        tempId = transcript.sending(request.contentType, request.message);
      });
      const clientToken = (request.clientToken as string | undefined) || newClientToken();
      const sending = brokenButAuthorised()
        ? direct('sendMessage', {
            ContentType: request.contentType,
            Content: request.message,
            ClientToken: clientToken,
          }).then(({ output, call }) =>
            response({ AbsoluteTime: output.AbsoluteTime, Id: output.Id }, call, metadata),
          )
        : session
            .sendMessage({
              content: request.message,
              contentType: request.contentType as SendableMessageContentType,
              clientToken,
            })
            .then((sent) =>
              response(
                { AbsoluteTime: sent.absoluteTime, Id: sent.id },
                recorder.takeByClientToken(sent.clientToken),
                metadata,
              ),
            );
      return sending.then(
        (sent) => {
          updateTranscript(() => {
            if (tempId) transcript.sent(tempId, (sent.data as { Id?: string }).Id);
          });
          return sent;
        },
        (error: unknown) => {
          updateTranscript(() => {
            if (tempId) transcript.failed(tempId, failedNow());
          });
          return rejection('sendMessage', metadata)(error);
        },
      );
    },

    sendEvent(input: unknown) {
      const refused = refusal('sendEvent');
      if (refused) return refused;
      const request = argsOf(input);
      const metadata = metadataOf(request);
      checkContentType(request.contentType);
      const contentType = request.contentType as string;
      // As ChatJS: empty content is no content, and string content must be JSON (its SyntaxError, thrown).
      const content: unknown = request.content || null;
      const parsed: unknown = typeof content === 'string' ? JSON.parse(content) : content;
      const clientToken = (request.clientToken as string | undefined) || newClientToken();
      const kind = Object.hasOwn(receiptKinds, contentType) ? receiptKinds[contentType] : undefined;
      if (kind) {
        const ignored = (why: string) => {
          log.warn(`Ignoring messageReceipt: ${why}`, input);
          return Promise.reject(receiptIgnored(why, input));
        };
        if (!config.receiptsEnabled()) return ignored('false');
        if (parsed === null) throw missingValueRead(null, 'messageId');
        const receipt = parsed as { messageId?: unknown; disableThrottle?: unknown };
        if (!receipt.messageId) return ignored('missing messageId');
        return settledWithMetadata(
          receipts.request(
            {
              kind,
              messageId: receipt.messageId,
              contentType,
              content: content as string,
              disableThrottle: Boolean(receipt.disableThrottle),
              throttleMs: config.state.receiptThrottleMs,
            },
            input,
          ),
          metadata,
        );
      }
      if (contentType === LegacyContentType.typing)
        return settledWithMetadata(events.sendTyping(content, clientToken), metadata);
      return settledWithMetadata(events.send(contentType, content, clientToken), metadata);
    },

    getTranscript(input: unknown = {}) {
      const refused = refusal('getTranscript');
      if (refused) return refused;
      const request = argsOf(input);
      const metadata = metadataOf(request);
      const start = objectOf(request.startPosition);
      const query = {
        maxResults: (request.maxResults as number | undefined) || defaultLegacyTranscriptPageSize,
        scanDirection: (request.scanDirection as 'FORWARD' | 'BACKWARD' | undefined) || 'BACKWARD',
        sortOrder: (request.sortOrder as 'ASCENDING' | 'DESCENDING' | undefined) || 'ASCENDING',
        ...(request.nextToken ? { nextToken: request.nextToken as string } : {}),
        ...(request.contactId ? { contactId: request.contactId as string } : {}),
        startPosition: {
          ...(start.id !== undefined ? { id: start.id as string } : {}),
          ...(start.absoluteTime !== undefined ? { absoluteTime: start.absoluteTime as string } : {}),
          ...(start.mostRecent !== undefined ? { mostRecent: start.mostRecent as number } : {}),
        },
      };
      const fetching = brokenButAuthorised()
        ? direct('getTranscript', {
            MaxResults: query.maxResults,
            ScanDirection: query.scanDirection,
            SortOrder: query.sortOrder,
            NextToken: query.nextToken,
            ContactId: query.contactId,
            StartPosition: {
              Id: query.startPosition.id,
              AbsoluteTime: query.startPosition.absoluteTime,
              MostRecent: query.startPosition.mostRecent,
            },
          })
        : fetchThroughCore(query);
      return fetching.then(
        ({ output, call }) => {
          transcriptPageArrived(output, query.scanDirection);
          return response(output, call, metadata);
        },
        rejection('getTranscript', metadata),
      );
    },

    sendAttachment(input: unknown) {
      const refused = refusal('sendAttachment');
      if (refused) return refused;
      const request = argsOf(input);
      const metadata = metadataOf(request);
      const attachment = request.attachment;
      if (attachment === null || attachment === undefined) throw missingValueRead(attachment, 'type');
      return session
        .sendAttachment(attachment as Blob)
        .then(
          ({ attachmentId }) => response({}, recorder.takeCompletedAttachment(attachmentId), metadata),
          rejection('sendAttachment', metadata),
        );
    },

    downloadAttachment(input: unknown) {
      const refused = refusal('downloadAttachment');
      if (refused) return refused;
      const request = argsOf(input);
      const metadata = metadataOf(request);
      return session
        .downloadAttachment(request.attachmentId as string)
        .then((blob) => Object.assign(blob, { metadata }), rejection('downloadAttachment', metadata));
    },

    getAttachmentURL(input: unknown) {
      const refused = refusal('getAttachmentURL', 'getAttachementURL');
      if (refused) return refused;
      const request = argsOf(input);
      const metadata = metadataOf(request);
      return session
        .getAttachmentUrl(request.attachmentId as string)
        .then(({ url }) => url, rejection('getAttachmentURL', metadata));
    },

    describeView(input: unknown) {
      const request = argsOf(input);
      const metadata = metadataOf(request);
      connectionHelper();
      // The token is a path label: the SDK refuses to build a request without one, or with an empty one, and
      // sends any other value as text.
      const label = request.viewToken;
      if (label === undefined || label === null || (label as { length?: number }).length === 0)
        return Promise.reject(
          toServiceError(
            new Error(
              `${label === undefined || label === null ? 'No' : 'Empty'} value provided for input HTTP label: ViewToken.`,
            ),
            metadata,
          ),
        );
      const viewToken = String(label);
      if (!coreServes())
        return direct('describeView', { ViewToken: viewToken }).then(
          ({ output, call }) => response({ View: output.View }, call, metadata),
          rejection('describeView', metadata),
        );
      const controller = new AbortController();
      return session
        .describeView(viewToken, { signal: controller.signal })
        .then(
          (view) => response({ View: view }, recorder.bySignal(controller.signal), metadata),
          rejection('describeView', metadata),
        );
    },

    getAuthenticationUrl(input: unknown) {
      const request = argsOf(input);
      const metadata = metadataOf(request);
      connectionHelper();
      const serviceInput = { SessionId: request.sessionId, RedirectUri: request.redirectUri };
      if (!coreServes())
        return direct('getAuthenticationUrl', serviceInput).then(
          ({ output, call }) => response({ AuthenticationUrl: output.AuthenticationUrl }, call, metadata),
          rejection('getAuthenticationUrl', metadata),
        );
      const controller = new AbortController();
      return session
        .getAuthenticationUrl(
          { sessionId: request.sessionId as string, redirectUri: request.redirectUri as string },
          { signal: controller.signal },
        )
        .then(
          (url) => response({ AuthenticationUrl: url }, recorder.bySignal(controller.signal), metadata),
          rejection('getAuthenticationUrl', metadata),
        );
    },

    cancelParticipantAuthentication(input: unknown) {
      const request = argsOf(input);
      const metadata = metadataOf(request);
      connectionHelper();
      if (!coreServes())
        return direct('cancelParticipantAuthentication', { SessionId: request.sessionId }).then(
          ({ call }) => response({}, call, metadata),
          rejection('cancelParticipantAuthentication', metadata),
        );
      const controller = new AbortController();
      return session
        .cancelAuthentication(request.sessionId as string, { signal: controller.signal })
        .then(
          () => response({}, recorder.bySignal(controller.signal), metadata),
          rejection('cancelParticipantAuthentication', metadata),
        );
    },
  };

  /** A transcript page through core (which merges it and rehydrates stitching), with the service's output. */
  function fetchThroughCore(
    query: Parameters<ChatSession['getTranscript']>[0] & object,
  ): Promise<{ output: Args; call: RecordedCall | undefined }> {
    const controller = new AbortController();
    return session.getTranscript({ ...query, signal: controller.signal }).then((page) => {
      const call = recorder.bySignal(controller.signal);
      const output = call?.output ?? {};
      return {
        output: {
          ...(output.InitialContactId !== undefined ? { InitialContactId: output.InitialContactId } : {}),
          ...(output.NextToken !== undefined ? { NextToken: output.NextToken } : {}),
          Transcript: page.items,
        },
        call,
      };
    });
  }

  // Captured once, when connect() resolves, and never refreshed afterwards: what ChatJS shows (§5.4).
  let capturedConnectionDetails: LegacyConnectionDetails | undefined;

  function getChatDetails(): ChatDetails {
    if (state.connected && !capturedConnectionDetails) capturedConnectionDetails = connectionDetails();
    return {
      initialContactId: details.initialContactId,
      contactId: details.contactId,
      participantId: details.participantId,
      participantToken: details.participantToken,
      connectionDetails: capturedConnectionDetails,
    } as ChatDetails;
  }

  function connectionDetails(): LegacyConnectionDetails {
    const created = recorder.last('createParticipantConnection')?.output as
      | {
          Websocket?: { Url?: string; ConnectionExpiry?: string };
          ConnectionCredentials?: { Expiry?: string };
        }
      | undefined;
    const socketOwned = !args.websocketManager;
    return {
      url: socketOwned ? (created?.Websocket?.Url ?? null) : null,
      expiry: socketOwned ? (created?.Websocket?.ConnectionExpiry ?? null) : null,
      transportLifeTimeInSeconds: legacyTransportLifetimeSeconds,
      connectionAcknowledged: false,
      connectionToken: session.connection.connectionToken,
      connectionTokenExpiry: created?.ConnectionCredentials?.Expiry,
    } as LegacyConnectionDetails;
  }

  const subscribe = (eventName: ChatEventName, handler: unknown): void => {
    bus.subscribe(eventName, handler);
    if (eventName === ChatEvent.transcriptUpdated) state.transcriptMode = true;
  };
  const subscriptions = Object.fromEntries(
    Object.entries(subscriptionMethods).map(([name, eventName]) => [
      name,
      (handler: unknown) => subscribe(eventName, handler),
    ]),
  );

  const connectionStatus = (): NetworkLinkStatus => {
    switch (session.status) {
      case 'idle':
        return 'NeverEstablished';
      case 'connecting':
        return 'Establishing';
      case 'connected':
        return state.deepHeartbeatFailed ? 'Broken' : 'Established';
      default:
        return 'Broken';
    }
  };

  const controller = {
    ...methods,
    subscribe,
    getConnectionStatus: connectionStatus,
  } as unknown as ChatController;

  if (type === 'CUSTOMER') {
    return {
      ...methods,
      ...subscriptions,
      controller,
      disconnectParticipant() {
        const refused = refusal('disconnectParticipant');
        if (refused) return refused;
        return session.disconnect().then(
          () => ({
            data: { $metadata: recorder.last('disconnectParticipant')?.$metadata ?? emptyMetadata },
          }),
          rejection('disconnectParticipant', null),
        );
      },
    } as unknown as CustomerChatSession;
  }
  return {
    ...methods,
    ...subscriptions,
    controller,
    cleanUpOnParticipantDisconnect() {
      bus.clear();
    },
  } as unknown as AgentChatSession;
}

function connectFailure(error: unknown): unknown {
  const detail = toServiceError(error, undefined) as Partial<ReturnType<typeof toServiceError>>;
  delete detail.metadata;
  if (isChatError(error) && error.operation === 'CreateParticipantConnection')
    return { reason: 'Failed to fetch connectionDetails with createParticipantConnection', _debug: detail };
  return { reason: isChatError(error) ? error.message : String(error), _debug: detail };
}

function adaptTokenProvider(
  provider: (() => Promise<AgentConnectionTokenResult>) | undefined,
): ConnectionTokenProvider | undefined {
  if (!provider) return undefined;
  return async () => {
    const result: Partial<AgentConnectionTokenResult> | undefined = await provider();
    const transport = result?.chatTokenTransport;
    if (!transport?.participantToken) return undefined;
    return { connectionToken: transport.participantToken, expiresAt: transport.expiry };
  };
}
