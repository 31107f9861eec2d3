/**
 * IT's device settings in the station SQLite: each ward TCP listener's allow-list and limits, how long the
 * inbox keeps rows that are done with (charted, discarded, unreadable), and IT's own HL7 code map.
 */
import type { StationDb } from '../db/stationDb.node.js';
import type { CodeMapEntry, ListenerSettings } from '../../contract/devices.std.js';
import { customEntriesOf, type CustomCodeEntry } from '../../../drivers/devices/parsers/customCodeMap.std.js';
import { DEFAULT_LISTENER_LIMITS, type ListenerPolicy } from '../../../drivers/devices/ports/sourcePolicy.std.js';

export const DEFAULT_RETENTION_DAYS = 90;

interface ListenerRow {
  port: string;
  allow: string;
  max_per_source: number;
  max_total: number;
  idle_ms: number;
  frames_per_minute: number;
}

function toSettings(row: ListenerRow): ListenerSettings {
  return {
    port: row.port,
    allow: JSON.parse(row.allow) as string[],
    maxConnectionsPerSource: row.max_per_source,
    maxConnections: row.max_total,
    idleTimeoutMs: row.idle_ms,
    framesPerMinute: row.frames_per_minute,
  };
}

export type ListenerInput = Pick<ListenerSettings, 'port' | 'allow'> &
  Partial<Omit<ListenerSettings, 'port' | 'allow'>>;

export class DeviceSettings {
  readonly #db: StationDb;

  constructor(db: StationDb) {
    this.#db = db;
  }

  listener(port: string): ListenerSettings | undefined {
    const row = this.#db.prepare<[string], ListenerRow>('SELECT * FROM device_listeners WHERE port = ?').get(port);
    return row === undefined ? undefined : toSettings(row);
  }

  /** The policy the listener applies; undefined (refuse everyone) until IT sets one. */
  policy(port: string): ListenerPolicy | undefined {
    return this.listener(port);
  }

  listeners(): ListenerSettings[] {
    return this.#db.prepare<[], ListenerRow>('SELECT * FROM device_listeners ORDER BY port').all().map(toSettings);
  }

  /** Stores the allow-list; limits not given keep their stored value, or the default for a new listener. */
  setListener(input: ListenerInput, now: Date): ListenerSettings {
    const base = this.listener(input.port) ?? DEFAULT_LISTENER_LIMITS;
    const settings: ListenerSettings = {
      port: input.port,
      allow: [...input.allow],
      maxConnectionsPerSource: input.maxConnectionsPerSource ?? base.maxConnectionsPerSource,
      maxConnections: input.maxConnections ?? base.maxConnections,
      idleTimeoutMs: input.idleTimeoutMs ?? base.idleTimeoutMs,
      framesPerMinute: input.framesPerMinute ?? base.framesPerMinute,
    };
    this.#db
      .prepare(
        `INSERT INTO device_listeners (port, allow, max_per_source, max_total, idle_ms, frames_per_minute, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(port) DO UPDATE SET allow = excluded.allow, max_per_source = excluded.max_per_source, max_total = excluded.max_total,
         idle_ms = excluded.idle_ms, frames_per_minute = excluded.frames_per_minute, updated_at = excluded.updated_at`,
      )
      .run(
        settings.port,
        JSON.stringify(settings.allow),
        settings.maxConnectionsPerSource,
        settings.maxConnections,
        settings.idleTimeoutMs,
        settings.framesPerMinute,
        now.toISOString(),
      );
    return settings;
  }

  retentionDays(): number {
    const row = this.#db
      .prepare<[], { inbox_retention_days: number }>('SELECT inbox_retention_days FROM device_settings WHERE id = 1')
      .get();
    return row?.inbox_retention_days ?? DEFAULT_RETENTION_DAYS;
  }

  setRetentionDays(days: number): void {
    this.#db
      .prepare(
        'INSERT INTO device_settings (id, inbox_retention_days) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET inbox_retention_days = excluded.inbox_retention_days',
      )
      .run(days);
  }

  codeMap(): CodeMapEntry[] {
    return this.#db.prepare<[], CodeMapEntry>('SELECT code, loinc, unit FROM hl7_code_map ORDER BY code').all();
  }

  /** Replaces IT's code map in one transaction (codes compared case-insensitively: the last entry wins). */
  setCodeMap(entries: readonly CodeMapEntry[], now: Date): CodeMapEntry[] {
    const unique = new Map(entries.map((entry) => [entry.code.trim().toUpperCase(), entry]));
    this.#db.transaction(() => {
      this.#db.prepare('DELETE FROM hl7_code_map').run();
      const insert = this.#db.prepare('INSERT INTO hl7_code_map (code, loinc, unit, updated_at) VALUES (?, ?, ?, ?)');
      for (const entry of unique.values()) insert.run(entry.code.trim(), entry.loinc, entry.unit, now.toISOString());
    })();
    return this.codeMap();
  }

  /** The map as the HL7 decoder takes it (as `device listen --code-map` hands a file's). */
  customEntries(): CustomCodeEntry[] {
    return customEntriesOf(this.codeMap());
  }
}
