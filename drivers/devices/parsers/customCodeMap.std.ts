/**
 * IT's own code map for a monitor nobody has seen yet: OBX-3 identifiers (numeric id or text, matched on any
 * of the first two components, case-insensitive) to a vital, with the unit the monitor implies when it sends
 * none. Tried after the dialect's maps, so a known code is never re-mapped by accident.
 */
import type { CodeMap } from './hl7Codes.std.js';
import type { LoincCode } from './reading.std.js';

export interface CustomCodeEntry {
  /** OBX-3 component 1 or 2 as the monitor sends it. */
  readonly code: string;
  readonly loinc: LoincCode;
  /** UCUM unit the monitor means when OBX-6 is empty (e.g. 'mm[Hg]'); absent: OBX-6 must say. */
  readonly unit?: string | undefined;
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
