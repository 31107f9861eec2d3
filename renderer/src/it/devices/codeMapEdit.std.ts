/**
 * IT's own HL7 code map, edited in the device view, pure: add or replace one entry (the monitor's code → a
 * vital, with the unit the monitor implies when it sends none), remove one. The whole map is then sent with
 * devices.setCodeMap; running ports use it from their next message. The entry's shape and rules are the
 * contract's (`checkCodeMapEntry`), the same `device listen --code-map` applies to a file.
 */
import {
  checkCodeMapEntry,
  type CodeMapEntry,
  type CodeMapProblem,
} from '../../../../electron/contract/devices.std.js';
import { VITALS, type LoincCode } from '../../../../sync/model/vitals/vitalSigns.std.js';

export {
  CODE_MAP_PROBLEM_TEXT,
  MAPPABLE_VITALS,
  type CodeMapProblem,
} from '../../../../electron/contract/devices.std.js';

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
  const checked = checkCodeMapEntry({ ...input, unit: input.unit.trim() === '' ? null : input.unit });
  if (!checked.ok) return checked;
  const key = checked.entry.code.toUpperCase();
  return { ok: true, entries: [...entries.filter((entry) => entry.code.toUpperCase() !== key), checked.entry] };
}

export function withoutEntry(entries: readonly CodeMapEntry[], code: string): CodeMapEntry[] {
  return entries.filter((entry) => entry.code.toUpperCase() !== code.toUpperCase());
}
