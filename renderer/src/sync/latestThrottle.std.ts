/**
 * Sends at most one value per interval and never drops the last one: the first value goes at once, later
 * ones within the interval replace each other and the newest goes when the interval ends. Used for the
 * replication reports the renderer sends to main (many per second while a big batch replicates).
 */
import type { Timers } from '../../../sync/store/timers.std.js';

export interface LatestThrottle<T> {
  push(value: T): void;
  /** Sends the waiting value now, if any. */
  flush(): void;
  /** Drops the waiting value and the timer (on stop). */
  cancel(): void;
}

export function latestThrottle<T>(send: (value: T) => void, intervalMs: number, timers: Timers): LatestThrottle<T> {
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let waiting: { value: T } | null = null;
  let timer: unknown = null;

  function fire(): void {
    timer = null;
    if (waiting === null) return;
    const { value } = waiting;
    waiting = null;
    lastSentAt = timers.now();
    send(value);
  }

  return {
    push(value) {
      waiting = { value };
      if (timer !== null) return;
      const wait = lastSentAt + intervalMs - timers.now();
      if (wait <= 0) fire();
      else timer = timers.setTimeout(fire, wait);
    },
    flush() {
      if (timer !== null) timers.clearTimeout(timer);
      fire();
    },
    cancel() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      waiting = null;
    },
  };
}
