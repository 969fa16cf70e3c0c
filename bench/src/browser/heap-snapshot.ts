/**
 * Heap snapshots over CDP, summarised by what holds the bytes: constructor names for objects, function names for
 * closures, and only the kind for strings (a string's name is its content, which may be a token).
 */
import type { CDPSession } from 'playwright-core';

/** Self size and count of every kind of heap node. */
export type HeapCensus = Map<string, { bytes: number; count: number }>;

/** One row of a census difference, per session. */
export interface HeapRow {
  name: string;
  bytesPerSession: number;
  countPerSession: number;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

const contentTypes = new Set([
  'string',
  'concatenated string',
  'sliced string',
  'regexp',
  'number',
  'bigint',
]);

/** Takes a snapshot of the page's heap and counts it by kind. */
export async function takeHeapCensus(cdp: CDPSession): Promise<HeapCensus> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }): void => {
    chunks.push(chunk);
  };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return censusOf(JSON.parse(chunks.join('')) as Snapshot);
}

/** Counts a parsed snapshot's nodes by kind. */
export function censusOf(snapshot: Snapshot): HeapCensus {
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const stride = fields.length;
  const typeField = fields.indexOf('type');
  const nameField = fields.indexOf('name');
  const sizeField = fields.indexOf('self_size');
  const census: HeapCensus = new Map();
  for (let offset = 0; offset < snapshot.nodes.length; offset += stride) {
    const type = types[snapshot.nodes[offset + typeField]!] ?? 'unknown';
    const name = contentTypes.has(type) ? '' : (snapshot.strings[snapshot.nodes[offset + nameField]!] ?? '');
    const key = name ? `${type} ${name.slice(0, 80)}` : type;
    const row = census.get(key) ?? { bytes: 0, count: 0 };
    row.bytes += snapshot.nodes[offset + sizeField] ?? 0;
    row.count += 1;
    census.set(key, row);
  }
  return census;
}

/** What `after` holds beyond `before`, per session, largest first. */
export function censusDifference(
  before: HeapCensus,
  after: HeapCensus,
  sessions: number,
  limit = 25,
): HeapRow[] {
  return [...after]
    .map(([name, row]) => ({
      name,
      bytesPerSession: Math.round((row.bytes - (before.get(name)?.bytes ?? 0)) / sessions),
      countPerSession: Math.round(((row.count - (before.get(name)?.count ?? 0)) / sessions) * 10) / 10,
    }))
    .filter((row) => row.bytesPerSession > 0)
    .sort((a, b) => b.bytesPerSession - a.bytesPerSession)
    .slice(0, limit);
}
