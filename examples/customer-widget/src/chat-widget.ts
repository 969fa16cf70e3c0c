/**
 * The widget: the start form, then one customer session wired to the page. Everything the customer sees comes from
 * the session's events (`transcript`, `status`, `typing`, ...); everything they do is one session method.
 */
import {
  type ChatSession,
  type ConnectionStatus,
  defaultAttachmentContentTypes,
  isChatError,
  type StatusChange,
  type TranscriptEntry,
} from '@connect-chat/core';
import { createCustomerSession } from './customer-session';
import type { PageSettings } from './page-settings';
import { startChat } from './start-chat';
import { createTranscriptView } from './transcript-view';
import { createTypingIndicator } from './typing-indicator';
import { createUploadsView } from './uploads-view';

/** What the status line reads for each connection status. */
export const statusLineText: Readonly<Record<ConnectionStatus, string>> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  ended: 'Chat ended',
  failed: 'Disconnected',
};

function byId<T extends HTMLElement>(doc: Document, id: string, type: { new (): T }): T {
  const found = doc.getElementById(id);
  if (!(found instanceof type)) throw new Error(`the page has no #${id} ${type.name}`);
  return found;
}

/** The page's elements, by role. */
function widgetElements(doc: Document) {
  return {
    status: byId(doc, 'connection-status', HTMLElement),
    reconnectBanner: byId(doc, 'reconnect-banner', HTMLElement),
    reconnectText: byId(doc, 'reconnect-text', HTMLElement),
    failure: byId(doc, 'failure', HTMLElement),
    failureText: byId(doc, 'failure-text', HTMLElement),
    retryConnect: byId(doc, 'retry-connect', HTMLButtonElement),
    startForm: byId(doc, 'start-form', HTMLFormElement),
    displayName: byId(doc, 'display-name', HTMLInputElement),
    startButton: byId(doc, 'start-chat', HTMLButtonElement),
    chat: byId(doc, 'chat', HTMLElement),
    transcript: byId(doc, 'transcript', HTMLOListElement),
    typing: byId(doc, 'typing-indicator', HTMLElement),
    composer: byId(doc, 'composer', HTMLFormElement),
    messageInput: byId(doc, 'message-input', HTMLTextAreaElement),
    sendButton: byId(doc, 'send-message', HTMLButtonElement),
    attachmentInput: byId(doc, 'attachment-input', HTMLInputElement),
    uploads: byId(doc, 'uploads', HTMLUListElement),
    endChat: byId(doc, 'end-chat', HTMLButtonElement),
    chatEnded: byId(doc, 'chat-ended', HTMLElement),
  };
}

type WidgetElements = ReturnType<typeof widgetElements>;

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The reconnect banner's sentence. */
export function reconnectSentence(retryInMs: number | undefined): string {
  if (retryInMs === undefined || retryInMs < 1000) return 'Connection lost. Reconnecting…';
  return `Connection lost. Reconnecting in ${Math.ceil(retryInMs / 1000)} s…`;
}

function showFailure(ui: WidgetElements, text: string, retry?: () => void): void {
  ui.failureText.textContent = text;
  ui.failure.hidden = false;
  ui.retryConnect.hidden = retry === undefined;
  ui.retryConnect.onclick = retry ? () => retry() : null;
}

function clearFailure(ui: WidgetElements): void {
  ui.failure.hidden = true;
  ui.retryConnect.onclick = null;
}

function stopComposing(ui: WidgetElements, sentence: string): void {
  ui.messageInput.disabled = true;
  ui.sendButton.disabled = true;
  ui.attachmentInput.disabled = true;
  ui.endChat.hidden = true;
  ui.reconnectBanner.hidden = true;
  ui.chatEnded.textContent = sentence;
  ui.chatEnded.hidden = false;
}

/** Saves a downloaded attachment with the browser's own download flow. */
function saveBlob(doc: Document, blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has started by the time click() returns; the object URL is no longer needed.
  URL.revokeObjectURL(url);
}

