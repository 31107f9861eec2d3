/**
 * The nurse's manual entry: form text → vital items (LOINC + UCUM) the record model charts, or the
 * problems to show beside each field. The ranges are the record model's own (sync/model/vitals.std.ts),
 * so what the form lets through the store accepts; BMI is computed from weight and height.
 */
import type { VitalItem } from '../../../sync/model/observation.std.js';
import { Loinc, chartedVital } from '../../../sync/model/vitals/vitalSigns.std.js';
import { CHIEF_COMPLAINT, PAIN_SCORE, type Screening } from '../../../sync/model/screening.std.js';

export type ManualField =
  | 'systolic'
  | 'diastolic'
  | 'pulse'
  | 'spo2'
  | 'temperature'
  | 'respiratoryRate'
  | 'weight'
  | 'height';

export interface ManualFieldSpec {
  readonly field: ManualField;
  readonly code: string;
  /** Blood pressure, pulse, SpO2 and respiratory rate are counted or read in whole numbers. */
  readonly whole: boolean;
}

export const MANUAL_FIELDS: readonly ManualFieldSpec[] = [
  { field: 'systolic', code: Loinc.systolic, whole: true },
  { field: 'diastolic', code: Loinc.diastolic, whole: true },
  { field: 'pulse', code: Loinc.heartRate, whole: true },
  { field: 'spo2', code: Loinc.spo2, whole: true },
  { field: 'temperature', code: Loinc.temperature, whole: false },
  { field: 'respiratoryRate', code: Loinc.respiratoryRate, whole: true },
  { field: 'weight', code: Loinc.weight, whole: false },
  { field: 'height', code: Loinc.height, whole: false },
];

/** Screening beside the vitals: the pain score (0–10) and the chief complaint (อาการสำคัญ). */
export type ScreeningField = 'pain' | 'complaint';

export type ManualProblemCode =
  | 'not_a_number'
  | 'not_whole'
  | 'out_of_range'
  | 'fahrenheit'
  | 'half_pressure'
  | 'diastolic_not_below'
  | 'bmi_implausible'
  | 'nothing_entered'
  | 'too_long';

export interface ManualProblem {
  readonly field: ManualField | ScreeningField | 'form';
  readonly code: ManualProblemCode;
  readonly min?: number;
  readonly max?: number;
  readonly unit?: string;
}

export type ManualForm = Readonly<Partial<Record<ManualField | ScreeningField, string>>>;

export interface ManualResult {
  readonly items: readonly VitalItem[];
  readonly bmi: number | null;
  /** Pain score and chief complaint, when given. */
  readonly screening: Screening;
  readonly problems: readonly ManualProblem[];
}

const THAI_DIGITS = '๐๑๒๓๔๕๖๗๘๙';

/** Strict decimal: Thai digits and a decimal comma accepted; anything else (1e2, 12abc, '') is null. */
export function parseDecimal(text: string): number | null {
  const ascii = [...text.trim()].map((ch) => {
    const thai = THAI_DIGITS.indexOf(ch);
    return thai >= 0 ? String(thai) : ch === ',' ? '.' : ch;
  });
  const normal = ascii.join('');
  return /^\d+(\.\d+)?$/.test(normal) ? Number(normal) : null;
}

export function bmiOf(weightKg: number, heightCm: number): number {
  return Math.round((weightKg / (heightCm / 100) ** 2) * 10) / 10;
}

function spec(code: string): { min: number; max: number; ucum: string; unit: string } {
  const vital = chartedVital(code);
  if (vital === undefined) throw new Error(`no vital spec for ${code}`);
  return vital;
}

export function parseManualEntry(form: ManualForm): ManualResult {
  const problems: ManualProblem[] = [];
  const values = new Map<ManualField, number>();
  for (const { field, code, whole } of MANUAL_FIELDS) {
    const text = form[field]?.trim() ?? '';
    if (text === '') continue;
    const value = parseDecimal(text);
    const { min, max, unit } = spec(code);
    if (value === null) problems.push({ field, code: 'not_a_number' });
    else if (whole && !Number.isInteger(value)) problems.push({ field, code: 'not_whole' });
    else if (field === 'temperature' && value >= 86 && value <= 113)
      problems.push({ field, code: 'fahrenheit', min, max, unit });
    else if (value < min || value > max) problems.push({ field, code: 'out_of_range', min, max, unit });
    else values.set(field, value);
  }
  const hasSys = form.systolic?.trim() ? true : false;
  const hasDia = form.diastolic?.trim() ? true : false;
  if (hasSys !== hasDia) problems.push({ field: hasSys ? 'diastolic' : 'systolic', code: 'half_pressure' });
  const sys = values.get('systolic');
  const dia = values.get('diastolic');
  if (sys !== undefined && dia !== undefined && dia >= sys)
    problems.push({ field: 'diastolic', code: 'diastolic_not_below' });

  const weight = values.get('weight');
  const height = values.get('height');
  let bmi: number | null = null;
  if (weight !== undefined && height !== undefined) {
    const computed = bmiOf(weight, height);
    const range = spec(Loinc.bmi);
    if (computed < range.min || computed > range.max)
      problems.push({ field: 'weight', code: 'bmi_implausible', min: range.min, max: range.max });
    else bmi = computed;
  }
  const screening = parseScreening(form, problems);
  const anyText = [...MANUAL_FIELDS.map(({ field }) => field), 'pain' as const, 'complaint' as const].some(
    (field) => (form[field]?.trim() ?? '') !== '',
  );
  if (!anyText) problems.push({ field: 'form', code: 'nothing_entered' });
  if (problems.length > 0) return { items: [], bmi, screening: {}, problems };

  const items: VitalItem[] = MANUAL_FIELDS.flatMap(({ field, code }) => {
    const value = values.get(field);
    return value === undefined ? [] : [{ code, value, unit: spec(code).ucum }];
  });
  if (bmi !== null) items.push({ code: Loinc.bmi, value: bmi, unit: spec(Loinc.bmi).ucum });
  return { items, bmi, screening, problems };
}

function parseScreening(form: ManualForm, problems: ManualProblem[]): Screening {
  const painText = form.pain?.trim() ?? '';
  const pain = painText === '' ? undefined : parseDecimal(painText);
  const range = { min: PAIN_SCORE.min, max: PAIN_SCORE.max };
  if (pain === null) problems.push({ field: 'pain', code: 'not_a_number' });
  else if (pain !== undefined && !Number.isInteger(pain)) problems.push({ field: 'pain', code: 'not_whole' });
  else if (pain !== undefined && (pain < range.min || pain > range.max))
    problems.push({ field: 'pain', code: 'out_of_range', ...range });
  const complaint = form.complaint?.trim() ?? '';
  if (complaint.length > CHIEF_COMPLAINT.maxLength)
    problems.push({ field: 'complaint', code: 'too_long', max: CHIEF_COMPLAINT.maxLength });
  return {
    ...(pain === null || pain === undefined ? {} : { painScore: pain }),
    ...(complaint === '' ? {} : { chiefComplaint: complaint }),
  };
}
