import { describe, expect, it } from 'vitest';
import { linkSeries, spanFor, upPercent } from '../../../../../renderer/src/sync/linkChart.std.js';
import { spanText } from '../../../../../renderer/src/sync/timeText.std.js';
import { NO_PROBES } from '../../../../../electron/contract/sync.std.js';
import { linkHistory } from '../../../../../sync/replication/linkPolicy.std.js';

const now = Date.parse('2026-11-23T07:00:00.000Z');

describe('the 24 h link chart', () => {
  it('turns main’s buckets into uPlot series, gaps kept as gaps', () => {
    const samples = [
      { at: now - 60_000, up: true, rttMs: 10 },
      { at: now - 50_000, up: false, rttMs: null },
      { at: now - 3 * 3_600_000, up: true, rttMs: 30 },
    ];
    const buckets = linkHistory(samples, now);
    const series = linkSeries(buckets);
    expect(series.xs).toHaveLength(96);
    expect((series.xs[1] ?? 0) - (series.xs[0] ?? 0)).toBe(900);
    expect(series.upPercent.at(-1)).toBe(50);
    expect(series.rttMs.at(-1)).toBe(10);
    expect(series.upPercent.filter((value) => value !== null)).toEqual([100, 50]);
    expect(series.upPercent[0]).toBeNull();
  });

  it('shows the last hour while every probe of the day falls in it, the 24 h once there is more', () => {
    const probes = (minutesBack: number) =>
      Array.from({ length: minutesBack * 6 }, (_, index) => ({ at: now - 1 - index * 10_000, up: true, rttMs: 5 }));
    expect(spanFor(linkHistory([], now))).toBe('hour');
    expect(spanFor(linkHistory(probes(20), now))).toBe('hour');
    expect(spanFor(linkHistory(probes(44), now))).toBe('hour');
    expect(spanFor(linkHistory(probes(70), now))).toBe('day');
    expect(spanFor(linkHistory([{ at: now - 5 * 3_600_000, up: false, rttMs: null }], now))).toBe('day');
  });

  it('sorts by time and drops unreadable times', () => {
    const series = linkSeries([
      { at: '2026-11-23T06:15:00.000Z', upRatio: 1, rttMs: 5 },
      { at: 'nonsense', upRatio: 0, rttMs: null },
      { at: '2026-11-23T06:00:00.000Z', upRatio: 0.25, rttMs: null },
    ]);
    expect(series).toEqual({
      xs: [Date.parse('2026-11-23T06:00:00.000Z') / 1000, Date.parse('2026-11-23T06:15:00.000Z') / 1000],
      upPercent: [25, 100],
      rttMs: [null, 5],
    });
  });

  it("shows main's share up as a percent with one decimal, nothing without probes", () => {
    expect(upPercent(NO_PROBES)).toBeNull();
    expect(upPercent({ ...NO_PROBES, probes: 3, upRatio: 2 / 3 })).toBe(66.7);
  });

  it('says how long an outage lasted in words', () => {
    expect(spanText(45_000, 'th')).toBe('45 วินาที');
    expect(spanText(12 * 60_000, 'en')).toBe('12 min');
    expect(spanText(3 * 3_600_000 + 5 * 60_000, 'th')).toBe('3 ชม. 5 นาที');
    expect(spanText(2 * 3_600_000, 'en')).toBe('2 h');
  });
});
