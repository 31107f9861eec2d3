// Central provisioning against pouchdb-server, and what its validate_doc_update lets a station write.
import { beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_ADMIN, provisionStation, sharedCentralUrl } from './centralServer.js';
import { uniqueHcode } from './station.js';
import { provision, queuePrefixDocId } from '../../../sync/central/provision.node.js';
import { ProvisionError } from '../../../sync/central/adminCalls.node.js';
import { basicAuth, requestJson } from '../../../sync/central/centralHttp.node.js';
import { newVisit } from '../../../sync/model/encounter.std.js';
import { vitalSignObservations } from '../../../sync/model/observation.std.js';
import { testIdFactory } from '../../factories/fhirFixtures.js';

const hcode = uniqueHcode();
let account: Awaited<ReturnType<typeof provisionStation>>;
const at = '2025-06-01T08:00:00.000Z';

beforeAll(async () => {
  account = await provisionStation({
    url: sharedCentralUrl(),
    adminUser: CENTRAL_ADMIN.user,
    adminPassword: CENTRAL_ADMIN.password,
    hcode,
    station: 'opd-1',
  });
});

function asStation(path: string, method: string, body?: unknown) {
  return requestJson(`${sharedCentralUrl()}/${account.database}/${path}`, {
    method,
    body,
    headers: { Authorization: basicAuth(account.stationUser, account.stationPassword) },
  });
}

