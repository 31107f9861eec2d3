// sync.configure against pouchdb-server: a real login, the password kept only in the keystore, the hospital
// key adopted; wrong password and another hospital's station refused with their codes; a cut link seen and its
// return turned into sync.kick within 5 s.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sharedCentralUrl, linkProxy, CENTRAL_ADMIN } from '../sync/centralServer.js';
import { basicAuth, requestJson } from '../../../sync/central/centralHttp.node.js';
import { provision } from '../../../sync/central/provision.node.js';
import { hexToKey, patientIdForCid } from '../../../sync/model/ids.std.js';
import type { SyncStatus } from '../../../electron/contract/sync.std.js';
import type { Result } from '../../../electron/contract/result.std.js';
import { nextEvent, provisionedHospital, syncNode, type SyncNode } from './syncNode.js';

const nodes: SyncNode[] = [];
afterEach(async () => {
  for (const node of nodes.splice(0)) await node.dispose();
});

async function node(hcode: string): Promise<SyncNode> {
  const created = await syncNode(hcode);
  nodes.push(created);
  return created;
}

/** Everything under the data folder except the keystore file, as text. */
function dataFolderText(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    if (name === 'sync-credentials.json' || !statSync(path).isFile()) continue;
    out += readFileSync(path).toString('latin1');
  }
  return out;
}

