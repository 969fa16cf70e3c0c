/**
 * `useChatSession`: the whole hook. React asks the store for its snapshot and re-renders when the session says
 * something changed; the session itself stays the one place that holds state.
 */
import type { ChatSession } from '@connect-chat/core';
import { useMemo, useSyncExternalStore } from 'react';
import { type ChatView, createChatStore } from './chat-store';

/**
 * The session's state for rendering: status, transcript, who is typing, whether the chat ended. Call the session's
 * own methods (`sendMessage`, `sendTyping`, `disconnect`, ...) to act.
 *
 * @example
 * ```tsx
 * function Transcript({ session }: { session: ChatSession }) {
 *   const { transcript } = useChatSession(session);
 *   return <ol>{transcript.map((entry) => <li key={entry.key}>{entry.item.Content}</li>)}</ol>;
 * }
 * ```
 */
export function useChatSession(session: ChatSession): ChatView {
  const store = useMemo(() => createChatStore(session), [session]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
