/** The transcript store: see {@link TranscriptStore} for the rules it keeps. */
import { ChatError, ChatErrorCode } from '../errors';
import type { Item, Receipt } from '../protocol/item.types';
import { isPartialMessage, type LexStream, stitchedItem, stitchLexChunk } from './lex-stitching';
import {
  defaultEphemeralIdMemory,
  type ItemOutcome,
  type PendingConfirmation,
  type PendingSend,
  type TranscriptEntry,
  type TranscriptEntryKind,
  type TranscriptEntryOrigin,
  type TranscriptEntryStatus,
  type TranscriptReceipt,
  type TranscriptSource,
  type TranscriptStore,
  type TranscriptStoreOptions,
} from './transcript.types';
import {
  type AttachmentVerdict,
  classifyItem,
  isNewerVerdict,
  mergeReceipts,
  readReceipt,
  receiptLevel,
  receiptRecord,
  withVerdicts,
} from './transcript-items';
import {
  compareOrderKeys,
  compareTranscriptItems,
  lowerBound,
  pendingOrderKey,
  placedOrderKey,
  type TranscriptOrderKey,
  upperBound,
} from './transcript-order';

// The store's private, mutable record behind each immutable entry.
interface Slot {
  readonly key: string;
  readonly seq: number;
  id: string | undefined;
  kind: TranscriptEntryKind;
  origin: TranscriptEntryOrigin;
  clientToken: string | undefined;
  // Own sends only: where the request stands. Own items that arrive from the service count as sent.
  send: 'sending' | 'failed' | 'sent' | undefined;
  error: ChatError | undefined;
  // The view before receipts are merged in: the pending item, the service's copy, a stitched Lex message, or an
  // attachment's earliest item with the best verdicts.
  base: Item;
  // A copy from the service was applied (an unconfirmed or merely confirmed own send has none yet).
  serverSeen: boolean;
  lex: LexStream | undefined;
  anchor: Item | undefined;
  verdicts: Map<string, AttachmentVerdict>;
  receipts: readonly Receipt[];
  level: 0 | 1 | 2;
  order: TranscriptOrderKey;
  entry: TranscriptEntry;
}

type SlotState = Omit<Slot, 'order' | 'entry'>;

const levelStatus = ['sent', 'delivered', 'read'] as const;
const noReceipts: readonly Receipt[] = Object.freeze([]);
// Shared by every slot that is not an attachment: attachment paths give a slot a map of its own before adding.
const noVerdicts: Map<string, AttachmentVerdict> = new Map();
// The entry and order of a slot between its creation and its first commit, which follows at once.
const uncommitted = Object.freeze({}) as TranscriptEntry;
const unordered: TranscriptOrderKey = Object.freeze(pendingOrderKey(-1));
const duplicate: ItemOutcome = Object.freeze({ kind: 'duplicate' });
const ignored: ItemOutcome = Object.freeze({ kind: 'ignored' });

function statusOf(slot: SlotState): TranscriptEntryStatus | undefined {
  if (slot.kind === 'event' || slot.origin === 'other') return undefined;
  if (slot.send === 'sending' || slot.send === 'failed') return slot.send;
  return levelStatus[slot.level];
}

function viewItem(slot: SlotState): Item {
  // The base is never changed in place (every change replaces it), so with no receipts it is the view itself.
  if (slot.receipts.length === 0) return slot.base;
  const metadata = { ...slot.base.MessageMetadata, Receipts: [...slot.receipts] };
  const messageId = metadata.MessageId ?? slot.id;
  if (messageId !== undefined) metadata.MessageId = messageId;
  return { ...slot.base, MessageMetadata: metadata };
}

function snapshot(slot: SlotState): TranscriptEntry {
  return Object.freeze({
    key: slot.key,
    id: slot.id,
    item: Object.freeze(viewItem(slot)),
    kind: slot.kind,
    origin: slot.origin,
    status: statusOf(slot),
    clientToken: slot.clientToken,
    error: slot.error,
    streaming: slot.lex !== undefined && !slot.lex.completed,
  });
}

// An entry sorts by the service's time and id once it has an id and either came from the service or has a time.
function isPlaced(slot: SlotState): slot is SlotState & { id: string } {
  return slot.id !== undefined && (slot.serverSeen || slot.base.AbsoluteTime !== undefined);
}

function orderOf(slot: SlotState): TranscriptOrderKey {
  return isPlaced(slot) ? placedOrderKey(slot.base.AbsoluteTime, slot.id) : pendingOrderKey(slot.seq);
}

