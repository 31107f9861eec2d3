/**
 * Observation codes and units in HL7 OBX segments → LOINC + UCUM.
 *
 * Source (confidence H): IHE PCD-01 ORU^R01 test messages and IEEE 11073-10101 nomenclature as quoted in
 * /work/shared/reference/bedside-devices-and-sync-anchors.md §A1 (MDC numeric codes with their reference
 * ids). Vendor maps are pluggable: a profile lists the maps it trusts, first match wins.
 * - Older Mindray private ids (confidence M): caowm/pds-server api/device/services/device-item.js.
 * - Hospital-OS free-text ids over raw TCP (confidence L): one unattributed add-on, see §A5.
 */
import { Loinc, type LoincCode } from './reading.std.js';

export interface CodeMap {
  readonly name: string;
  /** components = OBX-3 split on '^' (identifier, text, coding system). */
  lookup(components: readonly string[]): LoincCode | undefined;
}

function mapOf(name: string, table: Readonly<Record<string, LoincCode>>, pick: (components: readonly string[]) => readonly string[]): CodeMap {
  return {
    name,
    lookup(components) {
      for (const candidate of pick(components)) {
        const hit = table[candidate.trim().toUpperCase()];
        if (hit !== undefined) return hit;
      }
      return undefined;
    },
  };
}

const mdcTable: Readonly<Record<string, LoincCode>> = {
  '150021': Loinc.systolic,
  MDC_PRESS_BLD_NONINV_SYS: Loinc.systolic,
  '150022': Loinc.diastolic,
  MDC_PRESS_BLD_NONINV_DIA: Loinc.diastolic,
  '150023': Loinc.meanArterial,
  MDC_PRESS_BLD_NONINV_MEAN: Loinc.meanArterial,
  '149546': Loinc.heartRate,
  MDC_PULS_RATE_NON_INV: Loinc.heartRate,
  '150456': Loinc.spo2,
  MDC_PULS_OXIM_SAT_O2: Loinc.spo2,
  '149530': Loinc.heartRate,
  MDC_PULS_OXIM_PULS_RATE: Loinc.heartRate,
  '147842': Loinc.heartRate,
  MDC_ECG_HEART_RATE: Loinc.heartRate,
  '151562': Loinc.respiratoryRate,
  MDC_RESP_RATE: Loinc.respiratoryRate,
  '151578': Loinc.respiratoryRate,
  MDC_TTHOR_RESP_RATE: Loinc.respiratoryRate,
  '150344': Loinc.temperature,
  MDC_TEMP: Loinc.temperature,
  '188736': Loinc.weight,
  MDC_MASS_BODY_ACTUAL: Loinc.weight,
  '188740': Loinc.height,
  MDC_LEN_BODY_ACTUAL: Loinc.height,
};

/** IEEE 11073 MDC codes: numeric id in component 1, or the MDC_ reference id in component 1 or 2. */
export const mdcCodeMap = mapOf('mdc', mdcTable, (c) => [c[0] ?? '', c[1] ?? '']);

/** Older Mindray private ids: `101^HR`, `160^SpO2`, … (component 1 is the id, component 2 its label). */
export const mindrayLegacyCodeMap = mapOf(
  'mindray-legacy',
  {
    '101': Loinc.heartRate,
    '160': Loinc.spo2,
    '161': Loinc.heartRate,
    '170': Loinc.systolic,
    '171': Loinc.diastolic,
    '172': Loinc.meanArterial,
    '151': Loinc.respiratoryRate,
    '200': Loinc.temperature,
  },
  (c) => [c[0] ?? ''],
);

/** Free-text identifiers some Thai HIS add-ons send (Hospital-OS style). */
export const freeTextCodeMap = mapOf(
  'free-text',
  {
    SYSTOLIC: Loinc.systolic,
    DIASTOLIC: Loinc.diastolic,
    PULSE: Loinc.heartRate,
    HR: Loinc.heartRate,
    SPO2: Loinc.spo2,
    TEMP: Loinc.temperature,
    RR: Loinc.respiratoryRate,
    WEIGHT: Loinc.weight,
    HEIGHT: Loinc.height,
    BMI: Loinc.bmi,
  },
  (c) => [c[0] ?? '', c[1] ?? ''],
);

