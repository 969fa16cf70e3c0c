/**
 * `createChatSession`: the public API. It composes a connection, the transcript store, the outbox, the receipts
 * machine and attachment uploads, and turns every incoming item into one typed event.
 */
import { type Actor, createActor } from 'xstate';
import type { AttachmentUploadInput } from '../attachment-upload';
import {
  attachmentByteLength,
  attachmentFromBlob,
  createFetchAttachmentTransfer,
  uploadAttachment,
  validateAttachment,
} from '../attachment-upload';
import type { ConnectionDiagnostics } from '../connection/connection.connect';
import type { ConnectionStatus } from '../connection/connection.types';
import { type Connection, createConnection } from '../connection/create-connection';
import { ChatError, ChatErrorCode, isChatError } from '../errors';
import { createTypedEmitter } from '../events/typed-emitter';
import { createOutbox } from '../outbox';
import type { PlatformSignal } from '../platform/platform.types';
import {
  defaultAttachmentContentTypes,
  EventContentType,
  maxAttachmentSizeInBytes,
} from '../protocol/content-types';
import type { Item } from '../protocol/item.types';
import {
  type ArrivalGate,
  createArrivalGate,
  defaultDeliveredHoldMs,
  defaultReceiptThrottleMs,
  receiptsMachine,
} from '../receipts';
import { createTranscriptStore, type TranscriptEntry } from '../transcript';
import { fetchGap } from './gap-fill';
import { authenticationSessionIdOf, eventTypeOf, sessionEventTypes } from './item-events';
import { createParticipantRoster } from './participant-roster';
import type {
  AttachmentInput,
  AttachmentUrl,
  AuthenticationUrlRequest,
  ChatDetails,
  ChatSessionDiagnostics,
  ChatSessionEventMap,
  ChatSessionOptions,
  ChatSessionSnapshot,
  ItemSource,
  SendAttachmentOptions,
  SendEventRequest,
  SendMessageRequest,
  SentAttachment,
  SentEvent,
  SentItem,
  SessionRole,
  TranscriptPage,
  TranscriptRequest,
  View,
} from './session.types';
import {
  checkAttachmentId,
  checkAuthenticationSessionId,
  checkAuthenticationUrlRequest,
  checkCallOptions,
  checkListener,
  checkMessageId,
  checkSendEvent,
  checkSendMessage,
  checkSessionOptions,
  checkTranscriptRequest,
  checkUrlExpiry,
  checkViewToken,
} from './session-validation';
import { defaultTypingThrottleMs, typingAllowed } from './typing-throttle';

/** A participant's chat session. */
export interface ChatSession {
  readonly role: SessionRole;
  /** The current connection status. */
  readonly status: ConnectionStatus;
  /**
   * Connects (one CreateParticipantConnection; idempotent while in flight). Resolves once connected; rejects with a
   * `ChatError` when the connection fails or the chat has ended. May be called again after a failure.
   */
  connect(): Promise<void>;
  /** Sends a message (plain text when given a string). Queued while reconnecting; never sent twice. */
  sendMessage(request: SendMessageRequest | string): Promise<SentItem>;
  /** Sends an event. Typing events are throttled (see `sendTyping`). */
  sendEvent(request: SendEventRequest): Promise<SentEvent>;
  /** Sends a typing event, at most once per `typingThrottleMs`; inside the window nothing is sent. */
  sendTyping(): Promise<SentEvent>;
  /** Sends a read or delivered receipt at once (use it when automatic receipts are off). */
  sendReceipt(kind: 'read' | 'delivered', messageId: string): Promise<SentItem>;
  /** Tells the session the user has seen a message: a read receipt goes out through the throttle. */
  markAsRead(messageId: string): void;
  /** Fetches one transcript page (the service's defaults apply); its items join the merged transcript. */
  getTranscript(request?: TranscriptRequest): Promise<TranscriptPage>;
  /** Iterates every page of the transcript, following `nextToken`. */
  transcriptPages(request?: Omit<TranscriptRequest, 'nextToken'>): AsyncIterable<TranscriptPage>;
  /** Uploads and sends an attachment; shown at once as a `sending` entry in the transcript. */
  sendAttachment(attachment: AttachmentInput, options?: SendAttachmentOptions): Promise<SentAttachment>;
  /** A presigned URL to download an attachment. */
  getAttachmentUrl(
    attachmentId: string,
    options?: { expiresInSeconds?: number; signal?: AbortSignal },
  ): Promise<AttachmentUrl>;
  /** Downloads an attachment's bytes. */
  downloadAttachment(attachmentId: string, options?: { signal?: AbortSignal }): Promise<Blob>;
  /** Describes a view (step-by-step guides). */
  describeView(viewToken: string, options?: { signal?: AbortSignal }): Promise<View>;
  /** The URL where the customer authenticates, for the session id of an `authenticationInitiated` event. */
  getAuthenticationUrl(
    request: AuthenticationUrlRequest,
    options?: { signal?: AbortSignal },
  ): Promise<string>;
  /** Cancels an authentication the flow started. */
  cancelAuthentication(sessionId: string, options?: { signal?: AbortSignal }): Promise<void>;
  /**
   * Leaves the chat (DisconnectParticipant), after anything still in the outbox. A customer's session stays live
   * until the service's `chat.ended`, so post-chat messages still arrive; an agent's session closes at once.
   */
  disconnect(): Promise<void>;
  /** Closes the session locally: the socket closes and every pending send rejects. Nothing is sent. */
  close(): void;
  /** The chat this session is in (never the token). */
  getChatDetails(): Readonly<Omit<ChatDetails, 'participantToken'>> & { initialContactId: string };
  /** The merged transcript, ordered and deduplicated. */
  readonly transcript: readonly TranscriptEntry[];
  /** A synchronous view of the session. */
  getSnapshot(): ChatSessionSnapshot;
  /** Listens to an event; returns a function that stops listening. */
  on<K extends keyof ChatSessionEventMap>(
    type: K,
    listener: (event: ChatSessionEventMap[K]) => void,
  ): () => void;
  /** A support report: states, counts, versions. No tokens, no URLs. */
  diagnostics(): ChatSessionDiagnostics;
  /** The underlying connection (status, actor for inspection). */
  readonly connection: Connection;
  /** The receipts actor, for inspection. */
  readonly receiptsActor: Actor<typeof receiptsMachine>;
}

