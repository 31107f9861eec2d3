// The hospital key is not fatal to fetch: when central has none yet, sync still works on the station's own key,
// and the next successful probe after central gets one adopts it (audited once).
import { afterEach, describe, expect, it } from 'vitest';
import { CENTRAL_ADMIN, sharedCentralUrl } from '../sync/centralServer.js';
import { basicAuth, requestJson } from '../../../sync/central/centralHttp.node.js';
import { hexToKey, patientIdForCid } from '../../../sync/model/ids.std.js';
import type { Result } from '../../../electron/contract/result.std.js';
import { provisionedHospital, syncNode, type SyncNode } from './syncNode.js';

const CID = '1101700203451';
const admin = { Authorization: basicAuth(CENTRAL_ADMIN.user, CENTRAL_ADMIN.password) };
const nodes: SyncNode[] = [];
afterEach(async () => {
  for (const node of nodes.splice(0)) await node.dispose();
});

async function keySource(station: SyncNode): Promise<{ patientId: string; keySource: string }> {
  const answer = (await station.dispatch('identity.patientId', { cid: CID })) as Result<{
    patientId: string;
    keySource: string;
  }>;
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  return answer.value;
}

describe('hospital key adoption', () => {
  it('a missing key is retried on the next successful probe and adopted once it exists', async () => {
    const hospital = await provisionedHospital();
    const keyUrl = `${sharedCentralUrl()}/${hospital.secretsDatabase}/hospital-key`;
    const original = await requestJson(keyUrl, { headers: admin });
    const { _rev: rev, key } = original.body as { _rev: string; key: string };
    expect((await requestJson(`${keyUrl}?rev=${rev}`, { method: 'DELETE', headers: admin })).status).toBe(200);

    const station = await syncNode(hospital.hcode);
    nodes.push(station);
    const configured = await station.dispatch('sync.configure', {
      centralUrl: sharedCentralUrl(),
      username: hospital.stationUser,
      password: hospital.stationPassword,
    });
    expect(configured.ok, JSON.stringify(configured)).toBe(true);
    expect((await keySource(station)).keySource).toBe('local');

    expect(
      (await requestJson(keyUrl, { method: 'PUT', body: { key, createdAt: new Date().toISOString() }, headers: admin }))
        .status,
    ).toBe(201);
    const deadline = Date.now() + 15_000;
    while ((await keySource(station)).keySource !== 'central') {
      if (Date.now() > deadline) throw new Error('the key was not adopted after it appeared on central');
      await station.dispatch('sync.now', {});
      await new Promise((done) => setTimeout(done, 100));
    }
    expect((await keySource(station)).patientId).toBe(patientIdForCid(hexToKey(key), CID));
    await station.dispatch('sync.now', {});
    expect(station.audit.recent(50).filter((entry) => entry.action === 'sync.hospital_key_adopted')).toHaveLength(1);
  });
});
