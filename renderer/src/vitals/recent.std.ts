/**
 * A patient's charted observations as the nurse reads them: one row per Observation with its values, and
 * the latest set of vitals (for NEWS2) from observations that were not entered in error.
 */
import type { ObservationDoc } from '../../../sync/model/observation.std.js';
import type { News2Input } from './news2.std.js';
import { Loinc } from '../../../sync/model/vitals/vitalSigns.std.js';
import { primaryCode } from '../../../sync/model/readingChart.std.js';

export interface ObservedValue {
  readonly code: string;
  readonly value: number;
  /** UCUM */
  readonly unit: string;
}

/** The values of one Observation (the BP panel's two components, or its one quantity). */
export function valuesOf(observation: ObservationDoc): ObservedValue[] {
  if (observation.component !== undefined) {
    return observation.component.map((part) => ({
      code: part.code.coding?.[0]?.code ?? '',
      value: part.valueQuantity.value,
      unit: part.valueQuantity.code ?? '',
    }));
  }
  const quantity = observation.valueQuantity;
  return quantity === undefined
    ? []
    : [{ code: primaryCode(observation), value: quantity.value, unit: quantity.code ?? '' }];
}

export interface LatestValue {
  readonly value: number;
  readonly at: string;
}

/**
 * The newest value of each vital within `windowMinutes` before the newest observation: one set taken at
 * one visit, not a pulse from last month beside today's blood pressure.
 */
export function latestVitals(observations: readonly ObservationDoc[], windowMinutes = 60): Map<string, LatestValue> {
  const live = observations.filter((observation) => observation.status !== 'entered-in-error');
  const newest = Math.max(...live.map((observation) => Date.parse(observation.effectiveDateTime)));
  const from = newest - windowMinutes * 60_000;
  const out = new Map<string, LatestValue>();
  const byTime = [...live].sort((a, b) => Date.parse(b.effectiveDateTime) - Date.parse(a.effectiveDateTime));
  for (const observation of byTime) {
    if (Date.parse(observation.effectiveDateTime) < from) break;
    for (const value of valuesOf(observation))
      if (!out.has(value.code)) out.set(value.code, { value: value.value, at: observation.effectiveDateTime });
  }
  return out;
}

/** NEWS2 input from charted vitals plus what the nurse assessed now (consciousness, air or oxygen). */
export function news2InputFrom(
  latest: ReadonlyMap<string, LatestValue>,
  assessed: Pick<News2Input, 'consciousness' | 'onOxygen' | 'spo2Scale2'>,
): News2Input {
  return {
    respiratoryRate: latest.get(Loinc.respiratoryRate)?.value,
    spo2: latest.get(Loinc.spo2)?.value,
    systolic: latest.get(Loinc.systolic)?.value,
    pulse: latest.get(Loinc.heartRate)?.value,
    temperature: latest.get(Loinc.temperature)?.value,
    ...assessed,
  };
}
