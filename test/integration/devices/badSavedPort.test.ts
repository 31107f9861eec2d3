/**
 * One bad saved setting must not stop the station: a port saved as `tcp:70000` (ERR_SOCKET_BAD_PORT at every
 * start before) is reported on its own status and by the doctor, while the station and its other ports run.
 * The contract refuses such a port id in the first place.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { createEdgeNode } from '../../../electron/services/compositionRoot.node.js';
import { deviceNode, freeTcpPort } from './deviceNode.js';
import { staffed } from '../../factories/staff.js';

const dataDir = mkdtempSync(join(tmpdir(), 'edge-bad-port-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a bad saved device port', () => {
  it('is reported while the station and the other ports keep running; the doctor names it', async () => {
    const good = `tcp:${String(await freeTcpPort())}`;
    const first = await deviceNode({}, dataDir);
    // As a hand edit could leave it: straight into the station database.
    first.devices.inbox.setPort('tcp:70000', 'hl7-mllp', true, new Date());
    expect((await first.dispatch('devices.configure', { port: good, profile: 'hl7-mllp', enabled: true })).ok).toBe(
      true,
    );
    const node = await first.reopen();
    try {
      // The listener reports 'listening' once bound.
      for (
        let waited = 0;
        waited < 5_000 && node.devices.runner(good)?.currentStatus.state !== 'listening';
        waited += 20
      )
        await delay(20);
      const statuses = node.devices.statuses();
      expect(statuses.find((s) => s.port === 'tcp:70000')).toMatchObject({
        state: 'closed',
        errorCode: 'device_port_invalid',
      });
      expect(statuses.find((s) => s.port === good)).toMatchObject({ state: 'listening' });
      const devices = (await node.doctor.run()).find((check) => check.id === 'devices');
      expect(devices?.verdict).toBe('fail');
      expect(devices?.th).toContain('tcp:70000');
      expect(devices?.th).toContain('1–65535');
      expect(devices?.en).toContain('must be 1–65535');
    } finally {
      await node.close();
    }
  });

  it('is named by `npm run doctor`, which only probes ports', async () => {
    const doctorNode = staffed(
      await createEdgeNode({ dataDir, card: { backend: 'off' }, devices: { autoStart: false } }),
    );
    try {
      const devices = (await doctorNode.doctor.run()).find((check) => check.id === 'devices');
      expect(devices?.verdict).toBe('fail');
      expect(devices?.en).toMatch(/tcp:70000 \(hl7-mllp\): The saved port setting is not usable/);
    } finally {
      await doctorNode.close();
    }
  });

  it('is refused at the contract: tcp ports are 1–65535', async () => {
    const node = await deviceNode({}, mkdtempSync(join(tmpdir(), 'edge-port-contract-')));
    try {
      for (const port of ['tcp:70000', 'tcp:0', 'tcp:65536', 'tcp:', 'tcp:12a', 'hid:12:34']) {
        const result = await node.dispatch('devices.configure', { port, profile: 'hl7-mllp', enabled: true });
        expect(result.ok, port).toBe(false);
        if (!result.ok) expect(result.error.code, port).toBe('invalid_input');
      }
      expect(
        (await node.dispatch('devices.configure', { port: 'tcp:65535', profile: 'hl7-mllp', enabled: false })).ok,
      ).toBe(true);
    } finally {
      await node.dispose();
    }
  });
});
