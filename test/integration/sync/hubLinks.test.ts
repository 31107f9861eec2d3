// Two stations of one hospital with a hub on the LAN (issue 15 §1, §5): pouchdb-server as central and as hub,
// the hub's relay run from its `_replicator` documents (hubRelay.ts), a cuttable GIN link (every way to
// central: both stations' and the hub's) and a cuttable LAN link (the stations to the hub). GIN cut: a patient
// registered at the front desk reaches the screening station over the hub within 5 s. LAN cut: both stations
// replicate with central directly. Both cut, then the hub restarted. At the end central holds every record
// once, and the hub and both stations agree with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_ADMIN, linkProxy, provisionStation, sharedCentralUrl, type LinkProxy } from './centralServer.js';
import { centralIsCouchDb, startHub, type Hub } from './hubServer.js';
import { startRelay, type Relay } from './hubRelay.js';
import { openStation, uniqueHcode, type Station } from './station.js';
import { centralDocs, disagreements, stationRevs, tally, union, upToDate, type CentralDoc } from './syncChecks.js';
import { writeVisits } from './visits.js';
import { provisionHub } from '../../../sync/central/provisionHub.node.js';
import { HubFailover } from '../../../sync/replication/hubFailover.dom.js';
import type { SyncPath } from '../../../sync/replication/syncPath.std.js';
import { queueNumberOf, type EncounterDoc } from '../../../sync/model/encounter.std.js';

const hcode = uniqueHcode();
let hub: Hub;
let gin: LinkProxy;
let lan: LinkProxy;
let relay: Relay;
const stations: { station: Station; prefix: string }[] = [];
const written = new Set<string>();
let card = 1;

function pathOf(station: Station): SyncPath | null {
  if (!(station.replicator instanceof HubFailover)) throw new Error('not a station with a hub');
  return station.replicator.path;
}

async function until(predicate: () => Promise<boolean> | boolean, what: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 25));
  }
  return Date.now() - started;
}

/** Registers one visit (a patient, an encounter, two readings) at a station; returns the ids it wrote. */
async function register(index: number): Promise<string[]> {
  const entry = stations[index];
  if (entry === undefined) throw new Error(`no station ${index}`);
  const ids = await writeVisits(entry.station, hcode, card, 1, entry.prefix);
  card += 1;
  for (const id of ids) written.add(id);
  return [...ids];
}

async function holds(station: Station, ids: readonly string[]): Promise<boolean> {
  const revs = await stationRevs(station);
  return ids.every((id) => revs.has(id));
}

const [desk, nurse] = [0, 1];
const station = (index: number): Station => {
  const entry = stations[index];
  if (entry === undefined) throw new Error(`no station ${index}`);
  return entry.station;
};

