/**
 * The 24 h link chart's series and its one-line summary, pure. Buckets come from main (SyncStatus.linkHistory:
 * 15-minute buckets with the share of probes that reached central and their median round trip); a bucket
 * without probes stays a gap (null), never a zero that would look like an outage.
 */
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

export interface LinkSummary {
  /** Mean share up over the buckets that had probes (each bucket weighs the same), percent, or null. */
  readonly upPercent: number | null;
  /** Median of the buckets' round trips, or null. */
  readonly rttMs: number | null;
  readonly bucketsWithData: number;
}

export function linkSummary(buckets: readonly LinkBucketLike[]): LinkSummary {
  const ups = buckets.map((bucket) => bucket.upRatio).filter((value): value is number => value !== null);
  const rtts = buckets
    .map((bucket) => bucket.rttMs)
    .filter((value): value is number => value !== null)
    .sort((a, b) => a - b);
  const middle = Math.floor(rtts.length / 2);
  const median = rtts.length === 0 ? null : rtts.length % 2 === 1 ? (rtts[middle] ?? null) : ((rtts[middle - 1] ?? 0) + (rtts[middle] ?? 0)) / 2;
  return {
    upPercent: ups.length === 0 ? null : Math.round((ups.reduce((sum, value) => sum + value, 0) / ups.length) * 1_000) / 10,
    rttMs: median,
    bucketsWithData: ups.length,
  };
}
