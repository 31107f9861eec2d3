/**
 * The link over the last 24 h, pure: the chart's 96 buckets of 15 min aligned to the clock (so the chart
 * does not slide with every refresh and can be cached per bucket), the last hour's 60 minutes (a station that
 * has probed for an hour fills 4 of the 96, which reads as an empty chart) and a one-line summary for IT.
 */
import { linkHistory, type LinkSample } from '../../../sync/replication/linkPolicy.std.js';
import type { LinkBucket, LinkSummary } from '../../contract/sync.std.js';
import type { z } from 'zod';

export const BUCKET_MS = 15 * 60_000;
export const CHART_SPAN_MS = 24 * 60 * 60_000;
/** An outage still open grows with the clock: the summary is worked out again at least this often. */
const SUMMARY_REFRESH_MS = 60_000;

/** The last hour in minutes. */
export const RECENT_BUCKET_MS = 60_000;
export const RECENT_SPAN_MS = 60 * 60_000;

/** The end of the bucket that holds `now`: buckets start on whole quarter hours. */
export function alignedEnd(now: number, bucketMs = BUCKET_MS): number {
  return Math.floor(now / bucketMs) * bucketMs + bucketMs;
}

/** 96 buckets, oldest first; the last one holds `now`. Samples outside the 24 h are ignored. */
export function chartBuckets(samples: readonly LinkSample[], now: number): z.infer<typeof LinkBucket>[] {
  return linkHistory(samples, alignedEnd(now), CHART_SPAN_MS / BUCKET_MS, CHART_SPAN_MS);
}

/** 60 buckets of a minute, oldest first; the last one holds `now`. */
export function recentBuckets(samples: readonly LinkSample[], now: number): z.infer<typeof LinkBucket>[] {
  return linkHistory(samples, alignedEnd(now, RECENT_BUCKET_MS), RECENT_SPAN_MS / RECENT_BUCKET_MS, RECENT_SPAN_MS);
}

/**
 * The chart as the dashboard reads it. The closed buckets (a day of 2 s probes is 43,200 rows) are worked out
 * once per quarter hour; the open bucket, which holds `now`, from its own samples at every read, so each probe
 * shows at once (the first one as soon as sync is configured, not after a cache's lifetime).
 */
export class LinkChartCache {
  readonly #samples: (from: number) => readonly LinkSample[];
  #closed: { readonly bucket: number; readonly buckets: z.infer<typeof LinkBucket>[] } | null = null;
  #summary: { readonly at: number; readonly summary: LinkSummary } | null = null;

  /** `samples(from)`: the probes at or after `from` (epoch ms). */
  constructor(samples: (from: number) => readonly LinkSample[]) {
    this.#samples = samples;
  }

  /** Call for every probe stored: one that lands in a closed bucket (a slow probe that began before the quarter hour turned) is counted there too. */
  recorded(at: number): void {
    if (this.#closed !== null && at < this.#closed.bucket * BUCKET_MS) this.#closed = null;
    this.#summary = null;
  }

  /** linkSummary over the last 24 h, worked out again only after a probe is stored or a minute has passed. */
  summary(now: number): LinkSummary {
    if (this.#summary === null || now - this.#summary.at >= SUMMARY_REFRESH_MS || now < this.#summary.at) {
      this.#summary = { at: now, summary: linkSummary(this.#samples(now - CHART_SPAN_MS), now) };
    }
    return this.#summary.summary;
  }

  /** recentBuckets(all samples, now): the last hour's probes only (at most 1,800 at the 2 s probe), at every read. */
  recent(now: number): z.infer<typeof LinkBucket>[] {
    return recentBuckets(this.#samples(alignedEnd(now, RECENT_BUCKET_MS) - RECENT_SPAN_MS), now);
  }

  /** The 96 buckets of chartBuckets(all samples, now). */
  buckets(now: number): z.infer<typeof LinkBucket>[] {
    const bucket = Math.floor(now / BUCKET_MS);
    const openStart = bucket * BUCKET_MS;
    if (this.#closed?.bucket !== bucket) {
      const closed = chartBuckets(
        this.#samples(openStart + BUCKET_MS - CHART_SPAN_MS).filter((sample) => sample.at < openStart),
        now,
      ).slice(0, -1);
      this.#closed = { bucket, buckets: closed };
    }
    return [...this.#closed.buckets, ...linkHistory(this.#samples(openStart), openStart + BUCKET_MS, 1, BUCKET_MS)];
  }
}

export type { LinkSummary };

/** Outages are runs of failed probes; one lasts from its first failed probe to the next good one (or `now`). */
export function linkSummary(samples: readonly LinkSample[], now: number, spanMs = CHART_SPAN_MS): LinkSummary {
  const window = samples.filter((sample) => sample.at >= now - spanMs && sample.at < now).sort((a, b) => a.at - b.at);
  let outages = 0;
  let longest = 0;
  let downSince: number | null = null;
  for (const sample of window) {
    if (!sample.up && downSince === null) {
      downSince = sample.at;
      outages += 1;
    } else if (sample.up && downSince !== null) {
      longest = Math.max(longest, sample.at - downSince);
      downSince = null;
    }
  }
  if (downSince !== null) longest = Math.max(longest, now - downSince);
  // The whole window as one bucket gives the share up and the median round trip.
  const whole = linkHistory(window, now, 1, spanMs)[0];
  return {
    probes: window.length,
    upRatio: whole?.upRatio ?? null,
    outages,
    longestOutageMs: longest,
    medianRttMs: whole?.rttMs ?? null,
  };
}
