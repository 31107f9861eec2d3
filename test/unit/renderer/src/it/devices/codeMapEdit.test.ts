// IT's code map edits: an entry replaces one of the same code (any case), a bad code or a unit that does not fit
// the vital is refused with a reason; what is accepted the contract accepts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CodeMapEntry } from '../../../../../../electron/contract/devices.std.js';
import { Loinc } from '../../../../../../sync/model/vitals/vitalSigns.std.js';
import {
  MAPPABLE_VITALS,
  defaultUnit,
  withEntry,
  withoutEntry,
} from '../../../../../../renderer/src/it/devices/codeMapEdit.std.js';
import { storedCodeMap } from '../../../../../factories/devices/codeMapEdits.js';

describe('the HL7 code map editor', () => {
  it('adds, replaces by code whatever the case, and removes', () => {
    const first = withEntry([], { code: 'ZX_SYS', loinc: Loinc.systolic, unit: 'mmHg' });
    expect(first).toEqual({ ok: true, entries: [{ code: 'ZX_SYS', loinc: Loinc.systolic, unit: 'mmHg' }] });
    const replaced = first.ok ? withEntry(first.entries, { code: 'zx_sys', loinc: Loinc.diastolic, unit: '' }) : first;
    expect(replaced).toEqual({ ok: true, entries: [{ code: 'zx_sys', loinc: Loinc.diastolic, unit: null }] });
    expect(replaced.ok ? withoutEntry(replaced.entries, 'ZX_SYS') : null).toEqual([]);
  });

  it('refuses a code with HL7 separators, no vital, a unit that does not fit, and the mean pressure (not charted)', () => {
    expect(withEntry([], { code: '9001^ZX', loinc: Loinc.heartRate, unit: '' })).toEqual({
      ok: false,
      problem: 'code_invalid',
    });
    expect(withEntry([], { code: '9001', loinc: '', unit: '' })).toEqual({ ok: false, problem: 'vital_missing' });
    expect(withEntry([], { code: '9001', loinc: Loinc.meanArterial, unit: '' })).toEqual({
      ok: false,
      problem: 'vital_missing',
    });
    expect(withEntry([], { code: '9001', loinc: Loinc.heartRate, unit: 'kg' })).toEqual({
      ok: false,
      problem: 'unit_unfit',
    });
  });

  it('offers each charted vital with the unit it is stored in', () => {
    expect(MAPPABLE_VITALS).toContain(Loinc.spo2);
    expect(defaultUnit(Loinc.temperature)).toBe('Cel');
  });

  it('only ever yields entries the contract takes, one per code (fast-check)', () => {
    fc.assert(
      fc.property(storedCodeMap, (entries) => {
        for (const entry of entries) expect(CodeMapEntry.safeParse(entry).success).toBe(true);
        expect(new Set(entries.map((e) => e.code.toUpperCase())).size).toBe(entries.length);
      }),
    );
  });
});
