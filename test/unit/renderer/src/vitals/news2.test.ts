// NEWS2 against the RCP 2017 chart: every band edge of every parameter, the risk bands, and properties.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  news2,
  pulseScore,
  respiratoryRateScore,
  riskOf,
  spo2Scale1Score,
  spo2Scale2Score,
  systolicScore,
  temperatureScore,
  type News2Input,
} from '../../../../../renderer/src/vitals/news2.std.js';

const cases = (fn: (value: number) => number, table: readonly (readonly [number, number])[]): void => {
  for (const [value, score] of table) expect([value, fn(value)]).toEqual([value, score]);
};

describe('NEWS2 parameter bands (RCP 2017 chart 1)', () => {
  it('respiration rate: ≤8 3, 9-11 1, 12-20 0, 21-24 2, ≥25 3', () => {
    cases(respiratoryRateScore, [
      [4, 3],
      [8, 3],
      [9, 1],
      [11, 1],
      [12, 0],
      [20, 0],
      [21, 2],
      [24, 2],
      [25, 3],
      [40, 3],
    ]);
  });
  it('SpO2 scale 1: ≤91 3, 92-93 2, 94-95 1, ≥96 0', () => {
    cases(spo2Scale1Score, [
      [80, 3],
      [91, 3],
      [92, 2],
      [93, 2],
      [94, 1],
      [95, 1],
      [96, 0],
      [100, 0],
    ]);
  });
  it('SpO2 scale 2: ≤83 3, 84-85 2, 86-87 1, 88-92 0, ≥93 on air 0, 93-94 / 95-96 / ≥97 on oxygen 1 / 2 / 3', () => {
    cases(
      (v) => spo2Scale2Score(v, false),
      [
        [83, 3],
        [84, 2],
        [85, 2],
        [86, 1],
        [87, 1],
        [88, 0],
        [92, 0],
        [93, 0],
        [99, 0],
      ],
    );
    cases(
      (v) => spo2Scale2Score(v, true),
      [
        [83, 3],
        [86, 1],
        [88, 0],
        [92, 0],
        [93, 1],
        [94, 1],
        [95, 2],
        [96, 2],
        [97, 3],
        [100, 3],
      ],
    );
  });
  it('systolic BP: ≤90 3, 91-100 2, 101-110 1, 111-219 0, ≥220 3', () => {
    cases(systolicScore, [
      [70, 3],
      [90, 3],
      [91, 2],
      [100, 2],
      [101, 1],
      [110, 1],
      [111, 0],
      [219, 0],
      [220, 3],
    ]);
  });
  it('pulse: ≤40 3, 41-50 1, 51-90 0, 91-110 1, 111-130 2, ≥131 3', () => {
    cases(pulseScore, [
      [30, 3],
      [40, 3],
      [41, 1],
      [50, 1],
      [51, 0],
      [90, 0],
      [91, 1],
      [110, 1],
      [111, 2],
      [130, 2],
      [131, 3],
    ]);
  });
  it('temperature: ≤35.0 3, 35.1-36.0 1, 36.1-38.0 0, 38.1-39.0 1, ≥39.1 2 (to one decimal)', () => {
    cases(temperatureScore, [
      [34, 3],
      [35.0, 3],
      [35.1, 1],
      [36.0, 1],
      [36.04, 1],
      [36.1, 0],
      [38.0, 0],
      [38.1, 1],
      [39.0, 1],
      [39.1, 2],
      [41, 2],
    ]);
  });
});

const healthy: News2Input = {
  respiratoryRate: 16,
  spo2: 98,
  onOxygen: false,
  systolic: 120,
  pulse: 72,
  consciousness: 'alert',
  temperature: 36.8,
};

describe('NEWS2 total and clinical risk', () => {
  it('a healthy adult scores 0, low risk', () => {
    expect(news2(healthy)).toMatchObject({ total: 0, complete: true, risk: 'low', missing: [] });
  });
  it('oxygen adds 2 and new confusion scores 3 (low-medium: a single red score)', () => {
    expect(news2({ ...healthy, onOxygen: true })).toMatchObject({ total: 2, risk: 'low' });
    expect(news2({ ...healthy, consciousness: 'new_confusion' })).toMatchObject({
      total: 3,
      risk: 'low_medium',
      singleParameterThree: true,
    });
  });
  it('5-6 is medium, 7 or more is high', () => {
    // RR 22 (2) + SpO2 94 (1) + pulse 112 (2) = 5
    expect(news2({ ...healthy, respiratoryRate: 22, spo2: 94, pulse: 112 })).toMatchObject({
      total: 5,
      risk: 'medium',
    });
    // + temperature 39.5 (2) = 7
    expect(news2({ ...healthy, respiratoryRate: 22, spo2: 94, pulse: 112, temperature: 39.5 })).toMatchObject({
      total: 7,
      risk: 'high',
    });
    expect(riskOf(4, false)).toBe('low');
    expect(riskOf(4, true)).toBe('low_medium');
    expect(riskOf(6, true)).toBe('medium');
  });
  it('a missing parameter gives no risk band and names what is missing', () => {
    const result = news2({ ...healthy, consciousness: undefined, temperature: undefined });
    expect(result.complete).toBe(false);
    expect(result.risk).toBeNull();
    expect(result.missing).toEqual(['consciousness', 'temperature']);
  });
  it('scale 2 above 92 % needs to know air or oxygen', () => {
    const result = news2({ ...healthy, spo2: 95, spo2Scale2: true, onOxygen: undefined });
    expect(result.missing).toContain('spo2');
    expect(news2({ ...healthy, spo2: 95, spo2Scale2: true, onOxygen: true }).scores.spo2).toBe(2);
  });
  it('properties: total is the sum of the parameter scores, each 0-3, and worse vitals never lower it', () => {
    const input = fc.record({
      respiratoryRate: fc.integer({ min: 2, max: 80 }),
      spo2: fc.integer({ min: 50, max: 100 }),
      onOxygen: fc.boolean(),
      systolic: fc.integer({ min: 40, max: 300 }),
      pulse: fc.integer({ min: 20, max: 250 }),
      consciousness: fc.constantFrom('alert', 'new_confusion', 'voice', 'pain', 'unresponsive' as const),
      temperature: fc.integer({ min: 300, max: 430 }).map((t) => t / 10),
    });
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 10 }), (vitals, drop) => {
        const result = news2(vitals);
        const scores = Object.values(result.scores);
        expect(scores.every((s) => s >= 0 && s <= 3)).toBe(true);
        expect(result.total).toBe(scores.reduce((a, b) => a + b, 0));
        expect(result.complete).toBe(true);
        // Lower SpO2 on scale 1 never scores less.
        expect(news2({ ...vitals, spo2: vitals.spo2 - drop }).scores.spo2 ?? 0).toBeGreaterThanOrEqual(
          result.scores.spo2 ?? 0,
        );
      }),
      { numRuns: 2000 },
    );
  });
});
