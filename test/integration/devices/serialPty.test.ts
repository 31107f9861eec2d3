// Serial devices over real socat pty pairs: every serial profile end to end (frame on the wire → inbox →
// devices.reading), garbage and split frames, unplug/replug recovery within 2 s, a port that cannot open.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPtyPair, type PtyPair } from '../../../drivers/devices/simulators/socatPair.node.js';
import { SerialSimulator } from '../../../drivers/devices/simulators/serialSimulator.node.js';
import { sampleFrame } from '../../../drivers/devices/simulators/frames.std.js';
import type { ProfileName } from '../../../drivers/devices/profiles.std.js';
import { profiles } from '../../../drivers/devices/profiles.std.js';
import { call, collect, deviceNode, nextEvent, type DeviceTestNode } from './deviceNode.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

async function setup(profile: ProfileName): Promise<{ node: DeviceTestNode; pty: PtyPair; sim: SerialSimulator }> {
  const pty = await startPtyPair();
  cleanups.push(() => pty.stop());
  const node = await deviceNode();
  cleanups.push(() => node.dispose());
  const opened = nextEvent(node.events, 'devices.status', (s) => s.port === pty.hostPath && s.state === 'open');
  const result = await node.dispatch('devices.configure', { port: pty.hostPath, profile });
  expect(result.ok).toBe(true);
  await opened;
  const sim = new SerialSimulator(pty.devicePath);
  cleanups.push(() => sim.close());
  return { node, pty, sim };
}

const serialProfiles = (Object.keys(profiles) as ProfileName[]).filter((name) =>
  profiles[name].transports.includes('serial'),
);

describe('every serial profile over a real pty', () => {
  it.each(serialProfiles)('%s: a frame on the wire becomes a stored, pending, unassigned reading', async (name) => {
    const { node, sim } = await setup(name);
    const reading = nextEvent(node.events, 'devices.reading');
    const repeat = profiles[name].continuous?.stableSamples ?? 1;
    for (let i = 0; i < repeat; i += 1) await sim.send(sampleFrame(name, 2), { chunkSize: 7 });
    const item = await reading;
    expect(item.profile).toBe(name);
    expect(item.status).toBe('pending');
    expect(item.patientRef).toBeNull();
    expect(item.reading?.values.length).toBeGreaterThan(0);
    const pending = await call(node, 'devices.pending', {});
    expect(pending.map((p) => p.id)).toContain(item.id);
  });
});

describe('serial port behaviour', () => {
  it('garbage gives a clear error event and the next good frame is still read; readings go to the bound patient', async () => {
    const { node, sim } = await setup('omron-hbp9030');
    await node.dispatch('devices.bind', { patientRef: 'Patient/synthetic-0001' });
    const error = nextEvent(node.events, 'devices.error');
    const reading = nextEvent(node.events, 'devices.reading');
    await sim.send(new TextEncoder().encode('\u0001\u00ffnot a frame at all\r\n'));
    await sim.send(sampleFrame('omron-hbp9030', 5), { chunkSize: 3, gapMs: 2 });
    expect((await error).code).toBe('device_frame_malformed');
    const item = await reading;
    expect(item.patientRef).toBe('Patient/synthetic-0001');
    expect(item.reading?.values.map((v) => v.code)).toEqual(['8480-6', '8462-4', '8867-4']);
  });

  it('unplug and replug: the port is back within 2 s and the next frame is read', async () => {
    const { node, pty, sim: before } = await setup('omron-hbp9030');
    const lost = nextEvent(
      node.events,
      'devices.status',
      (s) => s.state === 'retrying' && s.errorCode === 'device_port_lost',
    );
    // unplugged in the middle of a frame: the half frame is reported, never stored as a reading
    const cut = nextEvent(node.events, 'devices.error', (e) => e.code === 'device_frame_malformed');
    const half = sampleFrame('omron-hbp9030', 3);
    await before.send(half.subarray(0, 20));
    await vi.waitFor(() => expect(node.devices.runner(pty.hostPath)?.bytesReceived).toBe(20));
    await pty.unplug();
    await lost;
    expect((await cut).inboxId).toBeNull();
    const reopened = nextEvent(node.events, 'devices.status', (s) => s.state === 'open', 5000);
    const replugAt = Date.now();
    await pty.replug();
    // IT's device view counts the reconnect (the first open is not one)
    expect((await reopened).reconnects).toBe(1);
    const recovery = Date.now() - replugAt;
    expect(recovery).toBeLessThan(2000);
    const sim = new SerialSimulator(pty.devicePath);
    cleanups.push(() => sim.close());
    const reading = nextEvent(node.events, 'devices.reading');
    await sim.send(sampleFrame('omron-hbp9030', 9));
    expect((await reading).reading?.values[0]?.value).toBe(137);
  });

  it('a port that cannot be opened is retried with a visible reason, and the doctor says so', async () => {
    const node = await deviceNode();
    cleanups.push(() => node.dispose());
    const statuses = collect(node.events, 'devices.status');
    cleanups.push(statuses.stop);
    const retrying = nextEvent(node.events, 'devices.status', (s) => s.state === 'retrying');
    await node.dispatch('devices.configure', { port: '/dev/edge-test-no-such-port', profile: 'terumo-bp500' });
    const status = await retrying;
    expect(status.errorCode).toBe('device_port_open_failed');
    expect(status.detail).toContain('/dev/edge-test-no-such-port');
    // it keeps trying, and says so
    await nextEvent(
      node.events,
      'devices.status',
      (s) => s.state === 'retrying' && (s.detail ?? '').includes('(attempt 3)'),
      5000,
    );
    const checks = await call(node, 'diagnostics.run', {});
    const devices = checks.find((c) => c.id === 'devices');
    expect(devices?.verdict).toBe('fail');
    expect(devices?.en).toContain('Could not open the device port');
  });

  it('a profile is refused on a transport it cannot use', async () => {
    const node = await deviceNode();
    cleanups.push(() => node.dispose());
    const result = await node.dispatch('devices.configure', { port: 'tcp:2575', profile: 'omron-hbp9030' });
    expect(result.ok ? 'ok' : result.error.code).toBe('device_profile_transport');
  });
});
