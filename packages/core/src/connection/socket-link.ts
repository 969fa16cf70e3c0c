/**
 * The socket link: the one actor that holds chat sockets. It opens them through the chat-socket slot, keeps at most
 * a primary and a standby (the seamless replacement), turns frames into machine events, and closes everything when
 * it stops. Events of sockets it already let go of are dropped, so a late close never reaches the machine.
 *
 * Chat items are the one kind of frame that comes in bursts, and none of them changes the connection's state
 * except `chat.ended`. So when the link is given `deliver`, it hands items straight to it, and only `chat.ended`
 * goes through the machine: a burst of 5,000 messages costs 5,000 function calls, not 5,000 macrosteps. The link
 * also drops the duplicates a socket rotation causes (see {@link OverlapMode}), since it is the one that knows
 * which socket an item came from.
 */
import { fromCallback } from 'xstate';
import { ChatError, ChatErrorCode, isChatError } from '../errors';
import { EventContentType } from '../protocol/content-types';
import type { Item } from '../protocol/item.types';
import type { ChatSocket, ChatSocketEvent, ChatSocketFactory } from '../socket/chat-socket.types';
import type { OverlapMode, SocketLinkCommand, SocketLinkReport, SocketRole } from './connection.types';

/** Input of the socket link. */
export interface SocketLinkInput {
  /** Absent only in managed mode, where the link never runs. */
  sockets: ChatSocketFactory | undefined;
  /**
   * Receives every chat item but `chat.ended`, once. Without it, items reach the machine as
   * `socket.itemReceived` events (which it emits as `chat.itemReceived`).
   */
  deliver?: ((item: Item) => void) | undefined;
}

interface Held {
  role: SocketRole | undefined;
  socket: ChatSocket | undefined;
}

/** Code and reason the link closes sockets with. */
export const linkCloseReason = {
  replaced: '[connect-chat] socket replaced',
  released: '[connect-chat] connection closed',
} as const;

const prefix = { primary: 'socket', standby: 'standby' } as const;

/** The socket link actor (see the module comment). */
export const socketLink = fromCallback<SocketLinkCommand, SocketLinkInput>(
  ({ input, receive, sendBack: send }) => {
    const sendBack = (event: SocketLinkReport): void => send(event);
    const held: Record<SocketRole, Held | undefined> = { primary: undefined, standby: undefined };
    let overlap: OverlapMode = 'off';
    const overlapIds = new Set<string>();

    const endOverlap = (): void => {
      overlap = 'off';
      overlapIds.clear();
    };

    const release = (role: SocketRole, reason: string): void => {
      const entry = held[role];
      held[role] = undefined;
      if (role === 'standby' && overlap === 'collecting') endOverlap();
      if (!entry) return;
      entry.role = undefined;
      entry.socket?.close(1000, reason);
    };

    const receiveItem = (item: Item): void => {
      const id = item.Id;
      if (id && overlap !== 'off') {
        if (overlap === 'collecting') overlapIds.add(id);
        else if (overlapIds.delete(id)) {
          if (overlapIds.size === 0) overlap = 'off';
          return;
        }
      }
      if (input.deliver && item.ContentType !== EventContentType.chatEnded) input.deliver(item);
      else sendBack({ type: 'socket.itemReceived', item });
    };

    const report = (entry: Held, event: ChatSocketEvent): void => {
      const role = entry.role;
      if (!role) return;
      const p = prefix[role];
      switch (event.type) {
        case 'socket.opened':
          sendBack({ type: `${p}.opened` });
          return;
        case 'socket.closed':
          held[role] = undefined;
          entry.role = undefined;
          if (role === 'standby' && overlap === 'collecting') endOverlap();
          sendBack({ type: `${p}.closed`, code: event.code, reason: event.reason });
          return;
        case 'socket.frameReceived': {
          const frame = event.frame;
          if (frame.kind === 'subscribeResult') {
            sendBack({ type: frame.status === 'success' ? `${p}.subscribed` : `${p}.subscribeFailed` });
          } else if (frame.kind === 'heartbeat') {
            sendBack({ type: `${p}.heartbeatAnswered` });
          } else if (frame.kind === 'ping') {
            sendBack({
              type: `${p}.pingAnswered`,
              statusCode: frame.statusCode,
              statusContent: frame.statusContent,
            });
          } else if (frame.kind === 'chat') {
            // The standby's items also reach the primary until the standby is promoted.
            if (role === 'primary') receiveItem(frame.item);
          } else if (frame.kind === 'gatewayError') {
            sendBack({ type: `${p}.gatewayError`, message: frame.message });
          }
          return;
        }
        default:
          // Errors are followed by a close; rejected frames carry nothing the machine can act on.
          return;
      }
    };

    const open = (role: SocketRole, url: string): void => {
      if (role === 'primary') release('standby', linkCloseReason.replaced);
      release(role, linkCloseReason.replaced);
      // A new primary starts clean; a new standby starts a rotation, whose overlap collects from now on.
      endOverlap();
      if (role === 'standby') overlap = 'collecting';
      const entry: Held = { role, socket: undefined };
      held[role] = entry;
      try {
        if (!input.sockets) throw new Error('no chat-socket slot was given');
        entry.socket = input.sockets.open(url, (event) => report(entry, event));
      } catch (error) {
        held[role] = undefined;
        entry.role = undefined;
        sendBack({ type: 'socket.unavailable', error: unavailable(error) });
      }
    };

    receive((command) => {
      switch (command.type) {
        case 'link.open':
          open(command.role, command.url.reveal());
          return;
        case 'link.send':
          held[command.role]?.socket?.send(command.frame);
          return;
        case 'link.promote': {
          const standby = held.standby;
          if (!standby) return;
          release('primary', linkCloseReason.replaced);
          held.standby = undefined;
          standby.role = 'primary';
          held.primary = standby;
          if (overlap === 'collecting') overlap = overlapIds.size > 0 ? 'filtering' : 'off';
          return;
        }
        case 'link.close':
          release(command.role, linkCloseReason.released);
          return;
        case 'link.closeAll':
          release('standby', linkCloseReason.released);
          release('primary', linkCloseReason.released);
          return;
      }
    });

    return () => {
      release('standby', linkCloseReason.released);
      release('primary', linkCloseReason.released);
    };
  },
);

function unavailable(error: unknown): ChatError {
  if (isChatError(error)) return error;
  return new ChatError(ChatErrorCode.unsupported, 'unable to open chat socket; the socket slot threw', {
    cause: error,
  });
}
