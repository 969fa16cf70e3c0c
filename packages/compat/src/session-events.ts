/**
 * Core's typed session events turned into ChatJS's callbacks (legacy-chatjs §6.5, §8). Core has already
 * deduplicated items by `Id`, stitched Lex streaming chunks and dropped the participant's own receipts; this
 * module picks the ChatJS callback by content type and builds the `{ chatDetails, data }` payloads.
 *
 * Items from transcript pages are held back: those of a gap fill after a reconnection reach `onMessage` (fix 6),
 * those of an initial history load or of a `getTranscript` call do not (ChatJS never replays history). A page can
 * also overtake a live item (the page was read after the item was stored, but before its frame arrived); core then
 * drops the live copy as a duplicate, so a held item is delivered when its frame arrives, as ChatJS would.
 */
import type { ChatSession, Item } from '@connect-chat/core';
import type { EventBus } from './event-bus';
import type { EventChatDetails, SessionType } from './legacy.types';
import { ChatEvent, type ChatEventName, eventByContentType, LegacyContentType } from './legacy-constants';
import type { ReceiptPipeline } from './receipt-pipeline';
import type { ResponseRecorder } from './response-recorder';
import type { SessionState } from './session-state';
import { legacyTranscript } from './transcript-view';

/** What the routing needs from its session. */
export interface EventRoutingContext {
  core: ChatSession;
  bus: EventBus;
  state: SessionState;
  type: SessionType;
  chatDetails: EventChatDetails;
  /** What callbacks get as `chatDetails`: `getChatDetails()` at the time of the event, as in ChatJS. */
  chatDetailsNow: () => object;
  receipts: ReceiptPipeline;
  recorder: ResponseRecorder;
}

/** Hooks the session's methods call into. */
export interface EventRouting {
  /** Reports the transcript view (once per burst of changes) when `onTranscriptUpdated` is on. */
  scheduleTranscriptUpdate(): void;
}

/** The item ChatJS makes up when the chat turns out to have ended while the connection was down. */
export const syntheticEndedItem: Readonly<Item> = {
  AbsoluteTime: '',
  ContentType: LegacyContentType.chatEnded,
  Id: '',
  Type: 'EVENT',
  InitialContactId: '',
};

const keptIds = 1_000;

const defer: (callback: () => void) => void =
  typeof queueMicrotask === 'function' ? queueMicrotask : (callback) => void Promise.resolve().then(callback);