// Whether `orderOf(slot)` would differ from the slot's current order, without building a key.
function orderChanged(slot: Slot): boolean {
  const order = slot.order;
  const placed = isPlaced(slot);
  if (placed !== order.placed) return true;
  return placed
    ? order.time !== (slot.base.AbsoluteTime ?? '') || order.id !== slot.id
    : order.seq !== slot.seq;
}

function attachmentBase(anchor: Item, verdicts: ReadonlyMap<string, AttachmentVerdict>): Item {
  return anchor.Attachments
    ? { ...anchor, Attachments: withVerdicts(anchor.Attachments, verdicts) }
    : { ...anchor };
}

function attachmentIdsOf(item: Item): string[] {
  const ids: string[] = [];
  for (const attachment of item.Attachments ?? [])
    if (attachment.AttachmentId) ids.push(attachment.AttachmentId);
  return ids;
}

function pendingItem(send: PendingSend): Item {
  const { Id: _id, AbsoluteTime: _time, ...known } = send.item;
  return { ...known, Type: known.Type ?? (send.kind === 'attachment' ? 'ATTACHMENT' : 'MESSAGE') };
}

const byOrder = (slot: Slot) => slot.order;

/**
 * Creates an empty transcript store.
 *
 * @example
 * ```ts
 * const transcript = createTranscriptStore({ selfParticipantId: participantId });
 * const outcome = transcript.apply(item, 'socket');
 * if (outcome.kind === 'added') render(transcript.entries());
 * ```
 */
