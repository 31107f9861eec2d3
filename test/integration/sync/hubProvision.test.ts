// `npm run central -- provision-hub` against two servers (pouchdb-server here, CouchDB 3 through
// `npm run test:couchdb`, where hub and central are two databases of one CouchDB): the hub holds the
// hospital's database with central's rules, the stations log in to it with their central password, and the
// relay passes on what stations wrote, with their authorship, to central and nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_ADMIN, provisionStation, sharedCentralUrl } from './centralServer.js';
import { startHub, type Hub } from './hubServer.js';
import { startRelay } from './hubRelay.js';
import { uniqueHcode } from './station.js';
import {
  provisionHub,
  RELAY_SELECTOR,
  type HubProvisionResult,
  type RelayReplication,
} from '../../../sync/central/provisionHub.node.js';
import { ProvisionError } from '../../../sync/central/provision.node.js';
import { basicAuth, requestJson } from '../../../sync/central/centralHttp.node.js';
import { clinicDesignDoc, relayUserName } from '../../../sync/central/designDocs.std.js';
import { newVisit } from '../../../sync/model/encounter.std.js';
import { OLDER_HISTORY_INDEX } from '../../../sync/replication/olderHistory.std.js';
import { testIdFactory } from '../../factories/fhirFixtures.js';

const hcode = uniqueHcode();
const at = '2025-06-01T08:00:00.000Z';
let hub: Hub;
let result: HubProvisionResult;
let stationA: Awaited<ReturnType<typeof provisionStation>>;
const adminAuth = { Authorization: basicAuth(CENTRAL_ADMIN.user, CENTRAL_ADMIN.password) };

beforeAll(async () => {
  hub = await startHub(hcode);
  const admin = {
    url: sharedCentralUrl(),
    adminUser: CENTRAL_ADMIN.user,
    adminPassword: CENTRAL_ADMIN.password,
    hcode,
  };
  stationA = await provisionStation({ ...admin, station: 'hub-a', stationPassword: 'pw-hub-a' });
  await provisionStation({ ...admin, station: 'hub-b', stationPassword: 'pw-hub-b' });
  result = await provisionHub({
    ...hub.admin,
    centralUrl: sharedCentralUrl(),
    centralAdminUser: CENTRAL_ADMIN.user,
    centralAdminPassword: CENTRAL_ADMIN.password,
    hcode,
    hubDatabase: hub.database,
  });
});
afterAll(async () => {
  await hub.stop();
});

function visitBy(author: string) {
  return newVisit({
    encounterId: testIdFactory(author)(),
    patientId: 'p1',
    hcode,
    stationId: author,
    at,
    queueNumber: 'HUBA-001',
  });
}

function put(url: string, doc: { _id: string }, user: string, password: string) {
  return requestJson(`${url}/${encodeURIComponent(doc._id)}`, {
    method: 'PUT',
    body: doc,
    headers: { Authorization: basicAuth(user, password) },
  });
}

async function relayPassword(): Promise<string> {
  const doc = await requestJson(`${hub.admin.hubUrl}/_replicator/${encodeURIComponent(result.replications[0] ?? '')}`, {
    headers: hub.adminHeaders,
  });
  return (doc.body as RelayReplication).source.auth.basic.password;
}

