// A monitor's message is charted value by value: a demo or unknown OBX is set aside with its reason, kept on
// the inbox row and shown on the port's status, and a message that charts nothing is answered AE, never AA.
import { afterEach, describe, expect, it } from 'vitest';
import { Hl7MonitorSimulator, ackCode } from '../../../drivers/devices/simulators/hl7MonitorSimulator.node.js';
import { oruMessage } from '../../../drivers/devices/simulators/frames.std.js';
import { mllpWrap } from '../../../drivers/devices/parsers/hl7.std.js';
import { readFileSync } from 'node:fs';
import { commands } from '../../../electron/contract/contract.std.js';
import { join } from 'node:path';
import {
  call,
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

const vitals = (controlId: string) => ({ sys: 124, dia: 78, pulse: 70, spo2: 97, tempC: 36.9, resp: 16, controlId });

async function monitor(): Promise<{ node: DeviceTestNode; port: string; sim: Hl7MonitorSimulator }> {
  const node = await deviceNode();
  cleanups.push(() => node.dispose());
  const number = await freeTcpPort();
  const listening = nextEvent(node.events, 'devices.status', (s) => s.state === 'listening');
  await configureLoopbackListener(node, number, 'hl7-mllp');
  await listening;
  const sim = await Hl7MonitorSimulator.connect(number, '127.0.0.1', true);
  cleanups.push(() => sim.close());
  return { node, port: `tcp:${String(number)}`, sim };
}

/** Marks the OBX with this MDC code as demo data (OBX-8 abnormal flags = DEMO, as a Mindray VS8 in demo mode). */
function demoFlag(message: string, mdc: string): string {
  return message
    .split('\r')
    .map((segment) => {
      if (!segment.startsWith('OBX|') || !segment.includes(`|${mdc}^`)) return segment;
      const fields = segment.split('|');
      fields[8] = 'DEMO';
      return fields.join('|');
    })
    .join('\r');
}

describe('HL7 observations one by one', () => {
  it('charts the real values, sets the demo one aside with its reason, and says so on the ACK and the port', async () => {
    const { node, port, sim } = await monitor();
    const status = nextEvent(node.events, 'devices.status', (s) => s.lastNotTaken !== null);
    const announced = nextEvent(node.events, 'devices.reading');
    const ack = await sim.send(mllpWrap(demoFlag(oruMessage(vitals('N-1')), '150456')));
    expect(ackCode(ack).code).toBe('AA');
    const item = await announced;
    expect(item.reading?.values.map((v) => v.code)).not.toContain('59408-5');
    expect(item.reading?.values.map((v) => v.code)).toContain('8480-6');
    expect(item.skipped).toEqual([
      expect.objectContaining({ outcome: 'ignored', reason: 'demo', source: '150456^MDC_PULS_OXIM_SAT_O2^MDC' }),
    ]);
    const shown = await status;
    expect(shown.port).toBe(port);
    expect(shown.lastNotTaken?.charted).toBe(item.reading?.values.length);
    expect(shown.lastNotTaken?.skipped.map((n) => n.reason)).toEqual(['demo']);
    // the row the nurse sees later carries the same notes
    const pending = await call(node, 'devices.pending', {
      includeUnassigned: true,
      includeOtherPatients: true,
      limit: 10,
    });
    expect(pending.find((p) => p.id === item.id)?.skipped.map((n) => n.reason)).toEqual(['demo']);
  });

  it('a message whose every value is demo is answered AE and kept as an error row with every reason', async () => {
    const { node, sim } = await monitor();
    let message = oruMessage(vitals('N-2'));
    for (const mdc of ['150021', '150022', '149546', '150456', '150344', '151562']) message = demoFlag(message, mdc);
    const error = nextEvent(node.events, 'devices.error');
    expect(ackCode(await sim.send(mllpWrap(message))).code).toBe('AE');
    const event = await error;
    expect(event.code).toBe('device_no_values');
    const row = node.db
      .prepare<
        [string],
        { skipped: string | null; status: string }
      >('SELECT skipped, status FROM device_inbox WHERE id = ?')
      .get(event.inboxId ?? '');
    expect(row?.status).toBe('error');
    expect((JSON.parse(row?.skipped ?? '[]') as { reason: string }[]).map((n) => n.reason)).toEqual(
      Array(6).fill('demo'),
    );
  });

  it('a value measured earlier than the rest (a monitor’s last NIBP) keeps its own device time on the stored reading', async () => {
    const { node, sim } = await monitor();
    const text = readFileSync(
      join(import.meta.dirname, '../../fixtures/devices/public/hl7/mindray-vs900/oru-spot-check.hl7'),
      'latin1',
    ).replace(/\r?\n/g, '\r');
    const announced = nextEvent(node.events, 'devices.reading');
    expect(ackCode(await sim.send(mllpWrap(text))).code).toBe('AA');
    const item = await announced;
    // as the page receives it: the renderer's bridge parses every answer with the contract's output schema
    const pending = commands['devices.pending'].output.parse(
      await call(node, 'devices.pending', { includeUnassigned: true, includeOtherPatients: true, limit: 10 }),
    );
    const stored = pending.find((p) => p.id === item.id)?.reading?.values;
    expect(stored?.find((v) => v.code === '8480-6')).toEqual({
      code: '8480-6',
      value: 147,
      unit: 'mm[Hg]',
      deviceTime: '20191206111016',
    });
    expect(stored?.find((v) => v.code === '59408-5')?.deviceTime).toBeUndefined();
  });

  it('IT picks a port dialect and keeps its own code map, both audited and shown', async () => {
    const { node, port } = await monitor();
    const statuses = await call(node, 'devices.configure', {
      port,
      profile: 'hl7-mllp',
      enabled: true,
      dialect: 'philips-mdil',
    });
    expect(statuses.find((s) => s.port === port)?.dialect).toBe('philips-mdil');
    const entries = [
      { code: 'NBP-S', loinc: '8480-6', unit: 'mm[Hg]' },
      { code: 'nbp-s', loinc: '8480-6', unit: null },
      { code: 'TMP', loinc: '8310-5', unit: 'Cel' },
    ];
    const saved = await call(node, 'devices.setCodeMap', { entries });
    expect(saved).toEqual([
      { code: 'TMP', loinc: '8310-5', unit: 'Cel' },
      { code: 'nbp-s', loinc: '8480-6', unit: null },
    ]);
    expect(await call(node, 'devices.codeMap', {})).toEqual(saved);
    await expect(
      call(node, 'devices.setCodeMap', { entries: [{ code: 'A|B', loinc: '8480-6', unit: null }] }),
    ).rejects.toThrow();
    // Main applies the editor's rules itself: a unit that does not fit, or a value the app does not chart.
    for (const bad of [
      { code: 'SYS', loinc: '8480-6', unit: 'Cel' },
      { code: 'MAP', loinc: '8478-0', unit: null },
    ])
      await expect(call(node, 'devices.setCodeMap', { entries: [...entries, bad] })).rejects.toThrow(
        /device_code_map_invalid/,
      );
    expect(await call(node, 'devices.codeMap', {})).toEqual(saved);
    const audit = node.db
      .prepare<
        [],
        { action: string }
      >("SELECT action FROM audit_log WHERE action IN ('devices.codeMap', 'devices.configure')")
      .all();
    expect(audit.map((a) => a.action)).toContain('devices.codeMap');
  });
});
