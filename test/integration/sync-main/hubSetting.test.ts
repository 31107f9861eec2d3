// IT sets the hospital hub on a real edge node (issue 15 §1): the station logs in to the hub with its central
// user and password (provision-hub copied it), main probes the hub beside central, the status carries both links,
// `/hub/` passes replication to the hub with only the proxy token and the same rules as `/central/`, the endpoint
// says a hub is set, and a hub this station cannot log in to is refused with nothing stored.
import '../../factories/idbShims.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_ADMIN, linkProxy, sharedCentralUrl, type LinkProxy } from '../sync/centralServer.js';
import { centralIsCouchDb, startHub, type Hub } from '../sync/hubServer.js';
import { provisionHub } from '../../../sync/central/provisionHub.node.js';
import { startBridge, type BridgeServer } from '../../../electron/bridge/bridgeServer.node.js';
import { basicAuth, requestJson } from '../../../sync/central/centralHttp.node.js';
import type { SyncEndpoint, SyncStatus } from '../../../electron/contract/sync.std.js';
import type { Result } from '../../../electron/contract/result.std.js';
import { provisionedHospital, syncNode, type SyncNode } from './syncNode.js';
import { readStoredStatus } from '../../../electron/services/sync/storedStatus.node.js';

let hospital: Awaited<ReturnType<typeof provisionedHospital>>;
let hub: Hub;
let lan: LinkProxy;
let station: SyncNode;
let bridge: BridgeServer;

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

