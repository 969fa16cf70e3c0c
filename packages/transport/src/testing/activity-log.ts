/** The request/frame log kept for assertions (§5.9). It never holds tokens or URL query strings. */

/** One HTTP exchange. `route` is the path without its query (view tokens replaced by `{ViewToken}`). */
export interface HttpLogEntry {
  kind: 'http';
  at: number;
  requestId: string;
  method: string;
  route: string;
  operation: string;
  status: number;
  participantId?: string | undefined;
  contactId?: string | undefined;
  /** The fault action applied, if any. */
  fault?: string | undefined;
}

/** One WebSocket frame, in or out. */
export interface FrameLogEntry {
  kind: 'frame';
  at: number;
  direction: 'in' | 'out';
  socketId: string;
  participantId: string;
  contactId: string;
  topic: string | undefined;
  /** For `aws/chat` frames: the item's `Type` and `ContentType`. */
  itemType?: string | undefined;
  contentType?: string | undefined;
  fault?: string | undefined;
}

/** A socket opening, closing or being refused. */
export interface SocketLogEntry {
  kind: 'socket';
  at: number;
  event: 'open' | 'close' | 'rejected';
  socketId?: string | undefined;
  participantId?: string | undefined;
  contactId?: string | undefined;
  code?: number | undefined;
  reason?: string | undefined;
}

/** Anything the emulator logs. */
export type ActivityLogEntry = HttpLogEntry | FrameLogEntry | SocketLogEntry;

/** How many entries are kept before the oldest are dropped. @defaultValue 10000 */
export const activityLogCapacity = 10_000;

function describe(entry: ActivityLogEntry): string {
  const who = entry.participantId ? ` participant=${entry.participantId}` : '';
  const fault = 'fault' in entry && entry.fault ? ` fault=${entry.fault}` : '';
  switch (entry.kind) {
    case 'http':
      return `http ${entry.method} ${entry.route} ${entry.operation} -> ${entry.status}${who}${fault}`;
    case 'frame':
      return `frame ${entry.direction} ${entry.socketId} ${entry.topic ?? '(no topic)'}${entry.itemType ? ` ${entry.itemType}` : ''}${who}${fault}`;
    case 'socket':
      return `socket ${entry.event}${entry.socketId ? ` ${entry.socketId}` : ''}${entry.code === undefined ? '' : ` code=${entry.code}`}${who}`;
  }
}

/** An append-only, bounded log with an optional human-readable sink. */
export class ActivityLog {
  readonly entries: ActivityLogEntry[] = [];

  constructor(private readonly sink: ((line: string) => void) | undefined) {}

  /** Records an entry and writes its line to the sink. */
  add(entry: ActivityLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > activityLogCapacity) this.entries.shift();
    this.sink?.(`[connect-chat-emulator] ${describe(entry)}`);
  }

  /** The entries that concern one contact. */
  forContact(contactId: string): ActivityLogEntry[] {
    return this.entries.filter((entry) => entry.contactId === contactId);
  }
}
