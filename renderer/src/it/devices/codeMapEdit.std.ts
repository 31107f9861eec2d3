/**
 * IT's own HL7 code map, edited in the device view, pure: add or replace one entry (the monitor's code → a
 * vital, with the unit the monitor implies when it sends none), remove one. The whole map is then sent with
 * devices.setCodeMap; running ports use it from their next message.
 */
import { CodeMapEntry } from '../../../../electron/contract/devices.std.js';
import { VITALS, isLoincCode, type LoincCode } from '../../../../sync/model/vitals/vitalSigns.std.js';
import { unitRule } from '../../../../sync/model/vitals/units.std.js';

/** The vitals a code can map to (those charted), in the vocabulary's order. */
export const MAPPABLE_VITALS: readonly LoincCode[] = Object.values(VITALS)
  .filter((spec) => spec.charted)
  .map((spec) => spec.code);

export type CodeMapProblem = 'code_invalid' | 'vital_missing' | 'unit_unfit';

export const CODE_MAP_PROBLEM_TEXT: Readonly<Record<CodeMapProblem, { readonly th: string; readonly en: string }>> = {
  code_invalid: {
    th: 'รหัสต้องเป็นรหัสของค่าตามที่เครื่องส่ง (OBX-3) ไม่มีเครื่องหมาย | ^ ~ \\ &',
    en: 'The code is the value’s code as the monitor sends it (OBX-3), without | ^ ~ \\ &.',
  },
  vital_missing: { th: 'เลือกสัญญาณชีพที่รหัสนี้หมายถึง', en: 'Choose the vital sign this code means.' },
  unit_unfit: { th: 'หน่วยนี้ใช้กับสัญญาณชีพที่เลือกไม่ได้', en: 'This unit does not fit the vital sign chosen.' },
};

/** The unit a vital is stored in: what IT usually means when the monitor sends no unit. */
export function defaultUnit(loinc: LoincCode): string {
  return VITALS[loinc].ucum;
}

export type CodeMapEditResult =
  | { readonly ok: true; readonly entries: readonly CodeMapEntry[] }
  | { readonly ok: false; readonly problem: CodeMapProblem };

/**
 * The map with this entry added, replacing one of the same code (codes match whatever the case, as the
 * decoder matches them). An empty unit means the monitor always sends one.
 */
export function withEntry(
  entries: readonly CodeMapEntry[],
  input: { code: string; loinc: string; unit: string },
): CodeMapEditResult {
  if (!isLoincCode(input.loinc) || !MAPPABLE_VITALS.includes(input.loinc))
    return { ok: false, problem: 'vital_missing' };
  const unit = input.unit.trim() === '' ? null : input.unit.trim();
  const parsed = CodeMapEntry.safeParse({ code: input.code, loinc: input.loinc, unit });
  if (!parsed.success)
    return {
      ok: false,
      problem: parsed.error.issues.some((issue) => issue.path[0] === 'unit') ? 'unit_unfit' : 'code_invalid',
    };
  if (unit !== null && unitRule(unit)?.ucum !== VITALS[input.loinc].ucum) return { ok: false, problem: 'unit_unfit' };
  const key = parsed.data.code.toUpperCase();
  return { ok: true, entries: [...entries.filter((entry) => entry.code.toUpperCase() !== key), parsed.data] };
}

export function withoutEntry(entries: readonly CodeMapEntry[], code: string): CodeMapEntry[] {
  return entries.filter((entry) => entry.code.toUpperCase() !== code.toUpperCase());
}