const gapFillPageSize = 100;

function defaultClientToken(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (!crypto?.randomUUID)
    throw new ChatError(
      ChatErrorCode.unsupported,
      'unable to make a client token; crypto.randomUUID is not available (pass createClientToken)',
    );
  return crypto.randomUUID();
}

function asChatError(error: unknown, action: string): ChatError {
  if (isChatError(error)) return error;
  return new ChatError(ChatErrorCode.unknown, `unable to ${action}; ${String(error)}`, { cause: error });
}

function orderKeyOf(item: Item): string {
  return `${item.AbsoluteTime ?? ''}|${item.Id ?? ''}`;
}

/**
 * Creates a chat session for a customer or an agent.
 *
 * @example
 * ```ts
 * import { createChatSession } from '@connect-chat/core';
 * import { createFetchParticipantApi, createWebSocketFactory } from '@connect-chat/transport';
 *
 * const session = createChatSession({
 *   chatDetails: { contactId, participantId, participantToken },
 *   participantApi: createFetchParticipantApi({ region: 'us-west-2' }),
 *   sockets: createWebSocketFactory(),
 * });
 * session.on('message', ({ item }) => render(item));
 * session.on('transcript', ({ entries }) => renderAll(entries));
 * await session.connect();
 * await session.sendMessage('Hello!');
 * ```
 */
