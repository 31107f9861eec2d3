// The /central/ proxy for real: a PouchDB store in Node replicates 600 documents up (bulk pushes of 500) and
// pulls one down through main's proxy on the browser bridge, with only the proxy token; everything outside
// clinic_<hcode> (but a read of central's root, which names the checkpoint) is refused; the Electron loopback
// variant answers CORS for app://edge only.
import '../../factories/idbShims.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../sync/store/pouch.dom.js';
import { remoteDatabase } from '../../../sync/replication/remote.dom.js';
import { uniqueDbName } from '../../factories/idbShims.js';
import { newVisit } from '../../../sync/model/encounter.std.js';
import { vitalSignObservations } from '../../../sync/model/observation.std.js';
import { testIdFactory } from '../../factories/fhirFixtures.js';
import { startBridge, type BridgeServer } from '../../../electron/bridge/bridgeServer.node.js';
import { startProxyServer, type ProxyServer } from '../../../electron/services/sync/proxyServer.node.js';
import { basicAuth, requestJson } from '../../../sync/central/centralHttp.node.js';
import { CENTRAL_ADMIN, sharedCentralUrl } from '../sync/centralServer.js';
import type { SyncEndpoint } from '../../../electron/contract/sync.std.js';
import { provisionedHospital, syncNode, type SyncNode } from './syncNode.js';

let station: SyncNode;
let bridge: BridgeServer;
let loopback: ProxyServer;
let endpoint: SyncEndpoint;
let hospital: Awaited<ReturnType<typeof provisionedHospital>>;
const local: Database[] = [];

beforeAll(async () => {
  hospital = await provisionedHospital();
  station = await syncNode(hospital.hcode);
  const configured = await station.dispatch('sync.configure', {
    centralUrl: sharedCentralUrl(),
    username: hospital.stationUser,
    password: hospital.stationPassword,
  });
  if (!configured.ok) throw new Error(JSON.stringify(configured));
  bridge = await startBridge({
    dispatch: station.dispatch,
    events: station.events,
    log: station.log,
    staticDir: null,
    routes: station.sync.proxyRoute(),
  });
  loopback = await startProxyServer(station.sync.loopbackProxyRoute(['app://edge']), station.log);
  const answer = await station.dispatch('sync.endpoint', {});
  if (!answer.ok) throw new Error(JSON.stringify(answer));
  endpoint = answer.value as SyncEndpoint;
});

afterAll(async () => {
  for (const db of local) await db.destroy();
  await loopback.close();
  await bridge.close();
  await station.dispose();
});

function visits(count: number, stationId: string): object[] {
  const newId = testIdFactory(stationId);
  const docs: object[] = [];
  for (let index = 0; index < count; index += 1) {
    const at = new Date(Date.UTC(2026, 10, 23, 8, 0, index)).toISOString();
    const encounterId = newId();
    docs.push(
      newVisit({
        encounterId,
        patientId: `p${String(index).padStart(40, '0')}`,
        hcode: hospital.hcode,
        stationId,
        at,
        queueNumber: `OPD1-${String(index + 1).padStart(3, '0')}`,
      }),
    );
    docs.push(
      ...vitalSignObservations([{ code: '8867-4', value: 60 + (index % 40), unit: '/min' }], {
        patientId: `p${String(index).padStart(40, '0')}`,
        encounterId,
        stationId,
        effective: at,
        at,
        newId,
      }),
    );
  }
  return docs;
}

