/**
 * Waits `ms` milliseconds using an injectable sleep, but settles as soon as `signal` aborts (with `onAbort()`'s
 * error), even when the injected sleep ignores the signal.
 */
export function abortableDelay(
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  ms: number,
  signal: AbortSignal | undefined,
  onAbort: () => Error,
): Promise<void> {
  if (signal === undefined) return sleep(ms);
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<void>((resolve, reject) => {
    const abort = (): void => reject(onAbort());
    signal.addEventListener('abort', abort, { once: true });
    sleep(ms, signal).then(
      () => {
        signal.removeEventListener('abort', abort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(signal.aborted ? onAbort() : error);
      },
    );
  });
}

/** The default sleep: a timer that is cleared when the signal aborts. */
export function timerSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', cancel);
      resolve();
    }, ms);
    // The abortable wrapper rejects; the timer just must not keep the process alive.
    const cancel = (): void => clearTimeout(timer);
    signal?.addEventListener('abort', cancel, { once: true });
  });
}
