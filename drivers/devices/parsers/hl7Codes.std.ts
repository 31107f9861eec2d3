/**
 * Observation codes and units in HL7 OBX segments → LOINC + UCUM.
 *
 * MDC (IEEE 11073-10101) terms come from the vitals vocabulary (sync/model/vitals/mdc.std.ts). Vendor maps are pluggable: a profile lists the maps it trusts, first match wins.
 * - Older Mindray private ids (confidence M): caowm/pds-server api/device/services/device-item.js; 51 weight and
 *   52 height from the Mindray gateway v2.3.1 sample in test/fixtures/devices/public/hl7/mindray-legacy-gateway.
 * - Philips MDIL ids (`0002-4bb8^SpO2^MDIL`): the hex pair is the IEEE 11073 partition and term code, so they
 *   resolve through the MDC table (0002-4bb8 = 2×65536 + 0x4bb8 = 150456 SpO2); captures and sources in
 *   test/fixtures/devices/public/hl7/philips-mdil.
 * - Nihon Kohden private ids (`007000^VITAL SpO2`, units as text in OBX-6): two public ORU^R01 messages from Nihon
 *   Kohden gateways/monitors (test/fixtures/devices/public/hl7/nihon-kohden, confidence M) and public code lists
 *   (001000 HR, 014000 TRECT); sources in test/fixtures/devices/public/hl7/SOURCES.md.
 * - Hospital-OS free-text ids over raw TCP (confidence L): one unattributed add-on, see §A5.
 */
import { Loinc, type LoincCode } from './reading.std.js';
import { mdcVital } from '../../../sync/model/vitals/mdc.std.js';

export interface CodeMap {
  readonly name: string;
  /** components = OBX-3 split on '^' (identifier, text, coding system). */
  lookup(components: readonly string[]): LoincCode | undefined;
}

function mapOf(
  name: string,
  table: Readonly<Record<string, LoincCode>>,
  pick: (components: readonly string[]) => readonly string[],
): CodeMap {
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
    '51': Loinc.weight,
    '52': Loinc.height,
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

/**
 * Nihon Kohden private ids (component 1; component 2 is `VITAL <label>` or `NIBP <label>`). The `r`-prefixed
 * channels (072007 `rPR(spo2)`) are left unknown: no public source says what they measure beside the primary.
 * Peripheral temperatures (TSKIN) are absent for the same reason as in the MDC table.
 */
export const nihonKohdenCodeMap = mapOf(
  'nihon-kohden',
  {
    '001000': Loinc.heartRate,
    '007000': Loinc.spo2,
    '007001': Loinc.heartRate,
    '009000': Loinc.systolic,
    '009001': Loinc.diastolic,
    '009002': Loinc.meanArterial,
    '014000': Loinc.temperature,
  },
  (c) => [c[0] ?? ''],
);

const MDIL_ID = /^([0-9A-F]{4})-([0-9A-F]{4})$/i;

/** An MDIL id or unit code (`0004-0f20`) as its MDC numeric code (`266016`), or undefined when it is not one. */
export function mdilToMdc(text: string): string | undefined {
  const match = MDIL_ID.exec(text.trim());
  if (match === null) return undefined;
  return String(Number.parseInt(match[1] ?? '0', 16) * 65536 + Number.parseInt(match[2] ?? '0', 16));
}

/**
 * Philips MDIL ids. Unambiguous (the `pppp-tttt` form is no other vendor's), so 'auto' always tries it. One
 * Philips term outside the vocabulary's MDC table: 0002-4b60 "Tcore" in °C (Mediboard's IntelliVue test
 * generator labels it core body temperature). Invasive pressures (ABPs 0002-4a15 …) stay unknown.
 */
export const philipsMdilCodeMap: CodeMap = {
  name: 'philips-mdil',
  lookup(components) {
    const id = (components[0] ?? '').trim().toUpperCase();
    if (id === '0002-4B60') return Loinc.temperature;
    const mdc = mdilToMdc(id);
    return mdc === undefined ? undefined : mdcVital(mdc);
  },
};

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
  'philips-mdil': philipsMdilCodeMap,
  'nihon-kohden': nihonKohdenCodeMap,
};
