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
import { hashPosting, tokenPosting } from '../../../../sync/store/postings.std.js';

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

  it('a page gives each patient its postings now (null when deleted), each visit and reading its entry, and skips other documents', () => {
    const identifier = (values: readonly string[]) => values.map((value) => ({ system: 's', value }));
    const value = fc.uniqueArray(fc.constantFrom('1', '2', '3', '4'), { maxLength: 4 });
    const names = fc.array(
      fc.record({
        given: fc.array(fc.constantFrom('สมชาย', 'Somchai', 'แก้ว'), { maxLength: 2 }),
        family: fc.constantFrom('ใจดี', 'Jaidee', ''),
      }),
      { maxLength: 2 },
    );
    const start = fc.constantFrom('2026-12-01T02:00:00.000Z', '2026-12-02T03:00:00.000Z');
    const row: fc.Arbitrary<ChangedDoc> = fc.oneof(
      fc.record({
        id: fc.constantFrom('Patient/a', 'Patient/b'),
        doc: fc
          .tuple(value, names)
          .map(([values, name]) => ({ resourceType: 'Patient', identifier: identifier(values), name })),
      }),
      fc.record({
        id: fc.constantFrom('Patient/a', 'Patient/b', 'Encounter/e', 'Observation/o'),
        deleted: fc.constant(true),
        doc: fc.constant({ _deleted: true }),
      }),
      fc.record({
        id: fc.constant('Encounter/e'),
        doc: start.map((at) => ({
          resourceType: 'Encounter',
          period: { start: at },
          subject: { reference: 'Patient/a' },
        })),
      }),
      fc.record({
        id: fc.constant('Observation/o'),
        doc: start.map((at) => ({
          resourceType: 'Observation',
          effectiveDateTime: at,
          subject: { reference: 'Patient/b' },
        })),
      }),
      fc.record({ id: fc.constant('Media/m'), doc: fc.constant({ resourceType: 'Media' }) }),
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 6 }), (rows) => {
        const writes = indexWrites(rows, hash);
        // The last row of each id decides.
        const last = new Map(rows.map((r) => [r.id, r]));
        const ids = (prefix: string): string[] => [...last.keys()].filter((id) => id.startsWith(prefix)).sort();
        expect([...writes.patients.keys()].sort()).toEqual(ids('Patient/'));
        expect([...writes.visits.keys()].sort()).toEqual(ids('Encounter/'));
        expect([...writes.readings.keys()].sort()).toEqual(ids('Observation/'));
        for (const [id, r] of last) {
          if (id.startsWith('Patient/')) {
            const postings = writes.patients.get(id);
            if (r.deleted === true) expect(postings).toBeNull();
            else {
              const doc = r.doc as { identifier: { value: string }[]; name: { given: string[]; family: string }[] };
              const hashes = [...new Set(doc.identifier.map((id) => hash({ system: 's', value: id.value })))];
              // System 's' is no HN, CID or phone: no number fragments.
              const expected = [
                ...hashes.map((hex) => hashPosting(hex)),
                ...nameTokens(doc.name).map((token) => tokenPosting(token, false)),
                ...innerTokens(doc.name).map((token) => tokenPosting(token, true)),
              ];
              expect(postings).toEqual(expected);
            }
          } else if (id.startsWith('Encounter/')) {
            const doc = r.doc as { period?: { start: string } };
            expect(writes.visits.get(id)).toEqual(
              r.deleted === true ? null : { id, start: doc.period?.start, subject: 'Patient/a' },
            );
          } else if (id.startsWith('Observation/')) {
            const doc = r.doc as { effectiveDateTime?: string };
            expect(writes.readings.get(id)).toEqual(
              r.deleted === true ? null : { id, at: doc.effectiveDateTime, subject: 'Patient/b' },
            );
          }
        }
      }),
    );
  });
});
