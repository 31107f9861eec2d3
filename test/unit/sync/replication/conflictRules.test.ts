import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveConflict, type Revision } from '../../../../sync/replication/conflictRules.std.js';
import { fieldTimesExtension, readFieldTimes } from '../../../../sync/model/meta.std.js';
import { ENCOUNTER_STATUS_ORDER } from '../../../../sync/model/encounter.std.js';

const instant = fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }).map((ms) => new Date(ms).toISOString());
const rev = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^[0-9a-f]{8}$/))
  .map(([gen, hash]) => `${gen}-${hash}`);

const patientRevision = fc.record({
  rev,
  birthDate: fc.option(fc.constantFrom<string>('1970', '1980-02', '1990-03-04'), { nil: undefined }),
  gender: fc.constantFrom<string>('male', 'female', 'unknown'),
  family: fc.constantFrom<string>('สมมุติ', 'ทดลอง', 'Sommut'),
  hn: fc.option(fc.constantFrom('1', '2', '3'), { nil: undefined }),
  nameAt: instant,
  birthAt: instant,
  genderAt: instant,
});

type PatientInput = typeof patientRevision extends fc.Arbitrary<infer T> ? T : never;
function toPatient(input: PatientInput): Revision {
  const identifier = [{ system: 'https://terms.sil-th.org/id/th-cid', value: '1999900000017' }];
  if (input.hn !== undefined) identifier.push({ system: 'https://terms.sil-th.org/hcode/5/99999/HN', value: input.hn });
  const doc: Record<string, unknown> = {
    _id: 'Patient/p1',
    _rev: input.rev,
    resourceType: 'Patient',
    id: 'p1',
    identifier,
    gender: input.gender,
    name: [{ family: input.family }],
    meta: {
      lastUpdated: [input.nameAt, input.birthAt, input.genderAt].sort().at(-1),
      extension: [fieldTimesExtension({ name: input.nameAt, birthDate: input.birthAt, gender: input.genderAt })],
    },
  };
  if (input.birthDate !== undefined) doc['birthDate'] = input.birthDate;
  return doc as Revision;
}

const distinctRevs = <T extends { rev: string }>(arb: fc.Arbitrary<T>) =>
  fc.uniqueArray(arb, { minLength: 2, maxLength: 5, selector: (item) => item.rev });

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = (seed * (i + 7)) % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe('patient: field-wise, latest change of each field wins', () => {
  it('takes each field from the revision that changed it last; keeps every identifier; loses no revision', () => {
    fc.assert(
      fc.property(distinctRevs(patientRevision), fc.nat(), (inputs, seed) => {
        const revisions = inputs.map(toPatient);
        const result = resolveConflict(revisions);
        if (result.kind !== 'resolved') throw new Error('patient conflict not resolved');
        const latest = (field: 'nameAt' | 'birthAt' | 'genderAt') =>
          Math.max(...inputs.map((input) => Date.parse(input[field])));
        const byName = inputs
          .filter((input) => Date.parse(input.nameAt) === latest('nameAt'))
          .map((input) => input.family);
        expect(byName).toContain((result.merged['name'] as { family: string }[])[0]?.family);
        const byGender = inputs
          .filter((input) => Date.parse(input.genderAt) === latest('genderAt'))
          .map((input) => input.gender);
        expect(byGender).toContain(result.merged['gender']);
        expect(Date.parse(readFieldTimes(result.merged.meta)['birthDate'] ?? '')).toBe(latest('birthAt'));
        const allIds = new Set(
          revisions.flatMap((r) =>
            (r['identifier'] as { value: string; system: string }[]).map((id) => `${id.system}|${id.value}`),
          ),
        );
        expect(
          new Set(
            (result.merged['identifier'] as { value: string; system: string }[]).map(
              (id) => `${id.system}|${id.value}`,
            ),
          ),
        ).toEqual(allIds);
        // Nothing lost: the merged one builds on one revision, every other is returned to be archived.
        expect([result.merged._rev, ...result.losers.map((l) => l._rev)].sort()).toEqual(
          revisions.map((r) => r._rev).sort(),
        );
        // Order of arrival does not matter.
        expect(resolveConflict(shuffled(revisions, seed))).toEqual(result);
      }),
      { numRuns: 500 },
    );
  });

  it('a later card read wins over an older manual edit for the fields it carries', () => {
    const older = toPatient({
      rev: '3-aaa',
      birthDate: '1970',
      gender: 'male',
      family: 'เก่า',
      hn: '1',
      nameAt: '2025-01-01T00:00:00.000Z',
      birthAt: '2025-01-01T00:00:00.000Z',
      genderAt: '2025-01-01T00:00:00.000Z',
    });
    const card = toPatient({
      rev: '2-bbb',
      birthDate: '1971',
      gender: 'male',
      family: 'ใหม่',
      hn: undefined,
      nameAt: '2025-02-01T00:00:00.000Z',
      birthAt: '2025-02-01T00:00:00.000Z',
      genderAt: '2025-01-01T00:00:00.000Z',
    });
    const result = resolveConflict([older, card]);
    if (result.kind !== 'resolved') throw new Error('unresolved');
    expect(result.merged._rev).toBe('3-aaa');
    expect(result.merged['birthDate']).toBe('1971');
    expect((result.merged['name'] as { family: string }[])[0]?.family).toBe('ใหม่');
    expect(result.losers.map((l) => l._rev)).toEqual(['2-bbb']);
  });
});

