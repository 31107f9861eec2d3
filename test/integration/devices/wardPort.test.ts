/**
 * The ward-side HL7 port over real loopback TCP takes only the sources IT allowed, within caps, an idle
 * timeout and a frame rate; control ids are kept per sender. "Another host" is 127.0.0.2 (loopback on Linux):
 * the client socket is bound to it, never to a non-loopback address.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Hl7MonitorSimulator, ackCode } from '../../../drivers/devices/simulators/hl7MonitorSimulator.node.js';
import { hl7MllpFrame } from '../../../drivers/devices/simulators/frames.std.js';
import {
  call,
  collect,
  configureLoopbackListener,
  deviceNode,
  freeTcpPort,
  nextEvent,
  type DeviceTestNode,
} from './deviceNode.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

const vitals = (controlId: string, sys = 124) => ({
  sys,
  dia: 78,
  pulse: 70,
  spo2: 97,
  tempC: 36.9,
  resp: 16,
  controlId,
});

async function node(): Promise<DeviceTestNode> {
  const created = await deviceNode();
  cleanups.push(() => created.dispose());
  return created;
}

async function monitor(port: number, from = '127.0.0.1'): Promise<Hl7MonitorSimulator> {
  const connected = await Hl7MonitorSimulator.connect(port, '127.0.0.1', true, from);
  cleanups.push(() => connected.close());
  return connected;
}

function rows(n: DeviceTestNode): number {
  return n.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM device_inbox').get()?.n ?? 0;
}

async function listening(n: DeviceTestNode, configure: () => Promise<void>): Promise<void> {
  const up = nextEvent(n.events, 'devices.status', (s) => s.state === 'listening');
  await configure();
  await up;
}

describe('ward HL7 port: allow-list', () => {
  it('with no allow-list set, every connection is closed at once, reported, and nothing is read', async () => {
    const n = await node();
    const port = await freeTcpPort();
    const up = nextEvent(n.events, 'devices.status', (s) => s.state === 'listening');
    await call(n, 'devices.configure', { port: `tcp:${String(port)}`, profile: 'hl7-mllp', enabled: true });
    expect((await up).errorCode).toBe('device_listener_no_allow_list');
    const refused = nextEvent(n.events, 'devices.error', (e) => e.code === 'device_source_not_allowed');
    const m = await monitor(port);
    m.write(hl7MllpFrame(vitals('NOLIST-1')));
    await m.closed();
    expect((await refused).detail).toContain('127.0.0.1');
    expect(rows(n)).toBe(0);
    expect(n.devices.runner(`tcp:${String(port)}`)?.bytesReceived).toBe(0);
  });

  it('a source outside the list (127.0.0.2) is closed unread while the allowed monitor is acknowledged', async () => {
    const n = await node();
    const port = await freeTcpPort();
    await listening(n, () => configureLoopbackListener(n, port, 'hl7-mllp', ['127.0.0.1/32']));
    const refused = nextEvent(n.events, 'devices.error', (e) => e.code === 'device_source_not_allowed');
    const stranger = await monitor(port, '127.0.0.2');
    stranger.write(hl7MllpFrame(vitals('STRANGER-1', 200)));
    await stranger.closed();
    expect((await refused).detail).toContain('127.0.0.2');
    expect(rows(n)).toBe(0);
    expect(n.devices.runner(`tcp:${String(port)}`)?.refusals.device_source_not_allowed).toBe(1);
    const ward = await monitor(port);
    expect(ackCode(await ward.send(hl7MllpFrame(vitals('WARD-1')))).code).toBe('AA');
    expect(rows(n)).toBe(1);
  });

  it('IT is told what is wrong with a bad entry or a port that is not a network port, and nothing is stored', async () => {
    const n = await deviceNode(); // closed by reopen below
    const bad = await n.dispatch('devices.listener', { port: 'tcp:2575', allow: ['10.1.20.0/24', 'ward-3-monitor'] });
    expect(bad.ok ? null : bad.error.code).toBe('device_allow_invalid');
    const serial = await n.dispatch('devices.listener', { port: '/dev/ttyUSB0', allow: ['10.1.20.0/24'] });
    expect(serial.ok ? null : serial.error.code).toBe('device_listener_tcp_only');
    expect(await call(n, 'devices.listeners', {})).toEqual([]);
    const set = await call(n, 'devices.listener', {
      port: 'tcp:2575',
      allow: ['10.1.20.0/24', 'fd00:10::/64'],
      framesPerMinute: 30,
    });
    expect(set).toEqual({
      port: 'tcp:2575',
      allow: ['10.1.20.0/24', 'fd00:10::/64'],
      maxConnectionsPerSource: 4,
      maxConnections: 32,
      idleTimeoutMs: 300_000,
      framesPerMinute: 30,
    });
    const again = await n.reopen();
    cleanups.push(() => again.dispose());
    expect(await call(again, 'devices.listeners', {})).toEqual([set]);
  });
});

describe('ward HL7 port: control ids per sender', () => {
  it('another host sending a monitor’s next control id first does not make the monitor’s message a duplicate', async () => {
    const n = await node();
    const port = await freeTcpPort();
    await listening(n, () => configureLoopbackListener(n, port, 'hl7-mllp', ['127.0.0.0/8']));
    const readings = collect(n.events, 'devices.reading');
    cleanups.push(readings.stop);
    const other = await monitor(port, '127.0.0.2');
    expect(ackCode(await other.send(hl7MllpFrame(vitals('CTRL-9', 210)))).code).toBe('AA');
    const ward = await monitor(port);
    expect(ackCode(await ward.send(hl7MllpFrame(vitals('CTRL-9', 124)))).code).toBe('AA');
    // the monitor's own resend is still one reading
    expect(ackCode(await ward.send(hl7MllpFrame(vitals('CTRL-9', 124)))).code).toBe('AA');
    const senders = n.db
      .prepare<[], { sender: string }>('SELECT sender FROM device_inbox ORDER BY sender')
      .all()
      .map((r) => r.sender);
    expect(senders).toEqual(['127.0.0.1', '127.0.0.2']);
    expect(readings.items.map((item) => item.reading?.values.find((v) => v.code === '8480-6')?.value).sort()).toEqual([
      124, 210,
    ]);
  });
});

/** A node listening on a fresh loopback port with these listener settings. */
async function limitedPort(settings: {
  allow: string[];
  maxConnectionsPerSource?: number;
  maxConnections?: number;
  idleTimeoutMs?: number;
  framesPerMinute?: number;
}): Promise<{ n: DeviceTestNode; port: number }> {
  const n = await node();
  const port = await freeTcpPort();
  await listening(n, async () => {
    await call(n, 'devices.listener', { port: `tcp:${String(port)}`, ...settings });
    await call(n, 'devices.configure', { port: `tcp:${String(port)}`, profile: 'hl7-mllp', enabled: true });
  });
  return { n, port };
}

