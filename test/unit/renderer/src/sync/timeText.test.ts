import { describe, expect, it } from 'vitest';
import { absoluteTime, chartTick, durationText, relativeTime } from '../../../../../renderer/src/sync/timeText.std.js';

const now = Date.parse('2026-11-23T07:10:00.000Z');

describe('times on the sync dashboard', () => {
  it('says how long ago, in Thai and English', () => {
    expect(relativeTime('2026-11-23T07:05:00.000Z', now, 'en')).toBe('5 minutes ago');
    expect(relativeTime('2026-11-23T07:05:00.000Z', now, 'th')).toBe('5 นาทีที่ผ่านมา');
    expect(relativeTime('2026-11-23T04:10:00.000Z', now, 'en')).toBe('3 hours ago');
    expect(relativeTime('2026-11-21T07:10:00.000Z', now, 'en')).toBe('2 days ago');
    expect(relativeTime('2026-11-23T07:09:58.000Z', now, 'en')).toBe('now');
    expect(relativeTime('2026-11-23T07:09:15.000Z', now, 'en')).toBe('45 seconds ago');
  });

  it('reads a time ahead of this clock (skewed station) as now, and garbage as nothing', () => {
    expect(relativeTime('2026-11-23T08:00:00.000Z', now, 'en')).toBe('now');
    expect(relativeTime('not a date', now, 'en')).toBe('');
    expect(absoluteTime('not a date', 'en')).toBe('');
  });

  it('gives the full date and time, Thai in the Buddhist era', () => {
    expect(absoluteTime('2026-11-23T07:05:00.000Z', 'en', 'Asia/Bangkok')).toBe('23 Nov 2026, 14:05');
    expect(absoluteTime('2026-11-23T07:05:00.000Z', 'th', 'Asia/Bangkok')).toContain('2569');
    expect(absoluteTime('2026-11-23T07:05:00.000Z', 'th', 'Asia/Bangkok')).toContain('14:05');
  });

  it('writes round trips in ms or s', () => {
    expect(durationText(12.4)).toBe('12 ms');
    expect(durationText(1_420)).toBe('1.4 s');
    expect(durationText(null)).toBe('—');
  });
});

describe('link chart ticks', () => {
  const at = (iso: string): number => Date.parse(iso) / 1_000;
  it('24-hour times in the UI language, the day under the first tick and at midnight', () => {
    expect(chartTick(at('2026-12-05T07:00:00.000Z'), false, 'th', 'Asia/Bangkok')).toBe('14:00');
    expect(chartTick(at('2026-12-05T07:00:00.000Z'), true, 'th', 'Asia/Bangkok')).toBe('14:00\n5 ธ.ค.');
    expect(chartTick(at('2026-12-05T17:00:00.000Z'), false, 'th', 'Asia/Bangkok')).toBe('00:00\n6 ธ.ค.');
    expect(chartTick(at('2026-12-05T17:00:00.000Z'), false, 'en', 'Asia/Bangkok')).toBe('00:00\n6 Dec');
    expect(chartTick(at('2026-12-05T05:30:00.000Z'), false, 'en', 'Asia/Bangkok')).toBe('12:30');
  });
});