// On CouchDB (test:couchdb) the hub is a database of central's own server: no links to cut (hubProvision.test.ts runs there).
describe.skipIf(centralIsCouchDb())('two stations with a hub on the LAN', () => {
  beforeAll(async () => {
    hub = await startHub(hcode);
    gin = await linkProxy(Number(new URL(sharedCentralUrl()).port));
    lan = await linkProxy(hub.port);
    const admin = {
      url: sharedCentralUrl(),
      adminUser: CENTRAL_ADMIN.user,
      adminPassword: CENTRAL_ADMIN.password,
      hcode,
    };
    const accounts = [
      await provisionStation({ ...admin, station: 'desk', stationPassword: 'pw-desk' }),
      await provisionStation({ ...admin, station: 'nurse', stationPassword: 'pw-nurse' }),
    ];
    // The hub reaches central over GIN too: the relay's link is cut with the stations'.
    const provisioned = await provisionHub({
      ...hub.admin,
      centralUrl: gin.url,
      centralAdminUser: CENTRAL_ADMIN.user,
      centralAdminPassword: CENTRAL_ADMIN.password,
      hcode,
    });
    relay = await startRelay(hub, provisioned.replications);
    for (const account of accounts) {
      const station = await openStation({
        centralUrl: gin.url,
        hubUrl: lan.url,
        hcode,
        user: account.stationUser,
        password: account.stationPassword,
        label: account.queuePrefix,
        pathCheckMs: 500,
        requestTimeoutMs: 10_000,
      });
      stations.push({ station, prefix: account.queuePrefix });
      await station.replicator.start();
    }
  });

  afterAll(async () => {
    for (const { station } of stations) await station.close();
    await relay.stop();
    await gin.close();
    await lan.close();
    await hub.stop();
  });

  it('replicate over the hub while it answers', async () => {
    await until(
      () => stations.every(({ station: each }) => pathOf(each) === 'hub'),
      'both stations on the hub',
      10_000,
    );
  });

  it('GIN cut, LAN up: a patient registered at the front desk reaches the screening station over the hub within 5 s', async () => {
    gin.cut();
    const ids = await register(desk);
    const ms = await until(() => holds(station(nurse), ids), 'the visit at the nurse station', 5_000);
    const back = await register(nurse);
    const msBack = await until(() => holds(station(desk), back), 'the nurse station visit at the front desk', 5_000);
    console.log(`hub, GIN cut: front desk → screening ${ms} ms, screening → front desk ${msBack} ms`);
    expect(stations.map(({ station: each }) => pathOf(each))).toEqual(['hub', 'hub']);
    const onCentral = new Set((await centralDocs(sharedCentralUrl(), hcode)).map((doc) => doc._id));
    expect([...ids, ...back].filter((id) => onCentral.has(id))).toEqual([]);
  });

  it('LAN cut: both stations fall back to central and still meet there', async () => {
    // The hub has not relayed the GIN cut's visits yet: each station now holds the other's, which central
    // accepts only from their author (or the relay), so a station must not send them (nothing refused).
    await relay.pause();
    gin.restore();
    lan.cut();
    await until(
      () => stations.every(({ station: each }) => pathOf(each) === 'central'),
      'both stations on central',
      10_000,
    );
    const ids = await register(desk);
    const ms = await until(() => holds(station(nurse), ids), 'the visit at the nurse station over central', 20_000);
    console.log(`LAN cut: front desk → screening over central ${ms} ms`);
    for (const { station: each } of stations) await each.waitFor(upToDate, 'up to date with central');
    expect(stations.map(({ station: each }) => each.replicator.report().rejections)).toEqual([[], []]);
    relay.resume();
  });

  it('both cut: each station keeps registering; nothing is lost when the links return', async () => {
    gin.cut();
    const ids = [...(await register(desk)), ...(await register(nurse))];
    await station(desk).waitFor(
      (report) => report.pending > 0 && !upToDate(report),
      'the front desk holding what it could not send',
    );
    gin.restore();
    lan.restore();
    await until(
      () => stations.every(({ station: each }) => pathOf(each) === 'hub'),
      'both stations back on the hub',
      10_000,
    );
    await until(
      async () => (await holds(station(desk), ids)) && (await holds(station(nurse), ids)),
      'each station holding the other one’s visit',
      30_000,
    );
  });

  it('hub restarted: the stations go on over central meanwhile and come back to it', async () => {
    const restarting = hub.restart();
    const ids = await register(desk);
    await restarting;
    await until(() => holds(station(nurse), ids), 'the visit at the nurse station across the hub restart', 30_000);
    await until(
      () => stations.every(({ station: each }) => pathOf(each) === 'hub'),
      'both stations on the hub again',
      10_000,
    );
    const after = await register(nurse);
    await until(() => holds(station(desk), after), 'a visit over the restarted hub', 10_000);
  });

  it('everything reaches central once, and the hub and both stations agree with it', async () => {
    let central: CentralDoc[] = [];
    let held: Map<string, string>[] = [];
    await until(
      async () => {
        for (const { station: each } of stations) each.replicator.kick();
        held = await Promise.all(stations.map(({ station: each }) => stationRevs(each)));
        central = await centralDocs(sharedCentralUrl(), hcode);
        const ids = new Set(central.map((doc) => doc._id));
        return (
          disagreements(held).length === 0 &&
          [...written].every((id) => ids.has(id)) &&
          tally(union(held), central).lost === 0
        );
      },
      'central and the stations agreeing',
      60_000,
    );
    const onHub = await centralDocs(hub.admin.hubUrl, hcode);
    const counts = tally(union(held), central);
    const queueNumbers = central
      .filter((doc) => doc.resourceType === 'Encounter')
      .map((doc) => queueNumberOf(doc as unknown as EncounterDoc));
    console.log(
      `hub run: written=${written.size} central_docs=${central.length} hub_docs=${onHub.length} lost=${counts.lost} duplicated=${counts.duplicated} relay_passes=${relay.passes}`,
    );
    expect(counts).toMatchObject({ lost: 0, duplicated: 0 });
    expect(stations.map(({ station: each }) => each.replicator.report().rejections)).toEqual([[], []]);
    expect(new Set(queueNumbers).size).toBe(queueNumbers.length);
    expect(queueNumbers).toHaveLength(card - 1);
    await until(
      async () => tally(union(held), await centralDocs(hub.admin.hubUrl, hcode)).lost === 0,
      'the hub holding everything',
      30_000,
    );
  });
});
