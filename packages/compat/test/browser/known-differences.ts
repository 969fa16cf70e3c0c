/**
 * The differences compat is allowed to have from ChatJS 5.0.0: the "Fix" list of compat-decisions.md, each as a
 * rewrite of what ChatJS did into what compat must do instead. A scenario passes when compat's record equals
 * ChatJS's record with every applicable rewrite applied; any other difference fails the test.
 */
import type { PageKind } from './readme-pages';
import type { ScenarioRecord } from './scenario-record';

/** A line compat must produce: exactly this text, or any text the pattern matches. */
export type ExpectedLine = string | RegExp;

/** A {@link ScenarioRecord} whose lines may be patterns where compat's exact output is its own business. */
export type ExpectedRecord = { [Field in keyof ScenarioRecord]: ExpectedLine[] };

/** Where a rewrite is applied. */
export interface DifferenceContext {
  scenario: string;
  kind: PageKind;
}

/** One documented difference (a "Fix" of compat-decisions.md). */
export interface KnownDifference {
  /** The number of the fix in compat-decisions.md. */
  decision: number;
  /** The fix in a few words. */
  title: string;
  /** What ChatJS 5.0.0 does, as a table cell. */
  chatjs: string;
  /** What compat does instead, as a table cell. */
  compat: string;
  /** Rewrites ChatJS's record into what compat must do; returns it unchanged where the fix does not apply. */
  apply(record: ExpectedRecord, context: DifferenceContext): ExpectedRecord;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lines in code-point order, the order `Array.prototype.sort` gives the recorded lists. */
function byText(left: ExpectedLine, right: ExpectedLine): number {
  const [a, b] = [String(left), String(right)];
  return a < b ? -1 : a > b ? 1 : 0;
}

function isText(line: ExpectedLine): line is string {
  return typeof line === 'string';
}

/** How many recorded callbacks are `name`. */
function callbackCount(record: ExpectedRecord, name: string): number {
  return record.callbacks.filter((line) => isText(line) && line.startsWith(`${name} `)).length;
}

/**
 * The app's handler count for `name` once the library fires `delta` more (or fewer) of them: changed only if the app
 * saw every such callback in ChatJS's record (it had subscribed in time); an app that subscribed later saw none.
 */
function withAppCount(record: ExpectedRecord, name: string, delta: number): ExpectedLine[] {
  const prefix = `${name} ×`;
  const index = record.appHandlers.findIndex((line) => isText(line) && line.startsWith(prefix));
  const current = index < 0 ? 0 : Number((record.appHandlers[index] as string).slice(prefix.length));
  if (current === 0 || current !== callbackCount(record, name)) return record.appHandlers;
  const rest = record.appHandlers.filter((_, position) => position !== index);
  return current + delta > 0 ? [...rest, `${prefix}${current + delta}`].sort(byText) : rest;
}

/** `requests` with one more `line` (`Operation status`), merged into its `×N` count. */
function withRequest(requests: ExpectedLine[], line: string): ExpectedLine[] {
  const index = requests.findIndex((entry) => isText(entry) && entry.startsWith(`${line} ×`));
  if (index < 0) return [...requests, `${line} ×1`].sort(byText);
  const count = Number((requests[index] as string).slice(line.length + 2));
  return requests.map((entry, position) => (position === index ? `${line} ×${count + 1}` : entry));
}

/** `wire` with `line` right after the first CreateParticipantConnection, or `undefined` when there is none. */
function afterConnectionRequest(wire: ExpectedLine[], line: ExpectedLine): ExpectedLine[] | undefined {
  const index = wire.findIndex((entry) => isText(entry) && entry.startsWith('CreateParticipantConnection '));
  return index < 0 ? undefined : [...wire.slice(0, index + 1), line, ...wire.slice(index + 1)];
}

/** The `onConnectionEstablished` ChatJS fires with the `connect()` result, and the parts of its payload. */
const connectResultEstablished =
  /^onConnectionEstablished \{(_debug:.*),chatDetails:"…",(connectCalled:\w+,connectSuccess:\w+),(metadata:.*)\}$/;
const socketEstablished = 'onConnectionEstablished {chatDetails:"…",data:{}}';
// A literal reused within one session is marked `(reused)` by the backend's request log.
const receiptToken = /ClientToken:"\\"INCOMING_(READ|DELIVERED)_RECEIPT\\"(?: \(reused\))?"/;
const supersededDelivered =
  /^sendEvent\(\{content:"\{\\"messageId\\":\\"<id>\\"\}",contentType:"application\/vnd\.amazonaws\.connect\.event\.message\.delivered"\}\) pending$/;
/** ChatJS settling that receipt later, with the response of a later delivered receipt it never sent itself. */
const supersededDeliveredSettledLater =
  /^sendEvent \(called earlier\)\(\{content:"\{\\"messageId\\":\\"<id>\\"\}",contentType:"application\/vnd\.amazonaws\.connect\.event\.message\.delivered"\}\) resolved /;
const reconnectScenario = 'dropped socket and reconnect';

/** The messages the agent sends while the customer's socket is down, in the reconnect scenario. */
export const missedMessages: readonly string[] = ['are you still there?', 'I will wait'];

/** Every documented difference, in decision order. */
export const knownDifferences: readonly KnownDifference[] = [
  {
    decision: 1,
    title: 'one `onConnectionEstablished` per established connection',
    chatjs:
      '`onConnectionEstablished` fires twice: with the `connect()` result (`{ chatDetails, _debug, connectSuccess, connectCalled, metadata }`, no `data`), then with `{ chatDetails, data: {} }` when the socket opens',
    compat:
      'fires once, when the socket opens, with `{ chatDetails, data: {} }` and the `connect()` result fields',
    apply(record) {
      const first = record.callbacks.findIndex((line) => isText(line) && connectResultEstablished.test(line));
      const opened = record.callbacks.findIndex((line, index) => index > first && line === socketEstablished);
      if (first < 0 || opened < 0) return record;
      const [, debug, called, metadata] = (record.callbacks[first] as string).match(
        connectResultEstablished,
      )!;
      // One event with both payloads' fields: code reading either ChatJS shape keeps working.
      const once = `onConnectionEstablished {${debug},chatDetails:"…",${called},data:{},${metadata}}`;
      return {
        ...record,
        callbacks: record.callbacks.flatMap((line, index) =>
          index === first ? [] : index === opened ? [once] : [line],
        ),
        appHandlers: withAppCount(record, 'onConnectionEstablished', -1),
      };
    },
  },
  {
    decision: 6,
    title: 'missed messages are delivered after reconnecting',
    chatjs:
      'sends no GetTranscript of its own once connected (only the one `onTranscriptUpdated` asks for, where subscribed)',
    compat:
      'one more GetTranscript once connected, for the newest items: the point later gaps are filled from',
    apply(record, { scenario }) {
      if (scenario === reconnectScenario || callbackCount(record, 'onConnectionEstablished') === 0)
        return record;
      const wire = afterConnectionRequest(record.wire, /^GetTranscript \{.*\}$/);
      if (!wire) return record;
      return { ...record, wire, requests: withRequest(record.requests, 'GetTranscript 200') };
    },
  },
  {
    decision: 6,
    title: 'missed messages are delivered after reconnecting',
    chatjs: 'messages the agent sent while the socket was down never reach `onMessage`',
    compat:
      'they reach `onMessage` after reconnecting, once each and in order (one GetTranscript fills the gap)',
    apply(record, { scenario }) {
      if (scenario !== reconnectScenario) return record;
      const reconnected = record.callbacks.findIndex(
        (line) => isText(line) && line.startsWith('onConnectionEstablished '),
      );
      const wire = afterConnectionRequest(record.wire, /^GetTranscript \{.*\}$/);
      if (reconnected < 0 || !wire) return record;
      const delivered = missedMessages.map(
        (text) =>
          new RegExp(`^onMessage \\{.*Content:"${escapeRegExp(text)}".*ParticipantRole:"AGENT".*\\}$`),
      );
      return {
        ...record,
        callbacks: [
          ...record.callbacks.slice(0, reconnected + 1),
          ...delivered,
          ...record.callbacks.slice(reconnected + 1),
        ],
        appHandlers: withAppCount(record, 'onMessage', missedMessages.length),
        requests: withRequest(record.requests, 'GetTranscript 200'),
        wire,
      };
    },
  },
  {
    decision: 7,
    title: 'every request has its own `ClientToken`',
    chatjs:
      'the read receipt is sent with `ClientToken: "INCOMING_READ_RECEIPT"`, the same literal for every receipt',
    compat: 'a fresh UUID `ClientToken`',
    apply(record) {
      if (!record.wire.some((line) => isText(line) && receiptToken.test(line))) return record;
      return {
        ...record,
        wire: record.wire.map((line) =>
          isText(line) ? line.replace(receiptToken, 'ClientToken:"uuid"') : line,
        ),
      };
    },
  },
  {
    decision: 12,
    title: 'every promise settles',
    chatjs: 'the `message.delivered` receipt superseded by the `message.read` one never settles',
    compat: 'it resolves (no request is sent for it either)',
    apply(record) {
      if (!record.calls.some((line) => isText(line) && supersededDelivered.test(line))) return record;
      return {
        ...record,
        calls: record.calls.map((line) =>
          isText(line) && supersededDelivered.test(line)
            ? new RegExp(`^${escapeRegExp(line.replace(/ pending$/, ' resolved '))}.+$`)
            : line,
        ),
      };
    },
  },
  {
    decision: 12,
    title: 'every promise settles',
    chatjs:
      'the superseded `message.delivered` receipt of an earlier scenario settles only now, with the answer to a later delivered receipt',
    compat: 'it settled in its own scenario, once nothing was left to send',
    apply(record) {
      if (!record.calls.some((line) => isText(line) && supersededDeliveredSettledLater.test(line)))
        return record;
      return {
        ...record,
        calls: record.calls.filter((line) => !(isText(line) && supersededDeliveredSettledLater.test(line))),
      };
    },
  },
];

/** ChatJS's record as compat must reproduce it, and the differences that changed it. */
export function expectedCompatRecord(
  chatjs: ScenarioRecord,
  context: DifferenceContext,
): { expected: ExpectedRecord; applied: KnownDifference[] } {
  let expected: ExpectedRecord = { ...chatjs };
  const applied: KnownDifference[] = [];
  for (const difference of knownDifferences) {
    const next = difference.apply(expected, context);
    if (next !== expected) applied.push(difference);
    expected = next;
  }
  return { expected, applied };
}

function lineMatches(expected: ExpectedLine, actual: string): boolean {
  return typeof expected === 'string' ? expected === actual : expected.test(actual);
}

/** A unified diff of two line lists (longest common subsequence): `  same`, `- expected only`, `+ actual only`. */
export function diffLines(expected: readonly ExpectedLine[], actual: readonly string[]): string[] {
  const rows = expected.length;
  const columns = actual.length;
  const common: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(columns + 1).fill(0));
  for (let row = rows - 1; row >= 0; row -= 1) {
    for (let column = columns - 1; column >= 0; column -= 1) {
      common[row]![column] = lineMatches(expected[row]!, actual[column]!)
        ? common[row + 1]![column + 1]! + 1
        : Math.max(common[row + 1]![column]!, common[row]![column + 1]!);
    }
  }
  const lines: string[] = [];
  let row = 0;
  let column = 0;
  while (row < rows || column < columns) {
    if (row < rows && column < columns && lineMatches(expected[row]!, actual[column]!)) {
      lines.push(`  ${actual[column]}`);
      row += 1;
      column += 1;
    } else if (column < columns && (row === rows || common[row]![column + 1]! >= common[row + 1]![column]!)) {
      lines.push(`+ ${actual[column]}`);
      column += 1;
    } else {
      lines.push(`- ${String(expected[row])}`);
      row += 1;
    }
  }
  return lines;
}

/** Every field where `actual` differs from `expected`, as diffs; empty when they match. */
export function compareRecords(expected: ExpectedRecord, actual: ScenarioRecord): string[] {
  const problems: string[] = [];
  for (const field of Object.keys(expected) as (keyof ScenarioRecord)[]) {
    const diff = diffLines(expected[field], actual[field]);
    if (diff.some((line) => !line.startsWith('  '))) {
      problems.push(`${field}:\n${diff.map((line) => `    ${line}`).join('\n')}`);
    }
  }
  return problems;
}
