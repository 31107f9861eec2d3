/**
 * The staff member on duty at this station, proven by their PIN (or their own ID card plus the PIN) against
 * the accounts in the station database. Kept in memory only: a restart begins with nobody signed in, so an
 * unattended station never acts in someone's name. Idle for the set minutes, the station locks until the same
 * person gives the PIN again; wrong PINs count towards a lockout of that code (signInGuard.std.ts).
 */
import { auditActor, type StaffMember, type StaffOnDuty } from '../../contract/staff.std.js';
import { EdgeError } from '../../contract/result.std.js';
import type { AuditLog } from '../audit/auditLog.node.js';
import type { StaffRole } from '../../../sync/model/staff.std.js';
import { verifyPin as scryptVerify } from '../../../sync/central/staffPin.node.js';
import { afterFailure, checkAttempt, isIdle, NO_ATTEMPTS } from './signInGuard.std.js';
import type { StaffDirectory, StoredAccount } from './staffDirectory.node.js';

/** A hash of nothing, checked when a code is unknown so the answer takes as long as for a real one. */
const DECOY_HASH = 'scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export interface StaffSessionDeps {
  readonly audit: AuditLog;
  readonly directory: StaffDirectory;
  readonly changed: (onDuty: StaffOnDuty) => void;
  readonly now?: () => Date;
  readonly verifyPin?: (pin: string, hash: string) => Promise<boolean>;
  /** The keyed id of the citizen id on the card in the reader now, or null (card fast path). */
  readonly cardKey?: () => string | null;
}

export class StaffSession {
  #staff: StaffMember | null = null;
  #since: string | null = null;
  #lastActivity = 0;
  #locked = false;
  readonly #deps: StaffSessionDeps;
  readonly #now: () => Date;
  readonly #verify: (pin: string, hash: string) => Promise<boolean>;

  constructor(deps: StaffSessionDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? (() => new Date());
    this.#verify = deps.verifyPin ?? scryptVerify;
    deps.audit.actedBy(() => this.actor());
  }

  current(): StaffOnDuty {
    this.checkIdle();
    return this.#onDuty();
  }

  /** The accounts changed (fetched from central): the sign-in screen learns whether there are any now. */
  accountsChanged(): void {
    this.#emit();
  }

