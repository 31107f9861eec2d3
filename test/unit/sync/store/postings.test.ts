// The search index's grouped postings (sync/store/postings.std.ts): merging keeps a group sorted and without
// repeats, and a prefix read over the groups finds exactly the postings whose term starts with the prefix.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  mergeGroup,
  numbersOf,
  numbersUnder,
  tokenGroups,
  tokenPosting,
  type GroupValue,
} from '../../../../sync/store/postings.std.js';

const term = fc.constantFrom('สม', 'สมชาย', 'สมศรี', 'สุข', 'ab', 'abc', 'abd', 'b', '');
const adds = fc.array(fc.record({ term, n: fc.nat(20) }), { maxLength: 30 });

function pairs(value: GroupValue): string[] {
  return value.t.map((t, i) => `${t}|${String(value.n[i])}`);
}

describe('grouped postings', () => {
  it('a merge holds the union of the old postings and the added ones, sorted by term then number, each once', () => {
    fc.assert(
      fc.property(adds, adds, (first, second) => {
        const merged = mergeGroup(mergeGroup(undefined, first), second);
        const expected = [...new Set([...first, ...second].map((p) => `${p.term}|${String(p.n)}`))].sort((a, b) => {
          const [at = '', an = ''] = a.split('|');
          const [bt = '', bn = ''] = b.split('|');
          return at < bt ? -1 : at > bt ? 1 : Number(an) - Number(bn);
        });
        expect(pairs(merged)).toEqual(expected);
        expect(merged.t).toHaveLength(merged.n.length);
        // Merging the same postings again changes nothing (a page written twice).
        expect(mergeGroup(merged, second)).toEqual(merged);
      }),
    );
  });

  it('the groups a prefix is read from hold every token starting with it, and nothing before or after them', () => {
    const tokens = fc.uniqueArray(
      fc.string({ unit: fc.constantFrom('ส', 'ม', 'a', 'b'), minLength: 1, maxLength: 5 }),
      {
        maxLength: 40,
      },
    );
    const prefix = fc.string({ unit: fc.constantFrom('ส', 'ม', 'a', 'b'), minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(tokens, prefix, fc.boolean(), (all, wanted, inner) => {
        const groups = new Map<string, GroupValue>();
        all.forEach((token, n) => {
          const { group, term: t } = tokenPosting(token, inner);
          groups.set(group, mergeGroup(groups.get(group), [{ term: t, n }]));
        });
        const { from, to } = tokenGroups(wanted, inner);
        const read = [...groups.keys()]
          .filter((key) => key >= from && key <= to)
          .sort()
          .flatMap((key) => numbersUnder(groups.get(key), wanted));
        const expected = all
          .map((token, n) => ({ token, n }))
          .filter(({ token }) => token.startsWith(wanted))
          .sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0))
          .map(({ n }) => n);
        expect(read).toEqual(expected);
      }),
    );
  });

  it('numbersOf reads one term exactly', () => {
    const group = mergeGroup(undefined, [
      { term: 'abc', n: 2 },
      { term: 'ab', n: 1 },
      { term: 'abc', n: 0 },
    ]);
    expect(numbersOf(group, 'abc')).toEqual([0, 2]);
    expect(numbersOf(group, 'ab')).toEqual([1]);
    expect(numbersUnder(group, 'ab')).toEqual([1, 0, 2]);
  });
});
