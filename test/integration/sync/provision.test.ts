// Central provisioning against pouchdb-server, and what its validate_doc_update lets a station write.
import { beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_ADMIN, sharedCentralUrl } from './centralServer.js';
import { uniqueHcode } from './station.js';
import { provision, type ProvisionResult } from '../../../sync/central/provision.node.js';
import { basicAuth, requestJson } from '../../../sync/central/centralHttp.node.js';
import { newVisit } from '../../../sync/model/encounter.std.js';
import { vitalSignObservations } from '../../../sync/model/observation.std.js';
import { testIdFactory } from '../../factories/fhirFixtures.js';

const hcode = uniqueHcode();
let account: ProvisionResult;
const at = '2025-06-01T08:00:00.000Z';

beforeAll(async () => {
  account = await provision({ url: sharedCentralUrl(), adminUser: CENTRAL_ADMIN.user, adminPassword: CENTRAL_ADMIN.password, hcode, station: 'opd-1' });
});

function asStation(path: string, method: string, body?: unknown) {
  return requestJson(`${sharedCentralUrl()}/${account.database}/${path}`, { method, body, headers: { Authorization: basicAuth(account.stationUser, account.stationPassword) } });
}

describe('central provisioning', () => {
  it('is repeatable and keeps the hospital key', async () => {
    const again = await provision({ url: sharedCentralUrl(), adminUser: CENTRAL_ADMIN.user, adminPassword: CENTRAL_ADMIN.password, hcode, station: 'opd-1', stationPassword: account.stationPassword });
    expect(account.createdKey).toBe(true);
    expect(again.createdKey).toBe(false);
    expect(again.queuePrefix).toBe('OPD1');
    const key = await requestJson(`${sharedCentralUrl()}/${account.secretsDatabase}/hospital-key`, { headers: { Authorization: basicAuth(account.stationUser, account.stationPassword) } });
    expect((key.body as { key: string }).key).toMatch(/^[0-9a-f]{64}$/);
    const overwrite = await requestJson(`${sharedCentralUrl()}/${account.secretsDatabase}/hospital-key`, { method: 'PUT', body: { key: '0'.repeat(64) }, headers: { Authorization: basicAuth(account.stationUser, account.stationPassword) } });
    expect(overwrite.status).toBeGreaterThanOrEqual(400);
  });

  it('validate_doc_update: this hospital, resourceType, author, immutable observations', async () => {
    const newId = testIdFactory(account.stationUser);
    const visit = newVisit({ encounterId: newId(), patientId: 'p1', hcode, stationId: account.stationUser, at, queueNumber: 'OPD1-001' });
    const ok = await asStation(encodeURIComponent(visit._id), 'PUT', visit);
    expect(ok.status).toBe(201);
    const other = newVisit({ encounterId: newId(), patientId: 'p1', hcode: '11111', stationId: account.stationUser, at, queueNumber: 'OPD1-002' });
    expect((await asStation(encodeURIComponent(other._id), 'PUT', other)).status).toBeGreaterThanOrEqual(400);
    const someoneElse = newVisit({ encounterId: newId(), patientId: 'p1', hcode, stationId: 'st-00000-x', at, queueNumber: 'OPD1-003' });
    expect((await asStation(encodeURIComponent(someoneElse._id), 'PUT', someoneElse)).status).toBeGreaterThanOrEqual(400);
    expect((await asStation('no-type', 'PUT', { hello: 1 })).status).toBeGreaterThanOrEqual(400);

    const [observation] = vitalSignObservations([{ code: '8867-4', value: 70, unit: '/min' }], { patientId: 'p1', stationId: account.stationUser, effective: at, at, newId });
    if (observation === undefined) throw new Error('none');
    const put = await asStation(encodeURIComponent(observation._id), 'PUT', observation);
    expect(put.status).toBe(201);
    const rev = (put.body as { rev: string }).rev;
    const changed = await asStation(encodeURIComponent(observation._id), 'PUT', { ...observation, _rev: rev, valueQuantity: { ...observation.valueQuantity, value: 71 } });
    expect(changed.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(changed.body)).toMatch(/immutable/);
    const voided = await asStation(encodeURIComponent(observation._id), 'PUT', { ...observation, _rev: rev, status: 'entered-in-error' });
    expect(voided.status).toBe(201);
  });
});
