// A keyless device (Omron HBP-9030: no sequence number, no clock) re-sends identical bytes: one reading while
// the copies keep coming within the window, across a restart; equal values measured minutes apart are two.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStationDb, type StationDb } from '../../../../../electron/services/db/stationDb.node.js';
import { DeviceInbox, RESEND_WINDOW_MS } from '../../../../../electron/services/devices/deviceInbox.node.js';
import { profiles } from '../../../../../drivers/devices/profiles.std.js';
import { sampleFrame } from '../../../../../drivers/devices/simulators/frames.std.js';
import type { Reading } from '../../../../../drivers/devices/parsers/reading.std.js';
import { call, deviceNode, type DeviceTestNode } from '../../../../integration/devices/deviceNode.js';

const dirs: string[] = [];
const dbs: StationDb[] = [];
let node: DeviceTestNode | undefined;
afterEach(async () => {
  for (const db of dbs.splice(0)) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  await node?.dispose();
  node = undefined;
});

function open(file: string): DeviceInbox {
  const db = openStationDb(file);
  dbs.push(db);
  return new DeviceInbox(db);
}

function hbp9030(seed: number): { frame: Uint8Array; reading: Reading } {
  const frame = sampleFrame('omron-hbp9030', seed);
  const result = profiles['omron-hbp9030'].decode(frame, {
    profile: 'omron-hbp9030',
    receivedAt: '2026-11-23T03:00:00.000Z',
  });
  if (!result.ok) throw new Error(result.error.code);
  expect(result.reading.key).toBeUndefined();
  return { frame, reading: result.reading };
}

const t0 = Date.parse('2026-11-23T03:00:00.000Z');
const at = (ms: number) => new Date(t0 + ms);

describe('keyless re-sends in the device inbox', () => {
  it('identical bytes within the window are one reading, across a restart; minutes later they are a new one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-inbox-'));
    dirs.push(dir);
    const file = join(dir, 'station.sqlite');
    const { frame, reading } = hbp9030(3);
    const store = (inbox: DeviceInbox, ms: number, port = '/dev/ttyUSB0') =>
      inbox.storeReading({ port, profile: 'omron-hbp9030', frame, reading, subject: null, now: at(ms) });

    let inbox = open(file);
    const first = store(inbox, 0);
    expect(first.duplicate).toBe(false);
    expect(store(inbox, 3_000)).toMatchObject({ duplicate: true, item: { id: first.item.id } });
    // The window slides with each copy seen: 12 s after the first, 9 s after the last copy.
    expect(store(inbox, 12_000)).toMatchObject({ duplicate: true, item: { id: first.item.id } });

    // Restart: a new inbox over the same file still knows the last copy.
    dbs.pop()?.close();
    inbox = open(file);
    expect(store(inbox, 12_000 + RESEND_WINDOW_MS - 1)).toMatchObject({ duplicate: true, item: { id: first.item.id } });

    // Same values, measured again five minutes later: a second reading, kept.
    const again = store(inbox, 5 * 60_000);
    expect(again.duplicate).toBe(false);
    expect(again.item.id).not.toBe(first.item.id);
    // The same bytes on another port are another device's reading.
    expect(store(inbox, 5 * 60_000, '/dev/ttyUSB1').duplicate).toBe(false);
    expect(inbox.pending({ includeUnassigned: true, limit: 10 }).map((item) => item.id)).toHaveLength(3);
  });

  it('different bytes inside the window are different readings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-inbox-'));
    dirs.push(dir);
    const inbox = open(join(dir, 'station.sqlite'));
    const a = hbp9030(1);
    const b = hbp9030(2);
    expect(inbox.storeReading({ port: 'p', profile: 'omron-hbp9030', ...a, subject: null, now: at(0) }).duplicate).toBe(
      false,
    );
    expect(
      inbox.storeReading({ port: 'p', profile: 'omron-hbp9030', ...b, subject: null, now: at(1_000) }).duplicate,
    ).toBe(false);
  });

  it('through the real pipeline: a frame re-sent at once makes one pending reading', async () => {
    node = await deviceNode();
    const runner = node.devices.addVirtualPort('demo:resend', 'omron-hbp9030');
    const frame = sampleFrame('omron-hbp9030', 7);
    runner.inject(frame);
    runner.inject(frame);
    const pending = await call(node, 'devices.pending', { includeUnassigned: true });
    expect(pending.filter((item) => item.port === 'demo:resend')).toHaveLength(1);
  });
});
