/**
 * Who is in the chat, counted from the items the session sees. Receipts are not supported by the service when
 * more than two non-system participants are active, or while a supervisor is present; the roster tells.
 */
import { EventContentType } from '../protocol/content-types';
import type { Item } from '../protocol/item.types';

/** Participants present, counted from join/leave events and senders. */
export interface ParticipantRoster {
  /** Updates the roster from one item; returns whether the count changed. */
  observe(item: Item): boolean;
  /** Active participants, this one included; a supervisor counts as enough to make it more than two. */
  count(): number;
}

const uncounted: ReadonlySet<string | undefined> = new Set(['SYSTEM', undefined]);

/** Creates a roster for the participant `selfId`. */
export function createParticipantRoster(selfId: string): ParticipantRoster {
  const present = new Map<string, string | undefined>();
  const left = new Set<string>();
  const count = (): number => {
    let total = present.has(selfId) ? 0 : 1;
    for (const role of present.values()) total += role === 'SUPERVISOR' ? 2 : 1;
    return total;
  };
  return {
    observe(item) {
      const id = item.ParticipantId;
      if (id === undefined || id === selfId || uncounted.has(item.ParticipantRole)) return false;
      const isMessage = item.Type === 'MESSAGE' || item.Type === 'ATTACHMENT';
      // The common case, one more message from someone already counted, changes nothing and costs no count.
      if (isMessage && present.has(id) && present.get(id) === item.ParticipantRole) return false;
      const before = count();
      if (item.ContentType === EventContentType.participantLeft) {
        present.delete(id);
        left.add(id);
      } else if (item.ContentType === EventContentType.participantJoined) {
        present.set(id, item.ParticipantRole);
        left.delete(id);
      } else if (isMessage && !left.has(id)) {
        present.set(id, item.ParticipantRole);
      }
      return count() !== before;
    },
    count,
  };
}
