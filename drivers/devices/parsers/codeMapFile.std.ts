/**
 * `device listen --code-map FILE`: IT's code map in a file, in the shape the device view stores it (what
 * `devices.codeMap` returns): a JSON list of `{code, loinc, unit}`, unit null when the monitor always sends one.
 * Each entry is checked as the editor checks it (`checkCodeMapEntry`); the first problem is named with its entry.
 */
import { z } from 'zod';
import {
  CODE_MAP_PROBLEM_TEXT,
  MAPPABLE_VITALS,
  checkCodeMapEntry,
  type CodeMapEntry,
  type CodeMapProblem,
} from './customCodeMap.std.js';
import { VITALS, isLoincCode } from '../../../sync/model/vitals/vitalSigns.std.js';

export type CodeMapFileProblem =
  | 'file_unreadable'
  | 'not_json'
  | 'not_a_list'
  | 'entry_shape'
  | 'code_twice'
  | CodeMapProblem;

export const CODE_MAP_FILE_PROBLEM_TEXT: Readonly<
  Record<CodeMapFileProblem, { readonly th: string; readonly en: string }>
> = {
  file_unreadable: {
    th: 'อ่านไฟล์ผังรหัสไม่ได้ (ไม่มีไฟล์นี้ เป็นโฟลเดอร์ หรือไม่มีสิทธิ์อ่าน)',
    en: 'The code map file cannot be read (no such file, a folder, or no permission).',
  },
  not_json: { th: 'ไฟล์ผังรหัสไม่ใช่ JSON', en: 'The code map file is not JSON.' },
  not_a_list: {
    th: 'ไฟล์ผังรหัสต้องเป็นรายการ JSON ของ {code, loinc, unit} แบบที่หน้าอุปกรณ์ของฝ่ายไอทีบันทึก',
    en: 'The code map file must be a JSON list of {code, loinc, unit}, as the IT device view stores it.',
  },
  entry_shape: {
    th: 'รายการในผังรหัสไม่ครบหรือผิดรูปแบบ (code และ loinc เป็นข้อความ unit เป็นข้อความหรือ null)',
    en: 'An entry is not {code, loinc, unit} (code and loinc text, unit text or null).',
  },
  code_twice: { th: 'รหัสเดียวกันอยู่ในผังรหัสสองครั้ง', en: 'The same code is in the code map twice.' },
  code_invalid: CODE_MAP_PROBLEM_TEXT.code_invalid,
  vital_missing: {
    th: 'รหัสนี้ผูกกับสิ่งที่ไม่ใช่สัญญาณชีพที่ระบบลงบันทึก (loinc ต้องเป็นรหัสสัญญาณชีพที่ลงบันทึก)',
    en: 'The code is mapped to something that is not a vital sign the app charts (loinc must be one of them).',
  },
  unit_unfit: CODE_MAP_PROBLEM_TEXT.unit_unfit,
};

export type CodeMapFileResult =
  | { readonly ok: true; readonly entries: readonly CodeMapEntry[] }
  | { readonly ok: false; readonly problem: CodeMapFileProblem; readonly detail: string };

/** Types only: the rules (separators, vital, unit) are checkCodeMapEntry's. */
const EntryShape = z.object({ code: z.string(), loinc: z.string(), unit: z.string().nullable() });

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Why this entry cannot be kept, in IT's terms (the entry's number and code, what was wrong with it). */
function entryDetail(problem: CodeMapProblem, n: number, entry: z.infer<typeof EntryShape>): string {
  const which = `entry ${String(n)} (${entry.code})`;
  if (problem === 'vital_missing')
    return `${which}: loinc ${entry.loinc}; charted vital signs: ${MAPPABLE_VITALS.join(', ')}`;
  if (problem === 'unit_unfit')
    return `${which}: unit ${String(entry.unit)}${isLoincCode(entry.loinc) ? ` for ${entry.loinc} (stored in ${VITALS[entry.loinc].ucum})` : ''}`;
  return `${which}: an OBX-3 identifier of 1–64 characters without | ^ ~ \\ &`;
}

export function parseCodeMapFile(text: string): CodeMapFileResult {
  let value: unknown;
  try {
    // Windows Notepad saves UTF-8 with a byte order mark, which JSON.parse refuses.
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, problem: 'not_json', detail: error instanceof Error ? error.message : 'not JSON' };
  }
  if (!Array.isArray(value)) return { ok: false, problem: 'not_a_list', detail: `found ${kindOf(value)}` };
  const entries: CodeMapEntry[] = [];
  const seen = new Map<string, number>();
  for (const [index, item] of (value as unknown[]).entries()) {
    const n = index + 1;
    const shape = EntryShape.safeParse(item);
    if (!shape.success) {
      const issue = shape.error.issues[0];
      const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
      return {
        ok: false,
        problem: 'entry_shape',
        detail: `entry ${String(n)}: ${where}${issue?.message ?? kindOf(item)}`,
      };
    }
    const checked = checkCodeMapEntry(shape.data);
    if (!checked.ok)
      return { ok: false, problem: checked.problem, detail: entryDetail(checked.problem, n, shape.data) };
    const key = checked.entry.code.toUpperCase();
    const first = seen.get(key);
    if (first !== undefined)
      return {
        ok: false,
        problem: 'code_twice',
        detail: `entry ${String(n)} (${checked.entry.code}): the code of entry ${String(first)}, whatever the case`,
      };
    seen.set(key, n);
    entries.push(checked.entry);
  }
  return { ok: true, entries };
}
