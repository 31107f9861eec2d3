/**
 * The station's own SQLite database (better-sqlite3): settings, audit log, device inbox/journal.
 * WAL mode so a reader never blocks the writer; numbered migrations applied in one transaction each.
 * Clinical records do not live here: they are in the renderer's PouchDB and replicate to central.
 */
import Database from 'better-sqlite3';
import { stationMigrations, type Migration } from './migrations.node.js';

export type StationDb = Database.Database;

export function openStationDb(
  file: string,
  migrations: readonly Migration[] = stationMigrations,
  nativeBinding?: string,
): StationDb {
  const db = new Database(file, nativeBinding === undefined ? {} : { nativeBinding });
  db.pragma('journal_mode = WAL');
  // A device reading is acknowledged once committed, and a staff lockout must survive a power cut: in WAL mode
  // that holds against power loss only with synchronous=FULL (NORMAL may lose the last commits).
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

export function migrate(db: StationDb, migrations: readonly Migration[]): number {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
  );
  const applied = new Set(
    db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
      .all()
      .map((row) => row.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  let count = 0;
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
    count += 1;
  }
  return count;
}

export function schemaVersion(db: StationDb): number {
  const row = db.prepare<[], { v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations').get();
  return row?.v ?? 0;
}
