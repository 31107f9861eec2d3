// HL7 monitors over real TCP: the ACK is sent only once the reading is in SQLite; a resent message is kept
// once; AE/AR for what we cannot take; raw TCP without MLLP; readings survive a restart.
import { afterEach, describe, expect, it } from 'vitest';
import { Hl7MonitorSimulator, ackCode } from '../../../drivers/devices/simulators/hl7MonitorSimulator.node.js';
import { hl7MllpFrame, hl7RawFrame, oruMessage } from '../../../drivers/devices/simulators/frames.std.js';
import { mllpWrap } from '../../../drivers/devices/parsers/hl7.std.js';
import {
  call,
  configureLoopbackListener,
  deviceNode,
  freeTcpPort,
  nextEvent,
  type DeviceTestNode,
} from './deviceNode.js';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticCid } from '../../factories/fhirFixtures.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

const vitals = (controlId: string) => ({ sys: 124, dia: 78, pulse: 70, spo2: 97, tempC: 36.9, resp: 16, controlId });

async function monitorPort(
  profile: 'hl7-mllp' | 'hl7-raw-tcp',
): Promise<{ node: DeviceTestNode; port: number; monitor: Hl7MonitorSimulator }> {
  const node = await deviceNode();
  cleanups.push(() => node.dispose());
  const port = await freeTcpPort();
  const listening = nextEvent(node.events, 'devices.status', (s) => s.state === 'listening');
  await configureLoopbackListener(node, port, profile);
  await listening;
  const monitor = await Hl7MonitorSimulator.connect(port, '127.0.0.1', profile === 'hl7-mllp');
  cleanups.push(() => monitor.close());
  return { node, port, monitor };
}

/** Rows of a message's own key as sent from loopback (a control id is kept once per sending address). */
function rowsWithKey(node: DeviceTestNode, key: string): number {
  return (
    node.db
      .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM device_inbox WHERE dedupe_key = ?')
      .get(`${key}@127.0.0.1`)?.n ?? 0
  );
}

