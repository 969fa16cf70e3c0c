/**
 * An external store over one session, in the shape `useSyncExternalStore` wants: `subscribe` and a `getSnapshot`
 * that returns the same object until something changed. It listens to the session only while React does, so a
 * component that unmounts leaves no listener (or typing timer) behind.
 */
import type { ChatSession, ConnectionStatus, TranscriptEntry } from '@connect-chat/core';

/** What the widget renders. A new object after every change; the same object otherwise. */
export interface ChatView {
  readonly status: ConnectionStatus;
  /** Milliseconds until the next reconnection attempt, while reconnecting. */
  readonly retryIn: number | undefined;
  /** The session's merged transcript (immutable entries, stable `key`s). */
  readonly transcript: readonly TranscriptEntry[];
  /** Display names of the people typing now. */
  readonly typing: readonly string[];
  /** The service ended the chat. */
  readonly ended: boolean;
}

/** A store for `useSyncExternalStore`. */
export interface ChatStore {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): ChatView;
}

/** How long someone shows as typing after their last typing event. @defaultValue 12000 */
export const typingHoldMs = 12_000;

/** Creates the store of `session`. */
export function createChatStore(session: ChatSession, holdMs = typingHoldMs): ChatStore {
  const self = session.getChatDetails().participantId;
  const listeners = new Set<() => void>();
  const typing = new Map<string, { name: string; timer: ReturnType<typeof setTimeout> }>();
  let snapshot: ChatView = {
    status: session.status,
    retryIn: undefined,
    transcript: session.transcript,
    typing: [],
    ended: false,
  };
  let stopListening: (() => void) | undefined;

  const update = (change: Partial<ChatView>) => {
    snapshot = { ...snapshot, ...change };
    for (const listener of [...listeners]) listener();
  };
  const typingNames = () => [...typing.values()].map((person) => person.name);
  const stopTyping = (participantId: string | undefined) => {
    const person = participantId === undefined ? undefined : typing.get(participantId);
    if (!person || participantId === undefined) return;
    clearTimeout(person.timer);
    typing.delete(participantId);
    update({ typing: typingNames() });
  };

  const listen = () => {
    const stops = [
      session.on('transcript', ({ entries }) => update({ transcript: entries })),
      session.on('status', ({ current, retryIn }) => update({ status: current, retryIn })),
      session.on('typing', ({ item }) => {
        const id = item.ParticipantId;
        if (id === undefined || id === self) return;
        const previous = typing.get(id);
        if (previous) clearTimeout(previous.timer);
        typing.set(id, {
          name: item.DisplayName || 'Agent',
          timer: setTimeout(() => stopTyping(id), holdMs),
        });
        update({ typing: typingNames() });
      }),
      session.on('message', ({ item }) => stopTyping(item.ParticipantId)),
      session.on('participantLeft', ({ item }) => stopTyping(item.ParticipantId)),
      session.on('chatEnded', () => update({ ended: true })),
    ];
    // Whatever happened while nobody listened.
    snapshot = { ...snapshot, status: session.status, transcript: session.transcript };
    return () => {
      for (const stop of stops) stop();
      for (const person of typing.values()) clearTimeout(person.timer);
      typing.clear();
    };
  };

  return {
    subscribe(onChange) {
      listeners.add(onChange);
      stopListening ??= listen();
      return () => {
        listeners.delete(onChange);
        if (listeners.size > 0) return;
        stopListening?.();
        stopListening = undefined;
      };
    },
    getSnapshot: () => snapshot,
  };
}
