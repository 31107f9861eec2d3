/**
 * IT's staff accounts on central: `npm run central -- staff add|disable|reset`. Accounts are Practitioner
 * documents in the hospital's secrets database (written by admins only, read by its stations, which keep a
 * copy for offline sign-in). The PIN is stored as its scrypt hash; a staff card is stored as the keyed id of
 * the citizen id under the hospital key (the same id a Patient gets), never the citizen id.
 */
import { HOSPITAL_KEY_DOC, secretsDatabaseName } from './designDocs.std.js';
import { adminCall, expectOk, ProvisionError, type Call } from './adminCalls.node.js';
import { hashPin, pinProblem } from './staffPin.node.js';
import { hexToKey, patientIdForCid } from '../model/ids.std.js';
import {
  readStaffAccount,
  staffAccountDoc,
  staffDocId,
  StaffCode,
  StaffRole,
  type StaffAccount,
} from '../model/staff.std.js';
import { isValidCid } from '../model/cid.std.js';

export interface StaffAdminTarget {
  readonly url: string;
  readonly adminUser: string;
  readonly adminPassword: string;
  readonly hcode: string;
}

export interface StaffAddInput {
  readonly code: string;
  readonly name: string;
  readonly role: string;
  readonly pin: string;
  /** The staff member's own citizen id, for signing in with their ID card (optional). */
  readonly cid?: string | undefined;
}

export type StaffSummary = Pick<StaffAccount, 'code' | 'name' | 'role' | 'active'> & { readonly card: boolean };

function summary(account: StaffAccount): StaffSummary {
  return {
    code: account.code,
    name: account.name,
    role: account.role,
    active: account.active,
    card: account.cardKey !== null,
  };
}

async function cardKeyFor(call: Call, hcode: string, cid: string): Promise<string> {
  if (!isValidCid(cid)) throw new ProvisionError('provision_staff_cid');
  const key = await call(`/${secretsDatabaseName(hcode)}/${HOSPITAL_KEY_DOC}`);
  expectOk(key, 'read hospital key (provision the hospital first)');
  return patientIdForCid(hexToKey((key.body as { key: string }).key), cid);
}

async function checkedPinHash(pin: string): Promise<string> {
  if (pinProblem(pin) !== undefined) throw new ProvisionError('provision_staff_pin');
  return hashPin(pin);
}

async function readAccount(call: Call, hcode: string, code: string): Promise<{ account: StaffAccount; rev: string }> {
  const answer = await call(`/${secretsDatabaseName(hcode)}/${encodeURIComponent(staffDocId(code))}`);
  if (answer.status === 404) throw new ProvisionError('provision_staff_unknown', { code });
  expectOk(answer, 'read staff account');
  const account = readStaffAccount(answer.body);
  if (account === undefined) throw new ProvisionError('provision_staff_bad', { what: `stored document of ${code}` });
  return { account, rev: (answer.body as { _rev: string })._rev };
}

async function write(call: Call, hcode: string, account: StaffAccount, rev: string | undefined): Promise<StaffSummary> {
  const doc = { ...staffAccountDoc(account, new Date().toISOString()), ...(rev === undefined ? {} : { _rev: rev }) };
  expectOk(
    await call(`/${secretsDatabaseName(hcode)}/${encodeURIComponent(doc._id)}`, 'PUT', doc),
    `write staff account ${account.code}`,
  );
  return summary(account);
}

/** Adds an account, or replaces one with the same code (name, role, PIN, card all set anew). */
export async function addStaff(target: StaffAdminTarget, input: StaffAddInput): Promise<StaffSummary> {
  const code = StaffCode.safeParse(input.code);
  const role = StaffRole.safeParse(input.role);
  const name = input.name.trim();
  if (!code.success) throw new ProvisionError('provision_staff_bad', { what: 'code (1-32 of A-Z a-z 0-9 . _ -)' });
  if (!role.success)
    throw new ProvisionError('provision_staff_bad', { what: `role (${StaffRole.options.join(', ')})` });
  if (name.length === 0 || name.length > 80)
    throw new ProvisionError('provision_staff_bad', { what: 'name (1-80 characters)' });
  const call = adminCall(target.url, target.adminUser, target.adminPassword);
  const existing = await call(`/${secretsDatabaseName(target.hcode)}/${encodeURIComponent(staffDocId(code.data))}`);
  const rev = existing.status === 200 ? (existing.body as { _rev?: string })._rev : undefined;
  const cardKey = input.cid === undefined ? null : await cardKeyFor(call, target.hcode, input.cid);
  return write(
    call,
    target.hcode,
    { code: code.data, name, role: role.data, active: true, pinHash: await checkedPinHash(input.pin), cardKey },
    rev,
  );
}

/** Disables an account: stations refuse it from their next fetch (kept, so the audit trail still names it). */
export async function disableStaff(target: StaffAdminTarget, code: string): Promise<StaffSummary> {
  const call = adminCall(target.url, target.adminUser, target.adminPassword);
  const { account, rev } = await readAccount(call, target.hcode, code);
  return write(call, target.hcode, { ...account, active: false }, rev);
}

/** Sets a new PIN (and enables the account again). */
export async function resetStaffPin(target: StaffAdminTarget, code: string, pin: string): Promise<StaffSummary> {
  const call = adminCall(target.url, target.adminUser, target.adminPassword);
  const { account, rev } = await readAccount(call, target.hcode, code);
  return write(call, target.hcode, { ...account, active: true, pinHash: await checkedPinHash(pin) }, rev);
}
