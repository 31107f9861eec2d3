// `npm run doctor` beside a running app: it probes the configured ports without opening them, reports a
// port the app holds as "in use" by that process, and the app keeps receiving frames afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPtyPair } from '../../../drivers/devices/simulators/socatPair.node.js';
import { SerialSimulator } from '../../../drivers/devices/simulators/serialSimulator.node.js';
import { sampleFrame } from '../../../drivers/devices/simulators/frames.std.js';
import { holdersOf, probePort, tcpListenInodes } from '../../../electron/services/devices/portProbe.node.js';
import { call, configureLoopbackListener, deviceNode, freeTcpPort, nextEvent } from './deviceNode.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

const deps = { procDir: '/proc', hidDevices: () => Promise.resolve([]), serialPaths: () => Promise.resolve(['COM7']) };

describe('device port probe (no open)', () => {
  it('a file this process holds open is "in use" by this pid; closed, it is only "present"; absent, "missing"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-probe-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'ttyFAKE0');
    writeFileSync(path, '');
    const fd = openSync(path, 'r+');
    const held = await probePort(path, deps);
    expect(held.state).toBe('in_use');
    expect(held.holders.join(' ')).toContain(`pid ${String(process.pid)}`);
    closeSync(fd);
    expect((await probePort(path, deps)).state).toBe('present');
    expect((await probePort(join(dir, 'ttyNONE'), deps)).state).toBe('missing');
    expect(holdersOf(join(dir, 'ttyNONE'))).toEqual([]);
  });

  it('a port that is no file (Windows COM) is "listed" when the OS enumerates it, else "missing"', async () => {
    expect((await probePort('COM7', deps)).state).toBe('listed');
    expect((await probePort('COM8', deps)).state).toBe('missing');
  });

  it('a TCP port with a listener is "listening" by this pid; without one it is "free"', async () => {
    const port = await freeTcpPort();
    expect((await probePort(`tcp:${String(port)}`, deps)).state).toBe('free');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    expect(tcpListenInodes(port)?.length).toBeGreaterThan(0);
    const probe = await probePort(`tcp:${String(port)}`, deps);
    expect(probe.state).toBe('listening');
    expect(probe.holders.join(' ')).toContain(`pid ${String(process.pid)}`);
  });

  it("the doctor (autoStart false) reports the running app's pty as in use and does not take it", async () => {
    const pty = await startPtyPair();
    cleanups.push(() => pty.stop());
    const app = await deviceNode();
    cleanups.push(() => app.dispose());
    const opened = nextEvent(app.events, 'devices.status', (s) => s.port === pty.hostPath && s.state === 'open');
    await call(app, 'devices.configure', { port: pty.hostPath, profile: 'omron-hbp9030' });
    await opened;

    const doctor = await deviceNode({ autoStart: false }, app.dataDir);
    const checks = await doctor.doctor.run();
    const devices = checks.find((check) => check.id === 'devices');
    expect(devices?.verdict).toBe('ok');
    expect(devices?.en).toContain('Ports checked without opening them');
    expect(devices?.en).toContain(`${pty.hostPath} (omron-hbp9030): in use`);
    expect(devices?.en).toContain(`pid ${String(process.pid)}`);
    expect(doctor.devices.runner(pty.hostPath)).toBeUndefined();
    await doctor.close();

    // The app still has the port: a frame sent now arrives.
    const sim = new SerialSimulator(pty.devicePath);
    cleanups.push(() => sim.close());
    const reading = nextEvent(app.events, 'devices.reading', (item) => item.port === pty.hostPath);
    await sim.send(sampleFrame('omron-hbp9030', 21));
    expect((await reading).reading?.values.length).toBeGreaterThan(0);
  });

  it('the doctor reports an unplugged configured port as a failure', async () => {
    const doctor = await deviceNode({ autoStart: false });
    cleanups.push(() => doctor.dispose());
    await call(doctor, 'devices.configure', { port: '/dev/ttyEDGE-NOT-THERE', profile: 'omron-hbp9030' });
    const devices = (await doctor.doctor.run()).find((check) => check.id === 'devices');
    expect(devices?.verdict).toBe('fail');
    expect(devices?.th).toContain('ไม่พบอุปกรณ์');
    expect(doctor.devices.runner('/dev/ttyEDGE-NOT-THERE')).toBeUndefined();
  });

  it("the doctor reports each TCP listener's allow-list, and warns of one with none (it takes no one)", async () => {
    const doctor = await deviceNode({ autoStart: false });
    cleanups.push(() => doctor.dispose());
    const [open, closed] = [await freeTcpPort(), await freeTcpPort()];
    await call(doctor, 'devices.listener', {
      port: `tcp:${String(open)}`,
      allow: ['10.1.20.0/24', 'fd00:10::/64'],
      framesPerMinute: 30,
    });
    await call(doctor, 'devices.configure', { port: `tcp:${String(open)}`, profile: 'hl7-mllp' });
    const allowed = (await doctor.doctor.run()).find((check) => check.id === 'devices');
    expect(allowed?.verdict).toBe('ok');
    expect(allowed?.en).toContain(
      `tcp:${String(open)} (hl7-mllp): free; the app will listen here — accepts 10.1.20.0/24, fd00:10::/64 (connections per source/total 4/32, 30/min, idle 300 s)`,
    );
    expect(allowed?.th).toContain('รับจาก 10.1.20.0/24, fd00:10::/64');
    await call(doctor, 'devices.configure', { port: `tcp:${String(closed)}`, profile: 'hl7-raw-tcp' });
    const unset = (await doctor.doctor.run()).find((check) => check.id === 'devices');
    expect(unset?.verdict).toBe('warn');
    expect(unset?.en).toContain(
      `tcp:${String(closed)} (hl7-raw-tcp): free; the app will listen here — This network port has no allow-list yet`,
    );
  });

  it('in the running app the doctor names the allow-list beside the listening state', async () => {
    const app = await deviceNode();
    cleanups.push(() => app.dispose());
    const port = await freeTcpPort();
    const listening = nextEvent(app.events, 'devices.status', (s) => s.state === 'listening');
    await configureLoopbackListener(app, port, 'hl7-mllp');
    await listening;
    const devices = (await app.doctor.run()).find((check) => check.id === 'devices');
    expect(devices?.verdict).toBe('ok');
    expect(devices?.en).toContain(`tcp:${String(port)} (hl7-mllp): listening`);
    expect(devices?.en).toContain('accepts 127.0.0.1');
  });
});