/** Wires one connected (or connecting) session to the page. */
function wireSession(doc: Document, ui: WidgetElements, session: ChatSession): void {
  const self = session.getChatDetails().participantId;
  const typing = createTypingIndicator(ui.typing);
  const uploads = createUploadsView(ui.uploads);
  const transcript = createTranscriptView(ui.transcript, {
    retry(entry: TranscriptEntry) {
      const content = entry.item.Content;
      if (content === undefined) return;
      session.sendMessage({ content, clientToken: entry.clientToken }).catch(() => undefined);
    },
    download(attachmentId, name) {
      session.downloadAttachment(attachmentId).then(
        (blob) => saveBlob(doc, blob, name),
        (error: unknown) => showFailure(ui, `Unable to download ${name}: ${messageOf(error)}`),
      );
    },
  });

  const markLatestRead = () => {
    if (doc.visibilityState !== 'visible') return;
    const entries = session.transcript;
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const entry = entries[index];
      if (entry?.origin !== 'other' || entry.kind === 'event') continue;
      if (entry.id !== undefined) session.markAsRead(entry.id);
      return;
    }
  };

  transcript.render(session.transcript);
  session.on('transcript', ({ entries }) => transcript.render(entries));
  session.on('status', (change: StatusChange) => {
    ui.status.textContent = statusLineText[change.current];
    ui.status.dataset.status = change.current;
    ui.reconnectBanner.hidden = change.current !== 'reconnecting';
    ui.reconnectText.textContent = reconnectSentence(change.retryIn);
    if (change.current === 'connected') clearFailure(ui);
    if (change.current === 'failed') {
      const reason = change.reason?.message ?? 'the connection failed';
      const retry = () => {
        clearFailure(ui);
        session.connect().catch((error: unknown) => showFailure(ui, messageOf(error), retry));
      };
      showFailure(ui, `Disconnected: ${reason}`, retry);
    }
  });
  session.on('typing', ({ item }) => {
    if (item.ParticipantId === undefined || item.ParticipantId === self) return;
    typing.typed(item.ParticipantId, item.DisplayName || 'Agent');
  });
  const arrived = ({ item, entry }: { item: { ParticipantId?: string }; entry: TranscriptEntry }) => {
    if (entry.origin !== 'other') return;
    if (item.ParticipantId !== undefined) typing.stopped(item.ParticipantId);
    markLatestRead();
  };
  session.on('message', arrived);
  session.on('attachment', arrived);
  session.on('participantLeft', ({ item }) => {
    if (item.ParticipantId !== undefined) typing.stopped(item.ParticipantId);
  });
  // The customer leaving ends a customer chat too, so `chatEnded` may arrive before or after `disconnect()`
  // settles; either way the customer should read that they left.
  let leaving = false;
  session.on('chatEnded', () => {
    typing.clear();
    stopComposing(ui, leaving ? 'You left the chat.' : 'The chat has ended.');
  });
  doc.addEventListener('visibilitychange', markLatestRead);

  ui.messageInput.addEventListener('input', () => {
    if (ui.messageInput.value.trim() === '') return;
    // The session throttles typing events (one per 10 s); failures here are not worth telling the customer.
    session.sendTyping().catch(() => undefined);
  });
  ui.messageInput.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      ui.composer.requestSubmit();
    }
  });
  ui.composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = ui.messageInput.value.trim();
    if (text === '') return;
    ui.messageInput.value = '';
    // A send that fails stays in the transcript as "Not sent" with Retry; only a refused one needs a word here.
    session.sendMessage(text).catch((error: unknown) => {
      if (isChatError(error) && error.code === 'validation') showFailure(ui, messageOf(error));
    });
  });

  ui.attachmentInput.accept = defaultAttachmentContentTypes.join(',');
  ui.attachmentInput.addEventListener('change', () => {
    for (const file of ui.attachmentInput.files ?? []) {
      const cancel = new AbortController();
      const row = uploads.add(file.name, () => cancel.abort());
      session
        .sendAttachment(file, {
          signal: cancel.signal,
          onProgress: (sent, total) => row.progressed(sent, total),
        })
        .then(
          () => row.completed(),
          (error: unknown) => {
            if (isChatError(error) && error.code === 'aborted') row.cancelled();
            else row.failed(messageOf(error));
          },
        );
    }
    // Lets the same file be chosen again.
    ui.attachmentInput.value = '';
  });

  ui.endChat.addEventListener('click', () => {
    ui.endChat.disabled = true;
    leaving = true;
    session.disconnect().then(
      () => stopComposing(ui, 'You left the chat.'),
      (error: unknown) => {
        leaving = false;
        ui.endChat.disabled = false;
        showFailure(ui, `Unable to end the chat: ${messageOf(error)}`);
      },
    );
  });
}

/** Mounts the widget on the page: the start form first, then the chat. */
export function mountChatWidget(doc: Document, settings: PageSettings): void {
  const ui = widgetElements(doc);
  ui.startForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const displayName = ui.displayName.value.trim();
    if (displayName === '') return;
    ui.startButton.disabled = true;
    clearFailure(ui);
    ui.status.textContent = statusLineText.connecting;
    startChat(settings.startChatUrl, displayName).then(
      (chatDetails) => {
        const session = createCustomerSession(settings, chatDetails);
        wireSession(doc, ui, session);
        ui.startForm.hidden = true;
        ui.chat.hidden = false;
        const connect = () => {
          clearFailure(ui);
          session.connect().then(
            () => ui.messageInput.focus(),
            (error: unknown) => showFailure(ui, `Unable to connect: ${messageOf(error)}`, connect),
          );
        };
        connect();
      },
      (error: unknown) => {
        ui.startButton.disabled = false;
        ui.status.textContent = statusLineText.idle;
        showFailure(ui, `Unable to start the chat: ${messageOf(error)}`);
      },
    );
  });
}
