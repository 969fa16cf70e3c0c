/**
 * Types of the heartbeat machine: the child the connection runs while `connected`. It never touches a socket; it
 * asks its parent to send `aws/ping` and `aws/heartbeat`, is told about the answers, and reports what it concludes.
 */

/** What the heartbeat machine is created with. */
export interface HeartbeatInput {
  /** How often a heartbeat pair is sent; a heartbeat unanswered by the next tick means the socket is dead. */
  intervalMs: number;
}

/** The heartbeat machine's memory. */
export interface HeartbeatContext {
  intervalMs: number;
  /** An `aws/heartbeat` was sent and not answered yet. */
  awaitingHeartbeat: boolean;
  /** An `aws/ping` was sent and not answered yet. */
  awaitingPing: boolean;
}

/**
 * Events the heartbeat machine accepts (from its parent).
 * - `heartbeat.answered`: an `aws/heartbeat` reply arrived.
 * - `ping.answered`: an `aws/ping` reply arrived, with its status (healthy when `statusCode === 200`).
 * - `heartbeat.probe`: check liveness now (after a resume): beat at once unless a beat is still unanswered.
 * - `heartbeat.socketReplaced`: the socket was swapped (rotation); forget beats sent on the old one and beat now.
 */
export type HeartbeatEvent =
  | { type: 'heartbeat.answered' }
  | { type: 'ping.answered'; statusCode: unknown; statusContent: unknown }
  | { type: 'heartbeat.probe' }
  | { type: 'heartbeat.socketReplaced' };

/**
 * Events the heartbeat machine sends its parent.
 * - `heartbeat.beatDue`: send `aws/ping` then `aws/heartbeat` now.
 * - `heartbeat.timedOut`: the last heartbeat went unanswered for a whole interval; the socket is dead.
 * - `heartbeat.deepSucceeded` / `heartbeat.deepFailed`: the outcome of one deep heartbeat (`aws/ping`).
 */
export type HeartbeatReport =
  | { type: 'heartbeat.beatDue' }
  | { type: 'heartbeat.timedOut' }
  | { type: 'heartbeat.deepSucceeded' }
  | { type: 'heartbeat.deepFailed'; failure: DeepHeartbeatFailure };

/** Why a deep heartbeat failed. */
export type DeepHeartbeatFailure =
  | { reason: 'status'; statusCode: unknown; statusContent: unknown }
  | { reason: 'noAnswer' };

/** The default heartbeat cadence, as the service's own clients use. @defaultValue 10000 */
export const defaultHeartbeatIntervalMs = 10_000;
