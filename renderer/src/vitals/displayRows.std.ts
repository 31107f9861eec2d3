/** Values as the nurse reads them: blood pressure as one "SYS/DIA" row, each row with its worst flag. */
import { Loinc } from '../../../sync/model/vitals/vitalSigns.std.js';
import { flagFor, type VitalFlag } from './flags.std.js';

export interface DisplayRow {
  /** A LOINC code, or 'bp' for the systolic/diastolic pair. */
  readonly key: string;
  readonly text: string;
  readonly flag: VitalFlag;
}

const rank = { normal: 0, watch: 1, alert: 2 } as const;

export function worse(a: VitalFlag, b: VitalFlag): VitalFlag {
  return rank[b.level] > rank[a.level] ? b : a;
}

function number(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function displayRows(values: readonly { readonly code: string; readonly value: number }[]): DisplayRow[] {
  const sys = values.find((v) => v.code === Loinc.systolic);
  const dia = values.find((v) => v.code === Loinc.diastolic);
  const rows: DisplayRow[] = [];
  if (sys !== undefined && dia !== undefined) {
    rows.push({
      key: 'bp',
      text: `${number(sys.value)}/${number(dia.value)}`,
      flag: worse(flagFor(sys.code, sys.value), flagFor(dia.code, dia.value)),
    });
  }
  for (const value of values) {
    if (rows.length > 0 && (value === sys || value === dia)) continue;
    rows.push({ key: value.code, text: number(value.value), flag: flagFor(value.code, value.value) });
  }
  return rows;
}
