/**
 * The link chart's series, pure. Buckets come from main (SyncStatus.linkHistory: 15-minute buckets over 24 h;
 * SyncStatus.linkRecent: 1-minute buckets over the last hour; each with the share of probes that reached central
 * and their median round trip); a bucket without probes stays a gap (null), never a zero that would look like an
 * outage. The summary in words is main's (SyncStatus.linkSummary), so the dashboard and `npm run sync -- status`
 * give the same figures.
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

/** What the chart spans: the last hour in minutes, or 24 h in quarter hours. */
export type ChartSpan = 'hour' | 'day';

const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * The span that shows what there is: the last hour while every probe of the 24 h falls in it (a station set up
 * minutes ago), else the 24 h. The day's last bucket holds now, so data from a bucket starting less than 45
 * minutes before it lies within the last hour.
 */
export function spanFor(day: readonly LinkBucketLike[]): ChartSpan {
  const starts = day.map((bucket) => Date.parse(bucket.at)).filter((at) => Number.isFinite(at));
  const last = Math.max(...starts);
  const earliestWithData = Math.min(
    ...day.filter((bucket) => bucket.upRatio !== null).map((bucket) => Date.parse(bucket.at)),
  );
  if (!Number.isFinite(earliestWithData)) return 'hour';
  return earliestWithData > last - 4 * QUARTER_HOUR_MS ? 'hour' : 'day';
}
