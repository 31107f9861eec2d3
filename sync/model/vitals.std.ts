/** The vital signs we chart: LOINC code, display, the UCUM unit the vital-signs profile expects, plausible range. */
export interface VitalSpec {
  readonly code: string;
  readonly display: string;
  readonly ucum: string;
  readonly unit: string;
  /** Values outside are refused as a typo or a device fault (manual entry shows the range). */
  readonly min: number;
  readonly max: number;
}

export const BP_PANEL = '85354-9';
export const SYSTOLIC = '8480-6';
export const DIASTOLIC = '8462-4';

export const VITALS: Readonly<Record<string, VitalSpec>> = {
  [SYSTOLIC]: { code: SYSTOLIC, display: 'Systolic blood pressure', ucum: 'mm[Hg]', unit: 'mmHg', min: 30, max: 300 },
  [DIASTOLIC]: { code: DIASTOLIC, display: 'Diastolic blood pressure', ucum: 'mm[Hg]', unit: 'mmHg', min: 10, max: 200 },
  '8867-4': { code: '8867-4', display: 'Heart rate', ucum: '/min', unit: 'beats/minute', min: 10, max: 300 },
  '59408-5': { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry', ucum: '%', unit: '%', min: 30, max: 100 },
  '8310-5': { code: '8310-5', display: 'Body temperature', ucum: 'Cel', unit: 'C', min: 25, max: 45 },
  '9279-1': { code: '9279-1', display: 'Respiratory rate', ucum: '/min', unit: 'breaths/minute', min: 2, max: 80 },
  '29463-7': { code: '29463-7', display: 'Body weight', ucum: 'kg', unit: 'kg', min: 0.3, max: 400 },
  '8302-2': { code: '8302-2', display: 'Body height', ucum: 'cm', unit: 'cm', min: 20, max: 250 },
  '39156-5': { code: '39156-5', display: 'Body mass index (BMI) [Ratio]', ucum: 'kg/m2', unit: 'kg/m2', min: 5, max: 100 },
};

export const BP_PANEL_DISPLAY = 'Blood pressure panel with all children optional';

/** Units devices send that mean the same as ours (UCUM case and spelling variants). */
const UNIT_ALIASES: Readonly<Record<string, string>> = {
  mmhg: 'mm[Hg]',
  'mm[hg]': 'mm[Hg]',
  bpm: '/min',
  '{beats}/min': '/min',
  '{breaths}/min': '/min',
  'beats/min': '/min',
  cel: 'Cel',
  '°c': 'Cel',
  degc: 'Cel',
  'kg/m^2': 'kg/m2',
  'kg/m2': 'kg/m2',
};

export function normaliseUnit(unit: string): string {
  return UNIT_ALIASES[unit.trim().toLowerCase()] ?? unit.trim();
}
