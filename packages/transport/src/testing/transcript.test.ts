import { describe, expect, it } from 'vitest';
import { ServiceError } from './errors';
import { createSigner } from './signing';
import {
  anchorIndex,
  decodePageToken,
  defaultTranscriptPageSize,
  pageTranscript,
  sortTranscript,
  type TranscriptEntry,
} from './transcript';

const signer = createSigner(Buffer.alloc(32, 7));
const scope = 'contact-1|*';
const base = Date.parse('2025-01-01T00:00:00.000Z');

/** `count` items one second apart: m1 (oldest) ... m{count} (newest). */
function transcript(count: number): TranscriptEntry[] {
  return Array.from({ length: count }, (_, index) => ({
    seq: index + 1,
    time: base + index * 1000,
    item: { Id: `m${index + 1}`, Type: 'MESSAGE', AbsoluteTime: new Date(base + index * 1000).toISOString() },
  }));
}

const ids = (page: { Transcript: { Id?: string }[] }) => page.Transcript.map((item) => item.Id);

function expectValidation(run: () => unknown, pattern: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).errorType).toBe('ValidationException');
    expect((error as ServiceError).message).toMatch(pattern);
    return;
  }
  throw new Error('expected a ValidationException');
}

describe('sortTranscript', () => {
  it('orders by time, then by seq for equal times', () => {
    const entries: TranscriptEntry[] = [
      { seq: 3, time: 5, item: { Id: 'c' } },
      { seq: 1, time: 9, item: { Id: 'a' } },
      { seq: 2, time: 5, item: { Id: 'b' } },
    ];
    expect(sortTranscript(entries).map((entry) => entry.item.Id)).toEqual(['b', 'c', 'a']);
  });
});

describe('pageTranscript defaults (§5.5)', () => {
  const items = transcript(40);

  it('without StartPosition scans BACKWARD from the newest, 10 items, DESCENDING', () => {
    const page = pageTranscript(items, {}, scope, signer);
    expect(ids(page)).toEqual(['m40', 'm39', 'm38', 'm37', 'm36', 'm35', 'm34', 'm33', 'm32', 'm31']);
    expect(page.NextToken).toBeTypeOf('string');
  });

  it('treats MaxResults 0 as the default page size', () => {
    expect(pageTranscript(items, { MaxResults: 0 }, scope, signer).Transcript).toHaveLength(
      defaultTranscriptPageSize,
    );
  });

  it('treats an empty StartPosition as absent (ChatJS sends {})', () => {
    const page = pageTranscript(
      items,
      { MaxResults: 15, SortOrder: 'ASCENDING', StartPosition: {} },
      scope,
      signer,
    );
    expect(ids(page)[0]).toBe('m26');
    expect(ids(page).at(-1)).toBe('m40');
  });

  it('defaults to FORWARD when a StartPosition is given', () => {
    const page = pageTranscript(
      items,
      { MaxResults: 3, StartPosition: { Id: 'm5' }, SortOrder: 'ASCENDING' },
      scope,
      signer,
    );
    expect(ids(page)).toEqual(['m5', 'm6', 'm7']);
  });

  it('returns an empty page and no token for an empty transcript', () => {
    expect(pageTranscript([], {}, scope, signer)).toEqual({ Transcript: [] });
  });
});

