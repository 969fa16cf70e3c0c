/**
 * Renders the session's transcript (its one ordered, deduplicated list of entries) into the `<ol role="log">`.
 * Entries are immutable: an entry that is the same object as last time keeps its element; a changed one gets a new
 * element in place. Text always goes in through `textContent`, never as HTML.
 */
import { EventContentType, MessageContentType, type TranscriptEntry } from '@connect-chat/core';

/** What the view asks the widget to do. */
export interface TranscriptViewActions {
  /** Send a failed message again (its entry keeps its client token, so it can never be applied twice). */
  retry(entry: TranscriptEntry): void;
  /** Download an attachment. */
  download(attachmentId: string, name: string): void;
}

/** Keeps the list in step with the transcript. */
export interface TranscriptView {
  render(entries: readonly TranscriptEntry[]): void;
}

/** What each own-message status reads as. */
export const statusLabels: Readonly<Record<NonNullable<TranscriptEntry['status']>, string>> = {
  sending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not sent',
};

const shownMessageTypes: ReadonlySet<string> = new Set([
  MessageContentType.plainText,
  MessageContentType.markdown,
]);

function authorOf(entry: TranscriptEntry): string {
  if (entry.origin === 'self') return 'You';
  return entry.item.DisplayName || entry.item.ParticipantRole || 'Agent';
}

/** The line an event entry shows, or `undefined` for events the widget keeps quiet about. */
export function eventText(entry: TranscriptEntry): string | undefined {
  const who = entry.item.DisplayName || entry.item.ParticipantRole || 'Someone';
  switch (entry.item.ContentType) {
    case EventContentType.participantJoined:
      return `${who} joined the chat`;
    case EventContentType.participantLeft:
      return `${who} left the chat`;
    case EventContentType.chatEnded:
      return 'The chat has ended';
    case EventContentType.transferSucceeded:
      return 'You were transferred';
    case EventContentType.transferFailed:
      return 'The transfer failed';
    case EventContentType.participantIdle:
      return `${who} is idle`;
    case EventContentType.participantReturned:
      return `${who} is back`;
    default:
      return undefined;
  }
}

function timeOf(entry: TranscriptEntry): HTMLTimeElement | undefined {
  const at = entry.item.AbsoluteTime;
  if (!at) return undefined;
  const time = document.createElement('time');
  time.dateTime = at;
  time.textContent = new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return time;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function messageBody(entry: TranscriptEntry): string {
  const { ContentType, Content } = entry.item;
  if (ContentType !== undefined && !shownMessageTypes.has(ContentType)) {
    return `(a ${ContentType} message this widget does not display)`;
  }
  return `${Content ?? ''}${entry.streaming ? ' …' : ''}`;
}

function attachmentBody(entry: TranscriptEntry, actions: TranscriptViewActions): HTMLElement {
  const attachment = entry.item.Attachments?.[0];
  const name = attachment?.AttachmentName ?? 'attachment';
  const body = element('p', 'entry-text');
  body.append(`📎 ${name} `);
  if (attachment?.Status === 'IN_PROGRESS') body.append(element('span', 'entry-scan', '(scanning…)'));
  else if (attachment?.Status === 'REJECTED') body.append(element('span', 'entry-scan', '(rejected)'));
  else if (attachment?.AttachmentId && entry.status !== 'sending') {
    const id = attachment.AttachmentId;
    const download = element('button', 'entry-download', 'Download');
    download.type = 'button';
    download.setAttribute('aria-label', `Download ${name}`);
    download.addEventListener('click', () => actions.download(id, name));
    body.append(download);
  }
  return body;
}

function entryElement(entry: TranscriptEntry, actions: TranscriptViewActions): HTMLLIElement | undefined {
  const item = element('li', 'entry');
  item.dataset.key = entry.key;
  item.dataset.kind = entry.kind;
  item.dataset.origin = entry.origin;
  if (entry.id !== undefined) item.dataset.messageId = entry.id;
  if (entry.kind === 'event') {
    const text = eventText(entry);
    if (text === undefined) return undefined;
    item.append(element('p', 'entry-text', text));
    return item;
  }
  item.append(element('span', 'entry-author', authorOf(entry)));
  item.append(
    entry.kind === 'attachment'
      ? attachmentBody(entry, actions)
      : element('p', 'entry-text', messageBody(entry)),
  );
  const meta = element('div', 'entry-meta');
  const time = timeOf(entry);
  if (time) meta.append(time);
  if (entry.status !== undefined) {
    item.dataset.status = entry.status;
    meta.append(element('span', 'entry-receipt', statusLabels[entry.status]));
    if (entry.status === 'failed' && entry.kind === 'message') {
      const retry = element('button', 'entry-retry', 'Retry');
      retry.type = 'button';
      retry.addEventListener('click', () => actions.retry(entry));
      meta.append(retry);
    }
  }
  item.append(meta);
  return item;
}

/** Creates the view over `list`. */
export function createTranscriptView(list: HTMLOListElement, actions: TranscriptViewActions): TranscriptView {
  const shown = new Map<string, { entry: TranscriptEntry; node: HTMLLIElement | undefined }>();
  return {
    render(entries) {
      const pinnedToBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 24;
      const keep = new Set<string>();
      let previous: HTMLLIElement | undefined;
      for (const entry of entries) {
        keep.add(entry.key);
        let current = shown.get(entry.key);
        if (current?.entry !== entry) {
          const node = entryElement(entry, actions);
          if (current?.node) {
            if (node) current.node.replaceWith(node);
            else current.node.remove();
          }
          current = { entry, node };
          shown.set(entry.key, current);
        }
        const node = current.node;
        if (!node) continue;
        const expected = previous ? previous.nextElementSibling : list.firstElementChild;
        if (expected !== node) list.insertBefore(node, expected);
        previous = node;
      }
      for (const [key, { node }] of shown) {
        if (keep.has(key)) continue;
        node?.remove();
        shown.delete(key);
      }
      if (pinnedToBottom) list.scrollTop = list.scrollHeight;
    },
  };
}
