// The renderer reloaded mid-replication, with a write in flight: the station's IndexedDB store is closed under
// the running replication at a seeded-random point of the push, then opened again by a new replicator (as
// after a page reload). Every write the store acknowledged reaches central once; nothing appears twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_ADMIN, provisionStation, sharedCentralUrl } from './centralServer.js';
import { openStation, uniqueHcode, type Station, type StationOptions } from './station.js';
import { centralDocs, stationRevs, tally, upToDate } from './syncChecks.js';
import { visitDocs, writeVisits } from './visits.js';
import { seededRandom, testSeed } from '../../factories/seededRandom.js';
import { StoreError } from '../../../sync/store/dataContext.dom.js';

const hcode = uniqueHcode();
const seed = testSeed() + 1;
const RELOADS = 6;
let options: StationOptions;
let station: Station;
let prefix = '';

beforeAll(async () => {
  const account = await provisionStation({
    url: sharedCentralUrl(),
    adminUser: CENTRAL_ADMIN.user,
    adminPassword: CENTRAL_ADMIN.password,
    hcode,
    station: 'reload',
    stationPassword: 'pw-reload',
  });
  prefix = account.queuePrefix;
  options = {
    centralUrl: sharedCentralUrl(),
    hcode,
    user: account.stationUser,
    password: account.stationPassword,
    label: 'reload',
    batchSize: 10,
  };
  station = await openStation(options);
});
afterAll(async () => {
  await station.close();
});

describe('page reload mid-replication', () => {
  it(`loses and duplicates nothing over ${RELOADS} reloads with a write in flight (seed ${seed})`, async () => {
    const random = seededRandom(seed);
    const acknowledged = new Set<string>();
    let card = 1;
    let inFlightFailed = 0;
    let inFlightCommitted = 0;
    let crashedMidPush = 0;
    await station.replicator.start();
    for (let reload = 0; reload < RELOADS; reload += 1) {
      await writeVisits(station, hcode, card, 20, prefix, acknowledged);
      card += 20;
      // Reload once the push has sent a random share of this round's 80 documents.
      const start = station.replicator.report().docsUp;
      const at = start + 1 + Math.floor(random() * 60);
      const current = station;
      const inFlight = [
        ...(await visitDocs(current, hcode, card, `${prefix}-${card}`)),
        ...(await visitDocs(current, hcode, card + 1, `${prefix}-${card + 1}`)),
      ];
      const reloaded = new Promise<void>((done) => {
        const off = current.replicator.onReport((report) => {
          if (report.docsUp < at) return;
          off();
          // A bulk write is started and the store closed in the same tick: it commits whole or fails whole.
          const write = current.store.saveAll(inFlight).then(
            (results) => {
              for (const result of results) if (!(result instanceof StoreError)) acknowledged.add(result.id);
              inFlightCommitted += 1;
            },
            () => {
              inFlightFailed += 1;
            },
          );
          crashedMidPush += report.pending > 0 ? 1 : 0;
          // Closed in the same tick, or a few promise turns later (the bulk write may then be under way).
          const turns = Math.floor(random() * 2) * (1 + Math.floor(random() * 30));
          const crashed = (async () => {
            for (let turn = 0; turn < turns; turn += 1) await Promise.resolve();
            await current.crash();
          })();
          void Promise.all([crashed, write]).then(() => done());
        });
      });
      current.replicator.kick();
      await reloaded;
      card += 2;
      station = await openStation({ ...options, dbName: current.dbName });
      const held = await stationRevs(station);
      // All or nothing: the in-flight write's documents are either all here or none.
      expect([0, inFlight.length]).toContain(inFlight.filter((doc) => held.has(doc._id)).length);
      const missing = [...acknowledged].filter((id) => !held.has(id));
      expect(missing, 'acknowledged writes survive the reload').toEqual([]);
      await station.replicator.start();
    }
    await station.waitFor(upToDate, 'up to date after the last reload', 60_000);
    const central = await centralDocs(sharedCentralUrl(), hcode);
    const centralIds = new Set(central.map((doc) => doc._id));
    const lostAcknowledged = [...acknowledged].filter((id) => !centralIds.has(id)).length;
    const counts = tally(await stationRevs(station), central);
    console.log(
      `reload: lost=${counts.lost + lostAcknowledged} duplicated=${counts.duplicated} reloads=${RELOADS} mid_push=${crashedMidPush} acknowledged=${acknowledged.size} in_flight_writes_committed=${inFlightCommitted} in_flight_writes_failed=${inFlightFailed} central_docs=${counts.docs} docs_sent=${station.replicator.report().docsUp} seed=${seed}`,
    );
    expect(lostAcknowledged).toBe(0);
    expect(counts).toMatchObject({ lost: 0, duplicated: 0 });
  });
});
