// The 24 h link chart and its summary, from probe samples.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BUCKET_MS,
  CHART_SPAN_MS,
  LinkChartCache,
  alignedEnd,
  chartBuckets,
  linkSummary,
  recentBuckets,
} from '../../../../../electron/services/sync/linkChart.std.js';
import type { LinkSample } from '../../../../../sync/replication/linkPolicy.std.js';

const now = Date.parse('2026-11-23T10:07:30.000Z');

describe('link chart', () => {
  it('96 quarter-hour buckets aligned to the clock, the last holding now', () => {
    const buckets = chartBuckets([], now);
    expect(buckets).toHaveLength(96);
    expect(buckets.at(-1)?.at).toBe('2026-11-23T10:00:00.000Z');
    expect(buckets[0]?.at).toBe('2026-11-22T10:15:00.000Z');
    for (const bucket of buckets) expect(Date.parse(bucket.at) % BUCKET_MS).toBe(0);
    expect(buckets.every((bucket) => bucket.upRatio === null && bucket.rttMs === null)).toBe(true);
    // Refreshing within the same quarter hour gives the same chart.
    expect(chartBuckets([], now + 60_000)).toEqual(buckets);
  });

  it('the last hour in 60 minutes, the last holding now: an hour of 10 s probes fills it, where it fills 4 of the 96', () => {
    const samples = Array.from({ length: 360 }, (_, index) => ({
      at: now - index * 10_000,
      up: index % 60 !== 7,
      rttMs: 12,
    }));
    const recent = recentBuckets(samples, now);
    expect(recent).toHaveLength(60);
    expect(recent.at(-1)?.at).toBe('2026-11-23T10:07:00.000Z');
    expect(recent[0]?.at).toBe('2026-11-23T09:08:00.000Z');
    expect(recent.filter((bucket) => bucket.upRatio !== null)).toHaveLength(60);
    expect(chartBuckets(samples, now).filter((bucket) => bucket.upRatio !== null)).toHaveLength(5);
    // A failed probe every ten minutes: its minute reads 5 of 6.
    expect(recent.some((bucket) => bucket.upRatio !== null && Math.abs(bucket.upRatio - 5 / 6) < 1e-9)).toBe(true);
    const table = probeTable(samples);
    expect(new LinkChartCache((from) => table.samples(from)).recent(now)).toEqual(recent);
  });

  it('share up and median round trip per bucket; old samples are ignored', () => {
    const samples = [
      { at: now - 60_000, up: true, rttMs: 30 },
      { at: now - 50_000, up: true, rttMs: 10 },
      { at: now - 40_000, up: true, rttMs: 20 },
      { at: now - 30_000, up: false, rttMs: null },
      { at: now - 20 * 60_000, up: false, rttMs: null },
      { at: now - 3 * CHART_SPAN_MS, up: true, rttMs: 1 },
    ];
    const buckets = chartBuckets(samples, now);
    expect(buckets.at(-1)).toEqual({ at: '2026-11-23T10:00:00.000Z', upRatio: 0.75, rttMs: 20 });
    expect(buckets.at(-2)).toEqual({ at: '2026-11-23T09:45:00.000Z', upRatio: 0, rttMs: null });
    expect(buckets.filter((bucket) => bucket.upRatio !== null)).toHaveLength(2);
  });

  it('every sample of the window lands in exactly one bucket', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ offset: fc.integer({ min: 0, max: CHART_SPAN_MS - BUCKET_MS }), up: fc.boolean() }), {
          maxLength: 200,
        }),
        (raw) => {
          const samples = raw.map((sample) => ({
            at: now - sample.offset,
            up: sample.up,
            rttMs: sample.up ? 5 : null,
          }));
          const buckets = chartBuckets(samples, now);
          const withData = buckets.filter((bucket) => bucket.upRatio !== null).length;
          const distinct = new Set(samples.map((sample) => Math.floor(sample.at / BUCKET_MS))).size;
          expect(withData).toBe(distinct);
          expect(alignedEnd(now) - Date.parse(buckets[0]?.at ?? '')).toBe(CHART_SPAN_MS);
        },
      ),
    );
  });
});

/** A probe table in memory, with the `from` of every read. */
function probeTable(initial: LinkSample[] = []) {
  const rows = [...initial];
  const reads: number[] = [];
  return {
    rows,
    reads,
    samples(from: number): LinkSample[] {
      reads.push(from);
      return rows.filter((row) => row.at >= from).sort((a, b) => a.at - b.at);
    },
  };
}

