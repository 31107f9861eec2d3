/**
 * A staff account as central keeps it (in the hospital's secrets database, never the clinical one): a FHIR
 * Practitioner with the hospital's staff code, the role, whether it may sign in, the PIN's scrypt hash and,
 * for the card fast path, the keyed id of the staff member's own citizen id (the same keyed id a Patient gets,
 * so the citizen id itself is never stored). IT writes them with `npm run central -- staff …`.
 */
import { z } from 'zod';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { FhirId } from './fhir.std.js';

export const StaffRole = z.enum(['front_desk', 'nurse', 'it']);
export type StaffRole = z.infer<typeof StaffRole>;

/** The hospital's staff code (employee number or HIS user name). */
export const StaffCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,32}$/, 'staff code: 1-32 of A-Z a-z 0-9 . _ -');

export const STAFF_CODE_SYSTEM = 'urn:clinic-edge:staff-code';
/** The keyed id (HMAC with the hospital key) of the staff member's citizen id: the card fast path. */
export const STAFF_CARD_SYSTEM = 'urn:clinic-edge:staff-card-key';
export const STAFF_ROLE_EXT = 'urn:clinic-edge:staff-role';
export const STAFF_PIN_EXT = 'urn:clinic-edge:staff-pin-scrypt';

const Identifier = z.strictObject({ system: z.string(), value: z.string() });
const Ext = z.strictObject({ url: z.string(), valueCode: z.string().optional(), valueString: z.string().optional() });

export const StaffAccountDoc = z.strictObject({
  _id: z.string(),
  _rev: z.string().optional(),
  resourceType: z.literal('Practitioner'),
  id: FhirId,
  active: z.boolean(),
  identifier: z.array(Identifier).min(1),
  name: z.array(z.strictObject({ text: z.string().min(1).max(80) })).length(1),
  extension: z.array(Ext),
  meta: z.strictObject({ lastUpdated: z.string() }),
});
export type StaffAccountDoc = z.infer<typeof StaffAccountDoc>;

export interface StaffAccount {
  readonly code: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly active: boolean;
  /** `scrypt$<log2 N>$<r>$<p>$<salt b64>$<hash b64>` */
  readonly pinHash: string;
  readonly cardKey: string | null;
}

export function staffDocId(code: string): string {
  return `Practitioner/${staffFhirId(code)}`;
}

/** The code hashed (FHIR ids allow no `_`, and a code may hold one): one id per code, never two codes on one id. */
export function staffFhirId(code: string): string {
  return `staff-${bytesToHex(sha256(new TextEncoder().encode(code))).slice(0, 32)}`;
}

export function staffAccountDoc(account: StaffAccount, lastUpdated: string): StaffAccountDoc {
  return {
    _id: staffDocId(account.code),
    resourceType: 'Practitioner',
    id: staffFhirId(account.code),
    active: account.active,
    identifier: [
      { system: STAFF_CODE_SYSTEM, value: account.code },
      ...(account.cardKey === null ? [] : [{ system: STAFF_CARD_SYSTEM, value: account.cardKey }]),
    ],
    name: [{ text: account.name }],
    extension: [
      { url: STAFF_ROLE_EXT, valueCode: account.role },
      { url: STAFF_PIN_EXT, valueString: account.pinHash },
    ],
    meta: { lastUpdated },
  };
}

/** The account a stored document describes, or undefined when it is not a well-formed staff account. */
export function readStaffAccount(value: unknown): StaffAccount | undefined {
  const parsed = StaffAccountDoc.safeParse(value);
  if (!parsed.success) return undefined;
  const doc = parsed.data;
  const code = doc.identifier.find((i) => i.system === STAFF_CODE_SYSTEM)?.value;
  const role = StaffRole.safeParse(doc.extension.find((e) => e.url === STAFF_ROLE_EXT)?.valueCode);
  const pinHash = doc.extension.find((e) => e.url === STAFF_PIN_EXT)?.valueString;
  const name = doc.name[0]?.text;
  if (
    code === undefined ||
    !StaffCode.safeParse(code).success ||
    !role.success ||
    pinHash === undefined ||
    name === undefined
  )
    return undefined;
  return {
    code,
    name,
    role: role.data,
    active: doc.active,
    pinHash,
    cardKey: doc.identifier.find((i) => i.system === STAFF_CARD_SYSTEM)?.value ?? null,
  };
}