describe('central provisioning', () => {
  it('is repeatable and keeps the hospital key', async () => {
    const again = await provision({
      url: sharedCentralUrl(),
      adminUser: CENTRAL_ADMIN.user,
      adminPassword: CENTRAL_ADMIN.password,
      hcode,
      station: 'opd-1',
      stationPassword: account.stationPassword,
    });
    expect(account.createdKey).toBe(true);
    expect(again.createdKey).toBe(false);
    expect(again.queuePrefix).toBe('OPD1');
    const key = await requestJson(`${sharedCentralUrl()}/${account.secretsDatabase}/hospital-key`, {
      headers: { Authorization: basicAuth(account.stationUser, account.stationPassword) },
    });
    expect((key.body as { key: string }).key).toMatch(/^[0-9a-f]{64}$/);
    const overwrite = await requestJson(`${sharedCentralUrl()}/${account.secretsDatabase}/hospital-key`, {
      method: 'PUT',
      body: { key: '0'.repeat(64) },
      headers: { Authorization: basicAuth(account.stationUser, account.stationPassword) },
    });
    expect(overwrite.status).toBeGreaterThanOrEqual(400);
  });

  it('validate_doc_update: this hospital, resourceType, author, immutable observations', async () => {
    const newId = testIdFactory(account.stationUser);
    const visit = newVisit({
      encounterId: newId(),
      patientId: 'p1',
      hcode,
      stationId: account.stationUser,
      at,
      queueNumber: 'OPD1-001',
    });
    const ok = await asStation(encodeURIComponent(visit._id), 'PUT', visit);
    expect(ok.status).toBe(201);
    const other = newVisit({
      encounterId: newId(),
      patientId: 'p1',
      hcode: '11111',
      stationId: account.stationUser,
      at,
      queueNumber: 'OPD1-002',
    });
    expect((await asStation(encodeURIComponent(other._id), 'PUT', other)).status).toBeGreaterThanOrEqual(400);
    const someoneElse = newVisit({
      encounterId: newId(),
      patientId: 'p1',
      hcode,
      stationId: 'st-00000-x',
      at,
      queueNumber: 'OPD1-003',
    });
    expect((await asStation(encodeURIComponent(someoneElse._id), 'PUT', someoneElse)).status).toBeGreaterThanOrEqual(
      400,
    );
    expect((await asStation('no-type', 'PUT', { hello: 1 })).status).toBeGreaterThanOrEqual(400);

    const [observation] = vitalSignObservations([{ code: '8867-4', value: 70, unit: '/min' }], {
      patientId: 'p1',
      stationId: account.stationUser,
      effective: at,
      at,
      newId,
    });
    if (observation === undefined) throw new Error('none');
    const put = await asStation(encodeURIComponent(observation._id), 'PUT', observation);
    expect(put.status).toBe(201);
    const rev = (put.body as { rev: string }).rev;
    const changed = await asStation(encodeURIComponent(observation._id), 'PUT', {
      ...observation,
      _rev: rev,
      valueQuantity: { ...observation.valueQuantity, value: 71 },
    });
    expect(changed.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(changed.body)).toMatch(/immutable/);
    const voided = await asStation(encodeURIComponent(observation._id), 'PUT', {
      ...observation,
      _rev: rev,
      status: 'entered-in-error',
    });
    expect(voided.status).toBe(201);
  });

  it('refuses a second station whose queue prefix collides, in Thai and English, and makes no account for it', async () => {
    const admin = {
      adminUser: CENTRAL_ADMIN.user,
      adminPassword: CENTRAL_ADMIN.password,
      url: sharedCentralUrl(),
      hcode,
    };
    const refused = await provision({ ...admin, station: 'opd1' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ProvisionError);
    expect(refused).toMatchObject({ code: 'provision_queue_prefix_taken' });
    const message = refused instanceof Error ? refused.message : '';
    expect(message).toMatch(/ตัวนำหน้าเลขคิว OPD1/);
    expect(message).toMatch(/Queue prefix OPD1 of station "opd1" is already used by station "opd-1"/);
    const user = await requestJson(`${sharedCentralUrl()}/_users/org.couchdb.user:st-${hcode}-opd1`, {
      headers: { Authorization: basicAuth(CENTRAL_ADMIN.user, CENTRAL_ADMIN.password) },
    });
    expect(user.status).toBe(404);
    // The claim is readable by the hospital's stations, so a station can check its own prefix.
    const claim = await requestJson(
      `${sharedCentralUrl()}/${account.secretsDatabase}/${encodeURIComponent(queuePrefixDocId('OPD1'))}`,
      { headers: { Authorization: basicAuth(account.stationUser, account.stationPassword) } },
    );
    expect(claim.body).toMatchObject({ station: 'opd-1', queuePrefix: 'OPD1' });
    // Re-provisioning the holder stays idempotent.
    expect(
      (await provision({ ...admin, station: 'opd-1', stationPassword: account.stationPassword })).queuePrefix,
    ).toBe('OPD1');
  });

  it('lets exactly one of two racing stations with the same prefix through', async () => {
    const admin = {
      adminUser: CENTRAL_ADMIN.user,
      adminPassword: CENTRAL_ADMIN.password,
      url: sharedCentralUrl(),
      hcode,
    };
    const results = await Promise.allSettled([
      provision({ ...admin, station: 'ward-7' }),
      provision({ ...admin, station: 'ward7' }),
    ]);
    const refusals = results
      .filter((result) => result.status === 'rejected')
      .map((result) => (result as PromiseRejectedResult).reason as unknown);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ code: 'provision_queue_prefix_taken' });
  });

  it('checks station users made before prefix claims existed', async () => {
    const adminAuth = { Authorization: basicAuth(CENTRAL_ADMIN.user, CENTRAL_ADMIN.password) };
    const legacy = `st-${hcode}-lab-1`;
    const made = await requestJson(`${sharedCentralUrl()}/_users/org.couchdb.user:${legacy}`, {
      method: 'PUT',
      headers: adminAuth,
      body: { name: legacy, type: 'user', roles: [], password: 'legacy-test-only' },
    });
    expect(made.status).toBeLessThan(300);
    await expect(
      provision({
        adminUser: CENTRAL_ADMIN.user,
        adminPassword: CENTRAL_ADMIN.password,
        url: sharedCentralUrl(),
        hcode,
        station: 'lab1',
      }),
    ).rejects.toMatchObject({
      code: 'provision_queue_prefix_taken',
      message: expect.stringMatching(/used by station "lab-1"/),
    });
  });

  it('refuses a bad hospital code or station name with a clear error', async () => {
    const admin = { adminUser: CENTRAL_ADMIN.user, adminPassword: CENTRAL_ADMIN.password, url: sharedCentralUrl() };
    await expect(provision({ ...admin, hcode: '123', station: 'x' })).rejects.toMatchObject({
      code: 'provision_bad_hcode',
      message: expect.stringMatching(/5 หลัก[\s\S]*5 digits/),
    });
    await expect(provision({ ...admin, hcode, station: 'Bad Name' })).rejects.toMatchObject({
      code: 'provision_bad_station',
    });
  });
});
