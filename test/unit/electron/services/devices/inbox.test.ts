// The nurse's side of the inbox through the real dispatcher: pending per patient and unassigned, bind,
// assign, confirm (idempotent, never twice), discard; demo devices through the same pipeline.
import { afterEach, describe, expect, it } from 'vitest';
import { readingObservationPrefix } from '../../../../../electron/contract/devices.std.js';
import { call, deviceNode, nextEvent, type DeviceTestNode } from '../../../../integration/devices/deviceNode.js';
import { createEdgeNode } from '../../../../../electron/services/compositionRoot.node.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleFrame } from '../../../../../drivers/devices/simulators/frames.std.js';
import { staffed } from '../../../../factories/staff.js';

let node: DeviceTestNode | undefined;
afterEach(async () => {
  await node?.dispose();
  node = undefined;
});

async function injected(n: DeviceTestNode, seed: number) {
  const runner = n.devices.runner('demo:test') ?? n.devices.addVirtualPort('demo:test', 'omron-hbp9030');
  const event = nextEvent(n.events, 'devices.reading');
  runner.inject(sampleFrame('omron-hbp9030', seed));
  return event;
}

describe('device inbox commands', () => {
  it('unassigned readings wait; bound readings go to the patient; assign, confirm and discard close them once', async () => {
    node = await deviceNode();
    const unassigned = await injected(node, 1);
    expect(unassigned.patientRef).toBeNull();
    expect(await call(node, 'devices.bind', { patientRef: 'Patient/synthetic-a' })).toMatchObject({
      patientRef: 'Patient/synthetic-a',
    });
    const bound = await injected(node, 2);
    expect(bound.patientRef).toBe('Patient/synthetic-a');

    expect(
      (await call(node, 'devices.pending', { patientRef: 'Patient/synthetic-a', includeUnassigned: false })).map(
        (i) => i.id,
      ),
    ).toEqual([bound.id]);
    expect(
      (await call(node, 'devices.pending', { patientRef: 'Patient/synthetic-a' })).map((i) => i.id).sort(),
    ).toEqual([unassigned.id, bound.id].sort());

    const assigned = await call(node, 'devices.assign', {
      id: unassigned.id,
      from: null,
      patientRef: 'Patient/synthetic-b',
    });
    expect(assigned.patientRef).toBe('Patient/synthetic-b');

    const ids = (bound.reading?.values ?? []).map(
      (_, index) => `${readingObservationPrefix(bound.id)}${String(index).repeat(40)}`,
    );
    const first = await call(node, 'devices.confirm', {
      id: bound.id,
      patientRef: 'Patient/synthetic-a',
      chartedIds: ids,
    });
    expect(first).toMatchObject({ alreadyCharted: false, item: { status: 'charted', chartedIds: ids } });
    const second = await call(node, 'devices.confirm', {
      id: bound.id,
      patientRef: 'Patient/synthetic-a',
      chartedIds: ['obs-other'],
    });
    expect(second).toMatchObject({ alreadyCharted: true, item: { chartedIds: ids } });

    const discarded = await call(node, 'devices.discard', { id: assigned.id, reason: 'measured twice' });
    expect(discarded.status).toBe('discarded');
    const late = await node.dispatch('devices.confirm', {
      id: assigned.id,
      patientRef: 'Patient/synthetic-b',
      chartedIds: ['x'],
    });
    expect(late.ok ? 'ok' : late.error.code).toBe('device_reading_closed');
    expect(await call(node, 'devices.pending', { patientRef: 'Patient/synthetic-a' })).toEqual([]);

    const unknown = await node.dispatch('devices.confirm', {
      id: 'nope',
      patientRef: 'Patient/synthetic-b',
      chartedIds: ['x'],
    });
    expect(unknown.ok ? 'ok' : unknown.error.code).toBe('device_reading_not_found');
    const actions = (await call(node, 'audit.recent', { limit: 20 })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['devices.assign', 'devices.confirm', 'devices.discard']));
  });

  it('every pending reading is listable: bound to any patient or unassigned, paged; nothing is dropped', async () => {
    node = await deviceNode();
    await call(node, 'devices.bind', { patientRef: 'Patient/synthetic-a' });
    const forA = await injected(node, 11);
    await call(node, 'devices.bind', { patientRef: 'Patient/synthetic-b' });
    const forB = await injected(node, 12);
    await call(node, 'devices.bind', { patientRef: null });
    const nobody = await injected(node, 13);

    // The default view for B: B's and the unassigned ones, not A's.
    expect((await call(node, 'devices.pending', { patientRef: 'Patient/synthetic-b' })).map((i) => i.id)).toEqual([
      nobody.id,
      forB.id,
    ]);
    const all = await call(node, 'devices.pending', { includeOtherPatients: true });
    expect(all.map((i) => i.id)).toEqual([nobody.id, forB.id, forA.id]);

    const paged: string[] = [];
    let beforeId: string | undefined;
    for (;;) {
      const page = await call(node, 'devices.pending', {
        includeOtherPatients: true,
        limit: 1,
        ...(beforeId === undefined ? {} : { beforeId }),
      });
      paged.push(...page.map((i) => i.id));
      if (page.length < 1) break;
      beforeId = page.at(-1)?.id;
    }
    expect(paged).toEqual(all.map((i) => i.id));

    // A's reading, found from B's station, given to B and then discarded with a reason kept on the row.
    expect(
      (
        await call(node, 'devices.assign', {
          id: forA.id,
          from: 'Patient/synthetic-a',
          patientRef: 'Patient/synthetic-b',
        })
      ).patientRef,
    ).toBe('Patient/synthetic-b');
    const discarded = await call(node, 'devices.discard', { id: forA.id, reason: 'wrong patient' });
    expect(discarded).toMatchObject({ status: 'discarded', discardReason: 'wrong patient' });
    const noReason = await node.dispatch('devices.discard', { id: forB.id, reason: '  ' });
    expect(noReason.ok ? 'ok' : noReason.error.code).toBe('invalid_input');
  });

  it('a reading keeps who the station was bound to when it arrived; one that arrived unbound is charted to nobody until moved', async () => {
    node = await deviceNode();
    const nobody = await injected(node, 21);
    const bound = await call(node, 'devices.bind', { patientRef: 'Patient/synthetic-a' });
    const forA = await injected(node, 22);
    expect(nobody.arrival).toEqual({ patientRef: null, boundAt: null });
    expect(forA.arrival).toEqual({ patientRef: 'Patient/synthetic-a', boundAt: bound.boundAt });

    // Binding a patient later never gives them the reading that arrived unbound.
    expect(
      (await call(node, 'devices.pending', { patientRef: 'Patient/synthetic-a', includeUnassigned: false })).map(
        (i) => i.id,
      ),
    ).toEqual([forA.id]);
    const unassigned = await node.dispatch('devices.confirm', {
      id: nobody.id,
      patientRef: 'Patient/synthetic-a',
      chartedIds: ['obs-x'],
    });
    expect(unassigned.ok ? 'ok' : unassigned.error.code).toBe('device_reading_unassigned');

    // A move names where the nurse saw it: a stale view (it moved meanwhile) is refused, not moved again.
    const moved = await call(node, 'devices.assign', {
      id: forA.id,
      from: 'Patient/synthetic-a',
      patientRef: 'Patient/synthetic-b',
    });
    expect(moved).toMatchObject({
      patientRef: 'Patient/synthetic-b',
      arrival: { patientRef: 'Patient/synthetic-a' },
      subjectOverride: null,
    });
    const stale = await node.dispatch('devices.assign', {
      id: forA.id,
      from: 'Patient/synthetic-a',
      patientRef: 'Patient/synthetic-c',
    });
    expect(stale.ok ? 'ok' : stale.error.code).toBe('device_reading_moved');
    // Charting it under the patient it was moved away from is refused too.
    const wrong = await node.dispatch('devices.confirm', {
      id: forA.id,
      patientRef: 'Patient/synthetic-a',
      chartedIds: ['obs-y'],
    });
    expect(wrong.ok ? 'ok' : wrong.error.code).toBe('device_reading_moved');
    expect(
      (await call(node, 'devices.confirm', { id: forA.id, patientRef: 'Patient/synthetic-b', chartedIds: ['obs-y'] }))
        .item.status,
    ).toBe('charted');
  });

  it('the binding survives a restart', async () => {
    node = await deviceNode();
    await call(node, 'devices.bind', { patientRef: 'Patient/synthetic-c' });
    node = await node.reopen();
    expect((await call(node, 'devices.binding', {})).patientRef).toBe('Patient/synthetic-c');
  });

  it('demo station: simulated devices produce readings on command through the real pipeline', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'edge-demo-'));
    const demo = staffed(await createEdgeNode({ dataDir, card: { backend: 'off' } }));
    try {
      expect((await demo.dispatch('settings.setup', { hcode: '10953', stationName: 'สาธิต', mode: 'demo' })).ok).toBe(
        true,
      );
      const reading = nextEvent(demo.events, 'devices.reading', (r) => r.profile === 'masimo-rad8');
      const sent = await demo.dispatch('devices.simulate', { profile: 'masimo-rad8' });
      expect(sent).toEqual({ ok: true, value: { sent: 1 } });
      expect((await reading).reading?.values.map((v) => v.code)).toEqual(['59408-5', '8867-4']);
      const all = await demo.dispatch('devices.simulate', {});
      expect(all.ok && (all.value as { sent: number }).sent).toBe(4);
    } finally {
      await demo.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('devices.simulate is refused on a real station', async () => {
    node = await deviceNode();
    const result = await node.dispatch('devices.simulate', {});
    expect(result.ok ? 'ok' : result.error.code).toBe('device_demo_only');
  });
});