describe('link chart cache (what the dashboard reads)', () => {
  it('shows a probe at once, though the chart was read just before it', () => {
    const table = probeTable();
    const chart = new LinkChartCache((from) => table.samples(from));
    expect(chart.buckets(now).every((bucket) => bucket.upRatio === null)).toBe(true);
    table.rows.push({ at: now + 1_000, up: true, rttMs: 42 });
    chart.recorded(now + 1_000);
    expect(chart.buckets(now + 1_500).at(-1)).toEqual({ at: '2026-11-23T10:00:00.000Z', upRatio: 1, rttMs: 42 });
  });

  it('gives the summary the dashboard and the CLI share: each stored probe at once, an open outage growing with the clock', () => {
    const table = probeTable([{ at: now - 60_000, up: true, rttMs: 9 }]);
    const chart = new LinkChartCache((from) => table.samples(from));
    expect(chart.summary(now)).toEqual(linkSummary(table.rows, now));
    table.rows.push({ at: now + 1_000, up: false, rttMs: null });
    chart.recorded(now + 1_000);
    expect(chart.summary(now + 2_000)).toMatchObject({ probes: 2, outages: 1, longestOutageMs: 1_000 });
    // No new probe: the same figures for a while, then the outage has grown.
    const reads = table.reads.length;
    expect(chart.summary(now + 30_000)).toMatchObject({ longestOutageMs: 1_000 });
    expect(table.reads).toHaveLength(reads);
    expect(chart.summary(now + 62_000)).toMatchObject({ outages: 1, longestOutageMs: 61_000 });
  });

  it('reads the closed 24 h once per quarter hour, the open bucket at every read', () => {
    const table = probeTable([{ at: now - 3 * 60 * 60_000, up: true, rttMs: 9 }]);
    const chart = new LinkChartCache((from) => table.samples(from));
    const openStart = alignedEnd(now) - BUCKET_MS;
    for (let read = 0; read < 10; read += 1) chart.buckets(now + read * 10_000);
    expect(table.reads.filter((from) => from < openStart)).toEqual([alignedEnd(now) - CHART_SPAN_MS]);
    expect(table.reads.filter((from) => from === openStart)).toHaveLength(10);
    // The next quarter hour: the closed buckets once more.
    chart.buckets(openStart + BUCKET_MS + 1);
    expect(table.reads.filter((from) => from < openStart + BUCKET_MS)).toHaveLength(12);
  });

  it('a slow probe stored after the quarter hour turned still counts in the bucket it began in', () => {
    const table = probeTable();
    const chart = new LinkChartCache((from) => table.samples(from));
    const turn = alignedEnd(now);
    chart.buckets(turn + 100);
    table.rows.push({ at: turn - 2_000, up: false, rttMs: null });
    chart.recorded(turn - 2_000);
    expect(chart.buckets(turn + 3_000).at(-2)).toMatchObject({ upRatio: 0 });
  });

  it('always equals the chart of every probe so far, however probes and reads interleave', () => {
    // Each step: time moves on, then maybe a probe (begun up to 10 s earlier) is stored, then the chart is read.
    const step = fc.record({
      advance: fc.integer({ min: 0, max: 20 * 60_000 }),
      probe: fc.option(
        fc.record({
          lag: fc.integer({ min: 0, max: 10_000 }),
          up: fc.boolean(),
          rtt: fc.integer({ min: 1, max: 900 }),
        }),
      ),
      read: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const table = probeTable([{ at: now - 6 * 60 * 60_000, up: true, rttMs: 7 }]);
        const chart = new LinkChartCache((from) => table.samples(from));
        let clock = now;
        for (const { advance, probe, read } of steps) {
          clock += advance;
          if (probe !== null) {
            const at = clock - probe.lag;
            table.rows.push({ at, up: probe.up, rttMs: probe.up ? probe.rtt : null });
            chart.recorded(at);
          }
          if (read) expect(chart.buckets(clock)).toEqual(chartBuckets(table.rows, clock));
        }
        expect(chart.buckets(clock)).toEqual(chartBuckets(table.rows, clock));
      }),
    );
  });
});

describe('link summary', () => {
  it('counts outages and the longest one, including one still going on', () => {
    const s = (minutesAgo: number, up: boolean) => ({ at: now - minutesAgo * 60_000, up, rttMs: up ? 12 : null });
    const summary = linkSummary(
      [s(100, true), s(90, false), s(80, false), s(70, true), s(60, true), s(10, false)],
      now,
    );
    expect(summary).toEqual({ probes: 6, upRatio: 0.5, outages: 2, longestOutageMs: 20 * 60_000, medianRttMs: 12 });
    expect(linkSummary([s(30, false)], now).longestOutageMs).toBe(30 * 60_000);
    expect(linkSummary([], now)).toEqual({
      probes: 0,
      upRatio: null,
      outages: 0,
      longestOutageMs: 0,
      medianRttMs: null,
    });
  });

  it('never more outages than failed probes, never longer than the window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ offset: fc.integer({ min: 1, max: CHART_SPAN_MS }), up: fc.boolean() }), {
          maxLength: 100,
        }),
        (raw) => {
          const samples = raw.map((sample) => ({ at: now - sample.offset, up: sample.up, rttMs: null }));
          const summary = linkSummary(samples, now);
          expect(summary.outages).toBeLessThanOrEqual(samples.filter((sample) => !sample.up).length);
          expect(summary.longestOutageMs).toBeLessThanOrEqual(CHART_SPAN_MS);
          expect(summary.probes).toBe(samples.length);
        },
      ),
    );
  });
});
