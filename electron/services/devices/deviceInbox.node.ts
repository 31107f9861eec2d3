/**
 * The device inbox in the station SQLite: every frame is written here (synchronously, in its own
 * transaction) before it is acknowledged or shown. Readings wait as pending (for the bound patient, or
 * unassigned) until the nurse confirms or discards them; bad frames are kept as status 'error'.
 *
 * The same reading is stored once: a frame with its own identity (reading.key: HL7 control id, device clock
 * + values) once per port for good; a frame without one (Omron HBP-9030 has no sequence number or clock)
 * once per port and raw bytes while it keeps being re-sent within `resendWindowMs` of the last time it was
 * seen. The window lives in the database, so a restart in between changes nothing; equal values measured
 * minutes apart are two readings.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { StationDb } from '../db/stationDb.node.js';
import type {
  ArrivalBinding,
  Binding,
  DeviceReading,
  Hl7Dialect,
  InboxItem,
  InboxStatus,
  PortStatus,
  ReadingSubject,
  SkippedValue,
} from '../../contract/devices.std.js';
import { EdgeError } from '../../contract/result.std.js';
import { isProfileName, type ProfileName } from '../../../drivers/devices/profiles.std.js';
import type { Reading } from '../../../drivers/devices/parsers/reading.std.js';
import { isHl7DialectName } from '../../../drivers/devices/parsers/hl7Dialect.std.js';

interface Row {
  id: string;
  received_at: string;
  source: string;
  profile: string;
  reading: string | null;
  error_code: string | null;
  status: string;
  patient_ref: string | null;
  charted_ids: string | null;
  discard_reason: string | null;
  updated_at: string;
  arrival: string | null;
  subject: string | null;
  subject_override: string | null;
  skipped: string | null;
}

/** Identical bytes on the same port within this long of the last copy are a re-send, not a new measurement. */
export const RESEND_WINDOW_MS = 10_000;

export interface PendingFilter {
  readonly patientRef?: string | undefined;
  readonly includeUnassigned: boolean;
  /** Every pending reading, whoever it is bound to. */
  readonly includeOtherPatients?: boolean | undefined;
  /** Only rows older than this id (paging: the last id of the previous page). */
  readonly beforeId?: string | undefined;
  readonly limit: number;
}

export interface StoreReadingInput {
  readonly port: string;
  readonly profile: string;
  readonly frame: Uint8Array;
  readonly reading: Reading;
  readonly subject: ReadingSubject | null;
  /** The network address the frame came from (TCP), or null: a control id is unique per sender, not per port. */
  readonly sender?: string | null;
  readonly now: Date;
}

export interface PortRow {
  readonly port: string;
  readonly profile: ProfileName;
  readonly enabled: boolean;
  readonly dialect: Hl7Dialect;
}

function notesJson(notes: readonly SkippedValue[] | undefined): string | null {
  return notes === undefined || notes.length === 0 ? null : JSON.stringify(notes);
}

const columns =
  'id, received_at, source, profile, reading, error_code, status, patient_ref, charted_ids, discard_reason, updated_at, arrival, subject, subject_override, skipped';

/** Time-ordered ids: sort by id = sort by arrival. */
export function inboxId(now: Date): string {
  return `${now.getTime().toString(36).padStart(9, '0')}-${randomBytes(5).toString('hex')}`;
}

function toItem(row: Row): InboxItem {
  return {
    id: row.id,
    receivedAt: row.received_at,
    port: row.source,
    profile: row.profile,
    status: row.status as InboxStatus,
    patientRef: row.patient_ref,
    reading: row.reading === null ? null : (JSON.parse(row.reading) as DeviceReading),
    errorCode: row.error_code,
    chartedIds: row.charted_ids === null ? [] : (JSON.parse(row.charted_ids) as string[]),
    discardReason: row.discard_reason,
    updatedAt: row.updated_at,
    arrival: row.arrival === null ? null : (JSON.parse(row.arrival) as ArrivalBinding),
    subject: row.subject === null ? null : (JSON.parse(row.subject) as ReadingSubject),
    subjectOverride: row.subject_override,
    skipped: row.skipped === null ? [] : (JSON.parse(row.skipped) as SkippedValue[]),
  };
}

