/**
 * Who is working at this station now. Every audit entry names them (issue 4: station, staff, time, hashed
 * CID). There is no password here: the hospital's own HIS login stays the identity proof; this is the
 * declared operator of the shared station, shown in the header and written into the audit log.
 */
import { z } from 'zod';
import { command } from './define.std.js';

export const StaffRole = z.enum(['front_desk', 'nurse', 'it']);
export type StaffRole = z.infer<typeof StaffRole>;

export const StaffMember = z.object({
  /** The hospital's staff code (employee number or HIS user name). */
  id: z.string().trim().regex(/^[A-Za-z0-9._-]{1,32}$/),
  name: z.string().trim().min(1).max(80),
  role: StaffRole,
});
export type StaffMember = z.infer<typeof StaffMember>;

export const StaffOnDuty = z.object({ staff: StaffMember.nullable(), since: z.string().nullable() });
export type StaffOnDuty = z.infer<typeof StaffOnDuty>;

const empty = z.object({}).strict();

export const staffCommands = {
  'staff.current': command(empty, StaffOnDuty),
  'staff.signIn': command(StaffMember.strict(), StaffOnDuty),
  'staff.signOut': command(empty, StaffOnDuty),
} as const;

export const staffEvents = {
  'staff.changed': StaffOnDuty,
} as const;

/** The audit actor: `<role>:<staff id>`, or `unidentified` while nobody has signed in at the station. */
export function auditActor(onDuty: StaffOnDuty): string {
  return onDuty.staff === null ? 'unidentified' : `${onDuty.staff.role}:${onDuty.staff.id}`;
}
