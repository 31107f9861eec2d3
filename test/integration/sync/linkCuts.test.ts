// The GIN link cut at random points during replication, many times, on two stations at once (each through its
// own cuttable link): each cut lands after a seeded-random number of bytes, so mid-request or mid-answer, in
// either direction. Some visits are of the same person at both stations (conflicts settle under the cuts).
// At the end: nothing lost, nothing duplicated, every station and central agree. EDGE_TEST_SEED repeats a run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_ADMIN, provisionStation, linkProxy, sharedCentralUrl, type LinkProxy } from './centralServer.js';
import { openStation, uniqueHcode, type Station } from './station.js';
import {
  centralDocs,
  converge,
  disagreements,
  settledOnCentral,
  stationRevs,
  tally,
  union,
  upToDate,
} from './syncChecks.js';
import { writeVisits } from './visits.js';
import { seededRandom, testSeed } from '../../factories/seededRandom.js';

import type { ReplicationReport } from '../../../electron/contract/sync.std.js';

const hcode = uniqueHcode();
const seed = testSeed();
const CUTS = 24;
let stations: { station: Station; proxy: LinkProxy; prefix: string }[] = [];

beforeAll(async () => {
  for (const name of ['cut-a', 'cut-b']) {
    const account = await provisionStation({
      url: sharedCentralUrl(),
      adminUser: CENTRAL_ADMIN.user,
      adminPassword: CENTRAL_ADMIN.password,
      hcode,
      station: name,
      stationPassword: `pw-${name}`,
    });
    const proxy = await linkProxy(Number(new URL(sharedCentralUrl()).port));
    // Small batches: more requests per visit, so more places for a cut to land.
    const station = await openStation({
      centralUrl: proxy.url,
      hcode,
      user: account.stationUser,
      password: account.stationPassword,
      label: name,
      batchSize: 20,
    });
    stations.push({ station, proxy, prefix: account.queuePrefix });
  }
});
afterAll(async () => {
  for (const { station, proxy } of stations) {
    await station.close();
    await proxy.close();
  }
  stations = [];
});

const noticed = (report: ReplicationReport): boolean => report.state === 'offline' || report.state === 'error';

describe('link cut at random points during replication', () => {
  it(`loses and duplicates nothing over ${CUTS} cuts (seed ${seed})`, async () => {
    const random = seededRandom(seed);
    const written = new Set<string>();
    let upToDateWhileCut = 0;
    const watching = new Set<Station>();
    for (const { station } of stations) {
      station.replicator.onReport((report) => {
        if (watching.has(station) && report.state === 'up_to_date') upToDateWhileCut += 1;
      });
      await station.replicator.start();
    }
    let card = 1;
    let rounds = 0;
    const totalCuts = (): number => stations.reduce((sum, { proxy }) => sum + proxy.cuts, 0);
    while (totalCuts() < CUTS) {
      rounds += 1;
      if (rounds > CUTS * 3) throw new Error(`only ${totalCuts()} cuts landed in ${rounds} rounds`);
      // Both stations write; every fourth round they register the same people (a conflict for the rules).
      const shared = rounds % 4 === 0;
      const count = 3 + Math.floor(random() * 6);
      for (const [index, { station, prefix }] of stations.entries()) {
        const first = shared ? card : card + index * 1000 + 100_000;
        await writeVisits(station, hcode, first, count, prefix, written);
      }
      card += count;
      const target = stations[Math.floor(random() * stations.length)];
      if (target === undefined) throw new Error('no station');
      const offset = 1 + Math.floor(random() * 12_000);
      let landed = false;
      void target.proxy.cutAfter(offset).then(() => {
        landed = true;
      });
      for (const { station } of stations) station.replicator.kick();
      // The cut lands once that many bytes have crossed the link, or never if the station finished first.
      await target.station.waitFor((report) => landed || upToDate(report), 'the cut point or up to date');
      if (!landed) {
        target.proxy.disarm();
        continue;
      }
      await target.station.waitFor(noticed, `station noticed cut ${totalCuts()}`);
      // While its link is down the station keeps registering, tries again, and must not claim up to date.
      watching.add(target.station);
      await writeVisits(target.station, hcode, card + 500_000, 2, target.prefix, written);
      card += 2;
      target.station.replicator.kick();
      await target.station.waitFor((report) => noticed(report) && report.pending > 0, 'failed again while cut');
      watching.delete(target.station);
      target.proxy.restore();
      target.station.replicator.kick();
    }
    for (const { proxy } of stations) proxy.restore();
    const all = stations.map(({ station }) => station);
    await converge(
      all,
      async () => {
        const central = await centralDocs(sharedCentralUrl(), hcode);
        const held = await Promise.all(all.map((station) => stationRevs(station)));
        return (
          central.every(settledOnCentral) && disagreements(held).length === 0 && tally(union(held), central).lost === 0
        );
      },
      'after the cuts',
    );
    const held = await Promise.all(all.map((station) => stationRevs(station)));
    const central = await centralDocs(sharedCentralUrl(), hcode);
    const counts = tally(union(held), central);
    const centralIds = new Set(central.map((doc) => doc._id));
    const writtenLost = [...written].filter((id) => !centralIds.has(id)).length;
    const sent = all.reduce((sum, station) => sum + station.replicator.report().docsUp, 0);
    console.log(
      `link cuts: lost=${counts.lost + writtenLost} duplicated=${counts.duplicated} cuts=${totalCuts()} rounds=${rounds} written=${written.size} central_docs=${counts.docs} docs_sent=${sent} up_to_date_while_cut=${upToDateWhileCut} seed=${seed}`,
    );
    expect(totalCuts()).toBeGreaterThanOrEqual(CUTS);
    expect(writtenLost).toBe(0);
    expect(counts).toMatchObject({ lost: 0, duplicated: 0 });
    expect(disagreements(held)).toEqual([]);
    expect(upToDateWhileCut).toBe(0);
  });
});