describe('encounter: status order', () => {
  it('the revision furthest along wins, whatever the order', () => {
    const encounter = fc.record({ rev, status: fc.constantFrom(...ENCOUNTER_STATUS_ORDER), at: instant });
    fc.assert(
      fc.property(distinctRevs(encounter), fc.nat(), (inputs, seed) => {
        const revisions = inputs.map(
          (input) =>
            ({
              _id: 'Encounter/e1',
              _rev: input.rev,
              resourceType: 'Encounter',
              status: input.status,
              meta: { lastUpdated: input.at },
            }) as Revision,
        );
        const result = resolveConflict(revisions);
        if (result.kind !== 'resolved') throw new Error('unresolved');
        const top = Math.max(...inputs.map((input) => ENCOUNTER_STATUS_ORDER.indexOf(input.status)));
        expect(result.merged['status']).toBe(ENCOUNTER_STATUS_ORDER[top]);
        expect(result.losers).toHaveLength(revisions.length - 1);
        expect(resolveConflict(shuffled(revisions, seed))).toEqual(result);
      }),
      { numRuns: 300 },
    );
  });
});

describe('observation: never conflicts in content', () => {
  const base = {
    _id: 'Observation/o1',
    resourceType: 'Observation',
    code: { text: 'HR' },
    subject: { reference: 'Patient/p1' },
    effectiveDateTime: '2025-01-01T00:00:00Z',
    valueQuantity: { value: 70 },
  };
  it('entered-in-error wins over final when the values are the same', () => {
    const result = resolveConflict([
      { ...base, _rev: '2-a', status: 'final' },
      { ...base, _rev: '2-b', status: 'entered-in-error' },
    ]);
    expect(result.kind === 'resolved' && result.merged['status']).toBe('entered-in-error');
  });
  it('changed values are listed for IT, never merged', () => {
    const result = resolveConflict([
      { ...base, _rev: '2-a', status: 'final' },
      { ...base, _rev: '2-b', status: 'final', valueQuantity: { value: 71 } },
    ]);
    expect(result).toEqual({ kind: 'manual', reason: 'observation_changed', revs: ['2-b', '2-a'] });
  });
  it('audit events and mixed types go to IT', () => {
    expect(
      resolveConflict([
        { _id: 'AuditEvent/a', _rev: '1-a', resourceType: 'AuditEvent' },
        { _id: 'AuditEvent/a', _rev: '1-b', resourceType: 'AuditEvent' },
      ]).kind,
    ).toBe('manual');
    expect(
      resolveConflict([
        { _id: 'x', _rev: '1-a', resourceType: 'Patient' },
        { _id: 'x', _rev: '1-b', resourceType: 'Encounter' },
      ]),
    ).toMatchObject({ reason: 'mixed_types' });
  });
});
