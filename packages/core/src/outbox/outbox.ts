/** The outbox: see `outbox.types.ts`. */
import { ChatError, ChatErrorCode, isChatError, isRetryableCode } from '../errors';
import type { Outbox, OutboxOperation, OutboxOptions, OutboxState } from './outbox.types';

/** The default outbox capacity. */
export const defaultOutboxCapacity = 100;

/**
 * The default wait before retry `attempt` (from 1) of a transiently failed send: 1 s, 2 s, 4 s … capped at 30 s.
 * Jitter is not needed here: the adapters already jitter their own retries, and one session sends one at a time.
 */
export function outboxRetryDelay(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, Math.min(attempt - 1, 15)));
}

interface Entry {
  operation: OutboxOperation<unknown>;
  resolve(value: unknown): void;
  reject(error: ChatError): void;
  controller: AbortController;
  detach: () => void;
}

function abortedError(label: string): ChatError {
  return new ChatError(ChatErrorCode.aborted, `unable to send ${label}; the send was cancelled`);
}

function asChatError(error: unknown, label: string): ChatError {
  if (isChatError(error)) return error;
  return new ChatError(ChatErrorCode.unknown, `unable to send ${label}; the request failed`, {
    cause: error,
  });
}

/**
 * Creates an outbox. It starts held: call `open()` once the session is connected.
 *
 * @throws a `ChatError` coded `validation` when `maxAttempts` is not a whole number from 1.
 *
 * @example
 * ```ts
 * const outbox = createOutbox({ timers });
 * const clientToken = crypto.randomUUID();
 * const sent = outbox.enqueue({ label: 'message', run: (signal) => api.sendMessage({ ...input, ClientToken: clientToken }, { signal }) });
 * outbox.open();
 * ```
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const capacity = options.capacity ?? defaultOutboxCapacity;
  const retryDelay = options.retryDelay ?? outboxRetryDelay;
  const maxAttempts = options.maxAttempts ?? Number.POSITIVE_INFINITY;
  if (maxAttempts !== Number.POSITIVE_INFINITY && !(Number.isInteger(maxAttempts) && maxAttempts >= 1))
    throw new ChatError(
      ChatErrorCode.validation,
      `unable to create outbox; maxAttempts must be a whole number from 1 up, got ${String(maxAttempts)}`,
    );
  const { timers } = options;
  const queue: Entry[] = [];
  let isOpen = false;
  let closedWith: ChatError | undefined;
  let inFlight: Entry | undefined;
  let headAttempts = 0;
  let retryTimer: unknown;

  const clearRetry = (): void => {
    if (retryTimer !== undefined) timers.clearTimeout(retryTimer);
    retryTimer = undefined;
  };

  const settle = (entry: Entry): void => {
    entry.detach();
    const index = queue.indexOf(entry);
    if (index >= 0) queue.splice(index, 1);
    if (index === 0) {
      headAttempts = 0;
      clearRetry();
    }
  };

  const rejectAll = (error: ChatError, abortInFlight: boolean): void => {
    clearRetry();
    headAttempts = 0;
    for (const entry of [...queue]) {
      if (entry === inFlight && !abortInFlight) continue;
      settle(entry);
      if (entry === inFlight) entry.controller.abort();
      entry.reject(error);
    }
  };

  const pump = (): void => {
    if (!isOpen || inFlight || retryTimer !== undefined || closedWith) return;
    const entry = queue[0];
    if (!entry) return;
    inFlight = entry;
    let result: Promise<unknown>;
    try {
      result = entry.operation.run(entry.controller.signal);
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(
      (value) => {
        inFlight = undefined;
        settle(entry);
        entry.resolve(value);
        pump();
      },
      (error: unknown) => {
        inFlight = undefined;
        if (!queue.includes(entry)) {
          pump();
          return;
        }
        const failure = entry.controller.signal.aborted
          ? abortedError(entry.operation.label)
          : asChatError(error, entry.operation.label);
        if (closedWith || !isRetryableCode(failure.code)) {
          settle(entry);
          entry.reject(isRetryableCode(failure.code) ? (closedWith ?? failure) : failure);
          pump();
          return;
        }
        headAttempts += 1;
        if (headAttempts >= maxAttempts) {
          settle(entry);
          entry.reject(failure);
          pump();
          return;
        }
        retryTimer = timers.setTimeout(() => {
          retryTimer = undefined;
          pump();
        }, retryDelay(headAttempts));
      },
    );
  };

  return {
    enqueue<Result>(operation: OutboxOperation<Result>): Promise<Result> {
      if (closedWith) return Promise.reject(closedWith);
      if (operation.signal?.aborted) return Promise.reject(abortedError(operation.label));
      if (queue.length >= capacity)
        return Promise.reject(
          new ChatError(
            ChatErrorCode.queueFull,
            `unable to send ${operation.label}; ${capacity} sends are already waiting for the connection`,
          ),
        );
      return new Promise<Result>((resolve, reject) => {
        const controller = new AbortController();
        const onAbort = (): void => {
          if (!queue.includes(entry)) return;
          const wasHead = queue[0] === entry;
          if (inFlight === entry) {
            // The in-flight request is aborted; its rejection settles the entry.
            controller.abort();
            return;
          }
          settle(entry);
          reject(abortedError(operation.label));
          if (wasHead) pump();
        };
        const entry: Entry = {
          operation: operation as OutboxOperation<unknown>,
          resolve: resolve as (value: unknown) => void,
          reject,
          controller,
          detach: () => operation.signal?.removeEventListener('abort', onAbort),
        };
        operation.signal?.addEventListener('abort', onAbort);
        queue.push(entry);
        pump();
      });
    },
    open() {
      if (closedWith) return;
      if (!isOpen) {
        isOpen = true;
        // A retry that was waiting goes now: the connection just came back, which is the best moment to try.
        clearRetry();
      }
      pump();
    },
    hold() {
      isOpen = false;
    },
    reject(error) {
      rejectAll(error, false);
    },
    close(error, closeOptions = {}) {
      if (closedWith) return;
      closedWith = error;
      isOpen = false;
      rejectAll(error, closeOptions.abortInFlight === true);
    },
    state(): OutboxState {
      return { size: queue.length, open: isOpen, sending: inFlight !== undefined, headAttempts };
    },
  };
}