export const codeMaps: Readonly<Record<string, CodeMap>> = {
  mdc: mdcCodeMap,
  'mindray-legacy': mindrayLegacyCodeMap,
  'free-text': freeTextCodeMap,
};

interface UnitRule {
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
const pound: UnitRule = { ucum: 'kg', convert: (lb) => round2(lb * 0.45359237) };
const cm: UnitRule = { ucum: 'cm' };
const inch: UnitRule = { ucum: 'cm', convert: (inches) => round1(inches * 2.54) };
const kPa: UnitRule = { ucum: 'mm[Hg]', convert: (value) => Math.round(value * 7.50062) };
const kgPerM2: UnitRule = { ucum: 'kg/m2' };

/** OBX-6 identifiers (MDC numeric, MDC_DIM_ names, UCUM, common text) → UCUM with a conversion. */
const unitTable: Readonly<Record<string, UnitRule>> = {
  '266016': mmHg, MDC_DIM_MMHG: mmHg, 'MM[HG]': mmHg, MMHG: mmHg,
  MDC_DIM_KILO_PASCAL: kPa, KPA: kPa,
  '264864': perMin, MDC_DIM_BEAT_PER_MIN: perMin, '{BEAT}/MIN': perMin, '/MIN': perMin, BPM: perMin, '1/MIN': perMin,
  '264928': perMin, MDC_DIM_RESP_PER_MIN: perMin, '{BREATH}/MIN': perMin, '{RESP}/MIN': perMin, RPM: perMin, 'BR/MIN': perMin,
  '262688': percent, MDC_DIM_PERCENT: percent, '%': percent,
  '268192': celsius, MDC_DIM_DEGC: celsius, CEL: celsius, '°C': celsius, DEGC: celsius, C: celsius,
  '266560': fahrenheit, MDC_DIM_FAHR: fahrenheit, '[DEGF]': fahrenheit, '°F': fahrenheit, DEGF: fahrenheit, F: fahrenheit,
  '263875': kg, MDC_DIM_KILO_G: kg, KG: kg,
  '263904': pound, MDC_DIM_LB: pound, '[LB_AV]': pound, LB: pound, LBS: pound,
  '263441': cm, MDC_DIM_CENTI_M: cm, CM: cm,
  '263520': inch, MDC_DIM_INCH: inch, '[IN_I]': inch, IN: inch,
  '264096': kgPerM2, MDC_DIM_KG_PER_M_SQ: kgPerM2, 'KG/M2': kgPerM2, 'KG/M^2': kgPerM2,
};

/** Which UCUM unit each code must end up in: a unit of the wrong kind (kg for a pulse) is refused. */
const expectedUcum: Readonly<Record<LoincCode, string>> = {
  '8480-6': 'mm[Hg]', '8462-4': 'mm[Hg]', '8478-0': 'mm[Hg]', '8867-4': '/min', '59408-5': '%',
  '8310-5': 'Cel', '9279-1': '/min', '29463-7': 'kg', '8302-2': 'cm', '39156-5': 'kg/m2',
};

export type UnitOutcome = { readonly ok: true; readonly value: number; readonly unit: string } | { readonly ok: false; readonly detail: string };

/** Reads the unit from OBX-6 (any of its components), converts the value, and checks it fits the code. */
export function convertUnit(code: LoincCode, value: number, unitComponents: readonly string[]): UnitOutcome {
  const named = unitComponents.map((c) => c.trim()).filter((c) => c !== '');
  if (named.length === 0) return { ok: false, detail: `${code}: OBX-6 has no unit` };
  for (const candidate of named) {
    const rule = unitTable[candidate.toUpperCase()];
    if (rule === undefined) continue;
    if (rule.ucum !== expectedUcum[code]) return { ok: false, detail: `${code}: unit ${candidate} does not fit` };
    return { ok: true, value: rule.convert === undefined ? value : rule.convert(value), unit: rule.ucum };
  }
  return { ok: false, detail: `${code}: unknown unit ${named.join('^')}` };
}
