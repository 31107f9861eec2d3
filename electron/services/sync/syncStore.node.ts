/**
 * Sync's rows in the station database (migrations 6, 7 and 18): the configuration (no password), the renderer's
 * last replication report, and the link probes of the last 48 h (central's, and the hospital hub's). Read-only use works too (the CLI).
 */
import type { StationDb } from '../db/stationDb.node.js';
import { ReplicationReport, type LinkProbe } from '../../contract/sync.std.js';
import type { SyncErrorCode } from '../../../sync/replication/syncErrors.std.js';
import type { LinkSample } from '../../../sync/replication/linkPolicy.std.js';
import type { StoredReport } from './syncStatus.std.js';

export interface SyncConfig {
  readonly centralUrl: string;
  readonly username: string;
  readonly caPem: string | null;
  readonly configuredAt: string;
}

/** What the status shows of a probe (the stored record also says whether the server answered at all). */
export function probeView(record: ProbeRecord): LinkProbe {
  return { up: record.up, errorCode: record.errorCode, at: record.at, rttMs: record.rttMs };
}

/** The links main probes: central over GIN, and the hospital hub on the LAN when IT set one. */
export type ProbedLink = 'central' | 'hub';

/** A probe as stored: `reachable` feeds the chart, `up` (reachable and logged in) the state. */
export interface ProbeRecord extends LinkProbe {
  readonly reachable: boolean;
}

export const PROBE_KEEP_MS = 48 * 60 * 60_000;

export class SyncStore {
  readonly #db: StationDb;

  constructor(db: StationDb) {
    this.#db = db;
  }

  config(): SyncConfig | null {
    const row = this.#db
      .prepare<
        [],
        { central_url: string; username: string; ca_pem: string | null; configured_at: string }
      >('SELECT central_url, username, ca_pem, configured_at FROM sync_config WHERE id = 1')
      .get();
    return row === undefined
      ? null
      : { centralUrl: row.central_url, username: row.username, caPem: row.ca_pem, configuredAt: row.configured_at };
  }

  saveConfig(config: SyncConfig): void {
    this.#db
      .prepare(
        `INSERT INTO sync_config (id, central_url, username, ca_pem, configured_at) VALUES (1, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET central_url = excluded.central_url, username = excluded.username, ca_pem = excluded.ca_pem, configured_at = excluded.configured_at`,
      )
      .run(config.centralUrl, config.username, config.caPem, config.configuredAt);
  }

  report(): StoredReport | null {
    const row = this.#db
      .prepare<[], { report: string; reported_at: string }>('SELECT report, reported_at FROM sync_report WHERE id = 1')
      .get();
    if (row === undefined) return null;
    const parsed = ReplicationReport.safeParse(JSON.parse(row.report));
    return parsed.success ? { ...parsed.data, reportedAt: row.reported_at } : null;
  }

  saveReport(report: ReplicationReport, reportedAt: string): void {
    this.#db
      .prepare(
        'INSERT INTO sync_report (id, report, reported_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET report = excluded.report, reported_at = excluded.reported_at',
      )
      .run(JSON.stringify(report), reportedAt);
  }

  addProbe(probe: ProbeRecord, link: ProbedLink = 'central'): void {
    this.#db
      .prepare('INSERT INTO link_probe (at, reachable, up, error_code, rtt_ms, link) VALUES (?, ?, ?, ?, ?, ?)')
      .run(Date.parse(probe.at), probe.reachable ? 1 : 0, probe.up ? 1 : 0, probe.errorCode, probe.rttMs, link);
  }

  /** Drops probes older than 48 h, of both links; returns how many. */
  pruneProbes(now: number): number {
    return this.#db.prepare('DELETE FROM link_probe WHERE at < ?').run(now - PROBE_KEEP_MS).changes;
  }

  /** Drops every probe of a link (a new hub is another link: the old one's history is not its own). */
  clearProbes(link: ProbedLink): void {
    this.#db.prepare('DELETE FROM link_probe WHERE link = ?').run(link);
  }

  lastProbe(link: ProbedLink = 'central'): ProbeRecord | null {
    const row = this.#db
      .prepare<
        [ProbedLink],
        { at: number; reachable: number; up: number; error_code: string | null; rtt_ms: number | null }
      >('SELECT at, reachable, up, error_code, rtt_ms FROM link_probe WHERE link = ? ORDER BY at DESC LIMIT 1')
      .get(link);
    return row === undefined
      ? null
      : {
          at: new Date(row.at).toISOString(),
          reachable: row.reachable === 1,
          up: row.up === 1,
          errorCode: row.error_code as SyncErrorCode | null,
          rttMs: row.rtt_ms,
        };
  }

  /** Chart samples of a link since `from` (epoch ms): reached the server or not, and the round trip. */
  samples(from: number, link: ProbedLink = 'central'): LinkSample[] {
    return this.#db
      .prepare<[ProbedLink, number], { at: number; reachable: number; rtt_ms: number | null }>(
        'SELECT at, reachable, rtt_ms FROM link_probe WHERE link = ? AND at >= ? ORDER BY at',
      )
      .all(link, from)
      .map((row) => ({ at: row.at, up: row.reachable === 1, rttMs: row.rtt_ms }));
  }
}
