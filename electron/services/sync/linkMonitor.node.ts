/**
 * The probe loop: one cheap probe of central at a time, the next one after `nextProbeDelay(failures)`
 * (10 s while up; 250 ms doubling to 2 s while down, so a returning link is seen within about 3.5 s).
 * `wake()` probes at once (sync now, new configuration). What a probe does is the caller's.
 */
import { DEFAULT_PROBE_POLICY, nextProbeDelay, type ProbePolicy } from '../../../sync/replication/linkPolicy.std.js';

export interface Probed {
  readonly up: boolean;
}

export class LinkMonitor<P extends Probed> {
  readonly #probe: () => Promise<P>;
  readonly #policy: ProbePolicy;
  #failures = 0;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<P> | null = null;
  #stopped = true;

  constructor(probe: () => Promise<P>, policy: ProbePolicy = DEFAULT_PROBE_POLICY) {
    this.#probe = probe;
    this.#policy = policy;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    void this.wake();
  }

  /** Probes now (or joins the probe under way) and schedules the next one. */
  wake(): Promise<P> {
    if (this.#running !== null) return this.#running;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#running = this.#probe().finally(() => {
      this.#running = null;
    });
    void this.#running.then(
      (result) => this.#schedule(result.up),
      () => this.#schedule(false),
    );
    return this.#running;
  }

  /** Stops probing and waits for a probe under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
  }

  #schedule(up: boolean): void {
    this.#failures = up ? 0 : this.#failures + 1;
    if (this.#stopped) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.wake(), nextProbeDelay(this.#failures, this.#policy));
    this.#timer.unref();
  }
}