// Under test:couchdb the hub would be a second database of central's server, which a station reaches by the hospital's name: not run there.
describe.skipIf(centralIsCouchDb())('the station’s hospital hub', () => {
  beforeAll(async () => {
    hospital = await provisionedHospital();
    hub = await startHub(hospital.hcode);
    lan = await linkProxy(hub.port);
    await provisionHub({
      ...hub.admin,
      centralUrl: sharedCentralUrl(),
      centralAdminUser: CENTRAL_ADMIN.user,
      centralAdminPassword: CENTRAL_ADMIN.password,
      hcode: hospital.hcode,
      hubDatabase: hub.database,
    });
    station = await syncNode(hospital.hcode, {
      policy: { upIntervalMs: 200, downStartMs: 100, downCapMs: 200, timeoutMs: 500 },
    });
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
  });

  afterAll(async () => {
    await bridge.close();
    await station.dispose();
    await lan.close();
    await hub.stop();
  });

  it('starts with none: the endpoint replicates with central only', async () => {
    expect(await station.dispatch('sync.hub', {})).toEqual({ ok: true, value: { hubUrl: null } });
    expect(await station.dispatch('sync.endpoint', {})).toMatchObject({ ok: true, value: { hub: false } });
  });

  it('refuses a hub the station cannot log in to, and stores nothing', async () => {
    const refused = await station.dispatch('sync.setHub', { hubUrl: sharedCentralUrl().replace(/:\d+$/, ':1') });
    expect(refused.ok).toBe(false);
    expect(await station.dispatch('sync.hub', {})).toEqual({ ok: true, value: { hubUrl: null } });
    expect(station.audit.recent(20).map((entry) => entry.action)).not.toContain('sync.hub_changed');
  });

  it('logs in to the hub, probes it beside central, audits, and passes /hub/ to it', async () => {
    const set = (await station.dispatch('sync.setHub', { hubUrl: lan.url })) as Result<SyncStatus>;
    expect(set.ok, JSON.stringify(set)).toBe(true);
    if (!set.ok) return;
    expect(set.value).toMatchObject({ hub: { url: lan.url, link: { up: true } }, link: { up: true } });
    expect(await station.dispatch('sync.hub', {})).toEqual({ ok: true, value: { hubUrl: lan.url } });
    expect(station.audit.recent(20).map((entry) => entry.action)).toContain('sync.hub_changed');
    const endpoint = (await station.dispatch('sync.endpoint', {})) as Result<SyncEndpoint>;
    expect(endpoint).toMatchObject({ ok: true, value: { hub: true } });
    if (!endpoint.ok) return;

    const through = (path: string, token = endpoint.value.token) =>
      requestJson(`${bridge.origin}/hub/${path}`, { headers: { 'X-Edge-Proxy-Token': token } });
    const info = await through(hospital.database);
    expect(info.body, `${info.status} ${JSON.stringify(info.body)}`).toMatchObject({ db_name: hub.database });
    expect((await through(hospital.database, 'wrong')).status).toBe(403);
    expect((await through('_users')).status).toBe(403);
    expect((await through(`${hospital.database}/_security`)).status).toBe(403);
    // What the hub holds is what the station may read there as itself.
    const onHub = await requestJson(`${hub.admin.hubUrl}/${hub.database}`, {
      headers: { Authorization: basicAuth(hospital.stationUser, hospital.stationPassword) },
    });
    expect(onHub.status).toBe(200);
  });

  it('shows the hub link down when the LAN is cut and up when it returns, central unaffected', async () => {
    lan.cut();
    await until(() => station.sync.status().hub?.link?.up === false, 'the hub link down');
    expect(station.sync.status().link?.up).toBe(true);
    lan.restore();
    await until(() => station.sync.status().hub?.link?.up === true, 'the hub link up again');
  });

  it("stores the hub's probes beside central's: its own 24 h chart with the LAN cut in it, read back by the CLI", async () => {
    const hubStatus = station.sync.status().hub;
    expect(hubStatus?.linkSummary.probes).toBeGreaterThan(0);
    // The cut of the test before: an outage of the hub, a minute of the last hour with probes that failed.
    expect(hubStatus?.linkSummary.outages).toBeGreaterThanOrEqual(1);
    expect(hubStatus?.linkRecent.some((minute) => minute.upRatio !== null && minute.upRatio < 1)).toBe(true);
    expect(hubStatus?.linkHistory).toHaveLength(96);
    // In the station database: `npm run sync -- status` reads the same link and chart with the app closed.
    const stored = readStoredStatus(station.dataDir);
    expect(stored.hub?.link?.up).toBe(true);
    expect(stored.hub?.linkSummary.outages).toBeGreaterThanOrEqual(1);
    expect(stored.hub?.linkSummary.probes).toBeGreaterThanOrEqual(hubStatus?.linkSummary.probes ?? Infinity);
  });

  it('judges the state by the link replication runs over: the hub while the page reports replicating over it', async () => {
    const base = {
      errorCode: null,
      pending: 0,
      docsUp: 0,
      docsDown: 0,
      lastSuccessAt: new Date().toISOString(),
      conflictsResolved: 0,
      conflicts: [],
      rejections: [],
    };
    await station.dispatch('sync.report', { ...base, state: 'up_to_date', path: 'hub' });
    expect(station.sync.status().state).toBe('up_to_date');
    lan.cut();
    await until(() => station.sync.status().hub?.link?.up === false, 'the hub link down');
    // Central answers all along; the state follows the hub's failure (a refused connection: sync_server_down).
    const cut = station.sync.status();
    expect(cut.link?.up).toBe(true);
    expect(cut.state).not.toBe('up_to_date');
    expect(cut.errorCode).toBe(cut.hub?.link?.errorCode);
    await station.dispatch('sync.report', { ...base, state: 'up_to_date', path: 'central' });
    expect(station.sync.status().state).toBe('up_to_date');
    lan.restore();
  });

  it('clears the hub: back to central only, the hub chart with it', async () => {
    const cleared = (await station.dispatch('sync.setHub', { hubUrl: null })) as Result<SyncStatus>;
    expect(cleared.ok && cleared.value.hub).toBeNull();
    expect(station.sync.store.samples(0, 'hub')).toEqual([]);
    expect(await station.dispatch('sync.endpoint', {})).toMatchObject({ ok: true, value: { hub: false } });
  });
});
