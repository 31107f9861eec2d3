import { describe, expect, it } from 'vitest';
import { claimCodeOf, withClaimCode } from '../../../../sync/model/claimCode.std.js';
import { newVisit } from '../../../../sync/model/encounter.std.js';
import { TH_NHSO_CLAIM_CODE } from '../../../../sync/model/systems.std.js';
import { fhirIssues } from '../../../factories/fhirValidator.js';
import { resolveConflict, type Revision } from '../../../../sync/replication/conflictRules.std.js';
import { withEncounterStatus } from '../../../../sync/model/encounter.std.js';

const visit = newVisit({
  encounterId: 'e1',
  patientId: 'p1',
  hcode: '99999',
  stationId: 'st-99999-a',
  at: '2026-12-06T02:00:00.000Z',
  queueNumber: 'A-001',
});

describe('the NHSO authen code on a visit', () => {
  it('is an Encounter identifier under Thai Core th-nhso-claim-code, valid FHIR R4', () => {
    const coded = withClaimCode(visit, 'PP1000000001', '2026-12-06T02:01:00.000Z', 'st-99999-a');
    expect(coded?.identifier).toContainEqual({ use: 'secondary', system: TH_NHSO_CLAIM_CODE, value: 'PP1000000001' });
    expect(coded === null ? null : claimCodeOf(coded)).toBe('PP1000000001');
    expect(coded === null ? ['null'] : fhirIssues(coded)).toEqual([]);
    // The visit's other identifiers stay.
    expect(coded?.identifier?.length).toBe(3);
  });

  it('the same code again changes nothing; a later code replaces the old one', () => {
    const coded = withClaimCode(visit, 'PP1', '2026-12-06T02:01:00.000Z', 'st');
    if (coded === null) throw new Error('not coded');
    expect(withClaimCode(coded, 'PP1', '2026-12-06T02:02:00.000Z', 'st')).toBeNull();
    const recoded = withClaimCode(coded, 'PP2', '2026-12-06T02:03:00.000Z', 'st');
    expect(recoded?.identifier?.filter((id) => id.system === TH_NHSO_CLAIM_CODE)).toEqual([
      { use: 'secondary', system: TH_NHSO_CLAIM_CODE, value: 'PP2' },
    ]);
    expect(() => withClaimCode(visit, '  ', 'x', 'st')).toThrow();
  });

  it('survives a conflict with another station that moved the visit on (status order wins, the code stays)', () => {
    const coded = withClaimCode(visit, 'PP1', '2026-12-06T02:05:00.000Z', 'st-99999-a');
    if (coded === null) throw new Error('not coded');
    const triaged = withEncounterStatus(visit, 'triaged', '2026-12-06T02:04:00.000Z', 'st-99999-b');
    const revisions = [
      { ...coded, _rev: '2-aaaa' },
      { ...triaged, _rev: '2-bbbb' },
    ] as unknown as Revision[];
    for (const order of [revisions, [...revisions].reverse()]) {
      const result = resolveConflict(order);
      if (result.kind !== 'resolved') throw new Error('unresolved');
      expect(result.merged['status']).toBe('triaged');
      expect(claimCodeOf(result.merged as unknown as typeof visit)).toBe('PP1');
    }
  });
});
