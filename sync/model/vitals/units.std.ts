/**
 * Units as devices and people write them → the UCUM unit of the vital (VitalSpec.ucum), with the conversion.
 * Keys are upper-cased: IEEE 11073 MDC numeric unit codes and MDC_DIM_ names, UCUM codes, and common text.
 */
import { VITALS, type LoincCode } from './vitalSigns.std.js';

export interface UnitRule {
  readonly ucum: string;
  /** Converts a value in this unit to the UCUM unit above. */
  readonly convert?: (value: number) => number;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;
const round2 = (value: number): number => Math.round(value * 100) / 100;

const mmHg: UnitRule = { ucum: 'mm[Hg]' };
const perMin: UnitRule = { ucum: '/min' };
const percent: UnitRule = { ucum: '%' };
const celsius: UnitRule = { ucum: 'Cel' };
const fahrenheit: UnitRule = { ucum: 'Cel', convert: (f) => round1(((f - 32) * 5) / 9) };
const kg: UnitRule = { ucum: 'kg' };
const gram: UnitRule = { ucum: 'kg', convert: (g) => round2(g / 1000) };
const pound: UnitRule = { ucum: 'kg', convert: (lb) => round2(lb * 0.45359237) };
const cm: UnitRule = { ucum: 'cm' };
const metre: UnitRule = { ucum: 'cm', convert: (m) => round1(m * 100) };
const mm: UnitRule = { ucum: 'cm', convert: (value) => round1(value / 10) };
const inch: UnitRule = { ucum: 'cm', convert: (inches) => round1(inches * 2.54) };
const kPa: UnitRule = { ucum: 'mm[Hg]', convert: (value) => Math.round(value * 7.50062) };
const kgPerM2: UnitRule = { ucum: 'kg/m2' };

const unitTable: Readonly<Record<string, UnitRule>> = {
  '266016': mmHg,
  MDC_DIM_MMHG: mmHg,
  'MM[HG]': mmHg,
  MMHG: mmHg,
  'MM HG': mmHg,
  '265987': kPa,
  MDC_DIM_KILO_PASCAL: kPa,
  KPA: kPa,
  '264864': perMin,
  MDC_DIM_BEAT_PER_MIN: perMin,
  '{BEAT}/MIN': perMin,
  '{BEATS}/MIN': perMin,
  'BEATS/MIN': perMin,
  '/MIN': perMin,
  BPM: perMin,
  '1/MIN': perMin,
  '264928': perMin,
  MDC_DIM_RESP_PER_MIN: perMin,
  '{BREATH}/MIN': perMin,
  '{BREATHS}/MIN': perMin,
  '{RESP}/MIN': perMin,
  RPM: perMin,
  'BR/MIN': perMin,
  BRPM: perMin,
  '262688': percent,
  MDC_DIM_PERCENT: percent,
  '%': percent,
  '268192': celsius,
  MDC_DIM_DEGC: celsius,
  CEL: celsius,
  '°C': celsius,
  DEGC: celsius,
  C: celsius,
  '℃': celsius,
  '266560': fahrenheit,
  MDC_DIM_FAHR: fahrenheit,
  '[DEGF]': fahrenheit,
  '°F': fahrenheit,
  DEGF: fahrenheit,
  F: fahrenheit,
  '263875': kg,
  MDC_DIM_KILO_G: kg,
  KG: kg,
  '263872': gram,
  MDC_DIM_X_G: gram,
  G: gram,
  '263904': pound,
  MDC_DIM_LB: pound,
  '[LB_AV]': pound,
  LB: pound,
  LBS: pound,
  '263441': cm,
  MDC_DIM_CENTI_M: cm,
  CM: cm,
  '263424': metre,
  MDC_DIM_X_M: metre,
  M: metre,
  '263442': mm,
  MDC_DIM_MILLI_M: mm,
  MM: mm,
  '263520': inch,
  MDC_DIM_INCH: inch,
  '[IN_I]': inch,
  IN: inch,
  '264096': kgPerM2,
  MDC_DIM_KG_PER_M_SQ: kgPerM2,
  'KG/M2': kgPerM2,
  'KG/M^2': kgPerM2,
  'KG/M²': kgPerM2,
};

export function unitRule(text: string): UnitRule | undefined {
  return unitTable[text.trim().toUpperCase()];
}

/** The UCUM spelling of a unit when it is a known way of writing it (case and spelling variants), else as given. */
export function normaliseUnit(unit: string): string {
  const rule = unitRule(unit);
  return rule !== undefined && rule.convert === undefined ? rule.ucum : unit.trim();
}

export type UnitOutcome =
  | { readonly ok: true; readonly value: number; readonly unit: string }
  | { readonly ok: false; readonly reason: 'unit_missing' | 'unit_unknown' | 'unit_mismatch'; readonly detail: string };

/** Converts a value given in any of `unitNames` (e.g. OBX-6 components) to the vital's UCUM unit. */
export function convertUnit(code: LoincCode, value: number, unitNames: readonly string[]): UnitOutcome {
  const named = unitNames.map((c) => c.trim()).filter((c) => c !== '');
  if (named.length === 0) return { ok: false, reason: 'unit_missing', detail: `${code}: no unit` };
  for (const candidate of named) {
    const rule = unitRule(candidate);
    if (rule === undefined) continue;
    if (rule.ucum !== VITALS[code].ucum)
      return { ok: false, reason: 'unit_mismatch', detail: `${code}: unit ${candidate} does not fit` };
    return { ok: true, value: rule.convert === undefined ? value : rule.convert(value), unit: rule.ucum };
  }
  return { ok: false, reason: 'unit_unknown', detail: `${code}: unknown unit ${named.join('^')}` };
}