describe('ward HL7 port: caps, idle timeout, rate', () => {
  it('caps connections per source and in total: the extra connection is closed at once and counted', async () => {
    const { n, port } = await limitedPort({ allow: ['127.0.0.0/8'], maxConnectionsPerSource: 1, maxConnections: 2 });
    const first = await monitor(port);
    expect(ackCode(await first.send(hl7MllpFrame(vitals('CAP-1')))).code).toBe('AA');
    const perSource = nextEvent(n.events, 'devices.error', (e) => e.code === 'device_source_too_many_connections');
    const second = await monitor(port);
    await second.closed();
    await perSource;
    const other = await monitor(port, '127.0.0.2');
    expect(ackCode(await other.send(hl7MllpFrame(vitals('CAP-2')))).code).toBe('AA');
    const third = await monitor(port, '127.0.0.3');
    await third.closed();
    const runner = n.devices.runner(`tcp:${String(port)}`);
    expect(runner?.refusals).toEqual({ device_source_too_many_connections: 1, device_listener_full: 1 });
    // a slot frees when its connection closes
    first.close();
    await first.closed();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const back = await monitor(port);
    expect(ackCode(await back.send(hl7MllpFrame(vitals('CAP-3')))).code).toBe('AA');
  });

  it('closes a connection that stays quiet past the idle timeout', async () => {
    const { port } = await limitedPort({ allow: ['127.0.0.1'], idleTimeoutMs: 1000 });
    const quiet = await monitor(port);
    const start = Date.now();
    await quiet.closed();
    expect(Date.now() - start).toBeGreaterThanOrEqual(900);
    expect(Date.now() - start).toBeLessThan(5000);
  });

  it('a source over its frame rate gets no ACK and nothing stored for the extra frames; it is reported', async () => {
    const { n, port } = await limitedPort({ allow: ['127.0.0.1'], framesPerMinute: 2 });
    const m = await monitor(port);
    expect(ackCode(await m.send(hl7MllpFrame(vitals('RATE-1')))).code).toBe('AA');
    expect(ackCode(await m.send(hl7MllpFrame(vitals('RATE-2')))).code).toBe('AA');
    const limited = nextEvent(n.events, 'devices.error', (e) => e.code === 'device_source_rate_limited');
    await expect(m.send(hl7MllpFrame(vitals('RATE-3')), 1000)).rejects.toThrow('no ACK');
    expect((await limited).detail).toContain('127.0.0.1');
    expect(rows(n)).toBe(2);
  });
});
