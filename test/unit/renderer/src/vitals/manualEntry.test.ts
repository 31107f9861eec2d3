// Manual entry: impossible values refused per field with the range, BMI computed, and what passes is
// exactly what the record model accepts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  bmiOf,
  parseDecimal,
  parseManualEntry,
  MANUAL_FIELDS,
} from '../../../../../renderer/src/vitals/manualEntry.std.js';
import { vitalSignObservations } from '../../../../../sync/model/observation.std.js';
import { testIdFactory } from '../../../../factories/fhirFixtures.js';

describe('parseDecimal', () => {
  it('takes Thai digits and a decimal comma, refuses anything looser', () => {
    expect(parseDecimal(' 36.8 ')).toBe(36.8);
    expect(parseDecimal('๓๖.๘')).toBe(36.8);
    expect(parseDecimal('36,8')).toBe(36.8);
    for (const bad of ['', '1e2', '12abc', '-5', '.5', '3.', '1 2']) expect(parseDecimal(bad)).toBeNull();
  });
});

describe('parseManualEntry', () => {
  it('charts a full set with BMI from weight and height', () => {
    const result = parseManualEntry({
      systolic: '128',
      diastolic: '82',
      pulse: '76',
      spo2: '97',
      temperature: '36.8',
      respiratoryRate: '18',
      weight: '61.2',
      height: '165.5',
    });
    expect(result.problems).toEqual([]);
    expect(result.bmi).toBe(22.3);
    expect(result.items.map((item) => [item.code, item.value, item.unit])).toEqual([
      ['8480-6', 128, 'mm[Hg]'],
      ['8462-4', 82, 'mm[Hg]'],
      ['8867-4', 76, '/min'],
      ['59408-5', 97, '%'],
      ['8310-5', 36.8, 'Cel'],
      ['9279-1', 18, '/min'],
      ['29463-7', 61.2, 'kg'],
      ['8302-2', 165.5, 'cm'],
      ['39156-5', 22.3, 'kg/m2'],
    ]);
  });

  it('refuses impossible values with the range, and nothing is charted while any field is wrong', () => {
    const result = parseManualEntry({ systolic: '400', diastolic: '80', spo2: '101', pulse: 'abc' });
    expect(result.items).toEqual([]);
    expect(result.problems).toEqual([
      { field: 'systolic', code: 'out_of_range', min: 30, max: 300, unit: 'mmHg' },
      { field: 'pulse', code: 'not_a_number' },
      { field: 'spo2', code: 'out_of_range', min: 30, max: 100, unit: '%' },
    ]);
  });

  it('says Fahrenheit when the temperature looks like it, and wants whole counts', () => {
    expect(parseManualEntry({ temperature: '98.6' }).problems[0]?.code).toBe('fahrenheit');
    expect(parseManualEntry({ pulse: '72.5' }).problems[0]?.code).toBe('not_whole');
  });

  it('wants both pressures, diastolic below systolic, a plausible BMI, and something entered', () => {
    expect(parseManualEntry({ systolic: '120' }).problems).toEqual([{ field: 'diastolic', code: 'half_pressure' }]);
    expect(parseManualEntry({ systolic: '80', diastolic: '90' }).problems).toEqual([
      { field: 'diastolic', code: 'diastolic_not_below' },
    ]);
    expect(parseManualEntry({ weight: '300', height: '50' }).problems[0]).toMatchObject({ code: 'bmi_implausible' });
    expect(parseManualEntry({ pulse: '  ' }).problems).toEqual([{ field: 'form', code: 'nothing_entered' }]);
  });

  it('property: whatever it accepts the record model charts without complaint', () => {
    const field = fc.constantFrom(...MANUAL_FIELDS.map((spec) => spec.field));
    const value = fc.oneof(
      fc.integer({ min: -5, max: 450 }).map(String),
      fc.double({ min: 0, max: 450, noNaN: true }).map((v) => v.toFixed(1)),
      fc.string({ maxLength: 4 }),
    );
    const newId = testIdFactory('st-manual');
    fc.assert(
      fc.property(fc.dictionary(field, value), (form) => {
        const result = parseManualEntry(form);
        if (result.problems.length > 0) return;
        const docs = vitalSignObservations(result.items, {
          patientId: 'ptest',
          stationId: 'st-manual',
          effective: '2025-01-05T03:20:00.000Z',
          at: '2025-01-05T03:20:00.000Z',
          newId,
        });
        expect(docs.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('bmiOf rounds to one decimal', () => {
    expect(bmiOf(70, 175)).toBe(22.9);
  });
});
