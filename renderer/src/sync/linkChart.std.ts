/**
 * The 24 h link chart's series, pure. Buckets come from main (SyncStatus.linkHistory: 15-minute buckets with
 * the share of probes that reached central and their median round trip); a bucket without probes stays a gap
 * (null), never a zero that would look like an outage. The summary in words is main's (SyncStatus.linkSummary),
 * so the dashboard and `npm run sync -- status` give the same figures.
 */
import type { LinkSummary } from '../../../electron/contract/sync.std.js';
export interface LinkBucketLike {
  readonly at: string;
  readonly upRatio: number | null;
  readonly rttMs: number | null;
}

export interface LinkSeries {
  /** Bucket starts in Unix seconds (uPlot's time scale). */
  readonly xs: number[];
  /** Percent of probes up, 0-100. */
  readonly upPercent: (number | null)[];
  readonly rttMs: (number | null)[];
}

export function linkSeries(buckets: readonly LinkBucketLike[]): LinkSeries {
  const rows = buckets
    .map((bucket) => ({ x: Date.parse(bucket.at) / 1_000, up: bucket.upRatio, rtt: bucket.rttMs }))
    .filter((row) => Number.isFinite(row.x))
    .sort((a, b) => a.x - b.x);
  return {
    xs: rows.map((row) => row.x),
    upPercent: rows.map((row) => (row.up === null ? null : Math.round(row.up * 1_000) / 10)),
    rttMs: rows.map((row) => row.rtt),
  };
}

/** The percent shown for main's share of probes up (one decimal), or null with no probes. */
export function upPercent(summary: LinkSummary): number | null {
  return summary.upRatio === null ? null : Math.round(summary.upRatio * 1_000) / 10;
}