export class DeviceInbox {
  readonly #db: StationDb;
  readonly #resendWindowMs: number;

  constructor(db: StationDb, resendWindowMs = RESEND_WINDOW_MS) {
    this.#db = db;
    this.#resendWindowMs = resendWindowMs;
  }

  /**
   * Stores a reading for the patient the station is bound to now (read in the same transaction, so a bind in
   * between cannot split the two); the same reading already stored (see the header) returns that row with
   * `duplicate`. `subject` is who the message names, already resolved by the caller (no raw identifier).
   */
  storeReading(input: StoreReadingInput): { item: InboxItem; duplicate: boolean } {
    return this.#db.transaction(() => this.#storeReading(input))();
  }

  #storeReading(input: StoreReadingInput): { item: InboxItem; duplicate: boolean } {
    const id = inboxId(input.now);
    const arrival = this.binding();
    // The parser's raw identifiers never reach the row or the renderer: only the caller's resolved subject.
    const { subject: _raw, skipped: notes, ...reading } = input.reading;
    const at = input.now.toISOString();
    const sender = input.sender ?? null;
    const own = input.reading.key;
    const key = own === undefined ? null : sender === null ? own : `${own}@${sender}`;
    const hash = createHash('sha256').update(input.frame).digest('hex');
    if (key === null) {
      const resent = this.#recentCopy(input.port, hash, input.now);
      if (resent !== undefined) {
        this.#db.prepare('UPDATE device_inbox SET seen_at = ? WHERE id = ?').run(at, resent.id);
        return { item: toItem(resent), duplicate: true };
      }
    }
    const result = this.#db
      .prepare(
        `INSERT INTO device_inbox (id, received_at, source, profile, raw, reading, error_code, status, patient_ref, charted_ids, updated_at, dedupe_key, raw_sha256, seen_at, arrival, subject, sender, skipped)
         VALUES (?, ?, ?, ?, ?, ?, NULL, 'pending', ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(
        id,
        at,
        input.port,
        input.profile,
        Buffer.from(input.frame),
        JSON.stringify(reading),
        arrival.patientRef,
        at,
        key,
        hash,
        at,
        JSON.stringify(arrival),
        input.subject === null ? null : JSON.stringify(input.subject),
        sender,
        notesJson(notes),
      );
    if (result.changes === 1) return { item: this.get(id), duplicate: false };
    const existing = this.#db
      .prepare<[string, string | null], Row>(`SELECT ${columns} FROM device_inbox WHERE source = ? AND dedupe_key = ?`)
      .get(input.port, key);
    if (existing === undefined) throw new Error('inbox insert ignored without a matching row');
    return { item: toItem(existing), duplicate: true };
  }

  /** The reading with these raw bytes on this port last seen within the re-send window, if any. */
  #recentCopy(port: string, hash: string, now: Date): Row | undefined {
    const since = new Date(now.getTime() - this.#resendWindowMs).toISOString();
    return this.#db
      .prepare<
        [string, string, string],
        Row
      >(`SELECT ${columns} FROM device_inbox WHERE source = ? AND raw_sha256 = ? AND reading IS NOT NULL AND seen_at >= ? ORDER BY seen_at DESC LIMIT 1`)
      .get(port, hash, since);
  }

  /** Keeps a frame that could not be read, with its error code (for IT, and so nothing is silently lost). */
  storeError(input: {
    port: string;
    profile: string;
    frame: Uint8Array;
    errorCode: string;
    skipped?: readonly SkippedValue[] | undefined;
    sender?: string | null;
    now: Date;
  }): InboxItem {
    const id = inboxId(input.now);
    const at = input.now.toISOString();
    this.#db
      .prepare(
        `INSERT INTO device_inbox (id, received_at, source, profile, raw, reading, error_code, status, patient_ref, charted_ids, updated_at, sender, skipped)
         VALUES (?, ?, ?, ?, ?, NULL, ?, 'error', NULL, NULL, ?, ?, ?)`,
      )
      .run(
        id,
        at,
        input.port,
        input.profile,
        Buffer.from(input.frame),
        input.errorCode,
        at,
        input.sender ?? null,
        notesJson(input.skipped),
      );
    return this.get(id);
  }

  get(id: string): InboxItem {
    const row = this.#db.prepare<[string], Row>(`SELECT ${columns} FROM device_inbox WHERE id = ?`).get(id);
    if (row === undefined) throw new EdgeError('device_reading_not_found', `no inbox row ${id}`);
    return toItem(row);
  }

  pending(filter: PendingFilter): InboxItem[] {
    const clauses: string[] = [];
    const params: (string | number)[] = [];
    if (filter.includeOtherPatients === true) {
      clauses.push('1 = 1');
    } else {
      if (filter.patientRef !== undefined) {
        clauses.push('patient_ref = ?');
        params.push(filter.patientRef);
      }
      if (filter.includeUnassigned) clauses.push('patient_ref IS NULL');
    }
    if (clauses.length === 0) return [];
    const before = filter.beforeId === undefined ? '' : 'AND id < ?';
    if (filter.beforeId !== undefined) params.push(filter.beforeId);
    params.push(filter.limit);
    return this.#db
      .prepare<(string | number)[], Row>(
        `SELECT ${columns} FROM device_inbox WHERE status = 'pending' AND (${clauses.join(' OR ')}) ${before} ORDER BY id DESC LIMIT ?`,
      )
      .all(...params)
      .map(toItem);
  }

  /** Moves a pending reading from `from` (what the nurse was shown) to `patientRef`. */
  assign(input: {
    id: string;
    from: string | null;
    patientRef: string;
    overrideSubject: boolean;
    now: Date;
  }): InboxItem {
    return this.#db.transaction(() => {
      const item = this.#open(input.id);
      if (item.patientRef !== input.from)
        throw new EdgeError('device_reading_moved', `inbox row ${item.id} is no longer where the nurse saw it`);
      this.#db
        .prepare('UPDATE device_inbox SET patient_ref = ?, subject_override = ?, updated_at = ? WHERE id = ?')
        .run(input.patientRef, input.overrideSubject ? input.patientRef : null, input.now.toISOString(), item.id);
      return this.get(input.id);
    })();
  }

  /**
   * Marks a reading charted with the Observation ids the renderer wrote for `patientRef`. Idempotent: a second
   * confirm returns the first. An unassigned reading, or one now for another patient, is refused.
   */
  confirm(
    id: string,
    patientRef: string,
    chartedIds: readonly string[],
    now: Date,
  ): { item: InboxItem; alreadyCharted: boolean } {
    const current = this.get(id);
    if (current.status === 'charted') return { item: current, alreadyCharted: true };
    this.#open(id);
    if (current.patientRef === null) throw new EdgeError('device_reading_unassigned', `inbox row ${id} has no patient`);
    if (current.patientRef !== patientRef)
      throw new EdgeError('device_reading_moved', `inbox row ${id} is for another patient`);
    this.#db
      .prepare(
        "UPDATE device_inbox SET status = 'charted', charted_ids = ?, updated_at = ? WHERE id = ? AND status = 'pending'",
      )
      .run(JSON.stringify(chartedIds), now.toISOString(), id);
    return { item: this.get(id), alreadyCharted: false };
  }

  discard(id: string, reason: string, now: Date): InboxItem {
    const item = this.get(id);
    if (item.status === 'discarded') return item;
    this.#open(id);
    this.#db
      .prepare("UPDATE device_inbox SET status = 'discarded', discard_reason = ?, updated_at = ? WHERE id = ?")
      .run(reason, now.toISOString(), id);
    return this.get(id);
  }

  #open(id: string): InboxItem {
    const item = this.get(id);
    if (item.status !== 'pending') throw new EdgeError('device_reading_closed', `inbox row ${id} is ${item.status}`);
    return item;
  }

  /**
   * Deletes rows done with (charted, discarded, unreadable) last changed more than `days` before `now`; a
   * pending reading is never pruned, however old. Returns how many rows went.
   */
  prune(days: number, now: Date): number {
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    return this.#db
      .prepare("DELETE FROM device_inbox WHERE status IN ('charted', 'discarded', 'error') AND updated_at < ?")
      .run(cutoff).changes;
  }

  /**
   * What a port's status shows of its stored frames: when the last arrived, and the last that set values aside
   * (so IT's view and the doctor say it after a restart too, and `npm run doctor` reads it without the app).
   */
  lastFrames(port: string): Pick<PortStatus, 'lastFrameAt' | 'lastNotTaken'> {
    const last = this.#db
      .prepare<[string], { at: string | null }>('SELECT MAX(received_at) AS at FROM device_inbox WHERE source = ?')
      .get(port);
    const noted = this.#db
      .prepare<
        [string],
        { received_at: string; reading: string | null; skipped: string }
      >('SELECT received_at, reading, skipped FROM device_inbox WHERE source = ? AND skipped IS NOT NULL ORDER BY received_at DESC, rowid DESC LIMIT 1')
      .get(port);
    const charted = noted?.reading == null ? 0 : (JSON.parse(noted.reading) as DeviceReading).values.length;
    return {
      lastFrameAt: last?.at ?? null,
      lastNotTaken:
        noted === undefined
          ? null
          : { at: noted.received_at, charted, skipped: JSON.parse(noted.skipped) as SkippedValue[] },
    };
  }

  raw(id: string): Uint8Array | undefined {
    const row = this.#db.prepare<[string], { raw: Buffer }>('SELECT raw FROM device_inbox WHERE id = ?').get(id);
    return row === undefined ? undefined : new Uint8Array(row.raw);
  }

  ports(): PortRow[] {
    return this.#db
      .prepare<[], { port: string; profile: string; enabled: number; dialect: string }>(
        'SELECT port, profile, enabled, dialect FROM device_ports ORDER BY port',
      )
      .all()
      .flatMap((row) =>
        isProfileName(row.profile)
          ? [
              {
                port: row.port,
                profile: row.profile,
                enabled: row.enabled === 1,
                dialect: isHl7DialectName(row.dialect) ? row.dialect : 'auto',
              },
            ]
          : [],
      );
  }

  setPort(port: string, profile: ProfileName | null, enabled: boolean, now: Date, dialect: Hl7Dialect = 'auto'): void {
    if (profile === null) {
      this.#db.prepare('DELETE FROM device_ports WHERE port = ?').run(port);
      return;
    }
    this.#db
      .prepare(
        `INSERT INTO device_ports (port, profile, enabled, updated_at, dialect) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(port) DO UPDATE SET profile = excluded.profile, enabled = excluded.enabled, updated_at = excluded.updated_at, dialect = excluded.dialect`,
      )
      .run(port, profile, enabled ? 1 : 0, now.toISOString(), dialect);
  }

  binding(): Binding {
    const row = this.#db
      .prepare<
        [],
        { patient_ref: string | null; bound_at: string | null }
      >('SELECT patient_ref, bound_at FROM device_binding WHERE id = 1')
      .get();
    return { patientRef: row?.patient_ref ?? null, boundAt: row?.bound_at ?? null };
  }

  bind(patientRef: string | null, now: Date): Binding {
    this.#db
      .prepare(
        'INSERT INTO device_binding (id, patient_ref, bound_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET patient_ref = excluded.patient_ref, bound_at = excluded.bound_at',
      )
      .run(patientRef, patientRef === null ? null : now.toISOString());
    return this.binding();
  }
}
