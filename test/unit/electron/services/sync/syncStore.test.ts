// Sync's rows in the station database: configuration without any password, the last report, 48 h of probes.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStationDb, type StationDb } from '../../../../../electron/services/db/stationDb.node.js';
import { PROBE_KEEP_MS, SyncStore } from '../../../../../electron/services/sync/syncStore.node.js';

const opened: { dir: string; db: StationDb }[] = [];
function store(): { db: StationDb; store: SyncStore } {
  const dir = mkdtempSync(join(tmpdir(), 'edge-syncstore-'));
  const db = openStationDb(join(dir, 'station.sqlite'));
  opened.push({ dir, db });
  return { db, store: new SyncStore(db) };
}
afterEach(() => {
  for (const { dir, db } of opened.splice(0)) {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('sync store', () => {
  it('keeps the configuration (no password column) and replaces it in place', () => {
    const { db, store: sync } = store();
    const columns = db
      .prepare<[], { name: string }>('PRAGMA table_info(sync_config)')
      .all()
      .map((column) => column.name);
    expect(columns.some((name) => /pass|secret|cookie/i.test(name))).toBe(false);
    expect(sync.config()).toBeNull();
    sync.saveConfig({
      centralUrl: 'https://a.example',
      username: 'st-10670-a',
      caPem: null,
      configuredAt: '2026-11-23T00:00:00.000Z',
    });
    sync.saveConfig({
      centralUrl: 'https://b.example',
      username: 'st-10670-b',
      caPem: 'PEM',
      configuredAt: '2026-11-23T01:00:00.000Z',
    });
    expect(sync.config()).toEqual({
      centralUrl: 'https://b.example',
      username: 'st-10670-b',
      caPem: 'PEM',
      configuredAt: '2026-11-23T01:00:00.000Z',
    });
  });

  it('keeps the last report with when it came', () => {
    const { store: sync } = store();
    const report = {
      state: 'syncing' as const,
      errorCode: null,
      pending: 4,
      docsUp: 1,
      docsDown: 0,
      lastSuccessAt: null,
      conflictsResolved: 0,
      conflicts: [],
      rejections: [],
    };
    sync.saveReport(report, '2026-11-23T02:00:00.000Z');
    expect(sync.report()).toEqual({ ...report, reportedAt: '2026-11-23T02:00:00.000Z' });
  });

  it('probes: newest last, pruned after 48 h, chart samples use reachability', () => {
    const { store: sync } = store();
    const now = Date.parse('2026-11-23T10:00:00.000Z');
    const probe = (ago: number, reachable: boolean, up: boolean) => ({
      at: new Date(now - ago).toISOString(),
      reachable,
      up,
      errorCode: up ? null : ('sync_wrong_password' as const),
      rttMs: reachable ? 7 : null,
    });
    sync.addProbe(probe(PROBE_KEEP_MS + 60_000, true, true));
    sync.addProbe(probe(60_000, true, false));
    sync.addProbe(probe(1_000, true, true));
    expect(sync.pruneProbes(now)).toBe(1);
    expect(sync.lastProbe()).toEqual(probe(1_000, true, true));
    expect(sync.samples(0)).toEqual([
      { at: now - 60_000, up: true, rttMs: 7 },
      { at: now - 1_000, up: true, rttMs: 7 },
    ]);
  });

  it("keeps the hub's probes apart from central's: each link its own last probe and samples, both pruned", () => {
    const { store: sync } = store();
    const now = Date.parse('2026-11-23T10:00:00.000Z');
    const probe = (ago: number, reachable: boolean, rttMs: number | null) => ({
      at: new Date(now - ago).toISOString(),
      reachable,
      up: reachable,
      errorCode: reachable ? null : ('sync_offline' as const),
      rttMs,
    });
    sync.addProbe(probe(30_000, true, 40));
    sync.addProbe(probe(20_000, true, 2), 'hub');
    sync.addProbe(probe(PROBE_KEEP_MS + 1, true, 3), 'hub');
    sync.addProbe(probe(10_000, false, null), 'hub');
    expect(sync.lastProbe()).toEqual(probe(30_000, true, 40));
    expect(sync.lastProbe('hub')).toEqual(probe(10_000, false, null));
    expect(sync.samples(now - 60_000)).toEqual([{ at: now - 30_000, up: true, rttMs: 40 }]);
    expect(sync.pruneProbes(now)).toBe(1);
    expect(sync.samples(0, 'hub')).toEqual([
      { at: now - 20_000, up: true, rttMs: 2 },
      { at: now - 10_000, up: false, rttMs: null },
    ]);
    sync.clearProbes('hub');
    expect(sync.samples(0, 'hub')).toEqual([]);
    expect(sync.lastProbe()).toEqual(probe(30_000, true, 40));
  });
});