describe('ChatJS default call pages through everything exactly once', () => {
  it('BACKWARD, ASCENDING, 15: newest 15 in chronological order, then further into the past', () => {
    const items = transcript(40);
    const query = {
      MaxResults: 15,
      ScanDirection: 'BACKWARD',
      SortOrder: 'ASCENDING',
      StartPosition: {},
    } as const;
    const first = pageTranscript(items, query, scope, signer);
    expect(ids(first)).toEqual(Array.from({ length: 15 }, (_, index) => `m${26 + index}`));
    const seen = [...ids(first)];
    let token = first.NextToken;
    let pages = 1;
    while (token) {
      const page = pageTranscript(items, { ...query, NextToken: token }, scope, signer);
      seen.unshift(...ids(page));
      token = page.NextToken;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(items.map((entry) => entry.item.Id));
  });
});

describe('anchors', () => {
  const items = transcript(10);

  it('Id anchors inclusively in both directions', () => {
    expect(
      ids(
        pageTranscript(
          items,
          { MaxResults: 3, ScanDirection: 'FORWARD', SortOrder: 'ASCENDING', StartPosition: { Id: 'm4' } },
          scope,
          signer,
        ),
      ),
    ).toEqual(['m4', 'm5', 'm6']);
    expect(
      ids(
        pageTranscript(
          items,
          { MaxResults: 3, ScanDirection: 'BACKWARD', SortOrder: 'ASCENDING', StartPosition: { Id: 'm4' } },
          scope,
          signer,
        ),
      ),
    ).toEqual(['m2', 'm3', 'm4']);
  });

  it('an unknown Id is a ValidationException', () => {
    expectValidation(
      () => pageTranscript(items, { StartPosition: { Id: 'nope' } }, scope, signer),
      /not an item/,
    );
  });

  it('AbsoluteTime: FORWARD takes the first item at or after T, BACKWARD the last at or before T', () => {
    const between = new Date(base + 4500).toISOString(); // between m5 (4000) and m6 (5000)
    expect(anchorIndex(items, { AbsoluteTime: between }, 'FORWARD')).toBe(5);
    expect(anchorIndex(items, { AbsoluteTime: between }, 'BACKWARD')).toBe(4);
    const exact = new Date(base + 4000).toISOString();
    expect(anchorIndex(items, { AbsoluteTime: exact }, 'FORWARD')).toBe(4);
    expect(anchorIndex(items, { AbsoluteTime: exact }, 'BACKWARD')).toBe(4);
    const later = new Date(base + 99_000).toISOString();
    expect(
      pageTranscript(
        items,
        { StartPosition: { AbsoluteTime: later }, ScanDirection: 'FORWARD' },
        scope,
        signer,
      ),
    ).toEqual({ Transcript: [] });
  });

  it('a malformed AbsoluteTime is a ValidationException', () => {
    expectValidation(() => anchorIndex(items, { AbsoluteTime: 'yesterday' }, 'FORWARD'), /ISO-8601/);
  });

  it('MostRecent k is k places before the newest, clamped to the oldest', () => {
    expect(anchorIndex(items, { MostRecent: 0 }, 'FORWARD')).toBe(9);
    expect(anchorIndex(items, { MostRecent: 3 }, 'FORWARD')).toBe(6);
    expect(anchorIndex(items, { MostRecent: 100 }, 'FORWARD')).toBe(0);
    const page = pageTranscript(
      items,
      { MaxResults: 5, StartPosition: { MostRecent: 2 }, SortOrder: 'ASCENDING' },
      scope,
      signer,
    );
    expect(ids(page)).toEqual(['m8', 'm9', 'm10']);
    expect(page.NextToken).toBeUndefined();
  });

  it('more than one anchor member is a ValidationException', () => {
    expectValidation(
      () => pageTranscript(items, { StartPosition: { Id: 'm1', MostRecent: 1 } }, scope, signer),
      /only one of/,
    );
  });

  it('no anchor: FORWARD starts at the oldest', () => {
    expect(
      ids(
        pageTranscript(
          items,
          { MaxResults: 2, ScanDirection: 'FORWARD', SortOrder: 'ASCENDING' },
          scope,
          signer,
        ),
      ),
    ).toEqual(['m1', 'm2']);
  });
});

describe('sort order', () => {
  it('orders the page without changing which items it holds', () => {
    const items = transcript(10);
    const query = { MaxResults: 3, ScanDirection: 'FORWARD', StartPosition: { Id: 'm2' } } as const;
    expect(ids(pageTranscript(items, { ...query, SortOrder: 'ASCENDING' }, scope, signer))).toEqual([
      'm2',
      'm3',
      'm4',
    ]);
    expect(ids(pageTranscript(items, { ...query, SortOrder: 'DESCENDING' }, scope, signer))).toEqual([
      'm4',
      'm3',
      'm2',
    ]);
  });
});

describe('NextToken', () => {
  it('continues strictly after the last item in the scan direction (FORWARD)', () => {
    const items = transcript(7);
    const first = pageTranscript(
      items,
      { MaxResults: 3, ScanDirection: 'FORWARD', SortOrder: 'ASCENDING' },
      scope,
      signer,
    );
    const second = pageTranscript(items, { MaxResults: 3, NextToken: first.NextToken }, scope, signer);
    expect(ids(second)).toEqual(['m4', 'm5', 'm6']);
    const third = pageTranscript(items, { MaxResults: 3, NextToken: second.NextToken }, scope, signer);
    expect(ids(third)).toEqual(['m7']);
    expect(third.NextToken).toBeUndefined();
  });

  it('is anchored to an item id: new messages between pages do not shift BACKWARD pages', () => {
    const items = transcript(12);
    const query = { MaxResults: 5, ScanDirection: 'BACKWARD', SortOrder: 'ASCENDING' } as const;
    const first = pageTranscript(items, query, scope, signer);
    expect(ids(first)).toEqual(['m8', 'm9', 'm10', 'm11', 'm12']);
    const grown = [...items, ...transcript(15).slice(12)];
    const second = pageTranscript(grown, { ...query, NextToken: first.NextToken }, scope, signer);
    expect(ids(second)).toEqual(['m3', 'm4', 'm5', 'm6', 'm7']);
  });

  it('keeps the sort order of the first page unless the request gives one', () => {
    const items = transcript(6);
    const first = pageTranscript(items, { MaxResults: 2, SortOrder: 'ASCENDING' }, scope, signer);
    expect(ids(pageTranscript(items, { MaxResults: 2, NextToken: first.NextToken }, scope, signer))).toEqual([
      'm3',
      'm4',
    ]);
    expect(
      ids(
        pageTranscript(
          items,
          { MaxResults: 2, NextToken: first.NextToken, SortOrder: 'DESCENDING' },
          scope,
          signer,
        ),
      ),
    ).toEqual(['m4', 'm3']);
  });

  it('overrides StartPosition, and a conflicting ScanDirection is a ValidationException', () => {
    const items = transcript(6);
    const first = pageTranscript(items, { MaxResults: 2 }, scope, signer);
    expect(
      ids(
        pageTranscript(
          items,
          { MaxResults: 2, NextToken: first.NextToken, StartPosition: { Id: 'm1' } },
          scope,
          signer,
        ),
      ),
    ).toEqual(['m4', 'm3']);
    expectValidation(
      () => pageTranscript(items, { NextToken: first.NextToken, ScanDirection: 'FORWARD' }, scope, signer),
      /does not match/,
    );
  });

  it('rejects a tampered token, a token of another scope and one signed by another emulator', () => {
    const items = transcript(6);
    const token = pageTranscript(items, { MaxResults: 2 }, scope, signer).NextToken!;
    const [body, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ s: scope, d: 'BACKWARD', l: 'm6', o: 'ASCENDING' })).toString(
      'base64url',
    );
    expectValidation(
      () => pageTranscript(items, { NextToken: `${forged}.${signature}` }, scope, signer),
      /Invalid NextToken/,
    );
    expectValidation(
      () => pageTranscript(items, { NextToken: `${body}.x${signature.slice(1)}` }, scope, signer),
      /Invalid NextToken/,
    );
    expectValidation(
      () => pageTranscript(items, { NextToken: token }, 'contact-2|*', signer),
      /Invalid NextToken/,
    );
    expectValidation(
      () => pageTranscript(items, { NextToken: token }, scope, createSigner(Buffer.alloc(32, 8))),
      /Invalid NextToken/,
    );
    expectValidation(() => decodePageToken('garbage', scope, signer), /Invalid NextToken/);
  });

  it('stays within 1000 characters', () => {
    const items = transcript(3).map((entry) => ({
      ...entry,
      item: { ...entry.item, Id: 'x'.repeat(256) + entry.item.Id },
    }));
    expect(pageTranscript(items, { MaxResults: 1 }, scope, signer).NextToken!.length).toBeLessThanOrEqual(
      1000,
    );
  });
});
