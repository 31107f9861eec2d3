// The link returns and nobody kicks the replicator (main's probe missed the moment, or its kick came while
// the replicator was still busy): the station must still come to "up to date" by itself. Before, a live sync
// that resumed under PouchDB's own retry paused at the end with the other direction's error from the cut,
// the dashboard said "offline" on a working link, and nothing ever checked again (bench:sync waited 25 minutes).
// Seeded cut points (EDGE_TEST_SEED repeats a run), each landing mid-push at a random byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_ADMIN, provisionStation, linkProxy, sharedCentralUrl, type LinkProxy } from './centralServer.js';
import { openStation, uniqueHcode, type Station } from './station.js';
import { centralDocs, stationRevs, tally, upToDate } from './syncChecks.js';
import { writeVisits } from './visits.js';
import { seededRandom, testSeed } from '../../factories/seededRandom.js';
import type { ReplicationReport } from '../../../electron/contract/sync.std.js';

const hcode = uniqueHcode();
const seed = testSeed();
const CUTS = 6;
/**
 * After the link returns the station pushes what it wrote while cut (a few seconds here) and must then say
 * "up to date" without waiting for the other direction's retry, which PouchDB backs off to 30 s.
 */
const SELF_RECOVERY_MS = 20_000;
let station: Station | null = null;
let proxy: LinkProxy | null = null;
let prefix = '';

beforeAll(async () => {
  const account = await provisionStation({
    url: sharedCentralUrl(),
    adminUser: CENTRAL_ADMIN.user,
    adminPassword: CENTRAL_ADMIN.password,
    hcode,
    station: 'nokick',
    stationPassword: 'pw-nokick',
  });
  proxy = await linkProxy(Number(new URL(sharedCentralUrl()).port));
  station = await openStation({
    centralUrl: proxy.url,
    hcode,
    user: account.stationUser,
    password: account.stationPassword,
    label: 'nokick',
    batchSize: 20,
  });
  prefix = account.queuePrefix;
});
afterAll(async () => {
  await station?.close();
  await proxy?.close();
});

const noticed = (report: ReplicationReport): boolean => report.state === 'offline' || report.state === 'error';

describe('link returns with no kick', () => {
  it(
    `comes up to date by itself after each of ${CUTS} cuts (seed ${seed})`,
    { timeout: CUTS * (SELF_RECOVERY_MS + 60_000) },
    async () => {
      if (station === null || proxy === null) throw new Error('not set up');
      const random = seededRandom(seed);
      const written = new Set<string>();
      await station.replicator.start();
      let card = 1;
      let cuts = 0;
      for (let round = 0; cuts < CUTS; round += 1) {
        if (round > CUTS * 4) throw new Error(`only ${cuts} cuts landed in ${round} rounds`);
        await writeVisits(station, hcode, card, 30, prefix, written);
        card += 30;
        let landed = false;
        void proxy.cutAfter(1 + Math.floor(random() * 20_000)).then(() => {
          landed = true;
        });
        station.replicator.kick();
        await station.waitFor((report) => landed || upToDate(report), 'the cut point or up to date', 60_000);
        if (!landed) {
          proxy.disarm();
          continue;
        }
        cuts += 1;
        await station.waitFor(noticed, `noticed cut ${cuts}`, 60_000);
        // Down long enough for PouchDB's own retries to back off (1, 2, 4 s…), with visits registered meanwhile so
        // the push that resumes under its retry outlasts the other direction's back-off; then back, no kick.
        await writeVisits(station, hcode, card + 500_000, 60, prefix, written);
        card += 60;
        await new Promise((done) => setTimeout(done, 5_000 + Math.floor(random() * 4_000)));
        proxy.restore();
        await station.waitFor(upToDate, `up to date by itself after cut ${cuts}`, SELF_RECOVERY_MS);
      }
      const counts = tally(await stationRevs(station), await centralDocs(sharedCentralUrl(), hcode));
      console.log(
        `link return without kick: cuts=${cuts} written=${written.size} lost=${counts.lost} duplicated=${counts.duplicated} seed=${seed}`,
      );
      expect(counts).toMatchObject({ lost: 0, duplicated: 0 });
    },
  );
});
