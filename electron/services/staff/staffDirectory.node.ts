/**
 * The staff accounts this station can sign in with, in the station SQLite so sign-in works with the link
 * down: central's accounts (replaced as a whole on each fetch), accounts IT added at this station, and a
 * demo station's own. Wrong-PIN counts live beside them, so a restart never lifts a lockout.
 */
import type { StationDb } from '../db/stationDb.node.js';
import { StaffRole, type StaffAccount } from '../../../sync/model/staff.std.js';
import { NO_ATTEMPTS, type AttemptState } from './signInGuard.std.js';
import type { StaffAccountInfo } from '../../contract/staff.std.js';

export type AccountSource = StaffAccountInfo['source'];

interface AccountRow {
  code: string;
  name: string;
  role: string;
  active: number;
  pin_hash: string;
  card_key: string | null;
  source: AccountSource;
}

export interface StoredAccount extends StaffAccount {
  readonly source: AccountSource;
}

function toAccount(row: AccountRow): StoredAccount | undefined {
  const role = StaffRole.safeParse(row.role);
  if (!role.success) return undefined;
  return {
    code: row.code,
    name: row.name,
    role: role.data,
    active: row.active === 1,
    pinHash: row.pin_hash,
    cardKey: row.card_key,
    source: row.source,
  };
}

export const DEFAULT_IDLE_MINUTES = 10;

export class StaffDirectory {
  readonly #db: StationDb;
  /** Read on every command while someone is on duty (the idle lock): kept here, written only through setIdleMinutes. */
  #idleMinutes: number | undefined;

  constructor(db: StationDb) {
    this.#db = db;
  }

  get(code: string): StoredAccount | undefined {
    const row = this.#db.prepare<[string], AccountRow>('SELECT * FROM staff_accounts WHERE code = ?').get(code);
    return row === undefined ? undefined : toAccount(row);
  }

  byCardKey(cardKey: string): StoredAccount | undefined {
    const row = this.#db
      .prepare<[string], AccountRow>('SELECT * FROM staff_accounts WHERE card_key = ? AND active = 1')
      .get(cardKey);
    return row === undefined ? undefined : toAccount(row);
  }

  all(): StoredAccount[] {
    return this.#db
      .prepare<[], AccountRow>('SELECT * FROM staff_accounts ORDER BY code')
      .all()
      .flatMap((row) => toAccount(row) ?? []);
  }

  count(): number {
    return this.#db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM staff_accounts').get()?.n ?? 0;
  }

  /** Stores one account (IT at this station, or a demo station's seed). */
  put(account: StaffAccount, source: AccountSource, now: Date): void {
    this.#db
      .prepare(
        `INSERT INTO staff_accounts (code, name, role, active, pin_hash, card_key, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(code) DO UPDATE SET name = excluded.name, role = excluded.role, active = excluded.active, pin_hash = excluded.pin_hash,
         card_key = excluded.card_key, source = excluded.source, updated_at = excluded.updated_at`,
      )
      .run(
        account.code,
        account.name,
        account.role,
        account.active ? 1 : 0,
        account.pinHash,
        account.cardKey,
        source,
        now.toISOString(),
      );
  }

  /**
   * Central's accounts replace the central ones held before (an account removed or disabled on central stops
   * working here at the next fetch). A station account with the same code gives way to central's.
   */
  replaceCentral(accounts: readonly StaffAccount[], now: Date): void {
    this.#db.transaction(() => {
      this.#db.prepare("DELETE FROM staff_accounts WHERE source = 'central'").run();
      for (const account of accounts) this.put(account, 'central', now);
    })();
  }

  attempts(code: string): AttemptState {
    const row = this.#db
      .prepare<
        [string],
        { failures: number; lockouts: number; locked_until: number | null }
      >('SELECT failures, lockouts, locked_until FROM staff_attempts WHERE code = ?')
      .get(code);
    return row === undefined
      ? NO_ATTEMPTS
      : { failures: row.failures, lockouts: row.lockouts, lockedUntil: row.locked_until };
  }

  setAttempts(code: string, state: AttemptState): void {
    this.#db
      .prepare(
        `INSERT INTO staff_attempts (code, failures, lockouts, locked_until) VALUES (?, ?, ?, ?)
         ON CONFLICT(code) DO UPDATE SET failures = excluded.failures, lockouts = excluded.lockouts, locked_until = excluded.locked_until`,
      )
      .run(code, state.failures, state.lockouts, state.lockedUntil);
  }

  idleMinutes(): number {
    this.#idleMinutes ??=
      this.#db.prepare<[], { idle_minutes: number }>('SELECT idle_minutes FROM staff_settings WHERE id = 1').get()
        ?.idle_minutes ?? DEFAULT_IDLE_MINUTES;
    return this.#idleMinutes;
  }

  setIdleMinutes(minutes: number): void {
    this.#db
      .prepare(
        'INSERT INTO staff_settings (id, idle_minutes) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET idle_minutes = excluded.idle_minutes',
      )
      .run(minutes);
    this.#idleMinutes = minutes;
  }

  info(now: Date): StaffAccountInfo[] {
    return this.all().map((account) => {
      const lockedUntil = this.attempts(account.code).lockedUntil;
      return {
        code: account.code,
        name: account.name,
        role: account.role,
        active: account.active,
        card: account.cardKey !== null,
        source: account.source,
        lockedUntil: lockedUntil !== null && lockedUntil > now.getTime() ? new Date(lockedUntil).toISOString() : null,
      };
    });
  }
}
