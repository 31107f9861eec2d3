// `npm run central -- provision-hub` against two servers (pouchdb-server here, CouchDB 3 through
// `npm run test:couchdb`: two CouchDBs with COUCHDB_HUB_URL, else two databases of one): the hub holds the
// hospital's database with central's rules, the stations log in to it with their central password (stations
// provisioned later too: the hub follows central's copy of them), and the relay passes on what stations wrote,
// with their authorship, to central and nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_ADMIN, provisionStation, sharedCentralUrl } from './centralServer.js';
import { centralIsCouchDb, hubSharesCentral, startHub, type Hub } from './hubServer.js';
import { startRelay } from './hubRelay.js';
import { uniqueHcode } from './station.js';
import {
  hubReplicationIds,
  provisionHub,
  RELAY_SELECTOR,
  stationUsersSelector,
  type HubProvisionResult,
  type HubReplication,
} from '../../../sync/central/provisionHub.node.js';
import { ProvisionError } from '../../../sync/central/adminCalls.node.js';
import { provision } from '../../../sync/central/provision.node.js';
import { basicAuth, requestJson } from '../../../sync/central/centralHttp.node.js';
import { clinicDesignDoc, relayUserName, stationUsersDatabaseName } from '../../../sync/central/designDocs.std.js';
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
  stationA = await provisionStation({ ...centralAdmin(), station: 'hub-a', stationPassword: 'pw-hub-a' });
  await provisionStation({ ...centralAdmin(), station: 'hub-b', stationPassword: 'pw-hub-b' });
  result = await provisionHub(hubOptions());
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
  return (doc.body as HubReplication).source.auth.basic.password;
}

function centralAdmin() {
  return { url: sharedCentralUrl(), adminUser: CENTRAL_ADMIN.user, adminPassword: CENTRAL_ADMIN.password, hcode };
}

function hubOptions() {
  return {
    ...hub.admin,
    centralUrl: sharedCentralUrl(),
    centralAdminUser: CENTRAL_ADMIN.user,
    centralAdminPassword: CENTRAL_ADMIN.password,
    hcode,
    hubDatabase: hub.database,
  };
}

async function hubLogin(station: string, password: string): Promise<number> {
  const answer = await requestJson(`${hub.admin.hubUrl}/_session`, {
    method: 'POST',
    body: { name: `st-${hcode}-${station}`, password },
  });
  return answer.status;
}

/**
 * Waits (30 s at most) until the hub's `_users` holds central's revision of the station user: the follow runs on
 * its own. Read as admin: polling with logins would lock the station out (CouchDB 3.5's auth lockout).
 */
