// The Omron HEM-790IT through the node-hid boundary (a fake: no virtual HID device exists here): hot-plug
// polling finds it, its memory is downloaded into the inbox, and a replug does not store records twice.
import { afterEach, describe, expect, it } from 'vitest';
import { encodeHem790itRecord } from '../../../../../drivers/devices/parsers/omronHem790it.std.js';
import { HidSource } from '../../../../../drivers/devices/ports/hidSource.node.js';
import { FakeOmronHid } from '../../../../factories/devices/fakeOmronHid.js';
import {
  call,
  collect,
  deviceNode,
  nextEvent,
  type DeviceTestNode,
} from '../../../../integration/devices/deviceNode.js';

const at = (mi: number) => ({ y: 24, mo: 1, d: 5, h: 10, mi, s: 0 });
let node: DeviceTestNode | undefined;
afterEach(async () => {
  await node?.dispose();
  node = undefined;
});

describe('Omron HEM-790IT over HID', () => {
  it('downloads the memory when the device is plugged in, asks again on NO, and stores each record once across replugs', async () => {
    const hid = new FakeOmronHid();
    hid.records = [encodeHem790itRecord(at(1), 131, 84, 72), encodeHem790itRecord(at(2), 127, 80, 70)];
    node = await deviceNode({ hid, hidPollMs: 20 });
    const readings = collect(node.events, 'devices.reading');
    const waiting = nextEvent(node.events, 'devices.status', (s) => s.state === 'waiting_device');
    await call(node, 'devices.configure', { port: 'hid:0590:0028', profile: 'omron-hem790it' });
    await waiting;

    const done = nextEvent(
      node.events,
      'devices.status',
      (s) => s.state === 'waiting_device' && (s.detail ?? '').startsWith('2 records'),
    );
    hid.plugged = true;
    await done;
    expect(readings.items.map((r) => r.reading?.values.map((v) => v.value))).toEqual([
      [131, 84, 72],
      [127, 80, 70],
    ]);
    expect(readings.items[0]?.reading?.deviceTime).toBe('2024-01-05T10:01:00');
    expect(hid.featureReports[0]).toEqual([0x00, 0x74, 0xbc]);
    expect(hid.commands.filter((c) => c === 'GME').length).toBe(4); // each index: NO once, then the record
    expect(hid.commands.at(-1)).toBe('END');

    // unplug, a new measurement is taken on the device, plug back in
    hid.plugged = false;
    await nextEvent(node.events, 'devices.status', (s) => s.state === 'waiting_device' && s.detail === null);
    hid.records = [...hid.records, encodeHem790itRecord(at(3), 119, 77, 66)];
    const again = nextEvent(
      node.events,
      'devices.status',
      (s) => s.state === 'waiting_device' && (s.detail ?? '').startsWith('3 records'),
    );
    hid.plugged = true;
    await again;
    expect(readings.items).toHaveLength(3);
    expect(readings.items[2]?.reading?.values[0]?.value).toBe(119);
    const pending = await call(node, 'devices.pending', {});
    expect(pending).toHaveLength(3);
    readings.stop();
  });

  it('a corrupted record is kept as an error with a clear code, the others still read', async () => {
    const hid = new FakeOmronHid();
    hid.sayNoFirst = false;
    const bad = encodeHem790itRecord(at(4), 140, 90, 80).slice();
    bad[8] = 141; // the XOR no longer matches
    hid.records = [bad, encodeHem790itRecord(at(5), 122, 81, 64)];
    node = await deviceNode({ hid, hidPollMs: 20 });
    const error = nextEvent(node.events, 'devices.error');
    const reading = nextEvent(node.events, 'devices.reading');
    hid.plugged = true;
    await call(node, 'devices.configure', { port: 'hid:0590:0028', profile: 'omron-hem790it' });
    expect((await error).code).toBe('device_checksum');
    expect((await reading).reading?.values[0]?.value).toBe(122);
  });

  it('lists HID devices with the profile they are known to speak', async () => {
    const hid = new FakeOmronHid();
    hid.plugged = true;
    node = await deviceNode({ hid });
    const listing = await call(node, 'devices.list', {});
    expect(listing.hid).toEqual([
      expect.objectContaining({ vendorId: 0x0590, productId: 0x0028, knownProfile: 'omron-hem790it' }),
    ]);
    expect(listing.profiles.map((p) => p.name)).toContain('omron-hem790it');
  });

  it('a failing HID enumeration is reported, not thrown', async () => {
    const statuses: string[] = [];
    const source = new HidSource(
      { devices: () => Promise.reject(new Error('hidapi gone')), open: () => Promise.reject(new Error('no')) },
      { vendorId: 0x0590, productId: 0x0028 },
      {
        data: () => undefined,
        ended: () => undefined,
        status: (state, code) => statuses.push(`${state}:${String(code)}`),
      },
      1_000_000,
    );
    source.start();
    await source.poll();
    await source.stop();
    expect(statuses).toContain('retrying:device_hid_failed');
  });
});
