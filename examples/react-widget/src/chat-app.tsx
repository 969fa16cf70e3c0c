/** The React widget: a start form, then the chat, rendered from `useChatSession`. */
import {
  type ChatSession,
  type ConnectionStatus,
  EventContentType,
  type TranscriptEntry,
} from '@connect-chat/core';
import { type FormEvent, type KeyboardEvent, useEffect, useState } from 'react';
import { createCustomerSession } from './customer-session';
import type { PageSettings } from './page-settings';
import { startChat } from './start-chat';
import { useChatSession } from './use-chat-session';

const statusText: Readonly<Record<ConnectionStatus, string>> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  ended: 'Chat ended',
  failed: 'Disconnected',
};

const receiptText: Readonly<Record<NonNullable<TranscriptEntry['status']>, string>> = {
  sending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not sent',
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function eventLine(entry: TranscriptEntry): string | undefined {
  const who = entry.item.DisplayName || entry.item.ParticipantRole || 'Someone';
  if (entry.item.ContentType === EventContentType.participantJoined) return `${who} joined the chat`;
  if (entry.item.ContentType === EventContentType.participantLeft) return `${who} left the chat`;
  if (entry.item.ContentType === EventContentType.chatEnded) return 'The chat has ended';
  return undefined;
}

function Entry({ entry }: { entry: TranscriptEntry }) {
  if (entry.kind === 'event') {
    const line = eventLine(entry);
    return line === undefined ? null : (
      <li className="entry" data-kind="event">
        {line}
      </li>
    );
  }
  const author = entry.origin === 'self' ? 'You' : entry.item.DisplayName || 'Agent';
  const text =
    entry.kind === 'attachment'
      ? `📎 ${entry.item.Attachments?.[0]?.AttachmentName ?? 'attachment'}`
      : `${entry.item.Content ?? ''}${entry.streaming ? ' …' : ''}`;
  return (
    <li
      className="entry"
      data-kind={entry.kind}
      data-origin={entry.origin}
      data-status={entry.status}
      data-message-id={entry.id}
    >
      <span className="entry-author">{author}</span>
      <p className="entry-text">{text}</p>
      {entry.status !== undefined && <span className="entry-receipt">{receiptText[entry.status]}</span>}
    </li>
  );
}

function typingSentence(names: readonly string[]): string {
  if (names.length === 1) return `${names[0]} is typing…`;
  return `${names.join(', ')} are typing…`;
}

function ChatWindow({ session }: { session: ChatSession }) {
  const view = useChatSession(session);
  const [draft, setDraft] = useState('');
  const [left, setLeft] = useState(false);
  const [problem, setProblem] = useState<string>();

  // Read receipts: the newest message from someone else has been seen while the page is visible.
  useEffect(() => {
    if (document.visibilityState !== 'visible') return;
    const latest = [...view.transcript]
      .reverse()
      .find((entry) => entry.origin === 'other' && entry.kind !== 'event');
    if (latest?.id !== undefined) session.markAsRead(latest.id);
  }, [session, view.transcript]);

  const finished = left || view.ended || view.status === 'ended';
  const send = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (text === '') return;
    setDraft('');
    session.sendMessage(text).catch((error: unknown) => setProblem(messageOf(error)));
  };
  const sendOnEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  };
  const endChat = () => {
    session.disconnect().then(
      () => setLeft(true),
      (error: unknown) => setProblem(messageOf(error)),
    );
  };

  return (
    <section className="chat" aria-label="Conversation">
      <p className="connection-status" role="status" data-status={view.status}>
        {statusText[view.status]}
      </p>
      {view.status === 'reconnecting' && (
        <div className="banner" role="alert">
          Connection lost. Reconnecting…
        </div>
      )}
      {problem !== undefined && (
        <div className="banner banner-error" role="alert">
          {problem}
        </div>
      )}
      <ol className="transcript" role="log" aria-label="Messages">
        {view.transcript.map((entry) => (
          <Entry key={entry.key} entry={entry} />
        ))}
      </ol>
      <p className="typing-indicator" aria-live="polite">
        {view.typing.length > 0 ? typingSentence(view.typing) : ''}
      </p>
      {finished ? (
        <p className="chat-ended" role="status">
          {left ? 'You left the chat.' : 'The chat has ended.'}
        </p>
      ) : (
        <>
          <form className="composer" onSubmit={send}>
            <label htmlFor="message-input" className="visually-hidden">
              Message
            </label>
            <textarea
              id="message-input"
              rows={2}
              maxLength={1024}
              value={draft}
              placeholder="Type a message"
              onChange={(event) => {
                setDraft(event.target.value);
                // Throttled by the session (one typing event per 10 s).
                if (event.target.value.trim() !== '') session.sendTyping().catch(() => undefined);
              }}
              onKeyDown={sendOnEnter}
            />
            <div className="composer-actions">
              <button type="submit">Send</button>
            </div>
          </form>
          <footer className="chat-footer">
            <button type="button" className="end-chat" onClick={endChat}>
              End chat
            </button>
          </footer>
        </>
      )}
    </section>
  );
}

function StartForm({ onStart }: { onStart(displayName: string): Promise<void> }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    setBusy(true);
    onStart(name.trim()).catch((error: unknown) => {
      setBusy(false);
      setProblem(`Unable to start the chat: ${messageOf(error)}`);
    });
  };
  return (
    <form className="start-form" onSubmit={submit}>
      <label htmlFor="display-name">Your name</label>
      <input
        id="display-name"
        autoComplete="name"
        required
        maxLength={256}
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <button type="submit" disabled={busy}>
        Start chat
      </button>
      {problem !== undefined && (
        <p className="banner banner-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/** The widget for the given page settings. */
export function ChatApp({ settings }: { settings: PageSettings }) {
  const [session, setSession] = useState<ChatSession>();
  const [problem, setProblem] = useState<string>();
  const start = async (displayName: string) => {
    const chatDetails = await startChat(settings.startChatUrl, displayName);
    const created = createCustomerSession(settings, chatDetails);
    setSession(created);
    created.connect().catch((error: unknown) => setProblem(`Unable to connect: ${messageOf(error)}`));
  };
  return (
    <main className="widget" aria-labelledby="widget-title">
      <header className="widget-header">
        <h1 id="widget-title">Chat with us</h1>
      </header>
      {problem !== undefined && (
        <p className="banner banner-error" role="alert">
          {problem}
        </p>
      )}
      {session ? <ChatWindow session={session} /> : <StartForm onStart={start} />}
    </main>
  );
}
