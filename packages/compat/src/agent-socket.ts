/**
 * Agent sessions share StreamsJS's WebSocket manager: every chat of the agent arrives on the same `aws/chat` topic.
 * ChatJS keeps an item for a session when its `InitialContactId` or `ContactId` matches, and lets every
 * `MESSAGEMETADATA` (receipt) item through (legacy-chatjs §8.1 step 2); this wrapper applies the same rule
 * before core sees the item. The StreamsJS contract itself is transport's `createStreamsManagedSocket`.
 */
import type { ManagedSocket, ManagedSocketEvent } from '@connect-chat/core';
import { createStreamsManagedSocket, type StreamsManagerSubscriber } from '@connect-chat/transport';

/** Whether an item from a shared socket belongs to this chat, by ChatJS's rule. */
export function belongsToChat(
  item: { InitialContactId?: string; ContactId?: string; Type?: string },
  chat: { contactId: string; initialContactId: string },
): boolean {
  return (
    item.InitialContactId === chat.initialContactId ||
    item.ContactId === chat.contactId ||
    item.Type === 'MESSAGEMETADATA'
  );
}

/** Adapts StreamsJS's manager for one agent chat: transport's adapter, filtered to the chat's items. */
export function agentManagedSocket(
  manager: StreamsManagerSubscriber,
  chat: { contactId: string; initialContactId: string },
  now?: () => number,
): ManagedSocket {
  const shared = createStreamsManagedSocket(manager, now ? { now } : {});
  return {
    subscribe: (topics) => shared.subscribe(topics),
    listen: (listener) =>
      shared.listen((event: ManagedSocketEvent) => {
        if (
          event.type === 'managed.frameReceived' &&
          event.frame.kind === 'chat' &&
          !belongsToChat(event.frame.item, chat)
        )
          return;
        listener(event);
      }),
  };
}