function trailingFailures(station: SyncNode): number {
  const samples = station.sync.store.samples(Date.now() - 60_000);
  let count = 0;
  for (let index = samples.length - 1; index >= 0 && samples[index]?.up === false; index -= 1) count += 1;
  return count;
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

// A synthetic 13-digit id (valid checksum, nobody real) to compare Patient ids.
const CID = '1101700203451';

describe('sync.configure against central', () => {
  it('logs in, keeps the password only in the 0600 keystore, adopts the hospital key, audits', async () => {
    const hospital = await provisionedHospital();
    const station = await node(hospital.hcode);
    const localId = (await station.dispatch('identity.patientId', { cid: CID })) as Result<{
      patientId: string;
      keySource: string;
    }>;
    expect(localId.ok && localId.value.keySource).toBe('local');

    const kicked = nextEvent(station, 'sync.kick', (kick) => kick.reason === 'configured');
    const result = (await station.dispatch('sync.configure', {
      centralUrl: sharedCentralUrl(),
      username: hospital.stationUser,
      password: hospital.stationPassword,
    })) as Result<SyncStatus>;
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    await kicked;
    expect(result.value).toMatchObject({
      configured: true,
      database: `clinic_${hospital.hcode}`,
      stationUser: hospital.stationUser,
      link: { up: true },
    });
    expect(JSON.stringify(result.value)).not.toContain(hospital.stationPassword);

    const keystore = join(station.dataDir, 'sync-credentials.json');
    expect(statSync(keystore).mode & 0o777).toBe(0o600);
    expect(readFileSync(keystore, 'utf8')).toContain(hospital.stationPassword);
    await station.log.flush();
    expect(dataFolderText(station.dataDir)).not.toContain(hospital.stationPassword);

    // Patient ids now come from the hospital-wide key on central.
    const key = await requestJson(`${sharedCentralUrl()}/${hospital.secretsDatabase}/hospital-key`, {
      headers: { Authorization: basicAuth(CENTRAL_ADMIN.user, CENTRAL_ADMIN.password) },
    });
    const centralId = patientIdForCid(hexToKey((key.body as { key: string }).key), CID);
    const adopted = (await station.dispatch('identity.patientId', { cid: CID })) as Result<{
      patientId: string;
      keySource: string;
    }>;
    expect(adopted.ok && adopted.value).toMatchObject({ patientId: centralId, keySource: 'central' });
    const actions = station.audit.recent(20).map((entry) => entry.action);
    expect(actions).toContain('sync.configured');
    expect(actions).toContain('sync.hospital_key_adopted');

    const endpoint = await station.dispatch('sync.endpoint', {});
    expect(endpoint).toMatchObject({
      ok: true,
      value: {
        proxyOrigin: null,
        database: `clinic_${hospital.hcode}`,
        hcode: hospital.hcode,
        stationId: hospital.stationUser,
        workingSetDays: 30,
      },
    });
  });

  it('a password changed on central is noticed by the next probe (sync_wrong_password)', async () => {
    const hospital = await provisionedHospital();
    const station = await node(hospital.hcode);
    expect(
      (
        await station.dispatch('sync.configure', {
          centralUrl: sharedCentralUrl(),
          username: hospital.stationUser,
          password: hospital.stationPassword,
        })
      ).ok,
    ).toBe(true);
    await provision({
      url: sharedCentralUrl(),
      adminUser: CENTRAL_ADMIN.user,
      adminPassword: CENTRAL_ADMIN.password,
      hcode: hospital.hcode,
      station: 'opd-1',
      stationPassword: 'changed-by-central-it',
      resetPassword: true,
    });
    const refused = nextEvent(station, 'sync.status', (status) => status.link?.errorCode === 'sync_wrong_password');
    await station.dispatch('sync.now', {});
    expect(await refused).toMatchObject({ state: 'error', errorCode: 'sync_wrong_password', link: { up: false } });
  });

  it('a wrong password is sync_wrong_password and nothing is stored', async () => {
    const hospital = await provisionedHospital();
    const station = await node(hospital.hcode);
    const result = await station.dispatch('sync.configure', {
      centralUrl: sharedCentralUrl(),
      username: hospital.stationUser,
      password: 'not-the-password',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'sync_wrong_password' } });
    expect(await station.dispatch('sync.status', {})).toMatchObject({
      ok: true,
      value: { configured: false, state: 'unconfigured' },
    });
    expect(await station.dispatch('sync.endpoint', {})).toMatchObject({
      ok: false,
      error: { code: 'sync_not_configured' },
    });
  });

  it("another station's account of the same hospital is refused (sync_station_mismatch), nothing stored", async () => {
    const mine = await provisionedHospital();
    const other = await provision({
      url: sharedCentralUrl(),
      adminUser: CENTRAL_ADMIN.user,
      adminPassword: CENTRAL_ADMIN.password,
      hcode: mine.hcode,
      station: 'ward-3',
    });
    const station = await node(mine.hcode);
    const result = await station.dispatch('sync.configure', {
      centralUrl: sharedCentralUrl(),
      username: other.stationUser,
      password: other.stationPassword,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'sync_station_mismatch' } });
    expect(await station.dispatch('sync.status', {})).toMatchObject({ ok: true, value: { configured: false } });
  });

  it("another hospital's station user is sync_forbidden", async () => {
    const mine = await provisionedHospital();
    const theirs = await provisionedHospital('ward-2');
    const station = await node(mine.hcode);
    const result = await station.dispatch('sync.configure', {
      centralUrl: sharedCentralUrl(),
      username: theirs.stationUser,
      password: theirs.stationPassword,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'sync_forbidden' } });
  });

  it('a cut link is seen by the probe, and its return kicks replication within 5 s', async () => {
    const hospital = await provisionedHospital();
    const link = await linkProxy(Number(new URL(sharedCentralUrl()).port));
    try {
      const station = await node(hospital.hcode);
      const configured = await station.dispatch('sync.configure', {
        centralUrl: link.url,
        username: hospital.stationUser,
        password: hospital.stationPassword,
      });
      expect(configured.ok, JSON.stringify(configured)).toBe(true);

      const down = nextEvent(station, 'sync.status', (status) => status.link?.up === false);
      const header = nextEvent(station, 'link.changed', (state) => state.status !== 'connecting');
      link.cut();
      // "Sync now" probes at once instead of after the 10 s interval of a live link.
      await station.dispatch('sync.now', {});
      const status = await down;
      expect(['sync_server_down', 'sync_offline']).toContain(status.link?.errorCode);
      expect(['offline', 'error']).toContain(status.state);
      expect((await header).status).toBe(status.state);

      // Let the back-off reach its 2 s cap (5 failed probes in a row) so the return is measured at its slowest.
      await until(() => trailingFailures(station) >= 5, 'five failed probes');
      const kick = nextEvent(station, 'sync.kick', (event) => event.reason === 'link_up', 10_000);
      const restoredAt = Date.now();
      link.restore();
      await kick;
      const seconds = (Date.now() - restoredAt) / 1000;
      console.log(`link return → sync.kick: ${seconds.toFixed(2)} s`);
      expect(seconds).toBeLessThan(5);
      expect((await station.dispatch('sync.status', {})) as Result<SyncStatus>).toMatchObject({
        ok: true,
        value: { link: { up: true } },
      });
      const history = station.sync.store.samples(Date.now() - 60_000);
      expect(history.some((sample) => !sample.up)).toBe(true);
      expect(history.at(-1)?.up).toBe(true);
    } finally {
      await link.close();
    }
  });
});
