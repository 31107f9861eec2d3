// The pure part of the identifier index: which identifiers count, entry ids, and what a change adds and removes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { entryChanges, entryDocId, entryId, entryRange, identifierHasher, indexedIdentifiers } from '../../../sync/store/identifierEntries.std.js';

const key = new Uint8Array(32).fill(7);
const hash = identifierHasher(key);

describe('identifier entries', () => {
  it('counts a live Patient’s identifiers with system and value, once each; nothing for others or deletions', () => {
    const identifier = [{ system: 's', value: '1' }, { system: 's', value: '1', use: 'old' }, { system: 's', value: '' }, { value: '2' }, { system: 't', value: '1' }];
    expect(indexedIdentifiers({ resourceType: 'Patient', identifier })).toEqual([{ system: 's', value: '1' }, { system: 't', value: '1' }]);
    expect(indexedIdentifiers({ resourceType: 'Encounter', identifier })).toEqual([]);
    expect(indexedIdentifiers({ resourceType: 'Patient', identifier, _deleted: true })).toEqual([]);
    expect(indexedIdentifiers(null)).toEqual([]);
  });

  it('hashes are keyed and unambiguous: another key, or a | moved between system and value, gives another hash', () => {
    expect(hash({ system: 'a|b', value: 'c' })).not.toBe(hash({ system: 'a', value: 'b|c' }));
    expect(identifierHasher(new Uint8Array(32).fill(8))({ system: 's', value: '1' })).not.toBe(hash({ system: 's', value: '1' }));
    expect(hash({ system: 's', value: '1' })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an entry id lies in its hash’s range and in no other, and gives back its document id', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (value, other, doc) => {
        const [a, b] = [hash({ system: 's', value }), hash({ system: 's', value: `${value}${other}` })];
        const id = entryId(a, `Patient/${doc}`);
        const inRange = (range: { startkey: string; endkey: string }): boolean => id >= range.startkey && id <= range.endkey;
        expect(inRange(entryRange(a))).toBe(true);
        expect(inRange(entryRange(b))).toBe(false);
        expect(entryDocId(id)).toBe(`Patient/${doc}`);
      }),
    );
  });

  it('a change removes exactly the entries of hashes gone and adds those of hashes gained', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd')), fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd')), (before, after) => {
        const { remove, add } = entryChanges('Patient/p', before, after);
        expect(remove.sort()).toEqual(before.filter((h) => !after.includes(h)).map((h) => entryId(h, 'Patient/p')).sort());
        expect(add.sort()).toEqual(after.filter((h) => !before.includes(h)).map((h) => entryId(h, 'Patient/p')).sort());
      }),
    );
  });
});
