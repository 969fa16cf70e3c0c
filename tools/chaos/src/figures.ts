/**
 * The figures of a chaos run, computed from what the service stored and what each side ended up with. Pure, so
 * the rules that decide "lost", "duplicated" and "misordered" have their own tests.
 */

/** What one side (a customer or an agent session) ended with. */
export interface SideOutcome {
  /** Message ids of the side's transcript, in its order (own messages included once confirmed). */
  transcriptIds: readonly string[];
  /** How many times each message id reached the side's `message` listener (Lex updates aside: none here). */
  messageEvents: ReadonlyMap<string, number>;
  /** Sends whose promise rejected. */
  failedSends: number;
  /** Sends whose promise never settled before the end. */
  unsettledSends: number;
  /** Whether the side was connected, with an empty outbox, at the end. */
  recovered: boolean;
  /** Milliseconds from each loss of the connection to the next `connected`. */
  recoveryTimes: readonly number[];
  /** CreateParticipantConnection calls the side made. */
  connectionCalls: number;
}

/** What one chat ended with: the service's messages and both sides. */
export interface ChatOutcome {
  /** The service's stored messages, in its order, with their `AbsoluteTime`. */
  service: ReadonlyArray<{ id: string; content: string; time: string }>;
  sides: readonly SideOutcome[];
}

/** The figures a chaos run prints. Every loss and duplication figure must be zero. */
export interface ChaosFigures {
  chats: number;
  sides: number;
  messagesStored: number;
  /** Service messages missing from a side's transcript. */
  lost: number;
  /** Message ids delivered to a side's listener more than once, or present twice in its transcript. */
  duplicated: number;
  /**
   * Pairs of messages a side holds in the opposite order to the service's. Messages the service stamped with the
   * same `AbsoluteTime` have no order between them (clients order them by `Id`), so they never count.
   */
  misordered: number;
  /** Sends the service stored more than once (the same content twice). */
  doubleApplied: number;
  /** Sends that rejected or never settled. */
  failedSends: number;
  /** Sides not connected with an empty outbox at the end. */
  unrecovered: number;
  recoveries: number;
  recoveryMsMedian: number;
  recoveryMsMax: number;
  connectionCallsPerChatMean: number;
  connectionCallsPerChatMax: number;
}

/** Counts pairs out of order: for each side, the inversions of its order against the service's order. */
export function countInversions(order: readonly string[], reference: ReadonlyMap<string, number>): number {
  const ranks = order.map((id) => reference.get(id)).filter((rank): rank is number => rank !== undefined);
  let inversions = 0;
  // Merge sort count: O(n log n) for long transcripts.
  const sort = (values: number[]): number[] => {
    if (values.length < 2) return values;
    const middle = values.length >>> 1;
    const left = sort(values.slice(0, middle));
    const right = sort(values.slice(middle));
    const merged: number[] = [];
    let i = 0;
    let j = 0;
    while (i < left.length && j < right.length) {
      if (left[i]! <= right[j]!) merged.push(left[i++]!);
      else {
        inversions += left.length - i;
        merged.push(right[j++]!);
      }
    }
    return merged.concat(left.slice(i), right.slice(j));
  };
  sort(ranks);
  return inversions;
}

const median = (values: readonly number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >>> 1;
  return sorted.length % 2 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
};

/** Computes the figures of a run from every chat's outcome. */
export function computeFigures(chats: readonly ChatOutcome[]): ChaosFigures {
  let lost = 0;
  let duplicated = 0;
  let misordered = 0;
  let doubleApplied = 0;
  let failedSends = 0;
  let unrecovered = 0;
  let messagesStored = 0;
  let sides = 0;
  const recoveryTimes: number[] = [];
  const callsPerChat: number[] = [];
  for (const chat of chats) {
    messagesStored += chat.service.length;
    // Equal times share a rank: their relative order is not defined by the service.
    const firstIndexOfTime = new Map<string, number>();
    chat.service.forEach((message, index) => {
      if (!firstIndexOfTime.has(message.time)) firstIndexOfTime.set(message.time, index);
    });
    const rank = new Map(chat.service.map((message) => [message.id, firstIndexOfTime.get(message.time)!]));
    const contents = new Map<string, number>();
    for (const { content } of chat.service) contents.set(content, (contents.get(content) ?? 0) + 1);
    for (const count of contents.values()) doubleApplied += count - 1;
    let calls = 0;
    for (const side of chat.sides) {
      sides += 1;
      const held = new Set(side.transcriptIds);
      duplicated += side.transcriptIds.length - held.size;
      for (const count of side.messageEvents.values()) duplicated += Math.max(0, count - 1);
      for (const { id } of chat.service) if (!held.has(id)) lost += 1;
      misordered += countInversions([...held], rank);
      failedSends += side.failedSends + side.unsettledSends;
      if (!side.recovered) unrecovered += 1;
      recoveryTimes.push(...side.recoveryTimes);
      calls += side.connectionCalls;
    }
    callsPerChat.push(calls);
  }
  return {
    chats: chats.length,
    sides,
    messagesStored,
    lost,
    duplicated,
    misordered,
    doubleApplied,
    failedSends,
    unrecovered,
    recoveries: recoveryTimes.length,
    recoveryMsMedian: median(recoveryTimes),
    recoveryMsMax: recoveryTimes.length ? Math.max(...recoveryTimes) : 0,
    connectionCallsPerChatMean: callsPerChat.length
      ? Number((callsPerChat.reduce((sum, value) => sum + value, 0) / callsPerChat.length).toFixed(2))
      : 0,
    connectionCallsPerChatMax: callsPerChat.length ? Math.max(...callsPerChat) : 0,
  };
}

/** Whether the run passes: nothing lost, duplicated, misordered, applied twice, failed or left unrecovered. */
export function passes(figures: ChaosFigures): boolean {
  return (
    figures.lost === 0 &&
    figures.duplicated === 0 &&
    figures.misordered === 0 &&
    figures.doubleApplied === 0 &&
    figures.failedSends === 0 &&
    figures.unrecovered === 0
  );
}
