/**
 * Types of the outbox: the ordered queue every send of a session goes through. While the session is connected
 * it sends one request at a time, in order; while the connection is being restored it holds them; transient
 * failures are retried with the same `ClientToken` (so the service applies each send once), up to `maxAttempts`
 * when one is set, and everything else fails that one send without blocking the ones behind it.
 */
import type { ChatError } from '../errors';

/** A timer source; the session passes its clock. */
export interface OutboxTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** One send waiting in the outbox. */
export interface OutboxOperation<Result> {
  /** What is sent, for error messages: `message`, `event`, `disconnect`. */
  label: string;
  /**
   * Performs the request. Called again on every retry: it must send the same `ClientToken` each time, which is what
   * makes a retry safe when an earlier attempt reached the service but its answer was lost.
   */
  run(signal: AbortSignal): Promise<Result>;
  /** Cancels the send: removed if still queued, aborted if in flight. The promise rejects with code `aborted`. */
  signal?: AbortSignal | undefined;
}

/** Settings of an outbox. */
export interface OutboxOptions {
  /** Sends that may wait at once (in flight included); one more is rejected with `queueFull`. @defaultValue 100 */
  capacity?: number | undefined;
  /** How long to wait before retry number `attempt` (from 1) of a send that failed transiently. */
  retryDelay?: ((attempt: number) => number) | undefined;
  /**
   * Attempts per send, the first included (each one `run` call). Once that many have failed transiently, the send
   * rejects with the last failure and the next send goes. A whole number from 1; `1` means no retries at all, for
   * callers whose `run` already retries (compat, whose adapter makes the AWS SDK's three attempts).
   *
   * @defaultValue unlimited: a transient failure is retried until the send goes through or the outbox closes
   */
  maxAttempts?: number | undefined;
  timers: OutboxTimers;
}

/** What the outbox holds, for diagnostics. */
export interface OutboxState {
  /** Sends waiting, the one in flight included. */
  size: number;
  /** Whether sends go out now (the session is connected). */
  open: boolean;
  /** Whether a request is on the wire right now. */
  sending: boolean;
  /** Failed attempts of the send at the head since it last succeeded. */
  headAttempts: number;
}

/** An ordered, bounded send queue. */
export interface Outbox {
  /** Queues a send; resolves with its result or rejects with a `ChatError`. */
  enqueue<Result>(operation: OutboxOperation<Result>): Promise<Result>;
  /** The session is connected: send what is queued. */
  open(): void;
  /** The connection was lost: hold sends (the one in flight finishes; a transient failure waits for `open`). */
  hold(): void;
  /**
   * The connection failed: every queued send rejects with `error` (the one in flight finishes on its own); later
   * sends queue as usual.
   */
  reject(error: ChatError): void;
  /**
   * The session is over: every queued send rejects with `error`, later ones too. The send in flight is left to
   * finish (the service may already have applied it, and its answer says so), unless `abortInFlight` is set.
   */
  close(error: ChatError, options?: { abortInFlight?: boolean }): void;
  /** A view for diagnostics. */
  state(): OutboxState;
}
