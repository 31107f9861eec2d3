/**
 * The link chart's series, pure. Buckets come from main (SyncStatus.linkHistory: 15-minute buckets over 24 h;
 * SyncStatus.linkRecent: 1-minute buckets over the last hour; each with the share of probes that reached central
 * and their median round trip); a bucket without probes stays a gap (null), never a zero that would look like an
 * outage. The summary in words is main's (SyncStatus.linkSummary), so the dashboard and `npm run sync -- status`
 * give the same figures.
 */
import { NO_PROBES, type LinkSummary, type SyncStatus } from '../../../electron/contract/sync.std.js';
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

/** The links the chart shows: central over GIN, and the hospital hub on the LAN when IT set one. */
export type ChartLinkId = 'central' | 'hub';

export interface LinkValues {
  readonly id: ChartLinkId;
  /** Percent of probes up, 0-100, at each of the shared `xs`; null where the link has no probe. */
  readonly upPercent: (number | null)[];
  readonly rttMs: (number | null)[];
}

export interface LinksSeries {
  /** Every bucket start of any link, in Unix seconds, ascending. */
  readonly xs: number[];
  readonly links: LinkValues[];
}

/**
 * Several links on one time axis (uPlot has one x per chart): each link's values at its own bucket starts and
 * a gap (null) at a start only another link has, never a value moved to a neighbouring time.
 */
export function linksSeries(
  links: readonly { readonly id: ChartLinkId; readonly buckets: readonly LinkBucketLike[] }[],
): LinksSeries {
  const each = links.map((link) => ({ id: link.id, series: linkSeries(link.buckets) }));
  const xs = [...new Set(each.flatMap(({ series }) => series.xs))].sort((a, b) => a - b);
  return {
    xs,
    links: each.map(({ id, series }) => {
      const index = new Map(series.xs.map((x, at) => [x, at]));
      const pick = (values: readonly (number | null)[]) =>
        xs.map((x) => {
          const at = index.get(x);
          return at === undefined ? null : (values[at] ?? null);
        });
      return { id, upPercent: pick(series.upPercent), rttMs: pick(series.rttMs) };
    }),
  };
}

/** spanFor over every link shown: the last hour only while each link's probes of the day fall in it. */
export function spanForLinks(days: readonly (readonly LinkBucketLike[])[]): ChartSpan {
  return days.some((day) => spanFor(day) === 'day') ? 'day' : 'hour';
}

/** One link as the chart shows it: main's 24 h buckets, its last hour and its summary. */
export interface ChartLink {
  readonly id: ChartLinkId;
  /** The last 24 h in quarter hours. */
  readonly buckets: readonly LinkBucketLike[];
  /** The last hour in minutes. */
  readonly recent: readonly LinkBucketLike[];
  readonly summary: LinkSummary;
}

/** The links of a status: central's always (empty before the first status), then the hub's when one is set. */
export function chartLinksOf(status: SyncStatus | null): ChartLink[] {
  const central: ChartLink = {
    id: 'central',
    buckets: status?.linkHistory ?? [],
    recent: status?.linkRecent ?? [],
    summary: status?.linkSummary ?? NO_PROBES,
  };
  const hub = status?.hub;
  return hub === null || hub === undefined
    ? [central]
    : [central, { id: 'hub', buckets: hub.linkHistory, recent: hub.linkRecent, summary: hub.linkSummary }];
}
