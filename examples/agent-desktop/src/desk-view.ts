/**
 * Renders the desk: one card per chat with its participants, transcript, typing line, a composer, the multi-party
 * controls (add a participant through a quick connect) and Leave. The composer and controls are built once per
 * chat; the rest is redrawn from each new snapshot. Text goes in through `textContent` only.
 */
import type { AgentDesk, DeskChat, DeskChatStatus } from './agent-desk';
import type { StreamsEndpoint } from './streams.types';
import type { StreamsWiring } from './streams-wiring';

const statusText: Readonly<Record<DeskChatStatus, string>> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  broken: 'Connection lost',
  ended: 'Ended',
};

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The parts of a chat card that change. */
interface ChatCard {
  readonly root: HTMLElement;
  readonly title: HTMLElement;
  readonly status: HTMLElement;
  readonly badge: HTMLElement;
  readonly participants: HTMLUListElement;
  readonly lines: HTMLOListElement;
  readonly typing: HTMLElement;
  readonly controls: HTMLElement[];
  shown: DeskChat | undefined;
}

/** Mounts the view; it follows the desk until the page goes away. */
export function mountDeskView(
  doc: Document,
  container: HTMLElement,
  desk: AgentDesk,
  wiring: StreamsWiring,
  reportError: (message: string) => void,
): void {
  const cards = new Map<string, ChatCard>();
  let quickConnects: Promise<StreamsEndpoint[]> | undefined;

  const build = (chat: DeskChat): ChatCard => {
    const root = element(doc, 'article', 'desk-chat');
    root.dataset.contactId = chat.contactId;
    const header = element(doc, 'header', 'desk-chat-header');
    const title = element(doc, 'h2', 'desk-chat-title');
    const status = element(doc, 'span', 'desk-chat-status');
    const badge = element(doc, 'span', 'desk-chat-badge', 'Multi-party');
    header.append(title, status, badge);
    const participants = element(doc, 'ul', 'desk-participants');
    participants.setAttribute('aria-label', 'Participants');
    const lines = element(doc, 'ol', 'desk-lines');
    lines.setAttribute('role', 'log');
    lines.setAttribute('aria-label', 'Messages');
    const typing = element(doc, 'p', 'desk-typing');
    typing.setAttribute('aria-live', 'polite');

    const composer = element(doc, 'form', 'desk-composer');
    const inputId = `message-${chat.contactId}`;
    const label = element(doc, 'label', 'visually-hidden', 'Message');
    label.htmlFor = inputId;
    const input = element(doc, 'input', 'desk-input');
    input.id = inputId;
    input.maxLength = 1024;
    input.autocomplete = 'off';
    const send = element(doc, 'button', 'desk-send', 'Send');
    send.type = 'submit';
    composer.append(label, input, send);
    input.addEventListener('input', () => {
      if (input.value.trim() !== '') desk.sendTyping(chat.contactId).catch(() => undefined);
    });
    composer.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (text === '') return;
      input.value = '';
      desk.sendMessage(chat.contactId, text).catch((error: unknown) => reportError(String(error)));
    });

    const conference = element(doc, 'div', 'desk-conference');
    const pickerId = `quick-connect-${chat.contactId}`;
    const pickerLabel = element(doc, 'label', '', 'Add a participant');
    pickerLabel.htmlFor = pickerId;
    const picker = element(doc, 'select', 'desk-quick-connects');
    picker.id = pickerId;
    const add = element(doc, 'button', 'desk-add', 'Add');
    add.type = 'button';
    conference.append(pickerLabel, picker, add);
    quickConnects ??= wiring.listQuickConnects();
    quickConnects.then(
      (endpoints) => {
        for (const endpoint of endpoints) picker.append(new Option(endpoint.name, endpoint.endpointARN));
      },
      () => {
        conference.hidden = true;
      },
    );
    add.addEventListener('click', () => {
      quickConnects?.then((endpoints) => {
        const endpoint = endpoints.find((each) => each.endpointARN === picker.value);
        if (!endpoint) return;
        wiring
          .addParticipant(chat.contactId, endpoint)
          .catch((error: unknown) => reportError(`unable to add ${endpoint.name}: ${String(error)}`));
      });
    });

    const leave = element(doc, 'button', 'desk-leave', 'Leave chat');
    leave.type = 'button';
    leave.addEventListener('click', () => {
      wiring.leaveChat(chat.contactId).catch((error: unknown) => reportError(String(error)));
    });

    root.append(header, participants, lines, typing, composer, conference, leave);
    container.append(root);
    return {
      root,
      title,
      status,
      badge,
      participants,
      lines,
      typing,
      controls: [input, send, picker, add, leave],
      shown: undefined,
    };
  };

  const draw = (card: ChatCard, chat: DeskChat) => {
    const customer = chat.participants.find((participant) => participant.role === 'CUSTOMER');
    card.title.textContent = `Chat with ${customer?.displayName ?? 'a customer'}`;
    card.status.textContent = statusText[chat.status];
    card.root.dataset.status = chat.status;
    card.badge.hidden = !chat.multiParty;
    card.participants.replaceChildren(
      ...chat.participants.map((participant) => {
        const item = element(
          doc,
          'li',
          'desk-participant',
          `${participant.self ? 'You' : participant.displayName}${participant.role ? ` (${participant.role.toLowerCase()})` : ''}${participant.present ? '' : ' — left'}`,
        );
        item.dataset.participantId = participant.participantId;
        item.dataset.present = String(participant.present);
        return item;
      }),
    );
    card.lines.replaceChildren(
      ...chat.lines.map((line) => {
        const item = element(doc, 'li', `desk-line desk-line-${line.kind}`);
        item.dataset.id = line.id;
        item.dataset.own = String(line.own);
        if (line.kind === 'event') item.textContent = line.text;
        else {
          item.append(element(doc, 'span', 'desk-line-author', line.own ? 'You' : line.displayName));
          item.append(
            element(
              doc,
              'span',
              'desk-line-text',
              line.kind === 'attachment' ? `📎 ${line.text}` : line.text,
            ),
          );
        }
        return item;
      }),
    );
    card.lines.scrollTop = card.lines.scrollHeight;
    const names = chat.typing;
    card.typing.textContent =
      names.length === 0 ? '' : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`;
    for (const control of card.controls) {
      (control as HTMLInputElement | HTMLButtonElement | HTMLSelectElement).disabled =
        chat.status === 'ended';
    }
    if (doc.visibilityState === 'visible') desk.markRead(chat.contactId);
  };

  const render = () => {
    for (const chat of desk.getSnapshot().chats) {
      let card = cards.get(chat.contactId);
      if (!card) {
        card = build(chat);
        cards.set(chat.contactId, card);
      }
      if (card.shown === chat) continue;
      card.shown = chat;
      draw(card, chat);
    }
  };
  desk.subscribe(render);
  doc.addEventListener('visibilitychange', () => {
    if (doc.visibilityState !== 'visible') return;
    for (const chat of desk.getSnapshot().chats) desk.markRead(chat.contactId);
  });
  render();
}
