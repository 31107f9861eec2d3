/**
 * The staff member on duty at this station, kept in memory only: a restart (or a new day's first start)
 * begins with nobody signed in, so an unattended station never writes audit entries in someone's name.
 */
import { auditActor, type StaffMember, type StaffOnDuty } from '../../contract/staff.std.js';
import type { AuditLog } from '../audit/auditLog.node.js';

export class StaffSession {
  #onDuty: StaffOnDuty = { staff: null, since: null };
  readonly #audit: AuditLog;
  readonly #changed: (onDuty: StaffOnDuty) => void;

  constructor(audit: AuditLog, changed: (onDuty: StaffOnDuty) => void) {
    this.#audit = audit;
    this.#changed = changed;
    audit.actedBy(() => this.actor());
  }

  current(): StaffOnDuty {
    return this.#onDuty;
  }

  /** The actor written into every audit entry. */
  actor(): string {
    return auditActor(this.#onDuty);
  }

  signIn(staff: StaffMember, now = new Date()): StaffOnDuty {
    if (this.#onDuty.staff !== null) this.signOut(now);
    this.#onDuty = { staff, since: now.toISOString() };
    this.#audit.append({ action: 'staff.signIn', detail: { role: staff.role } });
    this.#changed(this.#onDuty);
    return this.#onDuty;
  }

  signOut(now = new Date()): StaffOnDuty {
    if (this.#onDuty.staff === null) return this.#onDuty;
    const since = this.#onDuty.since;
    this.#audit.append({ action: 'staff.signOut', detail: { minutes: since === null ? null : Math.round((now.getTime() - Date.parse(since)) / 60_000) } });
    this.#onDuty = { staff: null, since: null };
    this.#changed(this.#onDuty);
    return this.#onDuty;
  }
}