describe('provision-hub', () => {
  it("sets the hub's database up as central's: same rules, same views, the stations and the relay as members", async () => {
    expect(result.stations.toSorted()).toEqual([`st-${hcode}-hub-a`, `st-${hcode}-hub-b`]);
    const design = await requestJson(`${hub.admin.hubUrl}/${hub.database}/_design/clinic`, {
      headers: hub.adminHeaders,
    });
    expect((design.body as { validate_doc_update: string }).validate_doc_update).toBe(
      clinicDesignDoc(hcode).validate_doc_update,
    );
    const security = await requestJson(`${hub.admin.hubUrl}/${hub.database}/_security`, { headers: hub.adminHeaders });
    expect(security.body).toMatchObject({ members: { roles: [`clinic_station_${hcode}`, `clinic_relay_${hcode}`] } });
    // Older history is read from the hub too, through the same index as on central.
    const indexes = await requestJson(`${hub.admin.hubUrl}/${hub.database}/_index`, { headers: hub.adminHeaders });
    expect((indexes.body as { indexes: { name: string }[] }).indexes.map((index) => index.name)).toContain(
      OLDER_HISTORY_INDEX.name,
    );
  });

  it('lets a station log in to the hub with its central password and write as itself only', async () => {
    const hubDb = `${hub.admin.hubUrl}/${hub.database}`;
    expect((await put(hubDb, visitBy(stationA.stationUser), stationA.stationUser, 'pw-hub-a')).status).toBe(201);
    const forged = await put(hubDb, visitBy(`st-${hcode}-hub-b`), stationA.stationUser, 'pw-hub-a');
    expect(forged.status).toBe(403);
    expect((await put(hubDb, visitBy(stationA.stationUser), stationA.stationUser, 'wrong')).status).toBe(401);
  });

  it("lets the relay pass a station's record on to central under the station's name, and nothing else", async () => {
    const centralDb = `${sharedCentralUrl()}/${result.centralDatabase}`;
    const password = await relayPassword();
    expect((await put(centralDb, visitBy(`st-${hcode}-hub-b`), relayUserName(hcode), password)).status).toBe(201);
    const own = await put(centralDb, visitBy(relayUserName(hcode)), relayUserName(hcode), password);
    expect(own.status).toBe(403);
    expect(JSON.stringify(own.body)).toMatch(/relay passes on records authored by a station/);
    expect((await put(centralDb, visitBy(`st-11111-x`), relayUserName(hcode), password)).status).toBe(403);
    // The relay reads no secrets (the hospital key, staff accounts).
    const secrets = await requestJson(`${sharedCentralUrl()}/clinic_${hcode}_secrets/hospital-key`, {
      headers: { Authorization: basicAuth(relayUserName(hcode), password) },
    });
    expect(secrets.status).toBeGreaterThanOrEqual(401);
  });

  it("writes both continuous replications into the hub's _replicator, as the relay, records only", async () => {
    const docs = await Promise.all(
      result.replications.map(
        async (id) =>
          (
            await requestJson(`${hub.admin.hubUrl}/_replicator/${encodeURIComponent(id)}`, {
              headers: hub.adminHeaders,
            })
          ).body as RelayReplication,
      ),
    );
    const hubDb = `${hub.admin.hubUrl}/${hub.database}`;
    const centralDb = `${sharedCentralUrl()}/${result.centralDatabase}`;
    expect(docs.map((doc) => [doc.source.url, doc.target.url])).toEqual([
      [hubDb, centralDb],
      [centralDb, hubDb],
    ]);
    for (const doc of docs) {
      expect(doc).toMatchObject({
        continuous: true,
        selector: RELAY_SELECTOR,
        source: { auth: { basic: { username: relayUserName(hcode) } } },
      });
    }
  });

  it("relays both ways with the stations' authorship kept (CouchDB's own _replicator under test:couchdb)", async () => {
    const relay = await startRelay(hub, result.replications);
    try {
      const up = visitBy(stationA.stationUser);
      const down = visitBy(`st-${hcode}-hub-b`);
      expect((await put(`${hub.admin.hubUrl}/${hub.database}`, up, stationA.stationUser, 'pw-hub-a')).status).toBe(201);
      expect(
        (await put(`${sharedCentralUrl()}/${result.centralDatabase}`, down, `st-${hcode}-hub-b`, 'pw-hub-b')).status,
      ).toBe(201);
      const read = (base: string, db: string, id: string) =>
        requestJson(`${base}/${db}/${encodeURIComponent(id)}`, { headers: adminAuth });
      const deadline = Date.now() + 30_000;
      for (;;) {
        const [onCentral, onHub] = await Promise.all([
          read(sharedCentralUrl(), result.centralDatabase, up._id),
          read(hub.admin.hubUrl, hub.database, down._id),
        ]);
        if (onCentral.status === 200 && onHub.status === 200) {
          expect(onCentral.body).toMatchObject({ meta: { source: `urn:clinic-edge:station:${stationA.stationUser}` } });
          expect(onHub.body).toMatchObject({ meta: { source: `urn:clinic-edge:station:st-${hcode}-hub-b` } });
          break;
        }
        if (Date.now() > deadline)
          throw new Error(`not relayed in 30 s: central ${onCentral.status}, hub ${onHub.status}`);
        await new Promise((done) => setTimeout(done, 200));
      }
    } finally {
      await relay.stop();
    }
  });

  it('is repeatable: a station provisioned later is copied by the next run, the relay gets a new password', async () => {
    const before = await relayPassword();
    await provisionStation({
      url: sharedCentralUrl(),
      adminUser: CENTRAL_ADMIN.user,
      adminPassword: CENTRAL_ADMIN.password,
      hcode,
      station: 'hub-c',
      stationPassword: 'pw-hub-c',
    });
    const again = await provisionHub({
      ...hub.admin,
      centralUrl: sharedCentralUrl(),
      centralAdminUser: CENTRAL_ADMIN.user,
      centralAdminPassword: CENTRAL_ADMIN.password,
      hcode,
      hubDatabase: hub.database,
    });
    expect(again.stations).toContain(`st-${hcode}-hub-c`);
    expect(await relayPassword()).not.toBe(before);
    const login = await requestJson(`${hub.admin.hubUrl}/_session`, {
      method: 'POST',
      body: { name: `st-${hcode}-hub-c`, password: 'pw-hub-c' },
    });
    expect(login.status).toBe(200);
  });

  it('refuses a hospital central does not know, in Thai and English', async () => {
    const unknown = uniqueHcode();
    const refused = await provisionHub({
      ...hub.admin,
      centralUrl: sharedCentralUrl(),
      centralAdminUser: CENTRAL_ADMIN.user,
      centralAdminPassword: CENTRAL_ADMIN.password,
      hcode: unknown,
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ProvisionError);
    expect(refused).toMatchObject({
      code: 'provision_hub_no_central',
      message: expect.stringMatching(/ให้ลงทะเบียนโรงพยาบาล[\s\S]*provision the hospital/),
    });
    // Nothing is left for it on central.
    expect(
      (
        await requestJson(`${sharedCentralUrl()}/_users/org.couchdb.user:${relayUserName(unknown)}`, {
          headers: adminAuth,
        })
      ).status,
    ).toBe(404);
  });
});
