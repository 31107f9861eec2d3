// Synthetic Thai ID card identities for tests: invented names, valid check digits, never real people.
import fc from 'fast-check';
import { cidCheckDigit } from '../../sync/model/cid.std.js';
import { demoIdentities } from '../../drivers/card/virtual/demoIdentities.std.js';
import type { SyntheticIdentity } from '../../drivers/card/virtual/identity.std.js';
import { syntheticPortrait } from '../../drivers/card/virtual/tinyJpeg.std.js';

export { demoIdentities };

/** A 13-digit cid with a valid check digit from any 12 leading digits. */
export function withCheckDigit(first12: string): string {
  return `${first12}${cidCheckDigit(first12)}`;
}

/** The same cid with a wrong check digit (the "wrong checksum" fault). */
export function withWrongCheckDigit(cid: string): string {
  return `${cid.slice(0, 12)}${(Number(cid[12]) + 1) % 10}`;
}

export function identity(index: number, overrides: Partial<SyntheticIdentity> = {}): SyntheticIdentity {
  const base = demoIdentities[index % demoIdentities.length];
  if (base === undefined) throw new Error('no demo identities');
  return { ...base, ...overrides };
}

/** A tiny valid JPEG (96×120 grayscale blocks). */
export const tinyJpeg = syntheticPortrait(0);

export const cidArbitrary = fc
  .tuple(fc.integer({ min: 0, max: 8 }), fc.stringMatching(/^\d{11}$/))
  .map(([type, rest]) => withCheckDigit(`${type}${rest}`));

const thaiLetters = 'กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮะาิีึืุูเแโใไ่้๊๋็์ำ';
const thaiWord = fc
  .array(fc.constantFrom(...thaiLetters), { minLength: 1, maxLength: 12 })
  .map((chars) => chars.join(''));
const latinWord = fc.stringMatching(/^[A-Z][a-z]{1,10}$/);

/** Partial dates the chip can hold: full, year-month, year-only (BE years 2450–2580). */
export const beDateArbitrary = fc
  .record({
    year: fc.integer({ min: 2450, max: 2580 }),
    month: fc.integer({ min: 0, max: 12 }),
    day: fc.integer({ min: 0, max: 28 }),
  })
  .map(
    ({ year, month, day }) =>
      `${year}${String(month).padStart(2, '0')}${String(month === 0 ? 0 : day).padStart(2, '0')}`,
  );

export const identityArbitrary: fc.Arbitrary<SyntheticIdentity> = fc.record({
  cid: cidArbitrary,
  thaiName: fc
    .tuple(
      fc.constantFrom('นาย', 'นาง', 'นางสาว', 'ด.ช.', 'ด.ญ.'),
      thaiWord,
      fc.option(thaiWord, { nil: '' }),
      thaiWord,
    )
    .map((parts) => parts.join('#')),
  englishName: fc
    .tuple(fc.constantFrom('Mr.', 'Mrs.', 'Miss', 'Master'), latinWord, fc.option(latinWord, { nil: '' }), latinWord)
    .map((parts) => parts.join('#')),
  birthDate: beDateArbitrary,
  sex: fc.constantFrom('1' as const, '2' as const),
  issuer: fc.tuple(thaiWord, thaiWord).map(([a, b]) => `อำเภอ${a}/${b}`),
  issueDate: beDateArbitrary.map((date) => `${date.slice(0, 4)}0115`),
  expiryDate: fc.oneof(
    fc.constant('99999999'),
    beDateArbitrary.map((date) => `${date.slice(0, 4)}0114`),
  ),
  address: fc
    .record({
      house: fc.stringMatching(/^\d{1,3}(?:\/\d{1,2})?$/),
      moo: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
      soi: fc.option(thaiWord, { nil: null }),
      a: thaiWord,
      b: thaiWord,
      c: thaiWord,
    })
    .map(({ house, moo, soi, a, b, c }) =>
      [
        house,
        moo === null ? '' : `หมู่ที่ ${moo}`,
        '',
        soi === null ? '' : `ซอย${soi}`,
        '',
        `ตำบล${a}`,
        `อำเภอ${b}`,
        `จังหวัด${c}`,
      ].join('#'),
    ),
  requestNumber: fc.option(fc.stringMatching(/^\d{14}$/), { nil: null }),
  photo: fc.constant(tinyJpeg),
  laserId: fc.option(fc.stringMatching(/^[A-Z]{2}\d-\d{7}-\d{2}$/), { nil: null }),
  nhso: fc.constant(null),
});
