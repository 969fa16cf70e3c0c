/** Pure functions that turn a connection machine snapshot into what users see. */
import type { SnapshotFrom } from 'xstate';
import { coreVersion } from '../diagnostics/version';
import type { connectionMachine } from './connection.machine';
import type { ConnectionMode, ConnectionReason, ConnectionStatus } from './connection.types';

/** A snapshot of the connection machine. */
export type ConnectionMachineSnapshot = SnapshotFrom<typeof connectionMachine>;

/** What `getSnapshot()` returns: a synchronous, serialisable view of the connection. */
export interface ConnectionSnapshot {
  status: ConnectionStatus;
  /** Why the connection is in this status (absent while idle or connected). */
  reason: ConnectionReason | undefined;
  /** Milliseconds until the next attempt, while one is scheduled. */
  retryIn: number | undefined;
  /** Consecutive failed attempts since the connection was last stable. */
  attempts: number;
  /** Whether messages can be sent now (the `canSend` tag). */
  canSend: boolean;
  /** Every policy tag of the current state. */
  tags: readonly string[];
}

/** The payload of a connection's `status` event. */
export interface StatusChange {
  current: ConnectionStatus;
  /** The status before; equal to `current` when only a new retry was scheduled. */
  previous: ConnectionStatus;
  reason?: ConnectionReason | undefined;
  /** Milliseconds until the next attempt, when one is scheduled. */
  retryIn?: number | undefined;
}

/** A diagnostics report for support: no tokens, no URLs. */
export interface ConnectionDiagnostics {
  /** The machine's state value, e.g. `{"active":{"connecting":"opening"}}`. */
  state: string;
  /** Own sockets, or a socket someone else manages (agent desktops). */
  mode: ConnectionMode;
  status: ConnectionStatus;
  reason: ConnectionReason['code'] | undefined;
  /** Consecutive failed attempts. */
  reconnectAttempts: number;
  /** Reconnection attempts scheduled since `connect()`. */
  reconnects: number;
  /** Epoch ms of the last heartbeat answer. */
  lastHeartbeatAt: number | undefined;
  /** Epoch ms the current connection was established. */
  connectedAt: number | undefined;
  /** How long the current connection has been up. */
  connectedForMs: number | undefined;
  online: boolean;
  visible: boolean;
  versions: { core: string };
}

/** The status users see for a snapshot. */
export function statusOf(snapshot: ConnectionMachineSnapshot): ConnectionStatus {
  if (snapshot.matches('idle')) return 'idle';
  if (snapshot.matches('ended')) return 'ended';
  if (snapshot.matches('failed')) return 'failed';
  if (snapshot.matches({ active: 'connected' })) return 'connected';
  if (snapshot.matches({ managed: { linked: { link: 'connected' } } })) return 'connected';
  return snapshot.context.everConnected ? 'reconnecting' : 'connecting';
}

/** The public snapshot of a machine snapshot. */
export function connectionSnapshotOf(snapshot: ConnectionMachineSnapshot): ConnectionSnapshot {
  const status = statusOf(snapshot);
  return {
    status,
    reason: status === 'connected' || status === 'idle' ? undefined : snapshot.context.reason,
    retryIn: snapshot.context.retryIn,
    attempts: snapshot.context.attempt,
    canSend: snapshot.hasTag('canSend'),
    tags: [...snapshot.tags],
  };
}

/** The diagnostics report of a machine snapshot at time `now`. */
export function diagnosticsOf(snapshot: ConnectionMachineSnapshot, now: number): ConnectionDiagnostics {
  const { context } = snapshot;
  const status = statusOf(snapshot);
  const connectedAt = status === 'connected' ? context.connectedAt : undefined;
  return {
    state: JSON.stringify(snapshot.value),
    mode: context.mode,
    status,
    reason: context.reason?.code,
    reconnectAttempts: context.attempt,
    reconnects: context.reconnects,
    lastHeartbeatAt: context.lastHeartbeatAt,
    connectedAt,
    connectedForMs: connectedAt === undefined ? undefined : now - connectedAt,
    online: context.online,
    visible: context.visible,
    versions: { core: coreVersion },
  };
}

/**
 * The `status` event between two machine snapshots, if any: when the status changed, or when a new retry was
 * scheduled while it stayed the same (then `previous === current`). A retry that starts (its wait ends) is not
 * a change: the status stays and the next scheduled retry, or the next status, is reported.
 */
export function statusChangeBetween(
  before: ConnectionMachineSnapshot,
  after: ConnectionMachineSnapshot,
): StatusChange | undefined {
  const previous = connectionSnapshotOf(before);
  const current = connectionSnapshotOf(after);
  const statusChanged = current.status !== previous.status;
  const retryScheduled =
    current.retryIn !== undefined && after.context.reconnects !== before.context.reconnects;
  if (!statusChanged && !retryScheduled) return undefined;
  return {
    current: current.status,
    previous: previous.status,
    ...(current.reason ? { reason: current.reason } : {}),
    ...(current.retryIn !== undefined ? { retryIn: current.retryIn } : {}),
  };
}
