// NEWS2's consciousness (ACVPU) and air/oxygen as stored Observations: valid FHIR R4 (medplum), accepted by
// the record store, read back from it for the score (newest wins, entered-in-error and old sets ignored).
import { uniqueDbName } from '../../../factories/idbShims.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DataContext } from '../../../../sync/store/dataContext.dom.js';
import { enteredInError, vitalSignObservations } from '../../../../sync/model/observation.std.js';
import { StoredDoc } from '../../../../sync/model/documents.std.js';
import {
  AssessmentError,
  assessmentObservations,
  latestAssessment,
  type News2Assessment,
} from '../../../../sync/model/news2Assessment.std.js';
import { latestVitals, news2InputFrom } from '../../../../renderer/src/vitals/recent.std.js';
import { news2, type Consciousness } from '../../../../renderer/src/vitals/news2.std.js';
import { fhirIssues } from '../../../factories/fhirValidator.js';
import { testIdFactory } from '../../../factories/fhirFixtures.js';

const PATIENT = 'p0123456789abcdef0123456789abcdef01234567';
const newId = testIdFactory('st-vitals');
const context = (effective: string) => ({
  patientId: PATIENT,
  encounterId: 'enc1',
  stationId: 'st-vitals',
  effective,
  at: effective,
  newId,
});
const LEVELS: Consciousness[] = ['alert', 'new_confusion', 'voice', 'pain', 'unresponsive'];

const opened: DataContext[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.destroy();
});

describe('NEWS2 assessment Observations', () => {
  it.each(LEVELS)('%s: valid FHIR R4 and a document the store schema accepts', (level) => {
    const docs = assessmentObservations(
      { consciousness: level, onOxygen: level !== 'alert', oxygenFlowLpm: level === 'alert' ? undefined : 2 },
      context('2026-11-23T03:00:00.000Z'),
    );
    expect(docs).toHaveLength(2);
    for (const doc of docs) {
      expect(fhirIssues(doc)).toEqual([]);
      expect(StoredDoc.safeParse(doc).success).toBe(true);
    }
    expect(docs[0]?.code.coding?.[0]?.system).toBe('http://snomed.info/sct');
    expect(latestAssessment(docs)).toEqual({
      consciousness: level,
      onOxygen: level !== 'alert',
      oxygenFlowLpm: level === 'alert' ? undefined : 2,
    });
  });

  it('room air is 722742002 with no value; oxygen is 371825009 with the flow in L/min (UCUM)', () => {
    const [air] = assessmentObservations({ onOxygen: false }, context('2026-11-23T03:00:00.000Z'));
    expect(air?.code.coding?.[0]?.code).toBe('722742002');
    expect(air?.valueQuantity).toBeUndefined();
    const [oxygen] = assessmentObservations({ onOxygen: true, oxygenFlowLpm: 4 }, context('2026-11-23T03:00:00.000Z'));
    expect(oxygen?.code.coding?.[0]?.code).toBe('371825009');
    expect(oxygen?.valueQuantity).toEqual({
      value: 4,
      unit: 'L/min',
      system: 'http://unitsofmeasure.org',
      code: 'L/min',
    });
  });

  it('refuses a flow out of range or a flow on room air, before building anything', () => {
    expect(() =>
      assessmentObservations({ onOxygen: true, oxygenFlowLpm: 90 }, context('2026-11-23T03:00:00.000Z')),
    ).toThrow(AssessmentError);
    expect(() =>
      assessmentObservations({ onOxygen: false, oxygenFlowLpm: 2 }, context('2026-11-23T03:00:00.000Z')),
    ).toThrow(AssessmentError);
  });

  it('read back: the newest within the set wins; entered-in-error and an older visit are ignored', () => {
    const old = assessmentObservations({ consciousness: 'pain', onOxygen: true }, context('2026-11-20T03:00:00.000Z'));
    const first = assessmentObservations(
      { consciousness: 'voice', onOxygen: true, oxygenFlowLpm: 2 },
      context('2026-11-23T03:00:00.000Z'),
    );
    const later = assessmentObservations({ consciousness: 'alert' }, context('2026-11-23T03:10:00.000Z'));
    expect(latestAssessment([...old, ...first, ...later])).toEqual({
      consciousness: 'alert',
      onOxygen: true,
      oxygenFlowLpm: 2,
    });
    const wrong = later.map((doc) => enteredInError(doc, '2026-11-23T03:11:00.000Z', 'st-vitals'));
    expect(latestAssessment([...old, ...first, ...wrong])).toEqual({
      consciousness: 'voice',
      onOxygen: true,
      oxygenFlowLpm: 2,
    });
    expect(latestAssessment(old.slice(0, 0))).toEqual({});
  });

  it('saved to the store and read back from it, the NEWS2 score is the one the nurse saw', async () => {
    const store = await DataContext.open(uniqueDbName('news2'));
    opened.push(store);
    const at = '2026-11-23T03:00:00.000Z';
    const vitals = vitalSignObservations(
      [
        { code: '9279-1', value: 22, unit: '/min' },
        { code: '59408-5', value: 95, unit: '%' },
        { code: '8480-6', value: 124, unit: 'mm[Hg]' },
        { code: '8462-4', value: 80, unit: 'mm[Hg]' },
        { code: '8867-4', value: 66, unit: '/min' },
        { code: '8310-5', value: 37.2, unit: 'Cel' },
      ],
      { ...context(at) },
    );
    const assessed: News2Assessment = { consciousness: 'new_confusion', onOxygen: false };
    const onScreen = news2(news2InputFrom(latestVitals(vitals), { consciousness: 'new_confusion', onOxygen: false }));
    const results = await store.saveAll([
      ...vitals,
      ...assessmentObservations(assessed, context('2026-11-23T03:02:00.000Z')),
    ]);
    expect(results.every((result) => 'id' in result)).toBe(true);

    const back = await store.observationsOf(PATIENT);
    const fromStore = latestAssessment(back);
    expect(fromStore).toEqual({ consciousness: 'new_confusion', onOxygen: false, oxygenFlowLpm: undefined });
    const recomputed = news2(
      news2InputFrom(latestVitals(back), { consciousness: fromStore.consciousness, onOxygen: fromStore.onOxygen }),
    );
    expect(recomputed).toMatchObject({ complete: true, total: 6, risk: 'medium' });
    expect(recomputed.total).toBe(onScreen.total);
  });
});