async function untilFollowed(station: string): Promise<void> {
  const id = encodeURIComponent(`org.couchdb.user:st-${hcode}-${station}`);
  const central = await requestJson(`${sharedCentralUrl()}/_users/${id}`, { headers: adminAuth });
  const wanted = (central.body as { _rev?: string })._rev;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const onHub = await requestJson(`${hub.admin.hubUrl}/_users/${id}`, { headers: hub.adminHeaders });
    if (wanted !== undefined && (onHub.body as { _rev?: string })._rev === wanted) return;
    if (Date.now() > deadline) throw new Error(`${station} not on the hub at central's revision after 30 s`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** Runs `run` with the hub's replications running (CouchDB runs them itself; on pouchdb-server hubRelay.ts does). */
async function withRelay(run: () => Promise<void>): Promise<void> {
  const relay = await startRelay(hub, result.replications);
  try {
    await run();
  } finally {
    await relay.stop();
  }
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

  it("writes the hub's continuous replications into its _replicator: records as the relay, station users into _users", async () => {
    expect(result.replications).toEqual(hubReplicationIds(hcode));
    const docs = await Promise.all(
      result.replications.map(
        async (id) =>
          (
            await requestJson(`${hub.admin.hubUrl}/_replicator/${encodeURIComponent(id)}`, {
              headers: hub.adminHeaders,
            })
          ).body as HubReplication,
      ),
    );
    const hubDb = `${hub.admin.hubUrl}/${hub.database}`;
    const centralDb = `${sharedCentralUrl()}/${result.centralDatabase}`;
    expect(docs.map((doc) => [doc.source.url, doc.target.url])).toEqual([
      [hubDb, centralDb],
      [centralDb, hubDb],
      [`${sharedCentralUrl()}/${stationUsersDatabaseName(hcode)}`, `${hub.admin.hubUrl}/_users`],
    ]);
    for (const doc of docs) {
      expect(doc).toMatchObject({ continuous: true, source: { auth: { basic: { username: relayUserName(hcode) } } } });
    }
    expect(docs.map((doc) => doc.selector)).toEqual([RELAY_SELECTOR, RELAY_SELECTOR, stationUsersSelector(hcode)]);
    // Only the hub's admin writes other users into its _users; the relay never gets admin.
    expect(docs[2]?.target.auth.basic.username).toBe(hub.admin.hubAdminUser);
    expect(docs[0]?.target.auth.basic.username).toBe(relayUserName(hcode));
  });

  it("relays both ways with the stations' authorship kept (CouchDB's own _replicator under test:couchdb)", async () => {
    await withRelay(async () => {
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
    });
  });

  it('is repeatable: a station provisioned later is copied by the next run, the relay gets a new password', async () => {
    const before = await relayPassword();
    await provisionStation({ ...centralAdmin(), station: 'hub-c', stationPassword: 'pw-hub-c' });
    const again = await provisionHub(hubOptions());
    expect(again.stations).toContain(`st-${hcode}-hub-c`);
    expect(await relayPassword()).not.toBe(before);
    const login = await requestJson(`${hub.admin.hubUrl}/_session`, {
      method: 'POST',
      body: { name: `st-${hcode}-hub-c`, password: 'pw-hub-c' },
    });
    expect(login.status).toBe(200);
    // The run changed nothing of a station user the hub had: central's revision, no conflict.
    const id = encodeURIComponent(`org.couchdb.user:${stationA.stationUser}`);
    const onCentral = await requestJson(`${sharedCentralUrl()}/_users/${id}`, { headers: adminAuth });
    const onHub = await requestJson(`${hub.admin.hubUrl}/_users/${id}?conflicts=true`, { headers: hub.adminHeaders });
    expect(onHub.body).not.toHaveProperty('_conflicts');
    expect((onHub.body as { _rev: string })._rev).toBe((onCentral.body as { _rev: string })._rev);
  });

  it("follows central's station users: a station provisioned later logs in to the hub with no second run, and so does a new password", async () => {
    await withRelay(async () => {
      const station = { ...centralAdmin(), station: 'hub-d', stationPassword: 'pw-hub-d' };
      await provisionStation(station);
      await untilFollowed(station.station);
      expect(await hubLogin(station.station, 'pw-hub-d')).toBe(200);
      await provision({ ...station, stationPassword: 'pw-hub-d-2', resetPassword: true });
      await untilFollowed(station.station);
      expect(await hubLogin(station.station, 'pw-hub-d-2')).toBe(200);
      expect(await hubLogin(station.station, 'pw-hub-d')).toBe(401);
    });
  });

  it('takes a station removed from central off the hub at the next provisioning of the hospital', async () => {
    await withRelay(async () => {
      const removed = { ...centralAdmin(), station: 'hub-f', stationPassword: 'pw-hub-f' };
      await provisionStation(removed);
      await untilFollowed(removed.station);
      const id = encodeURIComponent(`org.couchdb.user:st-${hcode}-hub-f`);
      const user = await requestJson(`${sharedCentralUrl()}/_users/${id}`, { headers: adminAuth });
      const rev = (user.body as { _rev: string })._rev;
      // By hand in Fauxton: there is no command that removes a station.
      expect(
        (await requestJson(`${sharedCentralUrl()}/_users/${id}?rev=${rev}`, { method: 'DELETE', headers: adminAuth }))
          .status,
      ).toBe(200);
      await provisionStation({ ...centralAdmin(), station: 'hub-g', stationPassword: 'pw-hub-g' });
      const deadline = Date.now() + 30_000;
      while ((await requestJson(`${hub.admin.hubUrl}/_users/${id}`, { headers: hub.adminHeaders })).status !== 404) {
        if (Date.now() > deadline) throw new Error('the removed station is still on the hub after 30 s');
        await new Promise((done) => setTimeout(done, 200));
      }
      expect(await hubLogin('hub-f', 'pw-hub-f')).toBe(401);
    });
  });

  it("keeps central's copy of the station users to the relay: stations do not read it, only admins write it", async () => {
    const copy = `${sharedCentralUrl()}/${stationUsersDatabaseName(hcode)}`;
    const id = encodeURIComponent(`org.couchdb.user:${stationA.stationUser}`);
    const asRelay = { Authorization: basicAuth(relayUserName(hcode), await relayPassword()) };
    const read = await requestJson(`${copy}/${id}`, { headers: asRelay });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ name: stationA.stationUser, roles: [`clinic_station_${hcode}`] });
    const asStation = { Authorization: basicAuth(stationA.stationUser, 'pw-hub-a') };
    // pouchdb-server answers a non-member 401, CouchDB 403.
    expect([401, 403]).toContain((await requestJson(`${copy}/${id}`, { headers: asStation })).status);
    const forged = await requestJson(`${copy}/${encodeURIComponent(`org.couchdb.user:st-${hcode}-forged`)}`, {
      method: 'PUT',
      body: { name: `st-${hcode}-forged`, type: 'user', roles: [`clinic_station_${hcode}`], password: 'x' },
      headers: asRelay,
    });
    expect(forged.status).toBe(403);
    // Central's own _users stays closed to the relay.
    expect(
      (await requestJson(`${sharedCentralUrl()}/_users/${id}`, { headers: asRelay })).status,
    ).toBeGreaterThanOrEqual(401);
  });

  it.runIf(centralIsCouchDb())(
    "keeps the hub admin's password in the hub's _replicator from the relay and the stations",
    async () => {
      const [, , follow] = hubReplicationIds(hcode);
      for (const [user, password] of [
        [relayUserName(hcode), await relayPassword()],
        [stationA.stationUser, 'pw-hub-a'],
      ] as const) {
        const answer = await requestJson(`${hub.admin.hubUrl}/_replicator/${encodeURIComponent(follow)}`, {
          headers: { Authorization: basicAuth(user, password) },
        });
        expect(JSON.stringify(answer.body)).not.toContain(hub.admin.hubAdminPassword);
      }
    },
  );

  it.skipIf(hubSharesCentral())(
    "settles a station user an earlier run left on the hub under the hub's own revision on central's, conflict-free",
    async () => {
      const station = { ...centralAdmin(), station: 'hub-e', stationPassword: 'pw-hub-e' };
      await provisionStation(station);
      // A copy of the user under a revision central never made, with another station's password hash.
      const id = `org.couchdb.user:st-${hcode}-hub-e`;
      const other = await requestJson(
        `${hub.admin.hubUrl}/_users/${encodeURIComponent(`org.couchdb.user:${stationA.stationUser}`)}`,
        {
          headers: hub.adminHeaders,
        },
      );
      const { _id: _otherId, _rev: _otherRev, name: _otherName, ...hash } = other.body as Record<string, unknown>;
      const stale = { ...hash, _id: id, _rev: `1-${'f'.repeat(32)}`, name: `st-${hcode}-hub-e` };
      const written = await requestJson(`${hub.admin.hubUrl}/_users/_bulk_docs`, {
        method: 'POST',
        body: { docs: [stale], new_edits: false },
        headers: hub.adminHeaders,
      });
      expect(written.status).toBe(201);
      expect(await hubLogin('hub-e', 'pw-hub-a')).toBe(200);
      await provisionHub(hubOptions());
      const held = await requestJson(`${hub.admin.hubUrl}/_users/${encodeURIComponent(id)}?conflicts=true`, {
        headers: hub.adminHeaders,
      });
      expect(held.body).not.toHaveProperty('_conflicts');
      expect(await hubLogin('hub-e', 'pw-hub-e')).toBe(200);
      expect(await hubLogin('hub-e', 'pw-hub-a')).toBe(401);
    },
  );

  it('refuses a hospital central does not know, in Thai and English', async () => {
    const unknown = uniqueHcode();
    const refused = await provisionHub({ ...hubOptions(), hcode: unknown, hubDatabase: undefined }).catch(
      (error: unknown) => error,
    );
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
