// The probe loop follows nextProbeDelay: quick capped back-off while down, the long interval while up.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LinkMonitor } from '../../../../../electron/services/sync/linkMonitor.node.js';
import { DEFAULT_PROBE_POLICY } from '../../../../../sync/replication/linkPolicy.std.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('link monitor', () => {
  it('probes with 250, 500, 1000, 2000, 2000 ms gaps while down and 10 s while up', async () => {
    vi.useFakeTimers();
    const outcomes = [false, false, false, false, false, true, true];
    const times: number[] = [];
    const start = Date.now();
    const monitor = new LinkMonitor(() => {
      times.push(Date.now() - start);
      return Promise.resolve({ up: outcomes[times.length - 1] ?? true });
    }, DEFAULT_PROBE_POLICY);
    monitor.start();
    await vi.advanceTimersByTimeAsync(30_000);
    await monitor.stop();
    const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0));
    expect(gaps.slice(0, 6)).toEqual([250, 500, 1000, 2000, 2000, 10_000]);
  });

  it('wake() probes at once and joins a probe under way; stop() ends the loop', async () => {
    vi.useFakeTimers();
    let calls = 0;
    let release: (() => void) | null = null;
    const monitor = new LinkMonitor(() => {
      calls += 1;
      return new Promise<{ up: boolean }>((resolve) => {
        release = () => resolve({ up: true });
      });
    });
    monitor.start();
    const joined = monitor.wake();
    expect(calls).toBe(1);
    (release as (() => void) | null)?.();
    await joined;
    await monitor.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(1);
  });
});
