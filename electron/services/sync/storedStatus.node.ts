/**
 * The sync status as the station database holds it, for a process that is not the running app (the CLI):
 * read-only, no migration, no probe; the link is the app's last probe.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { databaseName } from '../../../sync/central/designDocs.std.js';
import type { SyncStatus } from '../../contract/sync.std.js';
import { probeView, SyncStore } from './syncStore.node.js';
import { chartBuckets, linkSummary, recentBuckets, CHART_SPAN_MS } from './linkChart.std.js';
import { foldStatus } from './syncStatus.std.js';

const UNCONFIGURED = (now: number): SyncStatus =>
  foldStatus({
    config: null,
    credentialsError: null,
    link: null,
    report: null,
    reportsValidFrom: null,
    history: chartBuckets([], now),
  });

export function readStoredStatus(dataDir: string, now = Date.now()): SyncStatus {
  const file = join(dataDir, 'station.sqlite');
  if (!existsSync(file)) return UNCONFIGURED(now);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const hasTables = db
      .prepare<
        [],
        { n: number }
      >("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('sync_config', 'link_probe')")
      .get();
    if (hasTables?.n !== 2) return UNCONFIGURED(now);
    const store = new SyncStore(db);
    const hcodeRow = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'hcode'").get();
    const hcode = hcodeRow === undefined ? null : (JSON.parse(hcodeRow.value) as string | null);
    const hubRow = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'hubUrl'").get();
    const hubUrl = hubRow === undefined ? null : (JSON.parse(hubRow.value) as string | null);
    const config = store.config();
    const probe = store.lastProbe();
    const samples = store.samples(now - CHART_SPAN_MS);
    const hubProbe = store.lastProbe('hub');
    const hubSamples = store.samples(now - CHART_SPAN_MS, 'hub');
    return foldStatus({
      config:
        config === null || hcode === null
          ? null
          : { centralUrl: config.centralUrl, username: config.username, database: databaseName(hcode) },
      credentialsError: null,
      link: probe === null ? null : probeView(probe),
      report: store.report(),
      reportsValidFrom: null,
      history: chartBuckets(samples, now),
      recent: recentBuckets(samples, now),
      summary: linkSummary(samples, now),
      // The app's last probes of the hub, as of central.
      hub:
        hubUrl === null
          ? null
          : {
              url: hubUrl,
              link: hubProbe === null ? null : probeView(hubProbe),
              linkHistory: chartBuckets(hubSamples, now),
              linkRecent: recentBuckets(hubSamples, now),
              linkSummary: linkSummary(hubSamples, now),
            },
    });
  } finally {
    db.close();
  }
}
