/**
 * Runs a background job on request, at most once per `minGapMs` and never two at once: a request while the
 * job runs or too soon after the last start is remembered and served once, when both allow. Used to warm the
 * store's indexes after replication brought documents down (a pull reports many batches a second).
 */
import type { Timers } from './timers.std.js';

export interface RunGate {
  request(): void;
  /** No run starts after this; resolves when the one in flight (if any) has settled. */
  stop(): Promise<void>;
}

export function runGate(
  job: () => Promise<unknown>,
  minGapMs: number,
  clock: Timers,
  onError: (error: unknown) => void,
): RunGate {
  let lastStart = Number.NEGATIVE_INFINITY;
  let running: Promise<void> | null = null;
  let timer: unknown = null;
  let again = false;
  let stopped = false;

  function start(): void {
    timer = null;
    if (stopped) return;
    lastStart = clock.now();
    again = false;
    running = (async () => {
      try {
        await job();
      } catch (error) {
        onError(error);
      }
    })().then(() => {
      running = null;
      if (again) request();
    });
  }

  function request(): void {
    if (stopped) return;
    if (running !== null) {
      again = true;
      return;
    }
    if (timer !== null) return;
    const wait = lastStart + minGapMs - clock.now();
    if (wait <= 0) start();
    else timer = clock.setTimeout(start, wait);
  }

  return {
    request,
    async stop() {
      stopped = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
