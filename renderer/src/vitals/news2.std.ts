/**
 * NEWS2 (National Early Warning Score 2, Royal College of Physicians, London, 2017; chart 1 and the
 * clinical-response table). Each parameter scores 0-3; the total and "a 3 in any single parameter"
 * decide the clinical risk. NEWS2 is only a score when all seven parameters were taken: with one missing
 * the result says so and gives no risk band (a partial total must not look reassuring).
 */

import type { Consciousness } from '../../../sync/model/news2Assessment.std.js';

export type { Consciousness };
export type News2Parameter =
  | 'respiratoryRate'
  | 'spo2'
  | 'airOrOxygen'
  | 'systolic'
  | 'pulse'
  | 'consciousness'
  | 'temperature';

export const NEWS2_PARAMETERS: readonly News2Parameter[] = [
  'respiratoryRate',
  'spo2',
  'airOrOxygen',
  'systolic',
  'pulse',
  'consciousness',
  'temperature',
];

export interface News2Input {
  readonly respiratoryRate?: number | undefined;
  readonly spo2?: number | undefined;
  /** true = on supplemental oxygen, false = room air. */
  readonly onOxygen?: boolean | undefined;
  readonly systolic?: number | undefined;
  readonly pulse?: number | undefined;
  readonly consciousness?: Consciousness | undefined;
  /** °C */
  readonly temperature?: number | undefined;
  /** SpO2 scale 2: only for patients a clinician prescribed a target of 88-92 % (hypercapnic respiratory failure). */
  readonly spo2Scale2?: boolean | undefined;
}

/** low: 0-4 with no single 3; low_medium: 0-4 with a 3 in one parameter; medium: 5-6; high: 7 or more. */
export type News2Risk = 'low' | 'low_medium' | 'medium' | 'high';

export interface News2Result {
  readonly scores: Readonly<Partial<Record<News2Parameter, number>>>;
  /** Sum of the parameters present. */
  readonly total: number;
  readonly missing: readonly News2Parameter[];
  readonly complete: boolean;
  /** Only when complete. */
  readonly risk: News2Risk | null;
  readonly singleParameterThree: boolean;
}

/** Score by upper bounds: the first band whose upper limit the value does not exceed. */
function banded(value: number, bands: readonly (readonly [number, number])[], above: number): number {
  for (const [upTo, score] of bands) if (value <= upTo) return score;
  return above;
}

export function respiratoryRateScore(perMinute: number): number {
  return banded(
    perMinute,
    [
      [8, 3],
      [11, 1],
      [20, 0],
      [24, 2],
    ],
    3,
  );
}

export function spo2Scale1Score(percent: number): number {
  return banded(
    percent,
    [
      [91, 3],
      [93, 2],
      [95, 1],
    ],
    0,
  );
}

/** Scale 2: 88-92 scores 0 whatever the oxygen; above 92 scores only on oxygen (on air ≥ 93 is 0). */
export function spo2Scale2Score(percent: number, onOxygen: boolean): number {
  if (percent <= 92 || !onOxygen)
    return banded(
      percent,
      [
        [83, 3],
        [85, 2],
        [87, 1],
      ],
      0,
    );
  return banded(
    percent,
    [
      [94, 1],
      [96, 2],
    ],
    3,
  );
}

export function airOrOxygenScore(onOxygen: boolean): number {
  return onOxygen ? 2 : 0;
}

export function systolicScore(mmHg: number): number {
  return banded(
    mmHg,
    [
      [90, 3],
      [100, 2],
      [110, 1],
      [219, 0],
    ],
    3,
  );
}

export function pulseScore(perMinute: number): number {
  return banded(
    perMinute,
    [
      [40, 3],
      [50, 1],
      [90, 0],
      [110, 1],
      [130, 2],
    ],
    3,
  );
}

export function consciousnessScore(level: Consciousness): number {
  return level === 'alert' ? 0 : 3;
}

/** Temperature bands are to one decimal (35.0, 35.1-36.0, …): round first so 36.04 scores like 36.0. */
export function temperatureScore(celsius: number): number {
  const t = Math.round(celsius * 10) / 10;
  return banded(
    t,
    [
      [35.0, 3],
      [36.0, 1],
      [38.0, 0],
      [39.0, 1],
    ],
    2,
  );
}

export function news2(input: News2Input): News2Result {
  const scores: Partial<Record<News2Parameter, number>> = {};
  if (input.respiratoryRate !== undefined) scores.respiratoryRate = respiratoryRateScore(input.respiratoryRate);
  if (input.spo2 !== undefined) {
    if (input.spo2Scale2 === true) {
      // Scale 2 needs to know air or oxygen above 92 %; without it the SpO2 score is unknown.
      if (input.spo2 <= 92 || input.onOxygen !== undefined)
        scores.spo2 = spo2Scale2Score(input.spo2, input.onOxygen === true);
    } else {
      scores.spo2 = spo2Scale1Score(input.spo2);
    }
  }
  if (input.onOxygen !== undefined) scores.airOrOxygen = airOrOxygenScore(input.onOxygen);
  if (input.systolic !== undefined) scores.systolic = systolicScore(input.systolic);
  if (input.pulse !== undefined) scores.pulse = pulseScore(input.pulse);
  if (input.consciousness !== undefined) scores.consciousness = consciousnessScore(input.consciousness);
  if (input.temperature !== undefined) scores.temperature = temperatureScore(input.temperature);

  const missing = NEWS2_PARAMETERS.filter((name) => scores[name] === undefined);
  const total = NEWS2_PARAMETERS.reduce((sum, name) => sum + (scores[name] ?? 0), 0);
  const singleParameterThree = NEWS2_PARAMETERS.some((name) => scores[name] === 3);
  const complete = missing.length === 0;
  return {
    scores,
    total,
    missing,
    complete,
    risk: complete ? riskOf(total, singleParameterThree) : null,
    singleParameterThree,
  };
}

export function riskOf(total: number, singleParameterThree: boolean): News2Risk {
  if (total >= 7) return 'high';
  if (total >= 5) return 'medium';
  return singleParameterThree ? 'low_medium' : 'low';
}
