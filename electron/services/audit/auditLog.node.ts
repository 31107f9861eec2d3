/**
 * The append-only audit log: who did what, when, on which station. A subject (a patient) appears only
 * as a keyed hash, never as a raw citizen id; `detail` is redacted before it is stored.
 */
import type { StationDb } from '../db/stationDb.node.js';
import type { AuditEntry } from '../../contract/settings.std.js';
import type { AuditAction } from '../../contract/auditText.std.js';
import { redactValue } from '../logging/redact.std.js';

export interface AuditRecord {
  /** Who did it; by default the staff member on duty (see `actedBy`). */
  readonly actor?: string;
  readonly action: AuditAction;
  readonly subjectHash?: string | null;
  readonly detail?: Record<string, unknown>;
}

export class AuditLog {
  readonly #db: StationDb;
  readonly #station: () => string;
  readonly #demo: () => boolean;
  #actor: () => string = () => 'unidentified';

  /** `demo`: whether the station is a demo station now (each entry is marked as it is written). */
  constructor(db: StationDb, station: () => string, demo: () => boolean = () => false) {
    this.#db = db;
    this.#station = station;
    this.#demo = demo;
  }

  /** Where the default actor comes from: the staff session, made after the log it writes to. */
  actedBy(actor: () => string): void {
    this.#actor = actor;
  }

  append(record: AuditRecord, at: Date = new Date()): number {
    const detail = record.detail === undefined ? null : JSON.stringify(redactValue(record.detail));
    const result = this.#db
      .prepare(
        'INSERT INTO audit_log (at, station, actor, action, subject_hash, detail, demo) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        at.toISOString(),
        this.#station(),
        record.actor ?? this.#actor(),
        record.action,
        record.subjectHash ?? null,
        detail,
        this.#demo() ? 1 : 0,
      );
    return Number(result.lastInsertRowid);
  }

  recent(limit: number): AuditEntry[] {
    return this.#db
      .prepare<
        [number],
        {
          id: number;
          at: string;
          station: string;
          actor: string;
          action: string;
          subject_hash: string | null;
          demo: number;
        }
      >('SELECT id, at, station, actor, action, subject_hash, demo FROM audit_log ORDER BY id DESC LIMIT ?')
      .all(limit)
      .map((row) => ({
        id: row.id,
        at: row.at,
        station: row.station,
        actor: row.actor,
        action: row.action,
        subjectHash: row.subject_hash,
        demo: row.demo === 1,
      }));
  }
}
