// The pure part of the identifier index: which identifiers count, their keyed hashes, and what a page of changes writes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  PHONE_KEY,
  identifierHasher,
  indexWrites,
  indexedIdentifiers,
  type ChangedDoc,
} from '../../../../sync/store/identifierEntries.std.js';
import { innerTokens, nameTokens } from '../../../../sync/store/searchText.std.js';

const key = new Uint8Array(32).fill(7);
const hash = identifierHasher(key);

describe('identifier entries', () => {
  it('counts a live Patient’s identifiers with system and value, once each; nothing for others or deletions', () => {
    const identifier = [
      { system: 's', value: '1' },
      { system: 's', value: '1', use: 'old' },
      { system: 's', value: '' },
      { value: '2' },
      { system: 't', value: '1' },
    ];
    expect(indexedIdentifiers({ resourceType: 'Patient', identifier })).toEqual([
      { system: 's', value: '1' },
      { system: 't', value: '1' },
    ]);
    expect(indexedIdentifiers({ resourceType: 'Encounter', identifier })).toEqual([]);
    expect(indexedIdentifiers({ resourceType: 'Patient', identifier, _deleted: true })).toEqual([]);
    expect(indexedIdentifiers(null)).toEqual([]);
    // Phone numbers count too, normalised, under their own pseudo-system (a lookup by phone is by hash as well).
    const telecom = [
      { system: 'phone', value: '081-234-5678' },
      { system: 'email', value: 'x@y' },
      { system: 'phone', value: '12' },
    ];
    expect(indexedIdentifiers({ resourceType: 'Patient', identifier: [], telecom })).toEqual([
      { system: PHONE_KEY, value: '0812345678' },
    ]);
  });

  it('hashes are keyed and unambiguous: another key, or a | moved between system and value, gives another hash', () => {
    expect(hash({ system: 'a|b', value: 'c' })).not.toBe(hash({ system: 'a', value: 'b|c' }));
    expect(identifierHasher(new Uint8Array(32).fill(8))({ system: 's', value: '1' })).not.toBe(
      hash({ system: 's', value: '1' }),
    );
    expect(hash({ system: 's', value: '1' })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a page replaces each patient’s record with its hashes and name tokens now, removes it when it holds neither, and skips other documents', () => {
    const identifier = (values: readonly string[]) => values.map((value) => ({ system: 's', value }));
    const value = fc.uniqueArray(fc.constantFrom('1', '2', '3', '4'), { maxLength: 4 });
    const names = fc.array(
      fc.record({
        given: fc.array(fc.constantFrom('สมชาย', 'Somchai', 'แก้ว'), { maxLength: 2 }),
        family: fc.constantFrom('ใจดี', 'Jaidee', ''),
      }),
      { maxLength: 2 },
    );
    const row: fc.Arbitrary<ChangedDoc> = fc.oneof(
      fc.record({
        id: fc.constantFrom('Patient/a', 'Patient/b'),
        doc: fc
          .tuple(value, names)
          .map(([values, name]) => ({ resourceType: 'Patient', identifier: identifier(values), name })),
      }),
      fc.record({
        id: fc.constantFrom('Patient/a', 'Patient/b'),
        deleted: fc.constant(true),
        doc: fc.constant({ _deleted: true }),
      }),
      fc.record({
        id: fc.constantFrom('Encounter/e', 'Observation/o'),
        doc: value.map((values) => ({ resourceType: 'Encounter', identifier: identifier(values) })),
      }),
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), (rows) => {
        const writes = indexWrites(rows, hash);
        const patients = rows.filter((r) => r.id.startsWith('Patient/'));
        expect(writes).toHaveLength(patients.length);
        patients.forEach((r, i) => {
          const doc = r.doc as { identifier: { value: string }[]; name: { given: string[]; family: string }[] };
          const values = r.deleted === true ? [] : doc.identifier.map((id) => id.value);
          const expected = [...new Set(values.map((v) => hash({ system: 's', value: v })))].sort();
          const tokens = r.deleted === true ? [] : nameTokens(doc.name);
          // System 's' is no HN, CID or phone: no number fragments.
          const put = {
            docId: r.id,
            hashes: expected,
            tokens,
            inner: r.deleted === true ? [] : innerTokens(doc.name),
            fragments: [],
          };
          expect(writes[i]).toEqual(expected.length === 0 && tokens.length === 0 ? { remove: r.id } : { put });
        });
      }),
    );
  });
});
