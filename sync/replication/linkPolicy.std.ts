/**
 * When to probe central and what the dashboard says, pure. A dead link is probed with a short capped back-off
 * (250 ms doubling to 2 s, each probe with a 1.5 s timeout) so a returning link is noticed within about 3.5 s,
 * while costing at most one small request every 2 s; a live link is probed every 10 s. Replication itself
 * backs off much longer (up to 30 s) and is restarted by the probe the moment the link is back.
 */
import type { LinkProbe, ReplicationReport, SyncState } from './report.std.js';
import type { SyncErrorCode } from './syncErrors.std.js';

export interface ProbePolicy {
  readonly upIntervalMs: number;
  readonly downStartMs: number;
  readonly downCapMs: number;
  readonly timeoutMs: number;
}

export const DEFAULT_PROBE_POLICY: ProbePolicy = {
  upIntervalMs: 10_000,
  downStartMs: 250,
  downCapMs: 2_000,
  timeoutMs: 1_500,
};

/** Delay before the next probe after `failures` failed probes in a row (0 = link up). */
export function nextProbeDelay(failures: number, policy: ProbePolicy = DEFAULT_PROBE_POLICY): number {
  if (failures <= 0) return policy.upIntervalMs;
  return Math.min(policy.downCapMs, policy.downStartMs * 2 ** Math.min(failures - 1, 20));
}

/** PouchDB's back_off_function: 1 s, doubling to 30 s (the probe restarts replication sooner when the link returns). */
export function replicationBackOff(previousMs: number): number {
  return previousMs <= 0 ? 1_000 : Math.min(previousMs * 2, 30_000);
}

/**
 * The link a station's state is judged by: the hospital hub's while its replication reports running over the hub
 * (GIN may be down meanwhile, and the station is not offline for that), central's otherwise.
 */
export function replicationLink(
  central: LinkProbe | null,
  hub: { readonly link: LinkProbe | null } | null | undefined,
  report: Pick<ReplicationReport, 'path'> | null,
): LinkProbe | null {
  return report?.path === 'hub' && hub != null ? hub.link : central;
}

/** The one state to show, from main's probe and the renderer's last report. Never up_to_date over a failure. */
export function combinedState(
  configured: boolean,
  link: LinkProbe | null,
  report: ReplicationReport | null,
): { state: SyncState; errorCode: SyncErrorCode | null } {
  if (!configured) return { state: 'unconfigured', errorCode: null };
  if (link !== null && !link.up) {
    const code = link.errorCode ?? 'sync_offline';
    return code === 'sync_offline' || code === 'sync_timeout'
      ? { state: 'offline', errorCode: code }
      : { state: 'error', errorCode: code };
  }
  if (report === null) return { state: 'connecting', errorCode: null };
  if (report.state === 'up_to_date' && report.rejections.length > 0)
    return { state: 'error', errorCode: 'sync_rejected_documents' };
  if (report.state === 'up_to_date' && report.conflicts.length > 0)
    return { state: 'error', errorCode: 'sync_conflicts_pending' };
  return { state: report.state, errorCode: report.errorCode };
}

export interface LinkSample {
  readonly at: number;
  readonly up: boolean;
  readonly rttMs: number | null;
}

/** Samples of the last 24 h in 96 buckets of 15 min: share up and median round trip (null where none). */
export function linkHistory(
  samples: readonly LinkSample[],
  now: number,
  buckets = 96,
  spanMs = 86_400_000,
): { at: string; upRatio: number | null; rttMs: number | null }[] {
  const width = spanMs / buckets;
  const start = now - spanMs;
  const groups: LinkSample[][] = Array.from({ length: buckets }, () => []);
  for (const sample of samples) {
    const index = Math.floor((sample.at - start) / width);
    if (index >= 0 && index < buckets) groups[index]?.push(sample);
  }
  return groups.map((group, index) => {
    const rtts = group
      .map((sample) => sample.rttMs)
      .filter((value): value is number => value !== null)
      .sort((a, b) => a - b);
    return {
      at: new Date(start + index * width).toISOString(),
      upRatio: group.length === 0 ? null : group.filter((sample) => sample.up).length / group.length,
      rttMs: rtts.length === 0 ? null : (rtts[Math.floor(rtts.length / 2)] ?? null),
    };
  });
}

/** HTTP status or network error of a failed central request → the catalogued code. */
export function classifyFailure(failure: { status?: number | null; code?: string | null }): SyncErrorCode {
  const status = failure.status ?? null;
  if (status === 401) return 'sync_wrong_password';
  if (status === 403) return 'sync_forbidden';
  if (status === 502 || status === 503 || status === 504) return 'sync_server_down';
  if (status !== null && status >= 500) return 'sync_server_error';
  const code = failure.code ?? '';
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i.test(code)) return 'sync_certificate';
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE') return 'sync_server_down';
  if (code === 'ETIMEDOUT' || code === 'TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'sync_timeout';
  return 'sync_offline';
}