export function createChatSession(options: ChatSessionOptions): ChatSession {
  checkSessionOptions(options);
  const {
    chatDetails,
    role = 'CUSTOMER',
    participantApi,
    getConnectionToken,
    receipts: receiptOption,
    typingThrottleMs = defaultTypingThrottleMs,
    outboxCapacity,
    outboxMaxAttempts,
    sendWhileReconnecting = false,
    transcript: transcriptOptions = {},
    attachments: attachmentOptions = {},
    createClientToken = defaultClientToken,
    clock,
    inspect,
    logger,
    platform,
    delays,
    reconnectDelay,
    retryFirstConnect,
    sockets,
    managedSocket,
  } = options;
  checkChatDetails(chatDetails, role, getConnectionToken !== undefined);
  const selfId = chatDetails.participantId;
  const initialContactId = chatDetails.initialContactId ?? chatDetails.contactId;
  const now = clock ? () => clock.now() : () => Date.now();
  const timers = {
    setTimeout: (callback: () => void, ms: number): unknown =>
      clock ? clock.setTimeout(callback, ms) : globalThis.setTimeout(callback, ms),
    clearTimeout: (handle: unknown): void =>
      clock ? clock.clearTimeout(handle) : globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  };

  const events = createTypedEmitter<ChatSessionEventMap>((type, error) =>
    logger?.error('a session listener threw', { event: type, error: String(error) }),
  );
  const emit = events.emit;

  // The receipts actor's gate, while automatic receipts run; every event for the machine goes through it.
  let receiptsGate: ArrivalGate | undefined;
  let ended = false;
  const onPlatformSignal = (signal: PlatformSignal): void => {
    if (signal === 'page.hidden' || signal === 'page.frozen') receiptsGate?.send({ type: 'page.hidden' });
  };
  const sharedPlatform = platform && {
    ...platform,
    subscribe: (listener: (signal: PlatformSignal) => void) =>
      platform.subscribe((signal) => {
        onPlatformSignal(signal);
        listener(signal);
      }),
  };
  const credentials = getConnectionToken
    ? { participantToken: chatDetails.participantToken, getConnectionToken }
    : { participantToken: chatDetails.participantToken as string };
  const connection = createConnection({
    participantApi,
    credentials,
    ...(sockets ? { sockets } : { managedSocket: managedSocket! }),
    ...(sharedPlatform ? { platform: sharedPlatform } : {}),
    ...(delays ? { delays } : {}),
    ...(reconnectDelay ? { reconnectDelay } : {}),
    ...(retryFirstConnect !== undefined ? { retryFirstConnect } : {}),
    ...(clock ? { clock } : {}),
    ...(inspect ? { inspect } : {}),
    ...(logger ? { logger } : {}),
  });

  const store = createTranscriptStore({ selfParticipantId: selfId });
  const roster = createParticipantRoster(selfId);
  const outbox = createOutbox({
    timers,
    ...(outboxCapacity !== undefined ? { capacity: outboxCapacity } : {}),
    ...(outboxMaxAttempts !== undefined ? { maxAttempts: outboxMaxAttempts } : {}),
  });
  const receiptsEnabled = receiptOption !== false && receiptOption?.enabled !== false;
  const transfer = attachmentOptions.transfer ?? createFetchAttachmentTransfer();
  const uploads = new Set<AbortController>();
  let gapFills = 0;
  let lastTypingAt: number | undefined;
  let lastTyping: SentEvent | undefined;
  let closedError: ChatError | undefined;

  const publishTranscript = (): void => {
    if (!events.has('transcript')) return;
    const entries = store.entries();
    emit('transcript', { entries });
  };

  // ---- the connection token, for REST calls ----
  const statusNow = (): ConnectionStatus => connection.getSnapshot().status;
  const endedError = (action: string): ChatError =>
    closedError ?? new ChatError(ChatErrorCode.ended, `unable to ${action}; the chat has ended`);
  const guard = (action: string): void => {
    const status = statusNow();
    if (closedError || status === 'ended') throw endedError(action);
    if (status === 'idle' || status === 'failed')
      throw new ChatError(
        ChatErrorCode.notConnected,
        `unable to ${action}; the session is not connected (call connect() first)`,
      );
  };
  /** Why a call that needs the connection token cannot go on now, if it cannot. */
  const unavailable = (action: string, signal: AbortSignal | undefined): ChatError | undefined => {
    if (signal?.aborted) return new ChatError(ChatErrorCode.aborted, `unable to ${action}; it was cancelled`);
    const status = statusNow();
    if (closedError || status === 'ended') return endedError(action);
    if (status === 'idle' || status === 'failed')
      return new ChatError(ChatErrorCode.notConnected, `unable to ${action}; the session is not connected`);
    return undefined;
  };
  const token = (action: string, signal?: AbortSignal): Promise<string> => {
    const current = (): string | ChatError | undefined =>
      unavailable(action, signal) ?? connection.connectionToken;
    const first = current();
    if (typeof first === 'string') return Promise.resolve(first);
    if (first) return Promise.reject(first);
    return new Promise<string>((resolve, reject) => {
      const check = (): void => {
        const value = current();
        if (value === undefined) return;
        stop();
        if (typeof value === 'string') resolve(value);
        else reject(value);
      };
      const unsubscribe = connection.on('status', check);
      const stop = (): void => {
        unsubscribe();
        signal?.removeEventListener('abort', check);
      };
      signal?.addEventListener('abort', check);
    });
  };

  // A 403 with the current token may only mean the token expired early: have the connection fetch a new one
  // and try once more. If the chat is over, that fetch is refused too and the connection ends.
  const renewedToken = (action: string, stale: string, signal?: AbortSignal): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      const stops: Array<() => void> = [];
      const finish = (outcome: () => void): void => {
        for (const stop of stops.splice(0)) stop();
        outcome();
      };
      const check = (refreshed: boolean): void => {
        const error = unavailable(action, signal);
        if (error) {
          finish(() => reject(error));
          return;
        }
        const current = connection.connectionToken;
        if (current !== undefined && (current !== stale || refreshed)) finish(() => resolve(current));
      };
      stops.push(connection.on('status', () => check(false)));
      stops.push(connection.on('tokenRefreshed', () => check(true)));
      const onAbort = (): void => check(false);
      signal?.addEventListener('abort', onAbort);
      stops.push(() => signal?.removeEventListener('abort', onAbort));
      connection.tokenRejected();
      check(false);
    });

  const withToken = async <Result>(
    action: string,
    signal: AbortSignal | undefined,
    call: (connectionToken: string) => Promise<Result>,
  ): Promise<Result> => {
    const current = await token(action, signal);
    try {
      return await call(current);
    } catch (error) {
      if (!isChatError(error) || error.code !== ChatErrorCode.accessDenied) throw error;
      return call(await renewedToken(action, current, signal));
    }
  };

  // ---- incoming items ----
  let fillsInFlight = 0;
  const buffered: Item[] = [];

  const deliver = (item: Item, source: ItemSource): void => {
    const outcome = store.apply(item, source === 'live' ? 'socket' : 'transcript');
    if (outcome.kind === 'duplicate' || outcome.kind === 'ignored') return;
    if (outcome.kind === 'receipt') {
      const receipt = outcome.receipt;
      publishTranscript();
      if (!receipt || receipt.participantId === selfId) return;
      emit('item', { item, source });
      emit(receipt.kind === 'read' ? 'readReceipt' : 'deliveredReceipt', {
        item,
        source,
        messageId: receipt.messageId,
        participantId: receipt.participantId,
        timestamp: receipt.timestamp,
      });
      return;
    }
    const shown = outcome.item ?? item;
    if (roster.observe(shown)) receiptsGate?.send({ type: 'participants.changed', count: roster.count() });
    if (outcome.kind === 'updated') {
      publishTranscript();
      const entry = outcome.entry;
      if (!entry) return;
      if (outcome.attachmentStatus && entry.kind === 'attachment')
        emit('attachmentStatus', { ...outcome.attachmentStatus, entry });
      if (outcome.echo || outcome.streamed) {
        if (outcome.echo) emit('item', { item: shown, source });
        emit(entry.kind === 'attachment' ? 'attachment' : 'message', { item: shown, source, entry });
      }
      return;
    }
    if (outcome.kind === 'added') publishTranscript();
    emit('item', { item: shown, source });
    const type = eventTypeOf(shown);
    if (type === 'message' || type === 'attachment') {
      const entry = outcome.entry;
      if (entry) emit(type, { item: shown, source, entry });
      if (entry && entry.origin === 'other' && shown.Id)
        receipts()?.send({
          type: 'message.arrived',
          messageId: shown.Id,
          orderKey: orderKeyOf(entry.item),
          senderParticipantId: shown.ParticipantId,
        });
    } else if (type?.startsWith('authentication')) {
      emit(type as 'authenticationInitiated', {
        item: shown,
        source,
        sessionId: authenticationSessionIdOf(shown),
      });
    } else if (type && type !== 'attachmentStatus') {
      emit(type as 'typing', { item: shown, source });
    }
    if (shown.ContentType === EventContentType.chatEnded) onChatEnded();
  };

  const onItem = (item: Item): void => {
    if (fillsInFlight > 0) buffered.push(item);
    else deliver(item, 'live');
  };

  const knownReceipts = (items: readonly Item[]): void => {
    const known: Array<{ kind: 'read' | 'delivered'; messageId: string; orderKey: string }> = [];
    for (const item of items) {
      if (!item.Id || item.ParticipantId === selfId) continue;
      for (const receipt of item.MessageMetadata?.Receipts ?? []) {
        if (receipt.RecipientParticipantId !== selfId) continue;
        const kind = receipt.ReadTimestamp ? 'read' : receipt.DeliveredTimestamp ? 'delivered' : undefined;
        if (kind) known.push({ kind, messageId: item.Id, orderKey: orderKeyOf(item) });
      }
    }
    if (known.length > 0) receipts()?.send({ type: 'receipts.known', receipts: known });
  };

  const fetchPage = async (
    nextToken: string | undefined,
  ): Promise<import('../protocol/participant-api.types').GetTranscriptOutput> =>
    withToken('get transcript', undefined, (ConnectionToken) =>
      participantApi.getTranscript({
        ConnectionToken,
        MaxResults: transcriptOptions.pageSize ?? gapFillPageSize,
        ScanDirection: 'BACKWARD',
        SortOrder: 'ASCENDING',
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
    );

  let everEstablished = false;
  const fillGap = async (initial: boolean): Promise<void> => {
    fillsInFlight += 1;
    try {
      const result = await fetchGap({
        fetchPage,
        isKnown: (id) => store.hasId(id),
        maxPages: initial ? 1 : (transcriptOptions.maxGapPages ?? 10),
      });
      knownReceipts(result.items);
      const before = store.size;
      for (const item of result.items) deliver(item, 'transcript');
      if (initial) emit('historyLoaded', { items: store.size - before });
      else {
        gapFills += 1;
        emit('gapFilled', { items: store.size - before, pages: result.pages, complete: result.complete });
      }
    } catch (error) {
      const failure = asChatError(error, 'fill the transcript gap');
      if (failure.code !== ChatErrorCode.ended) emit('error', { error: failure, operation: 'GetTranscript' });
    } finally {
      fillsInFlight -= 1;
      if (fillsInFlight === 0) for (const item of buffered.splice(0)) deliver(item, 'live');
    }
  };

  connection.on('item', onItem);
  connection.on('established', () => {
    const initial = !everEstablished;
    everEstablished = true;
    if (!initial || transcriptOptions.loadOnConnect !== false) void fillGap(initial);
  });
  connection.on('deepHeartbeat', (event) => emit('deepHeartbeat', event));
  connection.on('status', (change) => {
    if (change.current === 'connected' || (sendWhileReconnecting && change.current === 'reconnecting'))
      outbox.open();
    else outbox.hold();
    if (change.current === 'ended') onChatEnded();
    if (change.current === 'failed' && change.previous !== 'failed') {
      // Every promise settles: sends waiting for a connection that failed for good are rejected.
      const error =
        change.reason?.error ??
        new ChatError(ChatErrorCode.notConnected, 'unable to send; the connection failed');
      outbox.reject(error);
    }
    emit('status', change);
  });

  // ---- receipts ----
  // One machine for every session (sends go through the input's `send`), and no actor until the first message
  // that needs a receipt (or someone looks): an idle session, or one with receipts off as compat's are, pays for
  // none.
  let receiptsActorOf: Actor<typeof receiptsMachine> | undefined;
  const getReceiptsActor = (): Actor<typeof receiptsMachine> => {
    if (receiptsActorOf) return receiptsActorOf;
    const actor = createActor(receiptsMachine, {
      input: {
        selfParticipantId: selfId,
        send: ({ kind, messageId }, signal) => sendReceiptNow(kind, messageId, signal),
        throttleMs: (receiptOption || undefined)?.throttleMs ?? defaultReceiptThrottleMs,
        deliveredHoldMs: (receiptOption || undefined)?.deliveredHoldMs ?? defaultDeliveredHoldMs,
      },
      ...(clock ? { clock } : {}),
      ...(inspect ? { inspect } : {}),
    });
    actor.on('receipt.sent', ({ kind, messageId }) => emit('receiptSent', { kind, messageId }));
    actor.on('receipt.failed', ({ error }) =>
      emit('error', { error: asChatError(error, 'send receipt'), operation: 'SendEvent' }),
    );
    receiptsActorOf = actor;
    return actor;
  };
  // The running actor's gate, started on first use while receipts are on and the chat has not ended.
  const receipts = (): ArrivalGate | undefined => {
    if (receiptsGate || !receiptsEnabled || ended) return receiptsGate;
    const actor = getReceiptsActor();
    actor.start();
    receiptsGate = createArrivalGate(actor);
    const count = roster.count();
    if (count > 2) receiptsGate.send({ type: 'participants.changed', count });
    return receiptsGate;
  };

  const sendEventNow = (
    label: string,
    contentType: string,
    content: string | undefined,
    clientToken: string,
    signal?: AbortSignal,
  ): Promise<SentItem> =>
    outbox.enqueue({
      label,
      signal,
      run: async (attemptSignal) => {
        const output = await withToken(`send ${label}`, attemptSignal, (ConnectionToken) =>
          participantApi.sendEvent(
            {
              ConnectionToken,
              ContentType: contentType,
              ...(content !== undefined ? { Content: content } : {}),
              ClientToken: clientToken,
            },
            { signal: attemptSignal },
          ),
        );
        return { id: output.Id ?? '', absoluteTime: output.AbsoluteTime ?? '', clientToken };
      },
    });

  function sendReceiptNow(
    kind: 'read' | 'delivered',
    messageId: string,
    signal?: AbortSignal,
  ): Promise<SentItem> {
    return sendEventNow(
      'receipt',
      kind === 'read' ? EventContentType.messageRead : EventContentType.messageDelivered,
      JSON.stringify({ messageId }),
      createClientToken(),
      signal,
    );
  }

  function onChatEnded(): void {
    if (ended) return;
    ended = true;
    receiptsGate?.send({ type: 'chat.ended' });
    outbox.close(new ChatError(ChatErrorCode.ended, 'unable to send; the chat has ended'));
    for (const controller of uploads) controller.abort();
  }

  // ---- sends ----
  const sendMessage = async (request: SendMessageRequest | string): Promise<SentItem> => {
    const checked = checkSendMessage(request);
    guard('send message');
    const signal = typeof request === 'string' ? undefined : request.signal;
    const clientToken = checked.clientToken ?? createClientToken();
    store.addPending({
      clientToken,
      kind: 'message',
      item: {
        Type: 'MESSAGE',
        ContentType: checked.contentType,
        Content: checked.content,
        ParticipantId: selfId,
        ParticipantRole: role,
      },
    });
    publishTranscript();
    try {
      const sent = await outbox.enqueue({
        label: 'message',
        signal,
        run: async (attemptSignal) => {
          const output = await withToken('send message', attemptSignal, (ConnectionToken) =>
            participantApi.sendMessage(
              {
                ConnectionToken,
                ContentType: checked.contentType,
                Content: checked.content,
                ClientToken: clientToken,
              },
              { signal: attemptSignal },
            ),
          );
          return { id: output.Id ?? '', absoluteTime: output.AbsoluteTime ?? '', clientToken };
        },
      });
      store.confirmPending(clientToken, { Id: sent.id, AbsoluteTime: sent.absoluteTime });
      publishTranscript();
      return sent;
    } catch (error) {
      const failure = asChatError(error, 'send message');
      store.failPending(clientToken, failure);
      publishTranscript();
      throw failure;
    }
  };

  const sendEvent = async (request: SendEventRequest): Promise<SentEvent> => {
    const checked = checkSendEvent(request);
    guard('send event');
    if (checked.contentType === EventContentType.typing) {
      const at = now();
      if (!typingAllowed(at, lastTypingAt, typingThrottleMs) && lastTyping)
        return { ...lastTyping, throttled: true };
      lastTypingAt = at;
    }
    const sent = await sendEventNow(
      'event',
      checked.contentType,
      checked.content,
      checked.clientToken ?? createClientToken(),
      request.signal,
    );
    const result: SentEvent = { ...sent, throttled: false };
    if (checked.contentType === EventContentType.typing) lastTyping = result;
    return result;
  };

  const session: ChatSession = {
    role,
    get status() {
      return statusNow();
    },
    connect: () => (closedError ? Promise.reject(closedError) : connection.connect()),
    sendMessage,
    sendEvent,
    sendTyping: () => sendEvent({ contentType: EventContentType.typing }),
    async sendReceipt(kind, messageId) {
      if (kind !== 'read' && kind !== 'delivered')
        throw new ChatError(
          ChatErrorCode.validation,
          'unable to send receipt; kind must be read or delivered',
        );
      const id = checkMessageId('send receipt', messageId);
      guard('send receipt');
      if (roster.count() > 2)
        throw new ChatError(
          ChatErrorCode.conflict,
          'unable to send receipt; receipts are not supported with more than two participants',
        );
      return sendReceiptNow(kind, id);
    },
    markAsRead(messageId) {
      const id = checkMessageId('mark as read', messageId);
      const entry = store.get(id);
      if (!entry || entry.origin === 'self' || !receiptsEnabled) return;
      receipts()?.send({
        type: 'message.read',
        messageId: id,
        orderKey: orderKeyOf(entry.item),
        senderParticipantId: entry.item.ParticipantId,
      });
    },
    async getTranscript(request) {
      const query = checkTranscriptRequest(request);
      guard('get transcript');
      const signal = request?.signal;
      const output = await withToken('get transcript', signal, (ConnectionToken) =>
        participantApi.getTranscript({ ConnectionToken, ...query }, { signal }),
      );
      const items = output.Transcript ?? [];
      if (!query.ContactId || query.ContactId === chatDetails.contactId) {
        knownReceipts(items);
        for (const item of items) deliver(item, 'transcript');
      }
      return { items, nextToken: output.NextToken || undefined, initialContactId: output.InitialContactId };
    },
    transcriptPages(request) {
      return {
        [Symbol.asyncIterator]: async function* () {
          // The request is checked as a whole before the first page, so `null` is refused rather than spread away.
          if (request !== undefined) checkTranscriptRequest(request);
          let nextToken: string | undefined;
          const seen = new Set<string>();
          do {
            const page = await session.getTranscript({ ...request, ...(nextToken ? { nextToken } : {}) });
            yield page;
            nextToken = page.nextToken;
            if (nextToken !== undefined && seen.has(nextToken)) break;
            if (nextToken !== undefined) seen.add(nextToken);
          } while (nextToken !== undefined);
        },
      };
    },
    async sendAttachment(attachment, options) {
      const sendOptions = checkCallOptions('send attachment', options);
      if (sendOptions.onProgress !== undefined && typeof sendOptions.onProgress !== 'function')
        throw new ChatError(
          ChatErrorCode.validation,
          'unable to send attachment; onProgress must be a function',
        );
      const input = isBlob(attachment)
        ? attachmentFromBlob(attachment, sendOptions.name)
        : normaliseAttachmentParts(attachment);
      const allowedContentTypes = attachmentOptions.allowedContentTypes ?? defaultAttachmentContentTypes;
      const maxSizeInBytes = attachmentOptions.maxSizeInBytes ?? maxAttachmentSizeInBytes;
      validateAttachment(input, { allowedContentTypes, maxSizeInBytes });
      guard('send attachment');
      if (sendOptions.signal?.aborted)
        throw new ChatError(ChatErrorCode.aborted, 'unable to send attachment; it was cancelled');
      const clientToken = createClientToken();
      const entry = store.addPending({
        clientToken,
        kind: 'attachment',
        item: {
          Type: 'ATTACHMENT',
          ParticipantId: selfId,
          ParticipantRole: role,
          Attachments: [{ AttachmentName: input.name, ContentType: input.contentType }],
        },
      });
      publishTranscript();
      const controller = new AbortController();
      const abort = (): void => controller.abort();
      sendOptions.signal?.addEventListener('abort', abort);
      uploads.add(controller);
      const uploadInput: AttachmentUploadInput = {
        attachment: input,
        participantApi,
        connectionToken: () => token('send attachment', controller.signal),
        transfer,
        allowedContentTypes,
        maxSizeInBytes,
        now,
        createClientToken,
      };
      try {
        const { attachmentId } = await uploadAttachment(uploadInput, {
          signal: controller.signal,
          ...(sendOptions.onProgress ? { onProgress: sendOptions.onProgress } : {}),
          ...(clock ? { clock } : {}),
          ...(inspect ? { inspect } : {}),
        });
        const confirmed = store.confirmPending(clientToken, { attachmentId });
        publishTranscript();
        return { attachmentId, entryKey: confirmed?.key ?? entry.key };
      } catch (error) {
        const failure = asChatError(error, 'send attachment');
        if (failure.code === ChatErrorCode.aborted && !ended) store.removePending(clientToken);
        else store.failPending(clientToken, ended ? endedError('send attachment') : failure);
        publishTranscript();
        throw ended && failure.code === ChatErrorCode.aborted ? endedError('send attachment') : failure;
      } finally {
        uploads.delete(controller);
        sendOptions.signal?.removeEventListener('abort', abort);
      }
    },
    async getAttachmentUrl(attachmentId, options) {
      const id = checkAttachmentId('get attachment URL', attachmentId);
      const urlOptions = checkCallOptions('get attachment URL', options);
      const expiry = checkUrlExpiry('get attachment URL', urlOptions.expiresInSeconds);
      guard('get attachment URL');
      const output = await withToken('get attachment URL', urlOptions.signal, (ConnectionToken) =>
        participantApi.getAttachment(
          {
            ConnectionToken,
            AttachmentId: id,
            ...(expiry !== undefined ? { UrlExpiryInSeconds: expiry } : {}),
          },
          { signal: urlOptions.signal },
        ),
      );
      if (!output.Url)
        throw new ChatError(
          ChatErrorCode.invalidResponse,
          'unable to get attachment URL; the service gave none',
          {
            operation: 'GetAttachment',
          },
        );
      return { url: output.Url, expiresAt: output.UrlExpiry, sizeInBytes: output.AttachmentSizeInBytes };
    },
    async downloadAttachment(attachmentId, options) {
      checkAttachmentId('download attachment', attachmentId);
      const downloadOptions = checkCallOptions('download attachment', options);
      const { url } = await session.getAttachmentUrl(attachmentId, downloadOptions);
      return transfer.download(url, { signal: downloadOptions.signal });
    },
    async describeView(viewToken, options) {
      const checked = checkViewToken(viewToken);
      const viewOptions = checkCallOptions('describe view', options);
      guard('describe view');
      const output = await withToken('describe view', viewOptions.signal, (ConnectionToken) =>
        participantApi.describeView({ ConnectionToken, ViewToken: checked }, { signal: viewOptions.signal }),
      );
      if (!output.View)
        throw new ChatError(ChatErrorCode.invalidResponse, 'unable to describe view; the service gave none', {
          operation: 'DescribeView',
        });
      return output.View;
    },
    async getAuthenticationUrl(request, options) {
      const checked = checkAuthenticationUrlRequest(request);
      const urlOptions = checkCallOptions('get authentication URL', options);
      guard('get authentication URL');
      const output = await withToken('get authentication URL', urlOptions.signal, (ConnectionToken) =>
        participantApi.getAuthenticationUrl({ ConnectionToken, ...checked }, { signal: urlOptions.signal }),
      );
      if (!output.AuthenticationUrl)
        throw new ChatError(
          ChatErrorCode.invalidResponse,
          'unable to get authentication URL; the service gave none',
          { operation: 'GetAuthenticationUrl' },
        );
      return output.AuthenticationUrl;
    },
    async cancelAuthentication(sessionId, options) {
      const checked = checkAuthenticationSessionId('cancel authentication', sessionId);
      const cancelOptions = checkCallOptions('cancel authentication', options);
      guard('cancel authentication');
      await withToken('cancel authentication', cancelOptions.signal, (ConnectionToken) =>
        participantApi.cancelParticipantAuthentication(
          { ConnectionToken, SessionId: checked },
          { signal: cancelOptions.signal },
        ),
      );
    },
    async disconnect() {
      guard('disconnect');
      const clientToken = createClientToken();
      try {
        await outbox.enqueue({
          label: 'disconnect',
          run: async (signal) =>
            withToken('disconnect', signal, (ConnectionToken) =>
              participantApi.disconnectParticipant({ ConnectionToken, ClientToken: clientToken }, { signal }),
            ),
        });
      } catch (error) {
        // The chat ending while the request was on its way is what was asked for.
        if (!(isChatError(error) && error.code === ChatErrorCode.ended && ended)) throw error;
      }
      if (role === 'AGENT') session.close();
    },
    close() {
      if (closedError) return;
      closedError = new ChatError(ChatErrorCode.ended, 'unable to continue; the session was closed');
      outbox.close(closedError, { abortInFlight: true });
      onChatEnded();
      receiptsGate?.stop();
      receiptsActorOf?.stop();
      connection.disconnect();
    },
    getChatDetails: () => ({
      contactId: chatDetails.contactId,
      participantId: chatDetails.participantId,
      initialContactId,
    }),
    get transcript() {
      return store.entries();
    },
    getSnapshot() {
      const snapshot = connection.getSnapshot();
      return {
        status: snapshot.status,
        reason: snapshot.reason,
        retryIn: snapshot.retryIn,
        transcript: store.entries(),
        pendingSends: outbox.state().size,
        participants: roster.count(),
      };
    },
    on(type, listener) {
      checkListener(type, listener, sessionEventTypes);
      return events.on(type, listener);
    },
    diagnostics(): ChatSessionDiagnostics {
      const base: ConnectionDiagnostics = connection.diagnostics();
      return {
        ...base,
        role,
        transcriptSize: store.size,
        pendingSends: outbox.state().size,
        gapFills,
        receipts: receiptsEnabled ? JSON.stringify(getReceiptsActor().getSnapshot().value) : 'off',
      };
    },
    connection,
    get receiptsActor() {
      receipts();
      return getReceiptsActor();
    },
  };
  return session;
}

function checkChatDetails(details: ChatDetails, role: SessionRole, hasTokenProvider: boolean): void {
  const invalid = (problem: string) =>
    new ChatError(ChatErrorCode.validation, `unable to create chat session; ${problem}`);
  if (typeof details !== 'object' || details === null) throw invalid('chatDetails must be an object');
  for (const field of ['contactId', 'participantId'] as const) {
    const value = details[field];
    if (typeof value !== 'string' || value.length === 0 || value.length > 256)
      throw invalid(`chatDetails.${field} must be a non-empty string of at most 256 characters`);
  }
  const initial = details.initialContactId;
  if (initial !== undefined && (typeof initial !== 'string' || initial.length === 0 || initial.length > 256))
    throw invalid('chatDetails.initialContactId must be a non-empty string of at most 256 characters');
  if (role !== 'CUSTOMER' && role !== 'AGENT')
    throw invalid(`role must be CUSTOMER or AGENT, got ${String(role)}`);
  const token = details.participantToken;
  if (token !== undefined && (typeof token !== 'string' || token.length === 0 || token.length > 1000))
    throw invalid('chatDetails.participantToken must be a non-empty string of at most 1000 characters');
  if (token === undefined && !hasTokenProvider)
    throw invalid(
      role === 'AGENT'
        ? 'an agent session needs chatDetails.participantToken or getConnectionToken'
        : 'chatDetails.participantToken is required',
    );
}

function isBlob(value: unknown): value is Blob & { name?: string } {
  return typeof Blob !== 'undefined' && value instanceof Blob;
}

function normaliseAttachmentParts(attachment: AttachmentInput): AttachmentUploadInput['attachment'] {
  if (typeof attachment !== 'object' || attachment === null || isBlob(attachment))
    throw new ChatError(
      ChatErrorCode.validation,
      'unable to send attachment; give a File, a Blob or its parts',
    );
  const measured = attachmentByteLength(attachment.body);
  return {
    name: attachment.name,
    contentType: attachment.contentType,
    size: attachment.size ?? measured ?? Number.NaN,
    body: attachment.body,
  };
}
