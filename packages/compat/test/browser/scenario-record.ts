/**
 * A normalised description of what one library did in one scenario, built so that two runs of the same library
 * compare equal: ids, times, URLs and tokens are replaced by placeholders, keys are sorted, and callbacks paced by
 * the clock (deep heartbeats) are kept apart from the ordered ones.
 */
import type { ActivityLogEntry } from '@connect-chat/transport/testing';
import type { WireRequest } from './chat-backend';
import type { RecordedAppHandlerCall, RecordedCall, RecordedEvent } from './recorder-driver';

/** What one library did in one scenario. Every list is made of rendered lines (see {@link render}). */
export interface ScenarioRecord {
  /** Callbacks in the order they fired, with their payloads (`chatDetails` shown as `…`, see below). */
  callbacks: string[];
  /** The distinct key sets of the callbacks' `chatDetails`, kept apart so a difference there shows once. */
  chatDetails: string[];
  /** Method calls in the order they were made, with how they ended. */
  calls: string[];
  /** How often each handler the app itself registered ran. */
  appHandlers: string[];
  /** Participant Service requests and socket openings in the emulator's log, by operation and status. */
  requests: string[];
  /** The Participant Service requests as sent, in order, with token-free bodies. */
  wire: string[];
}

/** Callbacks that fire on a timer (every deep heartbeat), so how many fire depends on how long a scenario ran. */
export const pacedCallbacks: readonly string[] = ['onDeepHeartbeatSuccess'];

const uuidInText = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const isoTimeInText = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;
const localUrlInText = /(https?|wss?):\/\/127\.0\.0\.1:\d+\S*/g;

/** Keys whose values differ on every run and carry no meaning for the comparison. */
const opaqueKeys = new Set([
  'requestId',
  'extendedRequestId',
  'cfId',
  'NextToken',
  'nextToken',
  'Url',
  'UrlExpiry',
  'ConnectionExpiry',
  'Expiry',
  'ConnectionToken',
  'totalRetryDelay',
]);

function scrub(text: string): string {
  return text.replace(localUrlInText, '<url>').replace(uuidInText, '<id>').replace(isoTimeInText, '<time>');
}

/**
 * Renders a recorded value on one line: keys sorted, strings with ids, times and local URLs replaced, opaque
 * values (request ids, tokens, URLs) as their type, and the recorder's markers (`$keys`, `$blob`, ...) spelled out.
 */
export function render(value: unknown, key?: string): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return opaqueKeys.has(key ?? '') ? 'string' : JSON.stringify(scrub(value));
  if (typeof value === 'number') return opaqueKeys.has(key ?? '') ? 'number' : String(value);
  if (typeof value !== 'object') return String(value);
  // A stack trace names the library's own files and lines: only that there is one is behaviour.
  if (key === 'stack' && Array.isArray(value)) return 'lines';
  if (Array.isArray(value)) return `[${value.map((entry) => render(entry)).join(',')}]`;
  const record = value as Record<string, unknown>;
  if ('$undefined' in record) return 'undefined';
  if ('$function' in record) return 'function';
  if ('$keys' in record) return `keys${renderKeys(record.$keys)}`;
  if ('$blob' in record) return `Blob${render(record.$blob)}`;
  if ('$error' in record) return `Error${render(record.$error)}`;
  if ('$file' in record) return `File${render(record.$file)}`;
  // Members holding `undefined` are left out, as JSON would: whether a key exists with no value is not behaviour.
  return `{${Object.keys(record)
    .filter((name) => !isUndefinedMarker(record[name]))
    .sort()
    .map((name) => `${name}:${render(record[name], name)}`)
    .join(',')}}`;
}

function isUndefinedMarker(value: unknown): boolean {
  return typeof value === 'object' && value !== null && '$undefined' in value;
}

function renderKeys(keys: unknown): string {
  if (keys === null || typeof keys !== 'object') return String(keys);
  const record = keys as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((name) =>
      typeof record[name] === 'object' && record[name] ? `${name}${renderKeys(record[name])}` : name,
    )
    .join(',')}}`;
}

/** One line per callback: its name and payload, with `chatDetails` reduced to `…` (see {@link chatDetailsOf}). */
export function renderEvent(event: RecordedEvent): string {
  if (event.missing) return `${event.name} (no such method)`;
  const payload = event.payload;
  if (payload !== null && typeof payload === 'object' && 'chatDetails' in payload) {
    return `${event.name} ${render({ ...payload, chatDetails: '…' })}`;
  }
  return `${event.name} ${render(payload)}`;
}

/** The key set of a callback's `chatDetails`, or `undefined` when it has none. */
export function chatDetailsOf(event: RecordedEvent): string | undefined {
  const payload = event.payload as { chatDetails?: unknown } | null | undefined;
  return payload && typeof payload === 'object' && 'chatDetails' in payload
    ? render(payload.chatDetails)
    : undefined;
}

/** One line per call: method, arguments, outcome and value. */
export function renderCall(call: RecordedCall): string {
  const value = call.outcome === 'pending' ? '' : ` ${render(call.value)}`;
  return `${call.method}(${render(call.args)}) ${call.outcome}${value}`;
}

/** Handler counts, one line per callback, sorted. */
export function renderAppHandlers(calls: readonly RecordedAppHandlerCall[]): string[] {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call.name, (counts.get(call.name) ?? 0) + 1);
  return [...counts].map(([name, count]) => `${name} ×${count}`).sort();
}

/** Emulator log entries counted by what they were: `SendMessage 200 ×2`, `socket open ×1`, sorted. */
export function renderRequests(entries: readonly ActivityLogEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    const line =
      entry.kind === 'http'
        ? `${entry.operation} ${entry.status}`
        : entry.kind === 'socket'
          ? `socket ${entry.event}${entry.code === undefined ? '' : ` ${entry.code}`}`
          : undefined;
    if (line) counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return [...counts].map(([line, count]) => `${line} ×${count}`).sort();
}

/** One line per request as sent. */
export function renderWire(requests: readonly WireRequest[]): string[] {
  return requests.map((request) => `${request.operation} ${render(request.body)}`);
}

/** The raw material of one scenario, as sliced from the page, the backend and the emulator log. */
export interface ScenarioMaterial {
  events: readonly RecordedEvent[];
  calls: readonly RecordedCall[];
  appHandlerCalls: readonly RecordedAppHandlerCall[];
  log: readonly ActivityLogEntry[];
  wire: readonly WireRequest[];
}

/** Normalises one scenario's material; paced callbacks are left out (see {@link renderPaced}). */
export function toScenarioRecord(material: ScenarioMaterial): ScenarioRecord {
  return {
    callbacks: material.events.filter((event) => !pacedCallbacks.includes(event.name)).map(renderEvent),
    chatDetails: [...new Set(material.events.flatMap((event) => chatDetailsOf(event) ?? []))].sort(),
    calls: material.calls.map(renderCall),
    appHandlers: renderAppHandlers(material.appHandlerCalls),
    requests: renderRequests(material.log),
    wire: renderWire(material.wire),
  };
}

/** The distinct payloads of the paced callbacks over a whole run (their count depends on time, not behaviour). */
export function renderPaced(events: readonly RecordedEvent[]): string[] {
  return [...new Set(events.filter((event) => pacedCallbacks.includes(event.name)).map(renderEvent))].sort();
}
