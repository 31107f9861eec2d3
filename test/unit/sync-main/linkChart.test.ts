// The 24 h link chart and its summary, from probe samples.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUCKET_MS, CHART_SPAN_MS, alignedEnd, chartBuckets, linkSummary } from '../../../electron/services/sync/linkChart.std.js';

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
      fc.property(fc.array(fc.record({ offset: fc.integer({ min: 0, max: CHART_SPAN_MS - BUCKET_MS }), up: fc.boolean() }), { maxLength: 200 }), (raw) => {
        const samples = raw.map((sample) => ({ at: now - sample.offset, up: sample.up, rttMs: sample.up ? 5 : null }));
        const buckets = chartBuckets(samples, now);
        const withData = buckets.filter((bucket) => bucket.upRatio !== null).length;
        const distinct = new Set(samples.map((sample) => Math.floor(sample.at / BUCKET_MS))).size;
        expect(withData).toBe(distinct);
        expect(alignedEnd(now) - Date.parse(buckets[0]?.at ?? '')).toBe(CHART_SPAN_MS);
      }),
    );
  });
});

describe('link summary', () => {
  it('counts outages and the longest one, including one still going on', () => {
    const s = (minutesAgo: number, up: boolean) => ({ at: now - minutesAgo * 60_000, up, rttMs: up ? 12 : null });
    const summary = linkSummary([s(100, true), s(90, false), s(80, false), s(70, true), s(60, true), s(10, false)], now);
    expect(summary).toEqual({ probes: 6, upRatio: 0.5, outages: 2, longestOutageMs: 20 * 60_000, medianRttMs: 12 });
    expect(linkSummary([s(30, false)], now).longestOutageMs).toBe(30 * 60_000);
    expect(linkSummary([], now)).toEqual({ probes: 0, upRatio: null, outages: 0, longestOutageMs: 0, medianRttMs: null });
  });

  it('never more outages than failed probes, never longer than the window', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ offset: fc.integer({ min: 1, max: CHART_SPAN_MS }), up: fc.boolean() }), { maxLength: 100 }), (raw) => {
        const samples = raw.map((sample) => ({ at: now - sample.offset, up: sample.up, rttMs: null }));
        const summary = linkSummary(samples, now);
        expect(summary.outages).toBeLessThanOrEqual(samples.filter((sample) => !sample.up).length);
        expect(summary.longestOutageMs).toBeLessThanOrEqual(CHART_SPAN_MS);
        expect(summary.probes).toBe(samples.length);
      }),
    );
  });
});
