// The pure part of patient search (sync/store/searchText.std.ts): normalising Thai and English names, the tokens a
// name is indexed by, token-prefix matching in any order, and what a typed query means. Invented names only.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  coveringWindows,
  fragmentText,
  fragmentWindows,
  innerTokens,
  leadingWord,
  matchesName,
  nameTokens,
  normalise,
  parseQuery,
  phoneDigits,
  words,
} from '../../../../sync/store/searchText.std.js';
import { syntheticCid } from '../../../factories/fhirFixtures.js';

const TONES = ['\u0E48', '\u0E49', '\u0E4A', '\u0E4B'];
/** Invented Thai syllables (some with tone marks, leading vowels, sara am, thanthakhat). */
const THAI_SYLLABLES = [
  'สม',
  'ชาย',
  'ใจ',
  'ดี',
  'แก้ว',
  'เพ็ญ',
  'ศรี',
  'ทอง',
  'คำ',
  'นุช',
  'ไพ',
  'โชค',
  'เจริญ',
  'สุข',
  'ประ',
  'เสริฐ',
  'น้ำ',
  'ฝน',
  'ศักดิ์',
  'วงศ์',
  'กุล',
  'รัตน์',
  'มณี',
  'อ่อน',
];
const LATIN_SYLLABLES = [
  'som',
  'chai',
  'jai',
  'dee',
  'kaew',
  'pen',
  'sri',
  'thong',
  'kham',
  'nuch',
  'pai',
  'chok',
  'charoen',
  'suk',
  'pra',
  'sert',
];

const thaiWord = fc
  .array(fc.constantFrom(...THAI_SYLLABLES), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(''));
const latinWord = fc
  .array(fc.constantFrom(...LATIN_SYLLABLES), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join(''));
const name = (word: fc.Arbitrary<string>) => fc.record({ first: word, last: word });

/** A prefix of a normalised word, at least `min` characters (the whole word when shorter). */
function prefixOf(word: string, cut: number, min = 1): string {
  const normal = words(word).join('');
  return normal.slice(0, Math.max(min, Math.min(normal.length, cut)));
}

describe('normalising', () => {
  it('drops tone marks wherever they were typed, so a name typed without them (or with them in the other order) is the same', () => {
    fc.assert(
      fc.property(
        thaiWord,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...TONES)), { maxLength: 3 }),
        (word, inserts) => {
          let noisy = word;
          for (const [at, tone] of inserts) {
            const i = at % (noisy.length + 1);
            noisy = noisy.slice(0, i) + tone + noisy.slice(i);
          }
          expect(normalise(noisy)).toBe(normalise(word));
        },
      ),
    );
  });

  it('is idempotent, and English is case- and accent-insensitive', () => {
    fc.assert(
      fc.property(fc.oneof(thaiWord, latinWord, fc.string()), (text) => {
        expect(normalise(normalise(text))).toBe(normalise(text));
      }),
    );
    expect(normalise('JaiDée')).toBe('jaidee');
  });

  it('reads sara am however it was encoded, a doubled sara e as sara ae, and Thai digits as ASCII', () => {
    expect(normalise('น\u0E4D\u0E32')).toBe(normalise('น\u0E33'));
    expect(normalise('น\u0E49\u0E4D\u0E32')).toBe(normalise('น้ำ'));
    expect(normalise('\u0E40\u0E40ก้ว')).toBe(normalise('แก้ว'));
    expect(normalise('๐๘๑')).toBe('081');
  });

  it('splits on spaces and punctuation (including a zero-width space) but keeps a dotted title as one word', () => {
    expect(words('  สมชาย\u200Bใจดี,  Jai-Dee ')).toEqual(['สมชาย', 'ใจดี', 'jai', 'dee']);
    expect(words('น.ส. สมศรี')).toEqual(['นส', 'สมศรี']);
  });
});

describe('matching names', () => {
  it('finds a Thai name by a prefix of each part in either order, with or without a space', () => {
    fc.assert(
      fc.property(
        name(thaiWord),
        fc.nat(12),
        fc.nat(12),
        fc.boolean(),
        fc.boolean(),
        (person, cutA, cutB, reversed, spaced) => {
          const tokens = nameTokens([{ given: [person.first], family: person.last }]);
          const a = prefixOf(person.first, cutA);
          const b = prefixOf(person.last, cutB);
          // Run together, the first word must be whole (it is a prefix of the run-together token only then).
          const whole = (word: string): string => words(word).join('');
          const query = spaced
            ? reversed
              ? `${b} ${a}`
              : `${a} ${b}`
            : reversed
              ? `${whole(person.last)}${a}`
              : `${whole(person.first)}${b}`;
          expect(matchesName(words(query), tokens)).toBe(true);
        },
      ),
    );
  });

  it('finds an English name case-insensitively by a prefix of either part', () => {
    fc.assert(
      fc.property(name(latinWord), fc.nat(10), fc.boolean(), (person, cut, upper) => {
        const tokens = nameTokens([{ given: [person.first], family: person.last }]);
        const part = prefixOf(person.last, cut);
        expect(matchesName(words(upper ? part.toUpperCase() : part), tokens)).toBe(true);
      }),
    );
  });

  it('never matches a query word that starts no part of the name', () => {
    fc.assert(
      fc.property(name(latinWord), latinWord, (person, other) => {
        const tokens = nameTokens([{ given: [person.first], family: person.last }]);
        const query = `zz${other}`;
        expect(matchesName(words(`${person.first} ${query}`), tokens)).toBe(false);
      }),
    );
  });

  it('the examples from the front desk: "สมชาย ใจดี", "ใจดี สม", "jaidee", tone marks left out', () => {
    const tokens = nameTokens([
      { given: ['สมชาย'], family: 'ใจดี' },
      { given: ['Somchai'], family: 'Jaidee' },
    ]);
    for (const query of ['สมชาย ใจดี', 'ใจดี สม', 'jaidee', 'JAIDEE som', 'สมชายใจดี', 'ใจดีสมชาย', 'สมชาย   ใจ'])
      expect(matchesName(words(query), tokens), query).toBe(true);
    expect(matchesName(words('ใจดี สมศรี'), tokens)).toBe(false);
    const toned = nameTokens([{ given: ['แก้ว'], family: 'น้ำใจ' }]);
    expect(matchesName(words('แกว นาใจ'), toned)).toBe(false); // sara am is not sara aa
    expect(matchesName(words('แกว น้ําใจ'), toned)).toBe(true);
  });

  it('reads the index by the longest query word', () => {
    expect(leadingWord(['สม', 'ใจดี'])).toBe('ใจดี');
  });
});

