// IT's code map as the device view's editor leaves it after any run of edits (fast-check), for the properties
// that what the editor stores is what the contract and `device listen --code-map` take.
import fc from 'fast-check';
import type { CodeMapEntry } from '../../../electron/contract/devices.std.js';
import { MAPPABLE_VITALS, withEntry } from '../../../renderer/src/it/devices/codeMapEdit.std.js';

/** Edits as IT types them: any code, a charted vital or none, a unit of some vital, none, or nonsense. */
const edit = fc.record({
  code: fc.string({ minLength: 0, maxLength: 10 }),
  loinc: fc.constantFrom(...MAPPABLE_VITALS, ''),
  unit: fc.constantFrom('', 'mmHg', '%', 'kg', 'Cel', '/min', 'x'),
});

/** The stored map after each edit the editor accepted (the refused ones change nothing). */
export const storedCodeMap: fc.Arbitrary<readonly CodeMapEntry[]> = fc.array(edit, { maxLength: 12 }).map((edits) =>
  edits.reduce<readonly CodeMapEntry[]>((stored, next) => {
    const result = withEntry(stored, next);
    return result.ok ? result.entries : stored;
  }, []),
);
