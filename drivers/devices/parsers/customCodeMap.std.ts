/**
 * IT's own code map for a monitor nobody has seen yet: OBX-3 identifiers (numeric id or text, matched on any
 * of the first two components, case-insensitive) to a vital, with the unit the monitor implies when it sends
 * none. Tried after the dialect's maps, so a known code is never re-mapped by accident.
 *
 * The one home of the map's shape and rules: the device view's editor (through the contract), main's store and
 * `device listen --code-map FILE` all take entries as `CodeMapEntry` checked by `checkCodeMapEntry`, and hand
 * them to the decoder through `customEntriesOf`.
 */
import { z } from 'zod';
import type { CodeMap } from './hl7Codes.std.js';
import { Loinc, VITALS, isLoincCode, type LoincCode } from '../../../sync/model/vitals/vitalSigns.std.js';
import { unitRule } from '../../../sync/model/vitals/units.std.js';

/** One entry as IT's editor stores it (`hl7_code_map`): OBX-3 as the monitor sends it → a vital, with its unit. */
export const CodeMapEntry = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[^|^~\\&\r\n]+$/, 'an OBX-3 identifier without HL7 separators'),
  loinc: z.enum(Object.values(Loinc) as [string, ...string[]]),
  unit: z.string().trim().min(1).max(32).nullable(),
});
export type CodeMapEntry = z.infer<typeof CodeMapEntry>;

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

export type CodeMapEntryCheck =
  | { readonly ok: true; readonly entry: CodeMapEntry }
  | { readonly ok: false; readonly problem: CodeMapProblem };

/**
 * An entry IT may keep: a code without HL7 separators, a charted vital (not the mean pressure, which is only
 * kept beside a blood pressure), and no unit (the monitor always sends one) or a unit of that vital.
 */
export function checkCodeMapEntry(input: {
  readonly code: string;
  readonly loinc: string;
  readonly unit: string | null;
}): CodeMapEntryCheck {
  const vital = MAPPABLE_VITALS.find((code) => code === input.loinc);
  if (vital === undefined) return { ok: false, problem: 'vital_missing' };
  const parsed = CodeMapEntry.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      problem: parsed.error.issues.some((issue) => issue.path[0] === 'unit') ? 'unit_unfit' : 'code_invalid',
    };
  if (parsed.data.unit !== null && unitRule(parsed.data.unit)?.ucum !== VITALS[vital].ucum)
    return { ok: false, problem: 'unit_unfit' };
  return { ok: true, entry: parsed.data };
}

/** What the HL7 decoder is handed for one code of IT's map. */
export interface CustomCodeEntry {
  /** OBX-3 component 1 or 2 as the monitor sends it. */
  readonly code: string;
  readonly loinc: LoincCode;
  /** UCUM unit the monitor means when OBX-6 is empty (e.g. 'mm[Hg]'); absent: OBX-6 must say. */
  readonly unit?: string | undefined;
}

/** The stored map as the decoder takes it (entries naming a code the vocabulary no longer has are left out). */
export function customEntriesOf(entries: readonly CodeMapEntry[]): CustomCodeEntry[] {
  return entries.flatMap((entry) =>
    isLoincCode(entry.loinc) ? [{ code: entry.code, loinc: entry.loinc, unit: entry.unit ?? undefined }] : [],
  );
}

export function customCodeMap(entries: readonly CustomCodeEntry[]): CodeMap {
  const table = new Map(entries.map((entry) => [entry.code.trim().toUpperCase(), entry.loinc]));
  return {
    name: 'custom',
    lookup: (components) =>
      table.get((components[0] ?? '').trim().toUpperCase()) ?? table.get((components[1] ?? '').trim().toUpperCase()),
  };
}

/** The implied unit of an OBX-3 in IT's map, if IT gave one. */
export function customImpliedUnit(
  entries: readonly CustomCodeEntry[],
  components: readonly string[],
): string | undefined {
  const keys = [components[0], components[1]].map((c) => (c ?? '').trim().toUpperCase());
  return entries.find((entry) => keys.includes(entry.code.trim().toUpperCase()))?.unit;
}
