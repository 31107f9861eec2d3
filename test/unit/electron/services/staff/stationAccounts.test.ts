// IT adds accounts of this station from the IT screen (or `npm run staff`): they sign in like any other, can be
// disabled, and an account that came from central is not changed here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEdgeNode, type EdgeNode } from '../../../../../electron/services/compositionRoot.node.js';
import { signInAs } from '../../../../factories/staff.js';

const open: { node: EdgeNode; dir: string }[] = [];
afterEach(async () => {
  for (const { node, dir } of open.splice(0)) {
    await node.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('accounts of this station', () => {
  it('IT adds one, it signs in, IT disables it; central accounts and weak PINs are refused; nurses cannot add', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-station-staff-'));
    const node = await createEdgeNode({ dataDir: dir, card: { backend: 'off' } });
    open.push({ node, dir });
    node.settings.setup({ hcode: '10953', stationName: 'OPD', stationCode: 'opd' });
    await signInAs(node, 'nurse');
    expect(
      await node.dispatch('staff.addStation', {
        code: 'fd-9',
        name: 'ห้องบัตร เก้า',
        role: 'front_desk',
        pin: '97531',
      }),
    ).toMatchObject({ ok: false, error: { code: 'staff_forbidden' } });
    await signInAs(node, 'it');
    expect(
      await node.dispatch('staff.addStation', { code: 'fd-9', name: 'ห้องบัตร เก้า', role: 'front_desk', pin: '12' }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(
      await node.dispatch('staff.addStation', {
        code: 'fd-9',
        name: 'ห้องบัตร เก้า',
        role: 'front_desk',
        pin: 'abcdefg',
      }),
    ).toMatchObject({ ok: false, error: { code: 'staff_pin_weak' } });
    const added = await node.dispatch('staff.addStation', {
      code: 'fd-9',
      name: 'ห้องบัตร เก้า',
      role: 'front_desk',
      pin: '97531',
    });
    expect(added).toMatchObject({ ok: true });
    expect(await node.dispatch('staff.signIn', { code: 'fd-9', pin: '97531' })).toMatchObject({
      ok: true,
      value: { staff: { id: 'fd-9', role: 'front_desk' } },
    });
    await signInAs(node, 'it');
    expect(await node.dispatch('staff.setStationActive', { code: 'fd-9', active: false })).toMatchObject({ ok: true });
    expect(await node.dispatch('staff.signIn', { code: 'fd-9', pin: '97531' })).toMatchObject({
      ok: false,
      error: { code: 'staff_inactive' },
    });
    node.staffDirectory.replaceCentral(
      [
        {
          code: 'rn-central',
          name: 'จากส่วนกลาง',
          role: 'nurse',
          active: true,
          pinHash: 'scrypt$15$8$1$x$y',
          cardKey: null,
        },
      ],
      new Date(),
    );
    await signInAs(node, 'it');
    expect(await node.dispatch('staff.setStationActive', { code: 'rn-central', active: false })).toMatchObject({
      ok: false,
      error: { code: 'staff_not_station_account' },
    });
    expect(
      await node.dispatch('staff.addStation', { code: 'rn-central', name: 'x', role: 'it', pin: '97531' }),
    ).toMatchObject({ ok: false, error: { code: 'staff_not_station_account' } });
    expect(node.audit.recent(30).filter((e) => e.action === 'staff.stationAccount')).toHaveLength(2);
  });
});