describe('reading a query', () => {
  it('13 digits are a CID and must pass the checksum; dashes and spaces are allowed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999 }), (n) => {
        const cid = syntheticCid(n);
        expect(parseQuery(`${cid.slice(0, 1)}-${cid.slice(1, 5)} ${cid.slice(5)}`)).toEqual({ kind: 'cid', cid });
        const wrong = `${cid.slice(0, 12)}${(Number(cid[12]) + 1) % 10}`;
        expect(parseQuery(wrong)).toEqual({ kind: 'problem', problem: 'search_cid_invalid' });
      }),
    );
  });

  it('other numbers are an HN and, when they look like one, a phone number', () => {
    expect(parseQuery('081-234-5678')).toEqual({
      kind: 'number',
      hn: '081-234-5678',
      phone: '0812345678',
      fragment: '0812345678',
    });
    expect(parseQuery('+66 81 234 5678')).toMatchObject({ phone: '0812345678' });
    expect(parseQuery('HN0000123')).toEqual({ kind: 'number', hn: 'HN0000123', phone: null, fragment: null });
    expect(phoneDigits('๐๘๑๒๓๔๕๖๗๘')).toBe('0812345678');
  });

  it('names lose their titles; too short and unreadable input are problems, never exceptions', () => {
    expect(parseQuery('นาย สมชาย')).toEqual({ kind: 'name', words: [normalise('สมชาย')] });
    expect(parseQuery('Mr. Jaidee')).toEqual({ kind: 'name', words: ['jaidee'] });
    expect(parseQuery('')).toEqual({ kind: 'problem', problem: 'search_too_short' });
    expect(parseQuery('ก')).toEqual({ kind: 'problem', problem: 'search_too_short' });
    expect(parseQuery('!!! ???')).toEqual({ kind: 'problem', problem: 'search_unreadable' });
    expect(parseQuery('7')).toEqual({ kind: 'problem', problem: 'search_too_short' });
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const query = parseQuery(text);
        expect(['cid', 'number', 'name', 'problem']).toContain(query.kind);
      }),
    );
  });

  it('a syllable run inside a Thai name word, from any syllable on, is found by prefix over the tokens and inner tokens', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...THAI_SYLLABLES), { minLength: 2, maxLength: 4 }),
        name(thaiWord),
        fc.nat(3),
        fc.nat(3),
        (syllables, other, start, length) => {
          const from = 1 + (start % (syllables.length - 1));
          const fragment = words(syllables.slice(from, from + 1 + (length % (syllables.length - from))).join('')).join(
            '',
          );
          const names = [{ given: [syllables.join('')], family: other.last }];
          if (fragment.length < 2) return;
          expect(matchesName([fragment], [...nameTokens(names), ...innerTokens(names)])).toBe(true);
          // Inner tokens are ends of words only: never a token again, never Latin.
          expect(innerTokens(names).filter((token) => nameTokens(names).includes(token))).toEqual([]);
          expect(innerTokens([{ given: ['Somchai'], family: 'Jaidee' }])).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a number fragment of 4 or more is looked for inside identifiers; its windows are those of the identifier it is part of', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{9,13}$/),
        fc.nat(9),
        fc.integer({ min: 4, max: 9 }),
        (digits, at, length) => {
          const fragment = digits.slice(at % (digits.length - 3), (at % (digits.length - 3)) + length);
          if (fragment.length < 4) return;
          const query = parseQuery(fragment.replace(/(\d{3})/, '$1-'));
          expect(query.kind === 'number' || query.kind === 'cid' || query.kind === 'problem').toBe(true);
          if (query.kind === 'number') expect(query.fragment).toBe(fragmentText(fragment));
          const all = new Set(fragmentWindows(digits));
          expect(fragmentWindows(fragment).every((window) => all.has(window))).toBe(true);
        },
      ),
    );
    expect(parseQuery('123').kind === 'number' && parseQuery('123')).toMatchObject({ fragment: null });
    // The windows read for a fragment are some of its windows and cover every digit of it.
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{4,12}$/), (fragment) => {
        const read = coveringWindows(fragment);
        expect(read.every((window) => fragmentWindows(fragment).includes(window))).toBe(true);
        const covered = new Set<number>();
        for (let at = 0; at + 4 <= fragment.length; at += 1)
          if (read.includes(fragment.slice(at, at + 4)) && (at % 4 === 0 || at === fragment.length - 4))
            for (let k = at; k < at + 4; k += 1) covered.add(k);
        expect(covered.size).toBe(fragment.length);
        expect(read.length).toBeLessThanOrEqual(Math.ceil(fragment.length / 4) + 1);
      }),
    );
  });
});
