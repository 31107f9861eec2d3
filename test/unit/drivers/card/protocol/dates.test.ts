import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isExpired, parseBuddhistDate, toBuddhistDate } from '../../../../../drivers/card/protocol/dates.std.js';

describe('Buddhist-era dates', () => {
  it('converts full, year-month and year-only dates', () => {
    expect(parseBuddhistDate('25300115')).toEqual({ kind: 'date', iso: '1987-01-15', precision: 'day' });
    expect(parseBuddhistDate('25350700')).toEqual({ kind: 'date', iso: '1992-07', precision: 'month' });
    expect(parseBuddhistDate('24900000')).toEqual({ kind: 'date', iso: '1947', precision: 'year' });
  });

  it('reads 99999999 as a lifelong card', () => {
    expect(parseBuddhistDate('99999999')).toEqual({ kind: 'lifelong' });
  });

  it('keeps what is certain from impossible days and months instead of crashing', () => {
    expect(parseBuddhistDate('25670230')).toEqual({ kind: 'date', iso: '2024-02', precision: 'month' });
    expect(parseBuddhistDate('25671399')).toEqual({ kind: 'date', iso: '2024', precision: 'year' });
    expect(parseBuddhistDate('25670229')).toEqual({ kind: 'date', iso: '2024-02-29', precision: 'day' }); // leap year
    expect(parseBuddhistDate('25660229')).toEqual({ kind: 'date', iso: '2023-02', precision: 'month' });
  });

  it('marks garbage as invalid', () => {
    for (const raw of ['', '2530011', '2530O115', '        ', '00000000'])
      expect(parseBuddhistDate(raw).kind).toBe('invalid');
  });

  it('warns on expiry only for a past full date', () => {
    expect(isExpired('2026-08-31', '2026-11-23')).toBe(true);
    expect(isExpired('2031-01-14', '2026-11-23')).toBe(false);
    expect(isExpired('2026-11-23', '2026-11-23')).toBe(false);
  });

  it('property: every calendar date round-trips through the card format', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        (date) => {
          const iso = date.toISOString().slice(0, 10);
          expect(parseBuddhistDate(toBuddhistDate(iso))).toEqual({ kind: 'date', iso, precision: 'day' });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: any 8 bytes of text parse without throwing', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 10 }), (raw) => {
        const parsed = parseBuddhistDate(raw);
        if (parsed.kind === 'date') expect(parsed.iso).toMatch(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/);
      }),
      { numRuns: 1000 },
    );
  });
});
