/** GetTranscript paging (§5.5), as pure functions over an ordered item list. */
import type { Item, ScanDirection, SortKey, StartPosition } from '@connect-chat/core';
import { validationError } from './errors';
import type { Signer } from './signing';

/** Page size when `MaxResults` is absent or 0. @defaultValue 10 */
export const defaultTranscriptPageSize = 10;

/** One transcript-visible item with its ordering keys. */
export interface TranscriptEntry {
  seq: number;
  time: number;
  item: Item & { Id: string };
}

/** The paging members of a GetTranscript request (already type-checked). */
export interface TranscriptQuery {
  MaxResults?: number | undefined;
  NextToken?: string | undefined;
  ScanDirection?: ScanDirection | undefined;
  SortOrder?: SortKey | undefined;
  StartPosition?: StartPosition | undefined;
}

/** One page of a transcript. */
export interface TranscriptPage {
  Transcript: Item[];
  NextToken?: string;
}

interface PageTokenPayload {
  /** The scope the token belongs to (contact and transcript scope). */
  s: string;
  d: ScanDirection;
  /** The last item id of the page the token continues. */
  l: string;
  o: SortKey;
}

/** Orders entries oldest first by `(time, seq)`. */
export function sortTranscript<T extends TranscriptEntry>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => a.time - b.time || a.seq - b.seq);
}

/** Encodes a signed, opaque page token. */
export function encodePageToken(payload: PageTokenPayload, signer: Signer): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${signer.sign(['transcript', body])}`;
}

/** Decodes and verifies a page token for a scope, or throws a ValidationException. */
export function decodePageToken(token: string, scope: string, signer: Signer): PageTokenPayload {
  const invalid = validationError(
    'Invalid NextToken: the token is malformed, was altered, or belongs to another contact',
  );
  const [body, signature, ...rest] = token.split('.');
  if (body === undefined || signature === undefined || rest.length > 0) throw invalid;
  if (!signer.verify(['transcript', body], signature)) throw invalid;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!isPayload(payload) || payload.s !== scope) throw invalid;
  return payload;
}

function isPayload(value: unknown): value is PageTokenPayload {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.s === 'string' &&
    typeof record.l === 'string' &&
    (record.d === 'FORWARD' || record.d === 'BACKWARD') &&
    (record.o === 'ASCENDING' || record.o === 'DESCENDING')
  );
}

/** Whether a StartPosition says anything (`{}` counts as absent). */
export function hasStartPosition(position: StartPosition | undefined): position is StartPosition {
  return (
    position !== undefined &&
    (position.Id !== undefined || position.AbsoluteTime !== undefined || position.MostRecent !== undefined)
  );
}

/**
 * The index of the first item of the page (the anchor, inclusive), or `undefined` when there is none.
 * `entries` must be sorted oldest first.
 */
export function anchorIndex(
  entries: readonly TranscriptEntry[],
  position: StartPosition | undefined,
  direction: ScanDirection,
): number | undefined {
  if (entries.length === 0) return undefined;
  const last = entries.length - 1;
  if (!hasStartPosition(position)) return direction === 'FORWARD' ? 0 : last;
  const given = [position.Id, position.AbsoluteTime, position.MostRecent].filter(
    (value) => value !== undefined,
  );
  if (given.length > 1) {
    throw validationError('StartPosition must contain only one of Id, AbsoluteTime and MostRecent');
  }
  if (position.Id !== undefined) {
    const index = entries.findIndex((entry) => entry.item.Id === position.Id);
    if (index < 0)
      throw validationError(`StartPosition.Id '${position.Id}' is not an item of this transcript`);
    return index;
  }
  if (position.AbsoluteTime !== undefined) {
    const time = Date.parse(position.AbsoluteTime);
    if (Number.isNaN(time)) throw validationError('StartPosition.AbsoluteTime is not an ISO-8601 timestamp');
    if (direction === 'FORWARD') {
      const index = entries.findIndex((entry) => entry.time >= time);
      return index < 0 ? undefined : index;
    }
    for (let index = last; index >= 0; index -= 1) {
      if ((entries[index]?.time ?? Number.POSITIVE_INFINITY) <= time) return index;
    }
    return undefined;
  }
  return Math.max(0, last - (position.MostRecent ?? 0));
}

/**
 * Answers a GetTranscript request over `entries` (sorted oldest first) for one scope.
 * Throws a ValidationException for a bad StartPosition or NextToken.
 */
export function pageTranscript(
  entries: readonly TranscriptEntry[],
  query: TranscriptQuery,
  scope: string,
  signer: Signer,
): TranscriptPage {
  const pageSize =
    query.MaxResults === undefined || query.MaxResults === 0 ? defaultTranscriptPageSize : query.MaxResults;
  let direction: ScanDirection;
  let sortOrder: SortKey = query.SortOrder ?? 'DESCENDING';
  let start: number | undefined;
  if (query.NextToken !== undefined) {
    const token = decodePageToken(query.NextToken, scope, signer);
    if (query.ScanDirection !== undefined && query.ScanDirection !== token.d) {
      throw validationError('ScanDirection does not match the direction of NextToken');
    }
    direction = token.d;
    sortOrder = query.SortOrder ?? token.o;
    const lastIndex = entries.findIndex((entry) => entry.item.Id === token.l);
    if (lastIndex < 0)
      throw validationError('Invalid NextToken: its position is no longer in the transcript');
    start = direction === 'FORWARD' ? lastIndex + 1 : lastIndex - 1;
    if (start < 0 || start >= entries.length) start = undefined;
  } else {
    direction = query.ScanDirection ?? (hasStartPosition(query.StartPosition) ? 'FORWARD' : 'BACKWARD');
    start = anchorIndex(entries, query.StartPosition, direction);
  }
  if (start === undefined) return { Transcript: [] };

  const from = direction === 'FORWARD' ? start : Math.max(0, start - pageSize + 1);
  const to = direction === 'FORWARD' ? Math.min(entries.length, start + pageSize) : start + 1;
  const page = entries.slice(from, to);
  const more = direction === 'FORWARD' ? to < entries.length : from > 0;
  const ordered = sortOrder === 'ASCENDING' ? page : [...page].reverse();
  const result: TranscriptPage = { Transcript: ordered.map((entry) => entry.item) };
  const lastOfPage = direction === 'FORWARD' ? page[page.length - 1] : page[0];
  if (more && lastOfPage) {
    result.NextToken = encodePageToken(
      { s: scope, d: direction, l: lastOfPage.item.Id, o: sortOrder },
      signer,
    );
  }
  return result;
}
