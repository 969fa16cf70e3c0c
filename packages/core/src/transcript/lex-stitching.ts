/**
 * Stitching of Lex streaming messages (legacy-chatjs §10.1, wire-protocol §4.6), as pure functions. Chunks of one
 * message share its `Id`; chunks carry `MessageCompleted: false` and `ChunkNumber` 1, 2, 3, ...; the final item has
 * `MessageCompleted: true` and the full text.
 */
import type { Item } from '../protocol/item.types';

/** The chunks of one streaming message seen so far. */
export interface LexStream {
  /** The `AbsoluteTime` of the first chunk seen; the stitched message keeps it so its place doesn't move. */
  readonly firstTime: string | undefined;
  /** The latest chunk (or the completed item); the stitched item is a copy of it. */
  readonly last: Item;
  /** The concatenated text so far, or the full text once completed. */
  readonly content: string;
  /** The `ChunkNumber` of the latest appended chunk. */
  readonly lastChunk: number;
  readonly completed: boolean;
}

/**
 * What one chunk does to a stream.
 * - `started`: the first chunk (or a completed item seen first) opens the stream.
 * - `appended`: the next chunk in order was added.
 * - `completed`: the final item replaced the stitched text.
 * - `duplicate`: a chunk already applied, or anything after the completion.
 * - `ignored`: out of order, or the first chunk is missing.
 */
export type LexStep =
  | { kind: 'started'; stream: LexStream }
  | { kind: 'appended'; stream: LexStream }
  | { kind: 'completed'; stream: LexStream }
  | { kind: 'duplicate' }
  | { kind: 'ignored' };

/** Whether an item is a Lex streaming chunk: a `SYSTEM` `MESSAGE` whose `MessageCompleted` is set. */
export function isPartialMessage(item: Item): boolean {
  const completed = item.MessageMetadata?.MessageCompleted;
  return (
    item.ParticipantRole === 'SYSTEM' &&
    item.Type === 'MESSAGE' &&
    completed !== undefined &&
    completed !== null
  );
}

function completedStream(item: Item, firstTime: string | undefined): LexStream {
  return {
    firstTime,
    last: item,
    content: item.Content ?? '',
    lastChunk: item.MessageMetadata?.ChunkNumber ?? 0,
    completed: true,
  };
}

/** Applies one chunk to the stream of its message (`undefined` when none was started). */
export function stitchLexChunk(stream: LexStream | undefined, chunk: Item): LexStep {
  const completed = chunk.MessageMetadata?.MessageCompleted === true;
  const chunkNumber = chunk.MessageMetadata?.ChunkNumber;
  if (!stream) {
    if (completed) return { kind: 'started', stream: completedStream(chunk, chunk.AbsoluteTime) };
    if (chunkNumber !== 1) return { kind: 'ignored' };
    return {
      kind: 'started',
      stream: {
        firstTime: chunk.AbsoluteTime,
        last: chunk,
        content: chunk.Content ?? '',
        lastChunk: 1,
        completed,
      },
    };
  }
  if (stream.completed) return { kind: 'duplicate' };
  if (completed) return { kind: 'completed', stream: completedStream(chunk, stream.firstTime) };
  if (chunkNumber === stream.lastChunk + 1) {
    return {
      kind: 'appended',
      stream: {
        ...stream,
        last: chunk,
        content: stream.content + (chunk.Content ?? ''),
        lastChunk: chunkNumber,
      },
    };
  }
  if (chunkNumber !== undefined && chunkNumber <= stream.lastChunk) return { kind: 'duplicate' };
  return { kind: 'ignored' };
}

/** The item listeners see: a copy of the latest chunk with the stitched text and the first chunk's time. */
export function stitchedItem(stream: LexStream): Item {
  const { AbsoluteTime: _latestTime, ...rest } = stream.last;
  return stream.firstTime === undefined
    ? { ...rest, Content: stream.content }
    : { ...rest, Content: stream.content, AbsoluteTime: stream.firstTime };
}
