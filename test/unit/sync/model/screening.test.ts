// Screening beside the vitals (issue 14 §1): pain score 0–10 and the chief complaint as Observations built by the
// model's one builder, valid FHIR R4, read back from the record; out-of-range pain refused before anything is built.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CHIEF_COMPLAINT,
  PAIN_SCORE,
  ScreeningError,
  screeningObservations,
  screeningOf,
} from '../../../../sync/model/screening.std.js';
import { hasContentId } from '../../../../sync/model/contentId.std.js';
import { fhirIssues } from '../../../factories/fhirValidator.js';
import { testIdFactory } from '../../../factories/fhirFixtures.js';

const at = '2026-12-06T02:00:00.000Z';
const context = () => ({
  patientId: 'ptest',
  encounterId: 'etest',
  stationId: 'st-99999-a',
  effective: at,
  at,
  newId: testIdFactory('st-99999-a'),
});

describe('screening observations', () => {
  it('pain and chief complaint: LOINC-coded, survey category, content ids, valid FHIR R4', async () => {
    const docs = screeningObservations({ painScore: 6, chiefComplaint: '  ไข้ ไอ มา 3 วัน ' }, context());
    expect(docs.map((doc) => doc.code.coding?.[0]?.code)).toEqual([CHIEF_COMPLAINT.code, PAIN_SCORE.code]);
    expect(docs[0]?.valueString).toBe('ไข้ ไอ มา 3 วัน');
    expect(docs[1]?.valueQuantity).toMatchObject({ value: 6, code: '{score}' });
    expect(
      docs.every(
        (doc) => doc.category[0]?.coding?.[0]?.code === 'survey' && doc.encounter?.reference === 'Encounter/etest',
      ),
    ).toBe(true);
    expect(docs.every((doc) => hasContentId(doc))).toBe(true);
    for (const doc of docs) expect(await fhirIssues(doc)).toEqual([]);
  });

  it('reads back what it wrote; blank complaint and no pain write nothing', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
        fc.option(
          fc.string({ minLength: 1, maxLength: 40 }).filter((text) => text.trim() !== ''),
          { nil: undefined },
        ),
        (painScore, chiefComplaint) => {
          const docs = screeningObservations({ painScore, chiefComplaint }, context());
          const back = Object.assign({}, ...docs.map((doc) => screeningOf(doc)));
          expect(back).toEqual({
            ...(chiefComplaint === undefined ? {} : { chiefComplaint: chiefComplaint.trim() }),
            ...(painScore === undefined ? {} : { painScore }),
          });
        },
      ),
      { numRuns: 200 },
    );
    expect(screeningObservations({ chiefComplaint: '   ' }, context())).toEqual([]);
  });

  it('refuses a pain score outside 0–10 or not whole', () => {
    for (const painScore of [-1, 11, 2.5, Number.NaN])
      expect(() => screeningObservations({ painScore }, context())).toThrow(ScreeningError);
  });
});
