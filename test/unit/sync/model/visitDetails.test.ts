// Visit details on the Encounter (sync/model/visitDetails.std.ts): clinic as serviceType, visit type as type, the
// card's right as an extension; valid FHIR R4 (medplum's validator), read back whole, named in the UI's language.
// And the mobile number the desk types, kept on the Patient (found by search later).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EncounterDoc, newVisit } from '../../../../sync/model/encounter.std.js';
import {
  DEFAULT_SERVICE_POINTS,
  VISIT_TYPES,
  servicePointName,
  servicePointOf,
  visitRightOf,
  visitTypeOf,
  type VisitType,
} from '../../../../sync/model/visitDetails.std.js';
import { SERVICE_POINT_SYSTEM, VISIT_TYPE_SYSTEM } from '../../../../sync/model/systems.std.js';
import { fhirIssues } from '../../../factories/fhirValidator.js';
import { TEST_HCODE, TEST_KEY, syntheticCard, syntheticCid, testIdFactory } from '../../../factories/fhirFixtures.js';
import { patientFromCard, withMobile } from '../../../../sync/model/patient.std.js';
import { patientIdForCid } from '../../../../sync/model/ids.std.js';
import { readFieldTimes } from '../../../../sync/model/meta.std.js';

const AT = '2026-12-06T02:00:00.000Z';
const base = { patientId: 'pabc', hcode: TEST_HCODE, stationId: 'st-a', at: AT, queueNumber: 'A-001' };

describe('visit details on the Encounter', () => {
  it('stores clinic, visit type and right as valid FHIR and reads them back', () => {
    const ids = testIdFactory();
    const types = Object.keys(VISIT_TYPES) as VisitType[];
    fc.assert(
      fc.property(
        fc.constantFrom(...DEFAULT_SERVICE_POINTS),
        fc.constantFrom(...types),
        fc.option(fc.constantFrom('UCS', 'SSS', 'OFC')),
        (point, type, code) => {
          const right = { code, text: code === null ? 'สิทธิอื่น' : `(${code}) สิทธิ` };
          const visit = newVisit({
            ...base,
            encounterId: ids(),
            details: { servicePoint: point, visitType: type, right },
          });
          expect(fhirIssues(visit)).toEqual([]);
          const stored = EncounterDoc.parse(JSON.parse(JSON.stringify(visit)));
          expect(servicePointOf(stored)).toEqual({ code: point.code, display: point.th });
          expect(stored.serviceType?.coding?.[0]?.system).toBe(SERVICE_POINT_SYSTEM);
          expect(visitTypeOf(stored)).toBe(type);
          expect(stored.type?.[0]?.coding?.[0]?.system).toBe(VISIT_TYPE_SYSTEM);
          expect(visitRightOf(stored)).toEqual(right);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a visit without details has none (older visits and other stations read the same)', () => {
    const visit = newVisit({ ...base, encounterId: testIdFactory()() });
    expect(servicePointOf(visit)).toBeNull();
    expect(visitTypeOf(visit)).toBeNull();
    expect(visitRightOf(visit)).toBeNull();
  });

  it('names a clinic in the UI language from the station list, else by the Thai name stored on the visit', () => {
    expect(servicePointName({ code: 'anc', display: 'ฝากครรภ์' }, DEFAULT_SERVICE_POINTS, 'en')).toBe(
      'Antenatal care (ANC)',
    );
    expect(servicePointName({ code: 'gone', display: 'คลินิกเก่า' }, DEFAULT_SERVICE_POINTS, 'en')).toBe('คลินิกเก่า');
  });
});

describe("the mobile number typed at the desk becomes the patient's", () => {
  const at = '2026-12-06T02:00:00.000Z';
  const base = () =>
    patientFromCard(syntheticCard(1), {
      patientId: patientIdForCid(TEST_KEY, syntheticCid(1)),
      hcode: TEST_HCODE,
      stationId: 'st-a',
      at,
      source: 'card',
      mobile: '0811111111',
    });

  it("on a card save, and replaced (not added) by a later one; a found patient's record changes only its telecom", () => {
    const first = base();
    expect(first.telecom).toEqual([{ system: 'phone', value: '0811111111', use: 'mobile' }]);
    const later = '2026-12-07T02:00:00.000Z';
    const changed = withMobile(first, '0822222222', { at: later, stationId: 'st-b' });
    expect(changed?.telecom).toEqual([{ system: 'phone', value: '0822222222', use: 'mobile' }]);
    expect(readFieldTimes(changed?.meta).telecom).toBe(later);
    expect(readFieldTimes(changed?.meta).name).toBe(readFieldTimes(first.meta).name);
    expect({ ...changed, telecom: undefined, meta: undefined }).toEqual({
      ...first,
      telecom: undefined,
      meta: undefined,
    });
    expect(fhirIssues(changed ?? {})).toEqual([]);
    // Already theirs: nothing to write.
    expect(withMobile(first, '0811111111', { at: later, stationId: 'st-b' })).toBeNull();
  });
});