describe('HL7 over MLLP', () => {
  it('acknowledges AA only after the row is stored, then announces the reading', async () => {
    const { node, monitor } = await monitorPort('hl7-mllp');
    const announced = nextEvent(node.events, 'devices.reading');
    const ack = await monitor.send(hl7MllpFrame(vitals('CTRL-1')));
    // at the moment the ACK reached the monitor the row is already durable in SQLite
    expect(rowsWithKey(node, 'hl7:SIM_MONITOR:CTRL-1')).toBe(1);
    expect(ackCode(ack)).toEqual({ code: 'AA', controlId: 'CTRL-1' });
    const item = await announced;
    expect(item.reading?.values.find((v) => v.code === '8310-5')).toEqual({ code: '8310-5', value: 36.9, unit: 'Cel' });
  });

  it('a resent message (lost ACK) is acknowledged again but stored and announced once', async () => {
    const { node, monitor } = await monitorPort('hl7-mllp');
    let readings = 0;
    const stop = node.events.subscribe((name) => {
      if (name === 'devices.reading') readings += 1;
    });
    cleanups.push(stop);
    const frame = hl7MllpFrame(vitals('CTRL-2'));
    expect(ackCode(await monitor.send(frame)).code).toBe('AA');
    expect(ackCode(await monitor.send(frame)).code).toBe('AA');
    expect(rowsWithKey(node, 'hl7:SIM_MONITOR:CTRL-2')).toBe(1);
    expect(readings).toBe(1);
  });

  it('answers AE for a unit it cannot read and AR for a message type it does not take, keeping both frames', async () => {
    const { node, monitor } = await monitorPort('hl7-mllp');
    // every unit unknown: nothing could be charted (one bad OBX alone is refused alone: hl7Notes.test.ts)
    const noUnit = oruMessage(vitals('CTRL-3')).replace(/\|[0-9]{6}\^MDC_DIM_[A-Z_]+\^MDC\|/g, '|furlong|');
    const error = nextEvent(node.events, 'devices.error');
    expect(ackCode(await monitor.send(mllpWrap(noUnit))).code).toBe('AE');
    const event = await error;
    expect(event.code).toBe('device_unit_unknown');
    expect(event.inboxId).not.toBeNull();
    const adt = 'MSH|^~\\&|HIS|HOSP|CLINIC_EDGE|HOSP|20240105102000||ADT^A01|ADT9|P|2.5\rPID|||||^^^^^^U\r';
    expect(ackCode(await monitor.send(mllpWrap(adt)))).toEqual({ code: 'AR', controlId: 'ADT9' });
    const errors = node.db
      .prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM device_inbox WHERE status = 'error'")
      .get()?.n;
    expect(errors).toBe(2);
  });

  it('a message split over many TCP writes and two merged in one write are all read', async () => {
    const { node, monitor } = await monitorPort('hl7-mllp');
    const a = hl7MllpFrame(vitals('CTRL-4'));
    const ackA = monitor.nextAck();
    for (let at = 0; at < a.length; at += 50) {
      monitor.write(a.subarray(at, at + 50));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(ackCode(await ackA).code).toBe('AA');
    const b = hl7MllpFrame(vitals('CTRL-5'));
    const c = hl7MllpFrame(vitals('CTRL-6'));
    const ackB = monitor.send(new Uint8Array([...b, ...c]));
    const second = monitor.nextAck();
    expect(ackCode(await ackB).controlId).toBe('CTRL-5');
    expect(ackCode(await second).controlId).toBe('CTRL-6');
    expect(rowsWithKey(node, 'hl7:SIM_MONITOR:CTRL-6')).toBe(1);
  });
});

describe('HL7 over raw TCP (no MLLP)', () => {
  it('reads a message ended by silence and answers a raw ACK', async () => {
    const { node, monitor } = await monitorPort('hl7-raw-tcp');
    const announced = nextEvent(node.events, 'devices.reading');
    const ack = await monitor.send(hl7RawFrame(vitals('RAW-1')));
    expect(ackCode(ack)).toEqual({ code: 'AA', controlId: 'RAW-1' });
    expect((await announced).profile).toBe('hl7-raw-tcp');
  });
});

describe('durability', () => {
  it('pending readings and configured ports survive a restart; a replay after restart is not stored twice', async () => {
    const { node, port, monitor } = await monitorPort('hl7-mllp');
    const frame = hl7MllpFrame(vitals('CTRL-7'));
    await monitor.send(frame);
    monitor.close();
    cleanups.length = 0;
    const listening = (n: DeviceTestNode): Promise<unknown> =>
      nextEvent(n.events, 'devices.status', (s) => s.state === 'listening');
    const reopened = await node.reopen();
    cleanups.push(() => reopened.dispose());
    await listening(reopened).catch(() => undefined);
    const pending = await call(reopened, 'devices.pending', {});
    expect(pending).toHaveLength(1);
    const again = await Hl7MonitorSimulator.connect(port);
    cleanups.push(() => again.close());
    expect(ackCode(await again.send(frame)).code).toBe('AA');
    expect(rowsWithKey(reopened, 'hl7:SIM_MONITOR:CTRL-7')).toBe(1);
  });
});

describe('HL7 PID identifiers over real TCP', () => {
  it('the reading names the patient its PID names (keyed id of the CID, the HN); no citizen id in the row, the event or the logs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'edge-pid-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const node = await deviceNode({}, dataDir);
    const port = await freeTcpPort();
    const listening = nextEvent(node.events, 'devices.status', (s) => s.state === 'listening');
    await configureLoopbackListener(node, port, 'hl7-mllp');
    await listening;
    const monitor = await Hl7MonitorSimulator.connect(port, '127.0.0.1', true);
    const cid = syntheticCid(77);
    await node.dispatch('devices.bind', { patientRef: 'p00000000000000000000000000000000000b0und' });
    const announced = nextEvent(node.events, 'devices.reading');
    const pid = `PID||${cid}|6700123^^^10953^HN||TEST^PATIENT`;
    const ack = await monitor.send(mllpWrap(oruMessage(vitals('PID-9'), '20240105102000', pid)));
    expect(ackCode(ack).code).toBe('AA');
    const item = await announced;
    const keyed = await call(node, 'identity.patientId', { cid });
    expect(item.subject).toEqual({ patientRef: keyed.patientId, hn: '6700123', disagree: false });
    // The station's binding is kept beside it: the mismatch is the nurse's to see, not settled here.
    expect(item.patientRef).toBe('p00000000000000000000000000000000000b0und');
    expect(item.arrival?.patientRef).toBe('p00000000000000000000000000000000000b0und');
    expect(JSON.stringify(item)).not.toContain(cid);
    const row = node.db
      .prepare<[string], { reading: string; subject: string }>('SELECT reading, subject FROM device_inbox WHERE id = ?')
      .get(item.id);
    expect(row?.reading).not.toContain(cid);
    expect(row?.subject).not.toContain(cid);
    await monitor.close();
    await node.close();
    const logs = readdirSync(node.logDir)
      .map((file) => readFileSync(join(node.logDir, file), 'utf8'))
      .join('\n');
    expect(logs).not.toContain(cid);
  });
});
