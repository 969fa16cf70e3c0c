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
import type { SessionType } from './legacy.types';
import { ChatEvent, type ChatEventName, eventByContentType, LegacyContentType } from './legacy-constants';
import type { SessionState } from './session-state';

/** What the routing needs from its session. */
export interface EventRoutingContext {
  core: ChatSession;
  bus: EventBus;
  state: SessionState;
  type: SessionType;
  /** What callbacks get as `chatDetails`: `getChatDetails()` at the time of the event, as in ChatJS. */
  chatDetailsNow: () => object;
  /** An item was just handed to its callback (ChatJS then updates its transcript). */
  itemDelivered(item: Item): void;
  /** A connection was established (the first or a later one). */
  connectionGained(): void;
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
export function routeCoreEvents(context: EventRoutingContext): void {
  const { core, bus, state, chatDetailsNow } = context;
  const fromPage: Array<{ id: string | undefined; deliver: () => void }> = [];
  // History items not delivered, by Id, until their live frame shows up; and the Ids whose frames did.
  const held = new BoundedMap<string, () => void>(keptIds);
  const liveIds = new BoundedMap<string, true>(keptIds);

  const emit = (eventName: ChatEventName, payload: object): void => {
    if (state.participantDisconnected) return;
    bus.emit(eventName, { ...payload, chatDetails: chatDetailsNow() });
  };
  const emitItem = (eventName: ChatEventName, item: Item): void => {
    if (state.realtimeMuted || state.participantDisconnected) return;
    emit(eventName, { data: item });
    context.itemDelivered(item);
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
    // Receipts still waiting are skipped from now on; a later connection gain clears this, as in ChatJS.
    state.chatEnded = true;
    emit(ChatEvent.ended, { data: null });
    bus.afterQueued(() => {
      state.participantDisconnected = true;
      bus.clear();
    });
  };

  const deliverItem = (item: Item): void => {
    const contentType = item.ContentType ?? '';
    // Own keys only: a content type such as `constructor` must not find a member of Object.prototype.
    const event = Object.hasOwn(eventByContentType, contentType)
      ? eventByContentType[contentType]
      : undefined;
    emitItem(event ?? ChatEvent.message, item);
    if (contentType === LegacyContentType.chatEnded) endChat();
    else if (contentType === LegacyContentType.transferSucceeded && context.type !== 'CUSTOMER')
      state.realtimeMuted = true;
  };

  core.on('item', ({ item, source }) => {
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

  core.on('deepHeartbeat', (outcome) => {
    state.deepHeartbeatFailed = !outcome.ok;
    emit(outcome.ok ? ChatEvent.deepHeartbeatSuccess : ChatEvent.deepHeartbeatFailure, { data: {} });
  });

  core.on('status', (change) => {
    if (change.current === change.previous) return;
    if (change.current === 'connected') {
      state.deepHeartbeatFailed = false;
      state.chatEnded = false;
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
      context.connectionGained();
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
