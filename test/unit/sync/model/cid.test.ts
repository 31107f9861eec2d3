import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cidCheckDigit, formatCid, isValidCid, personType } from '../../../../sync/model/cid.std.js';
import { cidArbitrary, withWrongCheckDigit } from '../../../factories/cardIdentities.js';

describe('citizen id check digit', () => {
  it('computes weights 13..2 and (11 − sum mod 11) mod 10', () => {
    // 1·13+1·12+0·11+1·10+7·9+0·8+0·7+5·6+4·5+8·4+2·3+1·2 = 188; 188 mod 11 = 1; (11−1) mod 10 = 0
    expect(cidCheckDigit('110170054821')).toBe(0);
    expect(isValidCid('1101700548210')).toBe(true);
    expect(isValidCid('1101700548211')).toBe(false);
  });

  it('rejects anything that is not 13 digits', () => {
    for (const bad of ['', '110170054821', '11017005482100', '11017005482a0', ' 1101700548210'])
      expect(isValidCid(bad)).toBe(false);
  });

  it('accepts every person type 0-8 and formats for display', () => {
    expect(personType('0213400567823')).toBe(0);
    expect(personType('8100500123467')).toBe(8);
    expect(isValidCid('0213400567823')).toBe(true);
    expect(formatCid('1101700548210')).toBe('1-1017-00548-21-0');
  });

  it('property: generated ids validate, and changing any one digit breaks the check', () => {
    fc.assert(
      fc.property(
        cidArbitrary,
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (cid, position, delta) => {
          expect(isValidCid(cid)).toBe(true);
          expect(isValidCid(withWrongCheckDigit(cid))).toBe(false);
          // A changed check digit never passes; a changed body digit passes only if it moves the check digit to the same value.
          const digits = cid.split('');
          digits[position] = String((Number(digits[position]) + delta) % 10);
          const changed = digits.join('');
          expect(isValidCid(changed)).toBe(position !== 12 && cidCheckDigit(changed.slice(0, 12)) === Number(cid[12]));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
