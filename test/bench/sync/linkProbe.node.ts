/**
 * The link probe as main runs it (sync/replication/linkPolicy.std.ts): a small GET to central, every 10 s
 * while up, with a short capped back-off while down; when a probe succeeds after failures the link is back
 * and replication is restarted at once (Replicator.kick) instead of waiting for PouchDB's long back-off.
 */
import { DEFAULT_PROBE_POLICY, nextProbeDelay, type ProbePolicy } from '../../../sync/replication/linkPolicy.std.js';

export interface LinkProbeLoop {
  /** The replicator saw the link fail: probe now and keep probing with the short back-off. */
  markDown(): void;
  /** When the link was last seen coming back (ms since epoch), or null. */
  readonly returnedAt: () => number | null;
  stop(): void;
}

export function startLinkProbe(
  url: string,
  onReturn: () => void,
  policy: ProbePolicy = DEFAULT_PROBE_POLICY,
): LinkProbeLoop {
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let returnedAt: number | null = null;

  async function probe(): Promise<void> {
    const up = await fetch(url, { signal: AbortSignal.timeout(policy.timeoutMs) }).then(
      async (response) => {
        await response.arrayBuffer();
        return true;
      },
      () => false,
    );
    if (stopped) return;
    if (up && failures > 0) {
      returnedAt = Date.now();
      onReturn();
    }
    failures = up ? 0 : failures + 1;
    schedule(nextProbeDelay(failures, policy));
  }

  function schedule(delay: number): void {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void probe(), delay);
  }

  schedule(nextProbeDelay(0, policy));
  return {
    markDown() {
      if (failures === 0) failures = 1;
      schedule(0);
    },
    returnedAt: () => returnedAt,
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
}
