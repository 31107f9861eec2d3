/**
 * Observation codes and units in HL7 OBX segments → LOINC + UCUM.
 *
 * MDC (IEEE 11073-10101) terms come from the vitals vocabulary (sync/model/vitals/mdc.std.ts). Vendor maps are pluggable: a profile lists the maps it trusts, first match wins.
 * - Older Mindray private ids (confidence M): caowm/pds-server api/device/services/device-item.js.
 * - Hospital-OS free-text ids over raw TCP (confidence L): one unattributed add-on, see §A5.
 */
import { Loinc, type LoincCode } from './reading.std.js';
import { mdcVital } from '../../../sync/model/vitals/mdc.std.js';

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

/** IEEE 11073 MDC codes: numeric id in component 1, or the MDC_ reference id in component 1 or 2 (the vocabulary's table). */
export const mdcCodeMap: CodeMap = {
  name: 'mdc',
  lookup: (c) => mdcVital(c[0] ?? '') ?? mdcVital(c[1] ?? ''),
};

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

