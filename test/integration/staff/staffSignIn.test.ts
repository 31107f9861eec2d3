// Staff accounts as IT makes them on central (the CLI's functions against pouchdb-server), fetched by the station
// and used offline: the PIN proves who is on duty, the role decides what main runs, wrong PINs lock the code
// (over a restart too), an idle station locks, a disabled account stops at the next fetch.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEdgeNode, type EdgeNode } from '../../../electron/services/compositionRoot.node.js';
import { CENTRAL_ADMIN, sharedCentralUrl } from '../sync/centralServer.js';
import { provisionedHospital } from '../sync-main/syncNode.js';
import { addStaff, disableStaff } from '../../../sync/central/staffAdmin.node.js';
import { MAX_FAILURES } from '../../../electron/services/staff/signInGuard.std.js';

const open: { node: EdgeNode; dir: string }[] = [];
afterEach(async () => {
  for (const { node, dir } of open.splice(0)) {
    await node.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

let clock = Date.parse('2026-12-06T08:00:00.000Z');
async function station(
  hcode: string,
  dir = mkdtempSync(join(tmpdir(), 'edge-staff-')),
): Promise<{ node: EdgeNode; dir: string }> {
  const node = await createEdgeNode({ dataDir: dir, card: { backend: 'off' }, staff: { now: () => new Date(clock) } });
  if (!node.settings.get().configured) node.settings.setup({ hcode, stationName: 'OPD 1', stationCode: 'opd-1' });
  open.push({ node, dir });
  return { node, dir };
}

async function hospitalWithStaff(): Promise<{ hcode: string; stationUser: string; stationPassword: string }> {
  const hospital = await provisionedHospital();
  const target = {
    url: sharedCentralUrl(),
    adminUser: CENTRAL_ADMIN.user,
    adminPassword: CENTRAL_ADMIN.password,
    hcode: hospital.hcode,
  };
  await addStaff(target, { code: 'it-01', name: 'ไอที หนึ่ง', role: 'it', pin: '135790' });
  await addStaff(target, { code: 'rn_02', name: 'พยาบาล สอง', role: 'nurse', pin: '8642' });
  return hospital;
}

describe('staff sign-in', () => {
  it('the station fetches central’s accounts at setup; the role, not the person’s word, decides what main runs', async () => {
    const hospital = await hospitalWithStaff();
    const { node } = await station(hospital.hcode);
    // before anyone signs in, nothing but the station's machinery runs
    expect(await node.dispatch('devices.configure', { port: 'tcp:2575', profile: 'hl7-mllp' })).toMatchObject({
      ok: false,
      error: { code: 'staff_not_signed_in' },
    });
    expect(await node.dispatch('staff.signIn', { code: 'it-01', pin: '135790' })).toMatchObject({
      ok: false,
      error: { code: 'staff_no_accounts' },
    });
    // a station nobody can sign in to may connect to central, where the accounts come from
    const configured = await node.dispatch('sync.configure', {
      centralUrl: sharedCentralUrl(),
      username: hospital.stationUser,
      password: hospital.stationPassword,
    });
    expect(configured).toMatchObject({ ok: true, value: { configured: true } });
    expect(node.staffDirectory.all().map((a) => [a.code, a.role, a.source])).toEqual([
      ['it-01', 'it', 'central'],
      ['rn_02', 'nurse', 'central'],
    ]);
    expect(await node.dispatch('staff.signIn', { code: 'rn_02', pin: '8642' })).toMatchObject({
      ok: true,
      value: { staff: { id: 'rn_02', role: 'nurse', name: 'พยาบาล สอง' } },
    });
    expect(await node.dispatch('devices.configure', { port: 'tcp:2575', profile: 'hl7-mllp' })).toMatchObject({
      ok: false,
      error: { code: 'staff_forbidden' },
    });
    expect(
      await node.dispatch('sync.configure', { centralUrl: 'https://evil.example', username: 'x', password: 'y' }),
    ).toMatchObject({ ok: false, error: { code: 'staff_forbidden' } });
    expect(await node.dispatch('staff.signIn', { code: 'it-01', pin: '135790' })).toMatchObject({ ok: true });
    expect(await node.dispatch('devices.codeMap', {})).toMatchObject({ ok: true });
    expect(await node.dispatch('identity.patientId', { cid: '1101700203451' })).toMatchObject({
      ok: false,
      error: { code: 'staff_forbidden' },
    });
    const actors = node.audit
      .recent(20)
      .filter((e) => e.action === 'staff.signIn')
      .map((e) => e.actor);
    expect(actors.slice(0, 2)).toEqual(['it:it-01', 'nurse:rn_02']);
  });

  it('wrong PINs lock the code, a restart does not lift it, IT does; an unknown code answers like a wrong PIN', async () => {
    const hospital = await hospitalWithStaff();
    const first = await station(hospital.hcode);
    await first.node.sync.configure({
      centralUrl: sharedCentralUrl(),
      username: hospital.stationUser,
      password: hospital.stationPassword,
    });
    expect(await first.node.dispatch('staff.signIn', { code: 'nobody', pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'staff_sign_in_failed' },
    });
    for (let i = 1; i < MAX_FAILURES; i += 1)
      expect(await first.node.dispatch('staff.signIn', { code: 'rn_02', pin: '0000' })).toMatchObject({
        ok: false,
        error: { code: 'staff_sign_in_failed' },
      });
    expect(await first.node.dispatch('staff.signIn', { code: 'rn_02', pin: '0000' })).toMatchObject({
      ok: false,
      error: { code: 'staff_locked_out' },
    });
    expect(await first.node.dispatch('staff.signIn', { code: 'rn_02', pin: '8642' })).toMatchObject({
      ok: false,
      error: { code: 'staff_locked_out' },
    });
    await first.node.close();
    open.splice(open.indexOf(first), 1);
    const again = await station(hospital.hcode, first.dir);
    expect(await again.node.dispatch('staff.signIn', { code: 'rn_02', pin: '8642' })).toMatchObject({
      ok: false,
      error: { code: 'staff_locked_out' },
    });
    expect(await again.node.dispatch('staff.signIn', { code: 'it-01', pin: '135790' })).toMatchObject({ ok: true });
    expect(await again.node.dispatch('staff.clearLockout', { code: 'rn_02' })).toMatchObject({ ok: true });
    expect(await again.node.dispatch('staff.signIn', { code: 'rn_02', pin: '8642' })).toMatchObject({ ok: true });
    expect(again.node.audit.recent(50).map((e) => e.action)).toEqual(
      expect.arrayContaining(['staff.lockedOut', 'staff.lockoutCleared', 'staff.signInFailed']),
    );
  });

  it('an idle station locks; only the same person’s PIN unlocks it; a disabled account stops at the next fetch', async () => {
    const hospital = await hospitalWithStaff();
    const { node } = await station(hospital.hcode);
    await node.sync.configure({
      centralUrl: sharedCentralUrl(),
      username: hospital.stationUser,
      password: hospital.stationPassword,
    });
    expect(await node.dispatch('staff.signIn', { code: 'rn_02', pin: '8642' })).toMatchObject({
      ok: true,
      value: { locked: false, idleMinutes: 10 },
    });
    clock += 9 * 60_000;
    expect(await node.dispatch('staff.activity', {})).toEqual({ ok: true, value: { locked: false } });
    clock += 9 * 60_000;
    expect(await node.dispatch('devices.pending', {})).toMatchObject({ ok: true });
    clock += 10 * 60_000;
    expect(await node.dispatch('devices.pending', {})).toMatchObject({ ok: false, error: { code: 'staff_locked' } });
    expect(await node.dispatch('staff.unlock', { pin: '135790' })).toMatchObject({
      ok: false,
      error: { code: 'staff_sign_in_failed' },
    });
    expect(await node.dispatch('staff.unlock', { pin: '8642' })).toMatchObject({
      ok: true,
      value: { locked: false, staff: { id: 'rn_02' } },
    });
    expect(await node.dispatch('devices.pending', {})).toMatchObject({ ok: true });

    await disableStaff(
      {
        url: sharedCentralUrl(),
        adminUser: CENTRAL_ADMIN.user,
        adminPassword: CENTRAL_ADMIN.password,
        hcode: hospital.hcode,
      },
      'rn_02',
    );
    expect(await node.dispatch('staff.signIn', { code: 'it-01', pin: '135790' })).toMatchObject({ ok: true });
    expect(await node.dispatch('staff.refresh', {})).toEqual({ ok: true, value: { accounts: 2 } });
    expect(await node.dispatch('staff.signIn', { code: 'rn_02', pin: '8642' })).toMatchObject({
      ok: false,
      error: { code: 'staff_inactive' },
    });
  });
});