export function createTranscriptStore(options: TranscriptStoreOptions = {}): TranscriptStore {
  const self = options.selfParticipantId;
  const memory = options.ephemeralIdMemory ?? defaultEphemeralIdMemory;
  if (!Number.isInteger(memory) || memory < 0) {
    throw new ChatError(
      ChatErrorCode.validation,
      'unable to create the transcript store; ephemeralIdMemory must be a whole number of at least 0',
    );
  }

  const slots = new Map<string, Slot>();
  const byId = new Map<string, Slot>();
  const byAttachmentId = new Map<string, Slot>();
  const byToken = new Map<string, Slot>();
  const ordered: Slot[] = [];
  // Each slot's entry at the slot's index in `ordered`: `entries()` copies this array, which is many times faster
  // than collecting the entries from the slots, and matters to an app that re-reads the list on every change.
  const entryList: TranscriptEntry[] = [];
  // Insertion-ordered, so the first element is the oldest to forget.
  const ephemeralIds = new Set<string>();
  const waitingReceipts = new Map<string, TranscriptReceipt[]>();
  let nextSeq = 0;
  let cached: readonly TranscriptEntry[] | undefined;

  const originOf = (item: Item): TranscriptEntryOrigin =>
    self !== undefined && item.ParticipantId === self ? 'self' : 'other';

  function place(slot: Slot): number {
    const order = slot.order;
    const count = ordered.length;
    // Most items are the newest yet: appending them skips the search and the splice.
    if (count === 0 || compareOrderKeys((ordered[count - 1] as Slot).order, order) <= 0) {
      ordered.push(slot);
      entryList.push(slot.entry);
      return count;
    }
    // The rest nearly always belong a few places from the end (the same millisecond, ordered by id): walk back a
    // few steps before searching the whole list.
    let index = count - 1;
    let steps = 0;
    while (index > 0 && steps < 8 && compareOrderKeys((ordered[index - 1] as Slot).order, order) > 0) {
      index -= 1;
      steps += 1;
    }
    if (steps === 8) index = upperBound(ordered, order, byOrder);
    ordered.splice(index, 0, slot);
    entryList.splice(index, 0, slot.entry);
    return index;
  }

  function indexOf(slot: Slot): number {
    // The newest entry is the one most often changed (its receipts, a stitched chunk, its own echo).
    const last = ordered.length - 1;
    if (last >= 0 && ordered[last] === slot) return last;
    let index = lowerBound(ordered, slot.order, byOrder);
    // Keys are unique, so this loop only runs past equal keys if that invariant were ever broken.
    while (index < ordered.length && ordered[index] !== slot) index += 1;
    return index < ordered.length ? index : -1;
  }

  function unplace(slot: Slot): void {
    const index = indexOf(slot);
    if (index < 0) return;
    ordered.splice(index, 1);
    entryList.splice(index, 1);
  }

  function commit(slot: Slot): TranscriptEntry {
    let index: number;
    if (orderChanged(slot)) {
      unplace(slot);
      slot.order = orderOf(slot);
      index = place(slot);
    } else index = indexOf(slot);
    slot.entry = snapshot(slot);
    if (index >= 0) entryList[index] = slot.entry;
    cached = undefined;
    return slot.entry;
  }

  // Every caller commits the new slot before handing it out, which takes its entry.
  function createSlot(
    key: string,
    fields: Partial<SlotState> & Pick<SlotState, 'kind' | 'origin' | 'base'>,
  ): Slot {
    // Written out field by field, so that every slot has the same shape whatever the fields given.
    const slot: Slot = {
      key,
      seq: nextSeq++,
      id: fields.id,
      kind: fields.kind,
      origin: fields.origin,
      clientToken: fields.clientToken,
      send: fields.send,
      error: fields.error,
      base: fields.base,
      serverSeen: fields.serverSeen ?? false,
      lex: fields.lex,
      anchor: fields.anchor,
      verdicts: fields.verdicts ?? noVerdicts,
      receipts: fields.receipts ?? noReceipts,
      level: fields.level ?? 0,
      order: unordered,
      entry: uncommitted,
    };
    slot.order = orderOf(slot);
    slots.set(key, slot);
    place(slot);
    cached = undefined;
    return slot;
  }

  function discard(slot: Slot): void {
    unplace(slot);
    slots.delete(slot.key);
    cached = undefined;
  }

  function forgetOldest<T>(collection: Set<T> | Map<T, unknown>): void {
    const oldest = collection.keys().next();
    if (!oldest.done) collection.delete(oldest.value);
  }

  function rememberEphemeral(id: string): void {
    if (memory === 0) return;
    ephemeralIds.add(id);
    if (ephemeralIds.size > memory) forgetOldest(ephemeralIds);
  }

  function keepForLater(receipt: TranscriptReceipt): void {
    if (memory === 0) return;
    const waiting = waitingReceipts.get(receipt.messageId);
    if (waiting) {
      waiting.push(receipt);
      return;
    }
    waitingReceipts.set(receipt.messageId, [receipt]);
    if (waitingReceipts.size > memory) forgetOldest(waitingReceipts);
  }

  // Each of these returns whether the entry visibly changed; the caller commits.
  function applyNotice(slot: Slot, receipt: TranscriptReceipt): boolean {
    const before = statusOf(slot);
    const record = receiptRecord(receipt);
    const merged = record ? mergeReceipts(slot.receipts, [record]) : undefined;
    if (merged) slot.receipts = merged;
    const fromOther = self === undefined || receipt.participantId !== self;
    const level = receipt.kind === 'read' ? 2 : 1;
    if (fromOther && level > slot.level) slot.level = level;
    return merged !== undefined || statusOf(slot) !== before;
  }

  function mergeServerReceipts(slot: Slot, item: Item): boolean {
    const merged = mergeReceipts(slot.receipts, item.MessageMetadata?.Receipts ?? []);
    if (!merged) return false;
    slot.receipts = merged;
    slot.level = Math.max(slot.level, receiptLevel(merged, self)) as 0 | 1 | 2;
    return true;
  }

  function registerId(id: string, slot: Slot): boolean {
    if (byId.get(id) === slot) return false;
    byId.set(id, slot);
    const waiting = waitingReceipts.get(id);
    if (!waiting) return false;
    waitingReceipts.delete(id);
    let changed = false;
    for (const receipt of waiting) changed = applyNotice(slot, receipt) || changed;
    return changed;
  }

  function registerAttachments(item: Item, slot: Slot): void {
    for (const attachmentId of attachmentIdsOf(item))
      if (!byAttachmentId.has(attachmentId)) byAttachmentId.set(attachmentId, slot);
  }

  function added(slot: Slot, item: Item): ItemOutcome {
    return { kind: 'added', entry: commit(slot), item };
  }

  function updated(slot: Slot, item: Item, flags: { echo?: boolean; streamed?: boolean } = {}): ItemOutcome {
    const before = slot.entry.item.Attachments?.[0];
    const entry = commit(slot);
    const after = entry.item.Attachments?.[0];
    const attachmentStatus =
      slot.kind === 'attachment' && after?.AttachmentId && after.Status && after.Status !== before?.Status
        ? { attachmentId: after.AttachmentId, status: after.Status }
        : undefined;
    return {
      kind: 'updated',
      entry,
      item,
      echo: flags.echo ?? false,
      streamed: flags.streamed ?? false,
      attachmentStatus,
    };
  }

  function applyReceipt(item: Item, id: string | undefined): ItemOutcome {
    if (id !== undefined) {
      if (ephemeralIds.has(id)) return duplicate;
      rememberEphemeral(id);
    }
    const receipt = readReceipt(item);
    if (!receipt) return ignored;
    const slot = byId.get(receipt.messageId);
    if (!slot) {
      keepForLater(receipt);
      return { kind: 'receipt', item, receipt, entry: undefined };
    }
    const entry = applyNotice(slot, receipt) ? commit(slot) : undefined;
    return { kind: 'receipt', item, receipt, entry };
  }

  function adoptServerCopy(slot: Slot, item: Item, id: string): void {
    slot.serverSeen = true;
    slot.id = id;
    slot.base = { ...item };
    registerId(id, slot);
    mergeServerReceipts(slot, item);
  }

  function applyLexChunk(item: Item, id: string): ItemOutcome {
    const slot = byId.get(id);
    // Stored without a stream: the completed message came from a transcript page, so every chunk is old news.
    if (slot && !slot.lex) return duplicate;
    const step = stitchLexChunk(slot?.lex, item);
    if (step.kind === 'duplicate' || step.kind === 'ignored')
      return step.kind === 'duplicate' ? duplicate : ignored;
    const stitched = stitchedItem(step.stream);
    if (slot) {
      slot.lex = step.stream;
      slot.base = stitched;
      return updated(slot, stitched, { streamed: true });
    }
    const created = createSlot(id, {
      id,
      kind: 'message',
      origin: originOf(item),
      base: stitched,
      serverSeen: true,
      lex: step.stream,
    });
    registerId(id, created);
    return added(created, stitched);
  }

  function applyAttachment(item: Item, id: string): ItemOutcome {
    const attachmentIds = attachmentIdsOf(item);
    const known =
      byId.get(id) ??
      attachmentIds
        .map((attachmentId) => byAttachmentId.get(attachmentId))
        .find((slot) => slot !== undefined);
    const verdictsOf = (into: Map<string, AttachmentVerdict>): boolean => {
      let changed = false;
      for (const attachment of item.Attachments ?? []) {
        if (!attachment.AttachmentId) continue;
        const candidate = { status: attachment.Status, time: item.AbsoluteTime ?? '', id };
        const current = into.get(attachment.AttachmentId);
        if (!isNewerVerdict(candidate, current)) continue;
        into.set(attachment.AttachmentId, candidate);
        changed = changed || candidate.status !== current?.status;
      }
      return changed;
    };
    if (!known) {
      const verdicts = new Map<string, AttachmentVerdict>();
      verdictsOf(verdicts);
      const slot = createSlot(id, {
        id,
        kind: 'attachment',
        origin: originOf(item),
        base: attachmentBase(item, verdicts),
        serverSeen: true,
        anchor: item,
        verdicts,
      });
      registerId(id, slot);
      registerAttachments(item, slot);
      mergeServerReceipts(slot, item);
      return added(slot, item);
    }
    // An attachment item reusing the Id of a stored message or event is not news about that entry.
    if (known.serverSeen && known.kind !== 'attachment') return duplicate;
    if (!known.serverSeen) {
      adoptServerCopy(known, item, id);
      known.anchor = item;
      known.verdicts = new Map();
      verdictsOf(known.verdicts);
      known.base = attachmentBase(item, known.verdicts);
      registerAttachments(item, known);
      return updated(known, item, { echo: true });
    }
    let changed = registerId(id, known);
    registerAttachments(item, known);
    // The earliest item is the attachment's identity, whichever arrives first, so every arrival order converges.
    if (!known.anchor || compareTranscriptItems(item, known.anchor) < 0) {
      known.anchor = item;
      known.id = id;
      changed = true;
    }
    if (known.verdicts === noVerdicts) known.verdicts = new Map();
    changed = verdictsOf(known.verdicts) || changed;
    changed = mergeServerReceipts(known, item) || changed;
    if (!changed) return duplicate;
    known.base = attachmentBase(known.anchor, known.verdicts);
    return updated(known, item);
  }

  function mergeCopy(slot: Slot, item: Item, id: string, source: TranscriptSource): ItemOutcome {
    if (!slot.serverSeen) {
      adoptServerCopy(slot, item, id);
      return updated(slot, item, { echo: true });
    }
    let changed = false;
    let streamed = false;
    if (slot.lex && source === 'transcript') {
      // The service's stored copy is authoritative: it replaces the stitched text (and its time, if different).
      streamed = !slot.lex.completed || item.Content !== slot.base.Content;
      slot.lex = undefined;
      changed = streamed || item.AbsoluteTime !== slot.base.AbsoluteTime;
      if (changed) slot.base = { ...item };
    }
    changed = mergeServerReceipts(slot, item) || changed;
    return changed ? updated(slot, item, { streamed }) : duplicate;
  }

  function apply(item: Item, source: TranscriptSource): ItemOutcome {
    const itemClass = classifyItem(item);
    // ChatJS's synthetic chat-ended item has `Id: ""`; an empty id identifies nothing.
    const id = item.Id || undefined;
    if (itemClass === 'receipt') return applyReceipt(item, id);
    if (id === undefined) return { kind: 'ephemeral', item };
    if (itemClass === 'ephemeral') {
      if (ephemeralIds.has(id)) return duplicate;
      rememberEphemeral(id);
      return { kind: 'ephemeral', item };
    }
    if (itemClass === 'attachment') return applyAttachment(item, id);
    if (itemClass === 'message' && source === 'socket' && isPartialMessage(item))
      return applyLexChunk(item, id);
    const slot = byId.get(id);
    if (slot) return mergeCopy(slot, item, id, source);
    const created = createSlot(id, {
      id,
      kind: itemClass,
      origin: originOf(item),
      base: { ...item },
      serverSeen: true,
    });
    registerId(id, created);
    mergeServerReceipts(created, item);
    return added(created, item);
  }

  function isConfirmed(slot: Slot): boolean {
    return slot.send === 'sent' || slot.serverSeen;
  }

  // The service's copy of an own send is already stored: fold the pending entry into it.
  function mergePendingInto(target: Slot, pending: Slot): TranscriptEntry {
    discard(pending);
    target.origin = 'self';
    target.clientToken = pending.clientToken;
    target.send = 'sent';
    target.error = undefined;
    if (pending.clientToken !== undefined) byToken.set(pending.clientToken, target);
    return commit(target);
  }

  function addPending(send: PendingSend): TranscriptEntry {
    const existing = byToken.get(send.clientToken);
    if (existing) {
      if (isConfirmed(existing)) return existing.entry;
      existing.kind = send.kind;
      existing.base = pendingItem(send);
      existing.send = 'sending';
      existing.error = undefined;
      return commit(existing);
    }
    const slot = createSlot(`local:${send.clientToken}`, {
      kind: send.kind,
      origin: 'self',
      base: pendingItem(send),
      clientToken: send.clientToken,
      send: 'sending',
    });
    byToken.set(send.clientToken, slot);
    return commit(slot);
  }

  function confirmPending(clientToken: string, server: PendingConfirmation): TranscriptEntry | undefined {
    const slot = byToken.get(clientToken);
    if (!slot) return undefined;
    if (isConfirmed(slot)) return slot.entry;
    if (server.Id) {
      const stored = byId.get(server.Id);
      if (stored && stored !== slot) return mergePendingInto(stored, slot);
    }
    if (server.attachmentId) {
      const stored = byAttachmentId.get(server.attachmentId);
      if (stored && stored !== slot) return mergePendingInto(stored, slot);
      byAttachmentId.set(server.attachmentId, slot);
    }
    slot.send = 'sent';
    slot.error = undefined;
    if (server.Id) {
      slot.id = server.Id;
      slot.base = server.AbsoluteTime
        ? { ...slot.base, Id: server.Id, AbsoluteTime: server.AbsoluteTime }
        : { ...slot.base, Id: server.Id };
      registerId(server.Id, slot);
    }
    return commit(slot);
  }

  function failPending(clientToken: string, error: ChatError): TranscriptEntry | undefined {
    const slot = byToken.get(clientToken);
    if (!slot) return undefined;
    if (isConfirmed(slot)) return slot.entry;
    slot.send = 'failed';
    slot.error = error;
    return commit(slot);
  }

  function removePending(clientToken: string): void {
    const slot = byToken.get(clientToken);
    if (!slot || isConfirmed(slot)) return;
    byToken.delete(clientToken);
    discard(slot);
  }

  function newest(): TranscriptEntry | undefined {
    for (let index = ordered.length - 1; index >= 0; index -= 1) {
      const slot = ordered[index] as Slot;
      if (slot.order.placed) return slot.entry;
    }
    return undefined;
  }

  return {
    apply,
    applyPage: (items) => items.map((item) => apply(item, 'transcript')),
    addPending,
    confirmPending,
    failPending,
    removePending,
    entries: () => {
      cached ??= Object.freeze(entryList.slice());
      return cached;
    },
    get: (key) => slots.get(key)?.entry,
    hasId: (id) => byId.has(id) || ephemeralIds.has(id),
    newest,
    get size() {
      return ordered.length;
    },
  };
}
