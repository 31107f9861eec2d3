// Device reading → FHIR vital-signs Observations: LOINC + UCUM, the device as a reference, content ids that
// start with the inbox id (same reading, same documents; central checks the hash), valid FHIR R4 (medplum), and
// abnormal flags.
import { describe, expect, it } from 'vitest';
import type { InboxItem } from '../../../../electron/contract/devices.std.js';
import { readingObservationPrefix } from '../../../../electron/contract/devices.std.js';
import { hasContentId } from '../../../../sync/model/contentId.std.js';
import { planReadingChart, chartableValues } from '../../../../sync/model/readingChart.std.js';
import { latestVitals, news2InputFrom, valuesOf } from '../../../../renderer/src/vitals/recent.std.js';
import { flagFor } from '../../../../renderer/src/vitals/flags.std.js';
import { news2 } from '../../../../renderer/src/vitals/news2.std.js';
import { vitalSignObservations } from '../../../../sync/model/observation.std.js';
import { fhirIssues } from '../../../factories/fhirValidator.js';
import { testIdFactory } from '../../../factories/fhirFixtures.js';

function inboxItem(values: { code: string; value: number; unit: string }[], id = '0lx3k2a9b-0a1b2c3d4e'): InboxItem {
  return {
    id,
    receivedAt: '2025-01-05T03:20:00.000Z',
    port: '/dev/ttyUSB0',
    profile: 'omron-hbp9030',
    status: 'pending',
    patientRef: 'p0123456789abcdef0123456789abcdef01234567',
    arrival: { patientRef: 'p0123456789abcdef0123456789abcdef01234567', boundAt: '2025-01-05T03:10:00.000Z' },
    subject: null,
    subjectOverride: null,
    reading: {
      profile: 'omron-hbp9030',
      at: '2025-01-05T03:20:00.000Z',
      values,
      raw: '00,0000000000,20240105,102000,0,0,0,128,082,076,0\\x0d\\x0a',
    },
    errorCode: null,
    chartedIds: [],
    discardReason: null,
    skipped: [],
    updatedAt: '2025-01-05T03:20:00.000Z',
  };
}

const bp = [
  { code: '8480-6', value: 128, unit: 'mm[Hg]' },
  { code: '8462-4', value: 82, unit: 'mm[Hg]' },
  { code: '8478-0', value: 97, unit: 'mm[Hg]' },
  { code: '8867-4', value: 76, unit: '/min' },
];
const context = {
  patientId: 'p0123456789abcdef0123456789abcdef01234567',
  hcode: '99999',
  stationId: 'st-vitals',
  at: '2025-01-05T03:21:00.000Z',
};

describe('planReadingChart', () => {
  it('makes a BP panel and a heart rate with LOINC, UCUM and the device, under content ids that start with the inbox id', () => {
    const item = inboxItem(bp);
    const chart = planReadingChart(item, { ...context, encounterId: 'enc1' });
    const [panel, heartRate] = chart.observations;
    for (const observation of chart.observations) {
      expect(observation.id).toMatch(new RegExp(`^${readingObservationPrefix(item.id)}[0-9a-f]{40}$`));
      expect(observation._id).toBe(`Observation/${observation.id}`);
      expect(hasContentId(observation)).toBe(true);
      // Sealed at arrival: issued is when the station received it, not when the nurse confirmed.
      expect(observation.issued).toBe(item.reading?.at);
    }
    expect(panel?.code.coding?.[0]?.code).toBe('85354-9');
    expect(heartRate?.code.coding?.[0]?.code).toBe('8867-4');
    expect(
      panel?.component?.map((c) => [c.code.coding?.[0]?.code, c.valueQuantity.value, c.valueQuantity.code]),
    ).toEqual([
      ['8480-6', 128, 'mm[Hg]'],
      ['8462-4', 82, 'mm[Hg]'],
    ]);
    expect(heartRate?.valueQuantity).toEqual({
      value: 76,
      unit: 'beats/minute',
      system: 'http://unitsofmeasure.org',
      code: '/min',
    });
    for (const observation of chart.observations) {
      expect(observation.device?.reference).toBe(`Device/${chart.device.id}`);
      expect(observation.subject.reference).toBe(`Patient/${context.patientId}`);
      expect(observation.encounter?.reference).toBe('Encounter/enc1');
      expect(observation.meta.profile).toEqual(['http://hl7.org/fhir/StructureDefinition/vitalsigns']);
      expect(observation.effectiveDateTime).toBe('2025-01-05T03:20:00.000Z');
      expect(fhirIssues(observation)).toEqual([]);
    }
    expect(fhirIssues(chart.device)).toEqual([]);
    // Mean arterial pressure has no place in the vital-signs chart: said, not silently charted or lost (raw frame stays in the inbox).
    expect(chart.skipped.map((v) => v.code)).toEqual(['8478-0']);
  });

  it('the same reading confirmed twice (later, by another click) plans the same ids and device', () => {
    const item = inboxItem(bp);
    const first = planReadingChart(item, context);
    const again = planReadingChart(item, { ...context, at: '2025-01-05T09:00:00.000Z' });
    expect(again.observations.map((o) => o._id)).toEqual(first.observations.map((o) => o._id));
    expect(again.device._id).toBe(first.device._id);
    expect(planReadingChart(inboxItem(bp, '0lx3k2a9c-ffffffffff'), context).observations[0]?._id).not.toBe(
      first.observations[0]?._id,
    );
  });

  it('a scale reading charts weight, height and BMI', () => {
    const chart = planReadingChart(
      inboxItem([
        { code: '8302-2', value: 165.5, unit: 'cm' },
        { code: '29463-7', value: 61.2, unit: 'kg' },
        { code: '39156-5', value: 22.3, unit: 'kg/m2' },
      ]),
      context,
    );
    expect(chart.observations.map((o) => [o.code.coding?.[0]?.code, o.valueQuantity?.value])).toEqual([
      ['8302-2', 165.5],
      ['29463-7', 61.2],
      ['39156-5', 22.3],
    ]);
  });

  it('chartableValues keeps every code the chart knows', () => {
    expect(chartableValues(bp).items.map((v) => v.code)).toEqual(['8480-6', '8462-4', '8867-4']);
  });
});

