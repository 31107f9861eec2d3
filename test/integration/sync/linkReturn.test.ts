// The link returns while the replicator is busy: main's probe kicks it the moment the link answers, IT presses
// "sync now" again and again, and a verify push (the one-shot push that proves "up to date") may be running
// just then. Every document must still cross the link once: none sent again after central acknowledged it,
// none sent by two pushes at once. Counted on the wire (_bulk_docs bodies), as bench:sync does at 80,000.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_ADMIN, provisionStation, linkProxy, sharedCentralUrl, type LinkProxy } from './centralServer.js';
import { openStation, uniqueHcode, type Station } from './station.js';
import { centralDocs, stationRevs, tally, upToDate } from './syncChecks.js';
import { writeVisits } from './visits.js';
import { countingFetch, newWireCount, sentAgain } from '../../bench/sync/wireCount.node.js';
import { rawDb } from '../../factories/rawDatabase.js';

const hcode = uniqueHcode();
const VISITS = 200;
const ROUNDS = 3;
const count = newWireCount();
let station: Station | null = null;
let proxy: LinkProxy | null = null;
let prefix = '';

beforeAll(async () => {
  const account = await provisionStation({
    url: sharedCentralUrl(),
    adminUser: CENTRAL_ADMIN.user,
    adminPassword: CENTRAL_ADMIN.password,
    hcode,
    station: 'return',
    stationPassword: 'pw-return',
  });
  proxy = await linkProxy(Number(new URL(sharedCentralUrl()).port));
  station = await openStation({
    centralUrl: proxy.url,
    hcode,
    user: account.stationUser,
    password: account.stationPassword,
    label: 'return',
    batchSize: 50,
    fetchImpl: countingFetch(count),
  });
  prefix = account.queuePrefix;
});
afterAll(async () => {
  await station?.close();
  await proxy?.close();
});

/** Calls `onStart` whenever the station starts a one-shot push (the replicator's verify run). */
function onOneShotPush(target: Station, onStart: () => void): void {
  const replicate = rawDb(target.store).replicate as { to: (...args: unknown[]) => unknown };
  const original = replicate.to.bind(replicate);
  replicate.to = (...args: unknown[]) => {
    const run = original(...args);
    onStart();
    return run;
  };
}

async function until(predicate: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, 5));
  }
  return true;
}

describe('link return while a push is running', () => {
  it('sends every document once however often it is kicked', { timeout: 150_000 }, async () => {
    if (station === null || proxy === null) throw new Error('not set up');
    const target = station;
    const link = proxy;
    /** The link is down and the station has said so: the next verify push brings it back. */
    let down = false;
    let kicks = 0;
    const kick = (): void => {
      kicks += 1;
      target.replicator.kick();
    };
    // The race bench:sync once lost half its documents to: the link comes back just as a verify push (the
    // one-shot push that proves "up to date") starts, so that push runs, and main's probe then kicks.
    onOneShotPush(target, () => {
      if (down) link.restore();
      down = false;
    });
    await target.replicator.start();
    const written = new Set<string>();
    for (let round = 0; round < ROUNDS; round += 1) {
      const before = count.delivered.size;
      await writeVisits(target, hcode, 1 + round * VISITS, VISITS, prefix, written);
      target.replicator.kick();
      await target.waitFor(
        () => count.delivered.size >= before + (written.size - before) / 3,
        `round ${round}: a third sent`,
      );
      link.cut();
      await target.waitFor(
        (report) => report.state === 'offline' || report.state === 'error',
        `round ${round}: the cut noticed`,
      );
      down = true;
      // A replicator that starts no verify push on a dead link gets its link back after 2 s anyway.
      await until(() => !down, 2_000);
      if (down) link.restore();
      down = false;
      await until(() => count.inFlight.size > 0 || upToDate(target.replicator.report()), 10_000);
      kick();
      // Then IT presses "sync now" over and over.
      const storm = setInterval(kick, 40);
      try {
        await target.waitFor(upToDate, `round ${round}: up to date after the link returned`, 120_000);
      } finally {
        clearInterval(storm);
      }
    }
    const central = await centralDocs(sharedCentralUrl(), hcode);
    const counts = tally(await stationRevs(target), central);
    const retried = sentAgain(count) - count.duplicates - count.concurrent;
    console.log(
      `link return: lost=${counts.lost} duplicated=${counts.duplicated} sent_after_ack=${count.duplicates} sent_by_two_pushes=${count.concurrent} resent_after_failed_request=${retried} documents=${written.size} cuts=${ROUNDS} kicks=${kicks}`,
    );
    expect(counts).toMatchObject({ lost: 0, duplicated: 0 });
    expect(count.duplicates).toBe(0);
    expect(count.concurrent).toBe(0);
  });
});
