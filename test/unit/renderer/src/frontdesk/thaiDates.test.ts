import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageText, displayDate, parseTypedDate } from '../../../../../renderer/src/frontdesk/thaiDates.std.js';

const today = new Date(2026, 11, 6);

describe('Thai dates', () => {
  it('shows Buddhist-era dates with Thai month names, Gregorian in English, partial dates as they are', () => {
    expect(displayDate('1987-01-15', 'th')).toBe('15 มกราคม 2530');
    expect(displayDate('1987-01-15', 'en')).toBe('15 January 1987');
    expect(displayDate('1987-01', 'th')).toBe('มกราคม 2530');
    expect(displayDate('1987', 'th')).toBe('2530');
    expect(displayDate('2031-01-14', 'th')).toBe('14 มกราคม 2574');
  });

  it('gives the age in years, with months under 2, approximate for a partial birth date', () => {
    expect(ageText('1987-01-15', today, 'th')).toBe('39 ปี');
    expect(ageText('1987-12-07', today, 'th')).toBe('38 ปี');
    expect(ageText('2025-08-01', today, 'th')).toBe('1 ปี 4 เดือน');
    expect(ageText('2026-05-20', today, 'en')).toBe('6 months');
    expect(ageText('1987', today, 'th')).toBe('ประมาณ 39 ปี');
    expect(ageText('2030-01-01', today, 'th')).toBeNull();
  });

  it('reads what a clerk types: พ.ศ. in Thai, Gregorian in English, ISO in both', () => {
    expect(parseTypedDate('15/1/2530', 'th', today)).toEqual({ ok: true, iso: '1987-01-15' });
    expect(parseTypedDate('15-01-2530', 'th', today)).toEqual({ ok: true, iso: '1987-01-15' });
    expect(parseTypedDate('1/2530', 'th', today)).toEqual({ ok: true, iso: '1987-01' });
    expect(parseTypedDate('2530', 'th', today)).toEqual({ ok: true, iso: '1987' });
    expect(parseTypedDate('15/1/1987', 'en', today)).toEqual({ ok: true, iso: '1987-01-15' });
    expect(parseTypedDate('15/1/2530', 'en', today)).toEqual({ ok: true, iso: '1987-01-15' });
    expect(parseTypedDate('1987-01-15', 'th', today)).toEqual({ ok: true, iso: '1987-01-15' });
  });

  it('refuses an impossible or future date with the reason, and garbage as a format problem', () => {
    expect(parseTypedDate('31/2/2530', 'th', today)).toEqual({ ok: false, problem: 'impossible' });
    expect(parseTypedDate('29/2/2531', 'th', today)).toEqual({ ok: true, iso: '1988-02-29' });
    expect(parseTypedDate('29/2/2530', 'th', today)).toEqual({ ok: false, problem: 'impossible' });
    expect(parseTypedDate('1/13/2530', 'th', today)).toEqual({ ok: false, problem: 'impossible' });
    expect(parseTypedDate('1/1/2575', 'th', today)).toEqual({ ok: false, problem: 'future' });
    expect(parseTypedDate('yesterday', 'th', today)).toEqual({ ok: false, problem: 'format' });
  });

  it('what it shows in Thai, typed back as d/m/พ.ศ., is the same date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(1900, 0, 1), max: new Date(2026, 11, 6), noInvalidDate: true }), (date) => {
        const iso = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
        const typed = `${date.getDate()}/${date.getMonth() + 1}/${date.getFullYear() + 543}`;
        expect(parseTypedDate(typed, 'th', today)).toEqual({ ok: true, iso });
        expect(displayDate(iso, 'th').endsWith(String(date.getFullYear() + 543))).toBe(true);
      }),
    );
  });
});
