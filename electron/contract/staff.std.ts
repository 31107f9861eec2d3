/**
 * Who is working at this station now, proven by a PIN (or their own ID card plus the PIN) against the
 * hospital's staff accounts, which main keeps from central (sync/model/staff.std.ts). The signed-in member is
 * the audit actor and their role decides which commands main runs (access.std.ts). A station left alone
 * locks after `idleMinutes`; the same person unlocks it with the PIN.
 */
import { z } from 'zod';
import { command } from './define.std.js';
import { StaffCode, StaffRole } from '../../sync/model/staff.std.js';

export { StaffRole };

export const StaffMember = z.object({
  /** The hospital's staff code (employee number or HIS user name). */
  id: StaffCode,
  name: z.string().trim().min(1).max(80),
  role: StaffRole,
});
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffOnDuty = z.object({
  staff: StaffMember.nullable(),
  since: z.string().nullable(),
  /** Signed in but idle too long: nothing runs until the PIN is given again. */
  locked: z.boolean(),
  idleMinutes: z.number().int(),
  /** The station knows no staff account yet: the sign-in screen offers IT the link to central instead. */
  noAccounts: z.boolean(),
});
export type StaffOnDuty = z.infer<typeof StaffOnDuty>;

export const Pin = z.string().min(4).max(64);

export const StaffAccountInfo = z.object({
  code: StaffCode,
  name: z.string(),
  role: StaffRole,
  active: z.boolean(),
  /** Has an ID card registered for the card fast path. */
  card: z.boolean(),
  source: z.enum(['central', 'station', 'demo']),
  /** Locked out after wrong PINs until this time (ISO), or null. */
  lockedUntil: z.string().nullable(),
});
export type StaffAccountInfo = z.infer<typeof StaffAccountInfo>;

/** The staff member whose own ID card is in the reader (card fast path): only name and code, never the card. */
export const StaffCardPresented = z.object({ code: StaffCode, name: z.string(), role: StaffRole });

const empty = z.object({}).strict();

export const staffCommands = {
  'staff.current': command(empty, StaffOnDuty),
  /** Sign in with the staff code and PIN (wrong PINs count towards a lockout of that code). */
  'staff.signIn': command(z.object({ code: StaffCode, pin: Pin }).strict(), StaffOnDuty),
  /** Sign in as the staff member whose own ID card is in the reader, with their PIN. */
  'staff.signInWithCard': command(z.object({ pin: Pin }).strict(), StaffOnDuty),
  /** The same person gives the PIN again after an idle lock. */
  'staff.unlock': command(z.object({ pin: Pin }).strict(), StaffOnDuty),
  /** The user touched the station (keys, clicks): keeps the idle lock away. */
  'staff.activity': command(empty, z.object({ locked: z.boolean() })),
  'staff.signOut': command(empty, StaffOnDuty),
  /** IT: the accounts this station knows (from central, this station's own, or a demo station's). */
  'staff.accounts': command(empty, z.array(StaffAccountInfo)),
  /** IT: fetch the accounts from central now. */
  'staff.refresh': command(empty, z.object({ accounts: z.number().int() })),
  /** IT: add (or replace) an account of this station only; the hospital's accounts come from central. */
  'staff.addStation': command(
    z.object({ code: StaffCode, name: z.string().trim().min(1).max(80), role: StaffRole, pin: Pin }).strict(),
    z.array(StaffAccountInfo),
  ),
  /** IT: disable or enable an account of this station. */
  'staff.setStationActive': command(
    z.object({ code: StaffCode, active: z.boolean() }).strict(),
    z.array(StaffAccountInfo),
  ),
  /** IT: lift a lockout after wrong PINs. */
  'staff.clearLockout': command(z.object({ code: StaffCode }).strict(), z.array(StaffAccountInfo)),
  /** IT: minutes of no activity before the station locks (1–120). */
  'staff.setIdleMinutes': command(z.object({ minutes: z.number().int().min(1).max(120) }).strict(), StaffOnDuty),
} as const;

export const staffEvents = {
  'staff.changed': StaffOnDuty,
  'staff.cardPresented': StaffCardPresented,
} as const;

/** The audit actor: `<role>:<staff code>`, or `unidentified` while nobody has signed in at the station. */
export function auditActor(onDuty: Pick<StaffOnDuty, 'staff'>): string {
  return onDuty.staff === null ? 'unidentified' : `${onDuty.staff.role}:${onDuty.staff.id}`;
}