  #onDuty(): StaffOnDuty {
    const directory = this.#deps.directory;
    return {
      staff: this.#staff,
      since: this.#since,
      locked: this.#locked,
      idleMinutes: directory.idleMinutes(),
      noAccounts: directory.count() === 0,
    };
  }

  /** The role main checks commands against (null: nobody on duty), and whether the station is idle-locked. */
  access(): { role: StaffRole | null; locked: boolean } {
    this.checkIdle();
    return { role: this.#staff?.role ?? null, locked: this.#locked };
  }

  /** The actor written into every audit entry. */
  actor(): string {
    return auditActor({ staff: this.#staff });
  }

  async signIn(code: string, pin: string): Promise<StaffOnDuty> {
    const account = await this.#check(code, pin);
    return this.#begin(account, 'pin');
  }

  /** The staff member whose own card is in the reader, with their PIN. */
  async signInWithCard(pin: string): Promise<StaffOnDuty> {
    const key = this.#deps.cardKey?.() ?? null;
    const account = key === null ? undefined : this.#deps.directory.byCardKey(key);
    if (account === undefined)
      throw new EdgeError('staff_no_card_account', 'no staff account for the card in the reader');
    return this.#begin(await this.#check(account.code, pin), 'card');
  }

  async unlock(pin: string): Promise<StaffOnDuty> {
    this.checkIdle();
    const staff = this.#staff;
    if (staff === null) throw new EdgeError('staff_not_signed_in', 'nobody to unlock');
    if (!this.#locked) throw new EdgeError('staff_not_locked', 'the station is not locked');
    try {
      await this.#check(staff.id, pin);
    } catch (error) {
      // locked out while locked: the session ends, the next person signs in afresh
      if (error instanceof EdgeError && error.code === 'staff_locked_out') this.signOut();
      throw error;
    }
    this.#locked = false;
    this.#lastActivity = this.#now().getTime();
    this.#deps.audit.append({ action: 'staff.unlocked', detail: { role: staff.role } });
    return this.#emit();
  }

  /** A key or click at the station: the idle clock starts again (ignored once locked). */
  activity(): { locked: boolean } {
    this.checkIdle();
    if (this.#staff !== null && !this.#locked) this.#lastActivity = this.#now().getTime();
    return { locked: this.#locked };
  }

  /** Locks a station idle past its minutes (called on every access and by a timer). */
  checkIdle(): void {
    if (this.#staff === null || this.#locked) return;
    if (!isIdle(this.#lastActivity, this.#now().getTime(), this.#deps.directory.idleMinutes() * 60_000)) return;
    this.#locked = true;
    this.#deps.audit.append({ action: 'staff.idleLocked', detail: { role: this.#staff.role } });
    this.#emit();
  }

  signOut(): StaffOnDuty {
    if (this.#staff === null) return this.current();
    const since = this.#since;
    const now = this.#now();
    this.#deps.audit.append({
      action: 'staff.signOut',
      detail: { minutes: since === null ? null : Math.round((now.getTime() - Date.parse(since)) / 60_000) },
    });
    this.#staff = null;
    this.#since = null;
    this.#locked = false;
    return this.#emit();
  }

  setIdleMinutes(minutes: number): StaffOnDuty {
    this.#deps.directory.setIdleMinutes(minutes);
    this.#deps.audit.append({ action: 'staff.idleMinutes', detail: { minutes } });
    return this.#emit();
  }

  clearLockout(code: string): void {
    this.#deps.directory.setAttempts(code, NO_ATTEMPTS);
    this.#deps.audit.append({ action: 'staff.lockoutCleared', detail: { code } });
  }

  /** The account for this code and PIN, or a typed refusal; wrong PINs (and unknown codes) count towards a lockout. */
  async #check(code: string, pin: string): Promise<StoredAccount> {
    const directory = this.#deps.directory;
    if (directory.count() === 0) throw new EdgeError('staff_no_accounts', 'no staff accounts on this station');
    const now = this.#now().getTime();
    const attempts = directory.attempts(code);
    const allowed = checkAttempt(attempts, now);
    if (!allowed.allowed)
      throw new EdgeError('staff_locked_out', `locked until ${new Date(allowed.retryAt).toISOString()}`);
    const account = directory.get(code);
    const right = await this.#verify(pin, account?.pinHash ?? DECOY_HASH);
    if (account === undefined || !right) {
      const next = afterFailure(attempts, now);
      directory.setAttempts(code, next);
      this.#deps.audit.append({ action: 'staff.signInFailed', detail: { known: account !== undefined } });
      if (next.lockedUntil !== null && next.lockedUntil !== attempts.lockedUntil) {
        this.#deps.audit.append({
          action: 'staff.lockedOut',
          detail: { code, minutes: Math.round((next.lockedUntil - now) / 60_000) },
        });
        throw new EdgeError('staff_locked_out', `locked until ${new Date(next.lockedUntil).toISOString()}`);
      }
      throw new EdgeError('staff_sign_in_failed', 'wrong staff code or PIN');
    }
    directory.setAttempts(code, NO_ATTEMPTS);
    if (!account.active) throw new EdgeError('staff_inactive', 'account disabled');
    return account;
  }

  #begin(account: StoredAccount, method: 'pin' | 'card'): StaffOnDuty {
    if (this.#staff !== null) this.signOut();
    const now = this.#now();
    this.#staff = { id: account.code, name: account.name, role: account.role };
    this.#since = now.toISOString();
    this.#lastActivity = now.getTime();
    this.#locked = false;
    this.#deps.audit.append({ action: 'staff.signIn', detail: { role: account.role, method } });
    return this.#emit();
  }

  #emit(): StaffOnDuty {
    const onDuty = this.#onDuty();
    this.#deps.changed(onDuty);
    return onDuty;
  }
}