/** Subscribes to the core session's events and forwards them to the bus. */
export function routeCoreEvents(context: EventRoutingContext): EventRouting {
  const { core, bus, state, chatDetails, chatDetailsNow, receipts, recorder } = context;
  const fromPage: Array<{ id: string | undefined; deliver: () => void }> = [];
  // History items not delivered, by Id, until their live frame shows up; and the Ids whose frames did.
  const held = new BoundedMap<string, () => void>(keptIds);
  const liveIds = new BoundedMap<string, true>(keptIds);
  let transcriptUpdateScheduled = false;
  let participants = core.getSnapshot().participants;

  const emit = (eventName: ChatEventName, payload: object): void => {
    if (state.participantDisconnected) return;
    bus.emit(eventName, { ...payload, chatDetails: chatDetailsNow() });
  };
  const emitItem = (eventName: ChatEventName, item: Item): void => {
    if (!state.realtimeMuted) emit(eventName, { data: item });
  };
  const route = (source: 'live' | 'transcript', item: Item, deliver: () => void): void => {
    if (source === 'live') {
      deliver();
      return;
    }
    // Core reports a page's items and then, in the same turn, whether they filled a gap: decide then.
    if (fromPage.length === 0) defer(holdPageItems);
    fromPage.push({ id: item.Id || undefined, deliver });
  };
  const holdPageItems = (): void => {
    for (const { id, deliver } of fromPage.splice(0)) {
      if (id === undefined) continue;
      if (liveIds.has(id)) deliver();
      else held.set(id, deliver);
    }
  };

  const endChat = (): void => {
    if (state.endHandled) return;
    state.endHandled = true;
    receipts.chatEnded();
    emit(ChatEvent.ended, { data: null });
    bus.afterQueued(() => {
      state.participantDisconnected = true;
      bus.clear();
    });
  };

  const deliverItem = (item: Item): void => {
    const contentType = item.ContentType ?? '';
    emitItem(eventByContentType[contentType] ?? ChatEvent.message, item);
    if (contentType === LegacyContentType.chatEnded) endChat();
    else if (contentType === LegacyContentType.transferSucceeded && context.type !== 'CUSTOMER')
      state.realtimeMuted = true;
  };

  const scheduleTranscriptUpdate = (): void => {
    if (!state.transcriptMode || transcriptUpdateScheduled) return;
    transcriptUpdateScheduled = true;
    defer(() => {
      transcriptUpdateScheduled = false;
      emit(ChatEvent.transcriptUpdated, {
        data: {
          transcript: legacyTranscript(core.transcript),
          previousTranscriptNextToken: state.previousTranscriptNextToken,
        },
      });
    });
  };

  core.on('item', ({ item, source }) => {
    const count = core.getSnapshot().participants;
    if (count !== participants) {
      participants = count;
      receipts.participantsChanged(count);
    }
    // Messages, attachments and receipts have their own core events (which also carry Lex stitching updates).
    if (item.Type === 'MESSAGE' || item.Type === 'ATTACHMENT' || item.Type === 'MESSAGEMETADATA') return;
    if (
      item.ContentType === LegacyContentType.messageRead ||
      item.ContentType === LegacyContentType.messageDelivered
    )
      return;
    route(source, item, () => deliverItem(item));
  });
  core.on('message', ({ item, source }) => route(source, item, () => deliverItem(item)));
  core.on('attachment', ({ item, source }) => route(source, item, () => deliverItem(item)));
  core.on('attachmentStatus', ({ entry }) => emitItem(ChatEvent.message, entry.item));
  core.on('readReceipt', ({ item, source }) =>
    route(source, item, () => emitItem(ChatEvent.readReceipt, item)),
  );
  core.on('deliveredReceipt', ({ item, source }) =>
    route(source, item, () => emitItem(ChatEvent.deliveredReceipt, item)),
  );
  core.on('gapFilled', () => {
    for (const { deliver } of fromPage.splice(0)) deliver();
  });
  core.on('historyLoaded', holdPageItems);
  // Every frame as it arrives, before core's de-duplication: a held history item is now a live one.
  core.connection.on('item', (item) => {
    if (!item.Id) return;
    liveIds.set(item.Id, true);
    const deliver = held.take(item.Id);
    deliver?.();
  });
  core.on('transcript', scheduleTranscriptUpdate);

  core.on('deepHeartbeat', (outcome) => {
    state.deepHeartbeatFailed = !outcome.ok;
    emit(outcome.ok ? ChatEvent.deepHeartbeatSuccess : ChatEvent.deepHeartbeatFailure, { data: {} });
  });

  core.on('status', (change) => {
    if (change.current === change.previous) return;
    if (change.current === 'connected') {
      state.deepHeartbeatFailed = false;
      const first = !state.everEstablished;
      state.everEstablished = true;
      // One event per established connection (fix 1); the first also carries what connect() resolves.
      emit(
        ChatEvent.connectionEstablished,
        first
          ? {
              data: {},
              _debug: { websocketStatus: state.connectWebsocketStatus },
              connectSuccess: true,
              connectCalled: true,
              metadata: state.connectMetadata,
            }
          : { data: {} },
      );
    } else if (change.previous === 'connected' && change.current === 'reconnecting') {
      emit(ChatEvent.connectionLost, { data: {} });
    } else if (change.current === 'failed') {
      // A CreateParticipantConnection failure of the first connect() is reported by its rejection alone, as in
      // ChatJS; anything that kills the real-time channel later is a broken connection.
      const firstFetch =
        !state.everEstablished && change.reason?.error?.operation === 'CreateParticipantConnection';
      if (!firstFetch) emit(ChatEvent.connectionBroken, { data: {} });
    } else if (
      change.current === 'ended' &&
      change.reason?.code === 'accessDenied' &&
      state.everEstablished &&
      !state.endHandled
    ) {
      // The chat ended while the connection was down (403 on reconnecting): ChatJS makes up the ended item.
      emitItem(ChatEvent.message, { ...syntheticEndedItem });
      endChat();
    }
  });

  recorder.onCall((method, input, call) => {
    if (method !== 'getTranscript') return;
    if (input.ContactId !== undefined && input.ContactId !== chatDetails.contactId) return;
    const items = (call.output.Transcript ?? []) as Item[];
    receipts.rehydrate(items);
    if ((input.ScanDirection ?? 'BACKWARD') === 'BACKWARD')
      state.previousTranscriptNextToken = call.output.NextToken as string | undefined;
  });

  return { scheduleTranscriptUpdate };
}

/** A map that forgets its oldest entries beyond `capacity`. */
class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size <= this.capacity) return;
    const oldest = this.entries.keys().next();
    if (!oldest.done) this.entries.delete(oldest.value);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  take(key: K): V | undefined {
    const value = this.entries.get(key);
    this.entries.delete(key);
    return value;
  }
}
