import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bytesText, parseWorkingSetDays } from '../../../../../renderer/src/sync/storeUse.std.js';

describe('store use on the IT dashboard', () => {
  it('shows sizes in MB or GB, Thai digits never, one decimal', () => {
    expect(bytesText(15_561_331, 'en')).toBe('15.6 MB');
    expect(bytesText(2_400_000_000, 'th')).toBe('2.4 GB');
    expect(bytesText(0, 'th')).toBe('0.0 MB');
  });

  it('takes only whole days from 1 to 3650', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3650 }), (days) => {
        expect(parseWorkingSetDays(` ${days} `)).toBe(days);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 3651 })), (days) => {
        expect(parseWorkingSetDays(String(days))).toBeNull();
      }),
    );
    for (const text of ['', '30.5', '3e1', 'สามสิบ', '-1', '30 วัน']) expect(parseWorkingSetDays(text)).toBeNull();
  });
});
