/**
 * Filling the gap a lost connection leaves: page backwards from the newest item until a page reaches an item the
 * session already had, and hand back everything fetched, oldest first.
 */

import type { Item } from '../protocol/item.types';
import type { GetTranscriptOutput } from '../protocol/participant-api.types';

/** What {@link fetchGap} needs. */
export interface GapFillInput {
  /** Fetches one page, newest first across pages (BACKWARD), items in ascending order within a page. */
  fetchPage(nextToken: string | undefined): Promise<GetTranscriptOutput>;
  /** Whether the session already had this item before the gap. */
  isKnown(id: string): boolean;
  /** Stop after this many pages even if nothing known was met. */
  maxPages: number;
}

/** What {@link fetchGap} found. */
export interface GapFillResult {
  /** Every item fetched, oldest first (known ones included; the transcript store drops them). */
  items: Item[];
  pages: number;
  /** Whether a known item was met (false: the history ran out or `maxPages` was reached). */
  reachedKnown: boolean;
  /** Whether the whole gap was fetched: a known item was met, or the start of the chat was reached. */
  complete: boolean;
}

/** Pages backwards until a known item, the start of the chat, or `maxPages`. */
export async function fetchGap(input: GapFillInput): Promise<GapFillResult> {
  const pages: Item[][] = [];
  let nextToken: string | undefined;
  let reachedKnown = false;
  do {
    const page = await input.fetchPage(nextToken);
    const items = page.Transcript ?? [];
    pages.push(items);
    reachedKnown = items.some((item) => item.Id !== undefined && input.isKnown(item.Id));
    nextToken = page.NextToken || undefined;
  } while (!reachedKnown && nextToken !== undefined && pages.length < input.maxPages);
  return {
    items: pages.reverse().flat(),
    pages: pages.length,
    reachedKnown,
    complete: reachedKnown || nextToken === undefined,
  };
}