describe('recent observations and NEWS2 from the chart', () => {
  const newId = testIdFactory('st-vitals');
  const at = (minute: number): string => `2025-01-05T03:${String(minute).padStart(2, '0')}:00.000Z`;
  const make = (items: { code: string; value: number; unit: string }[], minute: number) =>
    vitalSignObservations(items, { patientId: 'ptest', stationId: 'st', effective: at(minute), at: at(minute), newId });

  it('takes the newest value of each vital within the hour, skipping entered-in-error', () => {
    const old = make([{ code: '8867-4', value: 130, unit: '/min' }], 0);
    const recent = make(
      [
        ...bp.filter((v) => v.code !== '8478-0'),
        { code: '9279-1', value: 22, unit: '/min' },
        { code: '59408-5', value: 95, unit: '%' },
        { code: '8310-5', value: 36.9, unit: 'Cel' },
      ],
      40,
    );
    const wrong = make([{ code: '8867-4', value: 40, unit: '/min' }], 50).map((o) => ({
      ...o,
      status: 'entered-in-error' as const,
    }));
    const latest = latestVitals([...wrong, ...recent, ...old]);
    expect(latest.get('8867-4')?.value).toBe(76);
    expect(latest.get('8480-6')?.value).toBe(128);
    const score = news2(news2InputFrom(latest, { consciousness: 'alert', onOxygen: false }));
    // RR 22 → 2, SpO2 95 → 1: total 3, low risk.
    expect(score).toMatchObject({ total: 3, complete: true, risk: 'low' });
    const panel = recent[0];
    expect(panel === undefined ? [] : valuesOf(panel)).toHaveLength(2);
  });

  it('values older than the hour before the newest do not join the set', () => {
    const latest = latestVitals([
      ...make([{ code: '8310-5', value: 38.5, unit: 'Cel' }], 0),
      ...make([{ code: '8867-4', value: 80, unit: '/min' }], 59),
    ]);
    expect(latest.has('8310-5')).toBe(true);
    const later = latestVitals([
      ...make([{ code: '8310-5', value: 38.5, unit: 'Cel' }], 0),
      ...vitalSignObservations([{ code: '8867-4', value: 80, unit: '/min' }], {
        patientId: 'ptest',
        stationId: 'st',
        effective: '2025-01-05T04:30:00.000Z',
        at: '2025-01-05T04:30:00.000Z',
        newId,
      }),
    ]);
    expect(later.has('8310-5')).toBe(false);
  });
});

describe('abnormal flags', () => {
  it('follow NEWS2 bands and the hypertension and Asian BMI cut-offs', () => {
    expect(flagFor('59408-5', 97)).toEqual({ level: 'normal', direction: null });
    expect(flagFor('59408-5', 93)).toEqual({ level: 'watch', direction: 'low' });
    expect(flagFor('59408-5', 88)).toEqual({ level: 'alert', direction: 'low' });
    expect(flagFor('8867-4', 135)).toEqual({ level: 'alert', direction: 'high' });
    expect(flagFor('8310-5', 38.4)).toEqual({ level: 'watch', direction: 'high' });
    expect(flagFor('8480-6', 150)).toEqual({ level: 'watch', direction: 'high' });
    expect(flagFor('8480-6', 185)).toEqual({ level: 'alert', direction: 'high' });
    expect(flagFor('8480-6', 95)).toEqual({ level: 'watch', direction: 'low' });
    expect(flagFor('8462-4', 92)).toEqual({ level: 'watch', direction: 'high' });
    expect(flagFor('39156-5', 24)).toEqual({ level: 'watch', direction: 'high' });
    expect(flagFor('29463-7', 120)).toEqual({ level: 'normal', direction: null });
  });
});
