// A staff account survives the trip through its Practitioner document; anything malformed is no account.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  readStaffAccount,
  staffAccountDoc,
  staffFhirId,
  StaffAccountDoc,
  StaffRole,
} from '../../../../sync/model/staff.std.js';
import { hashPin, verifyPin } from '../../../../sync/central/staffPin.node.js';

const code = fc.stringMatching(/^[A-Za-z0-9._-]{1,32}$/);

describe('staff account document', () => {
  it('round-trips and parses as a strict Practitioner', () => {
    fc.assert(
      fc.property(
        code,
        fc.string({ minLength: 1, maxLength: 80 }).filter((s) => s.trim() === s && s !== ''),
        fc.constantFrom(...StaffRole.options),
        fc.boolean(),
        fc.option(fc.stringMatching(/^p[0-9a-f]{40}$/), { nil: null }),
        (c, name, role, active, cardKey) => {
          const account = { code: c, name, role, active, pinHash: 'scrypt$15$8$1$x$y', cardKey };
          const doc = staffAccountDoc(account, '2026-12-06T00:00:00.000Z');
          expect(StaffAccountDoc.safeParse(doc).success).toBe(true);
          expect(readStaffAccount(doc)).toEqual(account);
        },
      ),
    );
  });

  it('two codes never share a document id', () => {
    fc.assert(fc.property(code, code, (a, b) => a === b || staffFhirId(a) !== staffFhirId(b)));
    expect(staffFhirId('a_b')).not.toBe(staffFhirId('a.b'));
  });

  it('a document without a role, PIN or code is not an account', () => {
    const doc = staffAccountDoc(
      { code: 'n1', name: 'x', role: 'nurse', active: true, pinHash: 'h', cardKey: null },
      '2026-12-06T00:00:00.000Z',
    );
    expect(readStaffAccount({ ...doc, extension: [] })).toBeUndefined();
    expect(readStaffAccount({ ...doc, identifier: [{ system: 'other', value: 'n1' }] })).toBeUndefined();
    expect(
      readStaffAccount({ ...doc, extension: [{ url: 'urn:clinic-edge:staff-role', valueCode: 'doctor' }] }),
    ).toBeUndefined();
  });
});

describe('PIN hash', () => {
  it('verifies the right PIN only, and never throws on a malformed hash', async () => {
    const hash = await hashPin('4321');
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(await verifyPin('4321', hash)).toBe(true);
    expect(await verifyPin('4322', hash)).toBe(false);
    for (const bad of ['', 'scrypt$', 'scrypt$40$8$1$AAAA$AAAA', 'bcrypt$1$2$3$4$5', hash.slice(0, -4)])
      expect(await verifyPin('4321', bad)).toBe(false);
  });
});