const proxied = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${bridge.origin}/central/${path}`, { method, headers: { 'X-Edge-Proxy-Token': endpoint.token, ...headers } });

describe('the /central/ proxy', () => {
  it('carries a real PouchDB replication both ways with only the token', async () => {
    expect(endpoint.proxyOrigin).toBeNull();
    const db = openDatabase(uniqueDbName('proxy-station'));
    local.push(db);
    const docs = visits(300, endpoint.stationId);
    await db.bulkDocs(docs);
    const remote = remoteDatabase(`${bridge.origin}/central/${endpoint.database}`, {
      headers: { 'X-Edge-Proxy-Token': endpoint.token },
    });
    const pushed = await db.replicate.to(remote, { batch_size: 500 });
    expect(pushed.ok).toBe(true);
    expect(pushed.docs_written).toBe(600);
    expect(pushed.doc_write_failures).toBe(0);

    const admin = { Authorization: basicAuth(CENTRAL_ADMIN.user, CENTRAL_ADMIN.password) };
    const all = await requestJson(`${sharedCentralUrl()}/${endpoint.database}/_all_docs`, { headers: admin });
    // Every record, and nothing but them besides central's design documents (its rules and Mango indexes).
    expect((all.body as { rows: { id: string }[] }).rows.filter((row) => !row.id.startsWith('_design/'))).toHaveLength(
      600,
    );

    // Something another station wrote arrives through the proxy too.
    const [other] = visits(1, `st-${hospital.hcode}-ward-9`) as { _id: string }[];
    if (other === undefined) throw new Error('no doc');
    // The URL names the document (CouchDB takes the URL's id, express-pouchdb the body's): keep the two equal.
    const put = await requestJson(
      `${sharedCentralUrl()}/${endpoint.database}/${encodeURIComponent('Encounter/from-ward-9')}`,
      { method: 'PUT', body: { ...other, _id: 'Encounter/from-ward-9', id: 'from-ward-9' }, headers: admin },
    );
    expect(put.status).toBe(201);
    const pulled = await db.replicate.from(remote, { batch_size: 500 });
    expect(pulled.ok).toBe(true);
    expect((await db.get('Encounter/from-ward-9'))._id).toBe('Encounter/from-ward-9');
  });

  it('carries a live long-poll: a document written on central later arrives, and cancelling ends cleanly', async () => {
    const db = openDatabase(uniqueDbName('proxy-live'));
    local.push(db);
    const remote = remoteDatabase(`${bridge.origin}/central/${endpoint.database}`, {
      headers: { 'X-Edge-Proxy-Token': endpoint.token },
    });
    const live = db.replicate.from(remote, { live: true, retry: true, batch_size: 500, heartbeat: 2_000 });
    const paused = new Promise<void>((done) => live.once('paused', () => done()));
    await paused; // caught up; now waiting in a long-poll through the proxy
    const [late] = visits(1, `st-${hospital.hcode}-ward-9`) as { _id: string }[];
    if (late === undefined) throw new Error('no doc');
    const arrived = new Promise<void>((done) => {
      const changes = db.changes({ live: true, since: 'now' }).on('change', (change) => {
        if (change.id === 'Encounter/late-one') {
          void changes.cancel();
          done();
        }
      });
    });
    const admin = { Authorization: basicAuth(CENTRAL_ADMIN.user, CENTRAL_ADMIN.password) };
    const put = await requestJson(`${sharedCentralUrl()}/${endpoint.database}/Encounter%2Flate-one`, {
      method: 'PUT',
      body: { ...late, _id: 'Encounter/late-one', id: 'late-one' },
      headers: admin,
    });
    expect(put.status).toBe(201);
    await arrived;
    const completed = new Promise<void>((done) => live.once('complete', () => done()));
    live.cancel();
    await completed;
  });

  it('reads central’s root, so a replication keeps its checkpoint when the proxy comes back on another port', async () => {
    const root = await proxied('');
    expect(root.status).toBe(200);
    expect(await root.json()).toMatchObject({ uuid: expect.any(String) });
    const db = openDatabase(uniqueDbName('proxy-checkpoint'));
    local.push(db);
    // Where each pull asked central's changes feed to start: 0 = from the beginning (no checkpoint found).
    const sinces: string[] = [];
    const through = (origin: string) =>
      remoteDatabase(`${origin}/central/${endpoint.database}`, {
        headers: { 'X-Edge-Proxy-Token': endpoint.token },
        fetchImpl: (input, init) => {
          const url = new URL(input instanceof Request ? input.url : String(input));
          if (url.pathname.endsWith('/_changes')) sinces.push(url.searchParams.get('since') ?? '');
          return fetch(input, init);
        },
      });
    const first = await db.replicate.from(through(bridge.origin), { batch_size: 500 });
    expect(first.docs_read).toBeGreaterThan(0);
    expect(sinces[0]).toBe('0');
    // As after a restart: the same proxy on a new port. PouchDB names the checkpoint after central's uuid, so
    // the pull resumes where it ended; named after the proxy's URL (root refused), it would start from 0.
    const again = await startBridge({
      dispatch: station.dispatch,
      events: station.events,
      log: station.log,
      staticDir: null,
      routes: station.sync.proxyRoute(),
    });
    try {
      expect(again.origin).not.toBe(bridge.origin);
      sinces.length = 0;
      const second = await db.replicate.from(through(again.origin), { batch_size: 500 });
      expect(second.ok).toBe(true);
      expect(sinces[0]).toBe(String(first.last_seq));
    } finally {
      await again.close();
    }
  });

  it('refuses without the token, with a wrong one, and outside the hospital database', async () => {
    expect((await fetch(`${bridge.origin}/central/${endpoint.database}/`)).status).toBe(403);
    expect(
      (await proxied(`${endpoint.database}/`, { 'X-Edge-Proxy-Token': 'x'.repeat(endpoint.token.length) })).status,
    ).toBe(403);
    expect((await proxied(`${endpoint.database}/`)).status).toBe(200);
    for (const path of [
      '_users/_all_docs',
      '_session',
      '_all_dbs',
      `clinic_${hospital.hcode}_secrets/hospital-key`,
      `${endpoint.database}/_security`,
      `${endpoint.database}/..%2F_users`,
    ]) {
      const answer = await proxied(path);
      expect(answer.status, path).toBe(403);
      expect(await answer.text()).not.toContain('"key"');
    }
    // A page on another origin is refused even with the token.
    expect((await proxied(`${endpoint.database}/`, { Origin: 'http://evil.example' })).status).toBe(403);
  });

  it('never passes central’s session cookie to the page', async () => {
    const answer = await proxied(`${endpoint.database}/_changes?limit=1`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('set-cookie')).toBeNull();
  });

  it('the Electron loopback proxy: CORS for app://edge only', async () => {
    const preflight = await fetch(`${loopback.origin}/central/${endpoint.database}/_bulk_docs`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'app://edge',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, x-edge-proxy-token',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('app://edge');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-edge-proxy-token');
    expect(preflight.headers.get('access-control-allow-private-network')).toBe('true');
    const evil = await fetch(`${loopback.origin}/central/${endpoint.database}/`, {
      headers: { Origin: 'http://127.0.0.1:1', 'X-Edge-Proxy-Token': endpoint.token },
    });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const ok = await fetch(`${loopback.origin}/central/${endpoint.database}/`, {
      headers: { Origin: 'app://edge', 'X-Edge-Proxy-Token': endpoint.token },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('app://edge');
    expect((await fetch(`${loopback.origin}/`)).status).toBe(404);
  });
});
