/**
 * The one vital-signs vocabulary: LOINC code, display, UCUM unit and plausible range of every vital sign the
 * app charts or takes from a device. Device parsers, manual entry, NEWS2, the FHIR builder and the UI all read
 * this table; device-specific limits (a device's stated measurement range) narrow it per profile, never widen it.
 *
 * Ranges are deliberately wide: abnormal but possible values (SpO2 70 %, SYS 250) pass and are flagged
 * clinically; a value outside is a typo or a device fault and is refused with the range in the message.
 */

/** LOINC codes of the vital signs (FHIR R4 vital-signs profile codes). */
export const Loinc = {
  systolic: '8480-6',
  diastolic: '8462-4',
  meanArterial: '8478-0',
  heartRate: '8867-4',
  spo2: '59408-5',
  temperature: '8310-5',
  respiratoryRate: '9279-1',
  weight: '29463-7',
  height: '8302-2',
  bmi: '39156-5',
} as const;
export type LoincCode = (typeof Loinc)[keyof typeof Loinc];

export const BP_PANEL = '85354-9';
export const BP_PANEL_DISPLAY = 'Blood pressure panel with all children optional';
export const SYSTOLIC = Loinc.systolic;
export const DIASTOLIC = Loinc.diastolic;

export interface VitalSpec {
  readonly code: LoincCode;
  readonly display: string;
  /** The one UCUM unit the value is stored in (devices' own units are converted to it). */
  readonly ucum: string;
  /** Quantity.unit as stored (the UI words units through its own translations). */
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  /** Why the range is what it is. */
  readonly rangeSource: string;
  /** False for values kept with a reading but not charted as their own Observation (mean arterial pressure). */
  readonly charted: boolean;
}

const NIBP_RANGE =
  'widest NIBP measurement range in the manuals of supported devices (Mindray VS-900 adult SYS 40–270, DIA 10–215, MAP 20–235; Omron HBP-9030 up to 299 mmHg cuff pressure); neonatal lower bounds';

function spec(
  code: LoincCode,
  display: string,
  ucum: string,
  unit: string,
  range: readonly [number, number],
  rangeSource: string,
  charted = true,
): VitalSpec {
  return { code, display, ucum, unit, min: range[0], max: range[1], rangeSource, charted };
}

export const VITALS: Readonly<Record<LoincCode, VitalSpec>> = {
  [Loinc.systolic]: spec(Loinc.systolic, 'Systolic blood pressure', 'mm[Hg]', 'mmHg', [30, 300], NIBP_RANGE),
  [Loinc.diastolic]: spec(Loinc.diastolic, 'Diastolic blood pressure', 'mm[Hg]', 'mmHg', [10, 250], NIBP_RANGE),
  [Loinc.meanArterial]: spec(Loinc.meanArterial, 'Mean blood pressure', 'mm[Hg]', 'mmHg', [15, 260], NIBP_RANGE, false),
  [Loinc.heartRate]: spec(
    Loinc.heartRate,
    'Heart rate',
    '/min',
    'beats/minute',
    [15, 350],
    'monitor HR/PR measurement ranges (ECG 15–350, SpO2 pulse rate 20–300/min)',
  ),
  [Loinc.spo2]: spec(
    Loinc.spo2,
    'Oxygen saturation in Arterial blood by Pulse oximetry',
    '%',
    '%',
    [30, 100],
    'below 30 % an oximeter reading is an artefact in practice; 100 % is the ceiling',
  ),
  [Loinc.temperature]: spec(
    Loinc.temperature,
    'Body temperature',
    'Cel',
    'C',
    [25, 45],
    'survivable body temperature (severe hypothermia to extreme hyperthermia)',
  ),
  [Loinc.respiratoryRate]: spec(
    Loinc.respiratoryRate,
    'Respiratory rate',
    '/min',
    'breaths/minute',
    [2, 120],
    'monitor impedance RR ranges reach 120/min for neonates; 0–1 is apnoea or a lead off, not a rate',
  ),
  [Loinc.weight]: spec(
    Loinc.weight,
    'Body weight',
    'kg',
    'kg',
    [0.3, 400],
    'preterm neonate to the heaviest floor scales (Tanita platform scales up to 300 kg)',
  ),
  [Loinc.height]: spec(
    Loinc.height,
    'Body height',
    'cm',
    'cm',
    [20, 250],
    'preterm neonate length to the tallest stadiometers',
  ),
  [Loinc.bmi]: spec(
    Loinc.bmi,
    'Body mass index (BMI) [Ratio]',
    'kg/m2',
    'kg/m2',
    [5, 100],
    'body-composition analysers report BMI 5–90',
  ),
};

export function isLoincCode(code: string): code is LoincCode {
  return Object.hasOwn(VITALS, code);
}

/** The spec of a vital we chart as its own Observation, or undefined (MAP, or not a vital at all). */
export function chartedVital(code: string): VitalSpec | undefined {
  return isLoincCode(code) && VITALS[code].charted ? VITALS[code] : undefined;
}

export type RangeCheck = { readonly ok: true } | { readonly ok: false; readonly min: number; readonly max: number };

/** Checks a value against the vocabulary's range, narrowed by a device's own limits when given. */
export function checkRange(code: LoincCode, value: number, deviceRange?: readonly [number, number]): RangeCheck {
  const spec = VITALS[code];
  const min = Math.max(spec.min, deviceRange?.[0] ?? spec.min);
  const max = Math.min(spec.max, deviceRange?.[1] ?? spec.max);
  return Number.isFinite(value) && value >= min && value <= max ? { ok: true } : { ok: false, min, max };
}
