// Screening form extras (pain 0–10, chief complaint) and a returning patient's history (issue 14 §1–2): one point
// per past visit with BP, pulse, weight and a NEWS2 total only when that visit's set was complete; the value from
// before this visit beside each field; dates in พ.ศ. in Thai, Gregorian in English.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseManualEntry } from '../../../../renderer/src/vitals/manualEntry.std.js';
import {
  pastVisits,
  previousValues,
  visitDate,
  visitHistory,
} from '../../../../renderer/src/vitals/visitHistory.std.js';
import { vitalSignObservations, enteredInError, type ObservationDoc } from '../../../../sync/model/observation.std.js';
import { assessmentObservations } from '../../../../sync/model/news2Assessment.std.js';
import { screeningObservations } from '../../../../sync/model/screening.std.js';
import { testIdFactory } from '../../../factories/fhirFixtures.js';

const newId = testIdFactory('st-99999-a');

function visitSet(
  encounterId: string | undefined,
  at: string,
  values: { sys?: number; dia?: number; pulse?: number; weight?: number; rr?: number; spo2?: number; temp?: number },
  assessed = false,
  pain?: number,
): ObservationDoc[] {
  const context = { patientId: 'ptest', encounterId, stationId: 'st-99999-a', effective: at, at, newId };
  const items = [
    ...(values.sys === undefined
      ? []
      : [
          { code: '8480-6', value: values.sys, unit: 'mm[Hg]' },
          { code: '8462-4', value: values.dia ?? 70, unit: 'mm[Hg]' },
        ]),
    ...(values.pulse === undefined ? [] : [{ code: '8867-4', value: values.pulse, unit: '/min' }]),
    ...(values.weight === undefined ? [] : [{ code: '29463-7', value: values.weight, unit: 'kg' }]),
    ...(values.rr === undefined ? [] : [{ code: '9279-1', value: values.rr, unit: '/min' }]),
    ...(values.spo2 === undefined ? [] : [{ code: '59408-5', value: values.spo2, unit: '%' }]),
    ...(values.temp === undefined ? [] : [{ code: '8310-5', value: values.temp, unit: 'Cel' }]),
  ];
  return [
    ...vitalSignObservations(items, context),
    ...(assessed ? assessmentObservations({ consciousness: 'alert', onOxygen: false }, context) : []),
    ...screeningObservations({ painScore: pain }, context),
  ];
}

describe('screening form extras', () => {
  it('takes a pain score 0–10 and a chief complaint with the vitals, or alone', () => {
    const result = parseManualEntry({ pulse: '80', pain: '๗', complaint: '  ปวดหัว  ' });
    expect(result.problems).toEqual([]);
    expect(result.screening).toEqual({ painScore: 7, chiefComplaint: 'ปวดหัว' });
    expect(parseManualEntry({ complaint: 'ไอ' }).problems).toEqual([]);
    expect(parseManualEntry({ pain: '11' }).problems).toEqual([
      { field: 'pain', code: 'out_of_range', min: 0, max: 10 },
    ]);
    expect(parseManualEntry({ pain: '2.5' }).problems.map((p) => p.code)).toEqual(['not_whole']);
    expect(parseManualEntry({ complaint: '   ' }).problems.map((p) => p.code)).toEqual(['nothing_entered']);
  });

  it('whatever pain the form accepts, the model writes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), (pain) => {
        const result = parseManualEntry({ pain, pulse: '70' });
        if (result.problems.length > 0) return;
        expect(() =>
          screeningObservations(result.screening, {
            patientId: 'p',
            stationId: 's',
            effective: '2026-01-01T00:00:00.000Z',
            at: '2026-01-01T00:00:00.000Z',
            newId,
          }),
        ).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe('history at a glance', () => {
  const first = visitSet(
    'e1',
    '2026-10-06T03:00:00.000Z',
    { sys: 150, dia: 95, pulse: 88, weight: 72.5, rr: 18, spo2: 97, temp: 36.9 },
    true,
    4,
  );
  const second = visitSet('e2', '2026-11-06T03:00:00.000Z', { sys: 138, dia: 88, pulse: 80, weight: 71 });
  const today = visitSet('e3', '2026-12-06T03:00:00.000Z', { sys: 124, dia: 80, pulse: 72, weight: 70 });

  it('one point per visit, oldest first, NEWS2 only where the set was complete', () => {
    const points = visitHistory([...today, ...second, ...first]);
    expect(points.map((point) => [point.key, point.systolic, point.diastolic, point.pulse, point.weight])).toEqual([
      ['e1', 150, 95, 88, 72.5],
      ['e2', 138, 88, 80, 71],
      ['e3', 124, 80, 72, 70],
    ]);
    // 150 → 0, pulse 88 → 0, RR 18 → 0, SpO2 97 → 0, 36.9 → 0, alert, air: 0.
    expect(points.map((point) => point.news2)).toEqual([0, undefined, undefined]);
  });

  it('leaves out the visit going on now and readings entered in error', () => {
    const wrong = enteredInError(second[0] as ObservationDoc, '2026-11-06T04:00:00.000Z', 'st-99999-a');
    const points = pastVisits(
      [...today, wrong, ...second.slice(1), ...first],
      'e3',
      new Date('2026-12-06T05:00:00.000Z'),
    );
    expect(points.map((point) => point.key)).toEqual(['e1', 'e2']);
    expect(points[1]?.systolic).toBeUndefined();
  });

  it('the value beside each field is the newest from before this visit', () => {
    const previous = previousValues([...today, ...second, ...first], 'e3', new Date('2026-12-06T05:00:00.000Z'));
    expect(previous.get('8480-6')?.value).toBe(138);
    expect(previous.get('29463-7')?.value).toBe(71);
    expect(previous.get('9279-1')).toMatchObject({ value: 18, at: '2026-10-06T03:00:00.000Z' });
    expect(previous.get('pain')?.value).toBe(4);
  });

  it('dates a visit in พ.ศ. in Thai and Gregorian in English', () => {
    expect(visitDate('2026-12-06T05:00:00.000Z', 'th')).toBe('6 ธ.ค. 2569');
    expect(visitDate('2026-12-06T05:00:00.000Z', 'en')).toBe('6 Dec 2026');
  });
});

describe('NEWS2 reads this visit only', () => {
  it('a returning patient called today has no set yet: nothing from last month counts', async () => {
    const { currentVisitObservations } = await import('../../../../renderer/src/vitals/visitHistory.std.js');
    const earlier = visitSet(
      'e1',
      '2026-11-06T03:00:00.000Z',
      { sys: 150, pulse: 80, rr: 18, spo2: 97, temp: 37 },
      true,
    );
    const now = new Date('2026-12-06T05:00:00.000Z');
    expect(currentVisitObservations(earlier, 'e3', now)).toEqual([]);
    const todays = visitSet(undefined, '2026-12-06T04:00:00.000Z', { pulse: 72 });
    expect(currentVisitObservations([...todays, ...earlier], 'e3', now)).toEqual(todays);
  });
});
