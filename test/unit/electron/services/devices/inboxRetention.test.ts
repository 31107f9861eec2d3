/**
 * Inbox retention: rows done with (charted, discarded, unreadable) go after the retention IT sets (90 days by
 * default); a pending reading is never pruned, however old.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStationDb, type StationDb } from '../../../../../electron/services/db/stationDb.node.js';
import { DeviceInbox } from '../../../../../electron/services/devices/deviceInbox.node.js';
import {
  DeviceSettings,
  DEFAULT_RETENTION_DAYS,
} from '../../../../../electron/services/devices/deviceSettings.node.js';
import { profiles } from '../../../../../drivers/devices/profiles.std.js';
import { sampleFrame } from '../../../../../drivers/devices/simulators/frames.std.js';
import { call, deviceNode } from '../../../../integration/devices/deviceNode.js';

const day = 86_400_000;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function inbox(): { db: StationDb; inbox: DeviceInbox } {
  const dir = mkdtempSync(join(tmpdir(), 'edge-retention-'));
  dirs.push(dir);
  const db = openStationDb(join(dir, 'station.db'));
  return { db, inbox: new DeviceInbox(db) };
}

function store(target: DeviceInbox, seed: number, at: Date): string {
  const frame = sampleFrame('omron-hbp9030', seed);
  const decoded = profiles['omron-hbp9030'].decode(frame, { profile: 'omron-hbp9030', receivedAt: at.toISOString() });
  if (!decoded.ok) throw new Error('sample frame did not decode');
  return target.storeReading({
    port: '/dev/ttyS9',
    profile: 'omron-hbp9030',
    frame,
    reading: decoded.reading,
    subject: null,
    now: at,
  }).item.id;
}

describe('device inbox retention', () => {
  it('prunes charted, discarded and unreadable rows older than the retention, never a pending one', () => {
    const { db, inbox: target } = inbox();
    const old = new Date('2026-01-01T08:00:00Z');
    const pending = store(target, 1, old);
    target.bind('Patient/synthetic-a', old);
    const charted = store(target, 2, old);
    const discarded = store(target, 3, old);
    target.confirm(charted, 'Patient/synthetic-a', ['obs-1'], old);
    target.discard(discarded, 'test', old);
    const unreadable = target.storeError({
      port: '/dev/ttyS9',
      profile: 'omron-hbp9030',
      frame: new Uint8Array([1, 2]),
      errorCode: 'device_checksum',
      now: old,
    });
    const recent = store(target, 4, new Date(old.getTime() + 80 * day));
    target.discard(recent, 'test', new Date(old.getTime() + 80 * day));

    expect(target.prune(90, new Date(old.getTime() + 89 * day))).toBe(0);
    expect(target.prune(90, new Date(old.getTime() + 91 * day))).toBe(3);
    const left = db
      .prepare<[], { id: string }>('SELECT id FROM device_inbox ORDER BY id')
      .all()
      .map((r) => r.id);
    expect(left.sort()).toEqual([pending, recent].sort());
    expect(left).not.toContain(unreadable.id);
    // years later the pending reading is still there
    target.prune(1, new Date(old.getTime() + 3650 * day));
    expect(target.get(pending).status).toBe('pending');
  });

  it('keeps 90 days unless IT sets otherwise; setting it prunes at once', async () => {
    const { db } = inbox();
    expect(new DeviceSettings(db).retentionDays()).toBe(DEFAULT_RETENTION_DAYS);
    expect(DEFAULT_RETENTION_DAYS).toBe(90);
    const node = await deviceNode();
    try {
      const runner = node.devices.addVirtualPort('demo:retention', 'omron-hbp9030');
      runner.inject(sampleFrame('omron-hbp9030', 5));
      const [item] = await call(node, 'devices.pending', {});
      if (item === undefined) throw new Error('no reading stored');
      await call(node, 'devices.discard', { id: item.id, reason: 'test' });
      // a discard made 2 days ago (rewritten in place: the node's clock is the real one)
      node.db
        .prepare('UPDATE device_inbox SET updated_at = ? WHERE id = ?')
        .run(new Date(Date.now() - 2 * day).toISOString(), item.id);
      expect(await call(node, 'devices.retention', { days: 3 })).toEqual({ days: 3, pruned: 0 });
      expect(await call(node, 'devices.retention', { days: 1 })).toEqual({ days: 1, pruned: 1 });
      const invalid = await node.dispatch('devices.retention', { days: 0 });
      expect(invalid.ok).toBe(false);
    } finally {
      await node.dispose();
    }
  });
});
