// Issue 15 §2, §4: a new station reads its working set by index (every Patient by id range, the window's
// visits through central's Mango indexes) and starts the filtered pull from the sequence it noted first, so it
// never reads central's changes feed from the start; what central gets meanwhile still arrives; a link cut in
// the middle of the read is read again; a restart does not read again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { provisionStation } from './centralServer.js';
import { provisionStations, sharedCentralUrl } from './centralServer.js';
import { openAccountStation, uniqueHcode, type Station } from './station.js';
import { centralDocs, stationRevs, upToDate } from './syncChecks.js';
import type { StoredDoc } from '../../../sync/model/documents.std.js';
import { datedVisit, idsOf } from '../../factories/sync/datedVisit.js';
import type { ReplicationReport } from '../../../electron/contract/sync.std.js';
import { DataContext } from '../../../sync/store/dataContext.dom.js';
import { initialPull } from '../../../sync/replication/initialPull.dom.js';
import { inWorkingSet } from '../../../sync/replication/workingSet.std.js';
import { remoteDatabase } from '../../../sync/replication/remote.dom.js';
import { basicAuth } from '../../../sync/central/centralHttp.node.js';
import { databaseName } from '../../../sync/central/designDocs.std.js';
import { rawDb } from '../../factories/rawDatabase.js';
import { uniqueDbName } from '../../factories/idbShims.js';

const hcode = uniqueHcode();
let accounts: Awaited<ReturnType<typeof provisionStation>>[];
const opened: Station[] = [];

/** Records every request's method and URL; `before` may act on (or fail) a request before it is sent. */
function recordingFetch(before?: (url: URL, method: string) => Promise<void>): {
  fetchImpl: typeof fetch;
  requests: { method: string; url: URL }[];
} {
  const requests: { method: string; url: URL }[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    requests.push({ method, url });
    await before?.(url, method);
    return fetch(input, init);
  };
  return { fetchImpl, requests };
}

const station = (index: number, label: string, extra: { fetchImpl?: typeof fetch; dbName?: string } = {}) =>
  openAccountStation(accounts[index], hcode, label, opened, extra);

/** The store's records (its own index design documents aside), id → winning rev. */
async function records(store: DataContext): Promise<Map<string, string>> {
  const rows = (await rawDb(store).allDocs()).rows.filter((row) => !row.id.startsWith('_design/'));
  return new Map(rows.map((row) => [row.id, row.value.rev]));
}

const changesSince = (requests: readonly { url: URL }[]): (string | null)[] =>
  requests
    .filter((request) => request.url.pathname.endsWith('/_changes'))
    .map((request) => request.url.searchParams.get('since'));
const count = (requests: readonly { url: URL }[], path: string): number =>
  requests.filter((request) => request.url.pathname.endsWith(path)).length;

beforeAll(async () => {
  accounts = await provisionStations(hcode, ['w', 'n1', 'n2', 'n3'], 'ip');
});
afterAll(async () => {
  for (const each of opened) await each.close().catch(() => undefined);
});

describe('a new station reads its window by index', () => {
  let writer: Station;
  let history: StoredDoc[];

  beforeAll(async () => {
    writer = await station(0, 'ip-writer');
    history = [];
    for (let n = 0; n < 8; n += 1) history.push(...datedVisit(writer, hcode, 9400 + n, n % 2 === 0 ? 2 : 45, `W-${n}`));
    history.push(...datedVisit(writer, hcode, 9420, 400, 'W-old'));
    await writer.store.saveAll(history);
    await writer.replicator.start();
    await writer.waitFor(upToDate, 'the writer pushed the history');
  });

  it('holds every patient and the window’s visits at central’s revisions, and never reads the feed from its start', async () => {
    const recorded = recordingFetch();
    const fresh = await station(1, 'ip-new', { fetchImpl: recorded.fetchImpl });
    // Background warm-ups are held from the read until the sync after it is verified (the index's catch-up over
    // every record read would race the verification): the hold's release comes with the first up_to_date.
    const events: string[] = [];
    const hold = fresh.store.holdWarmUps.bind(fresh.store);
    fresh.store.holdWarmUps = () => {
      events.push('hold');
      const release = hold();
      return () => {
        events.push('release');
        release();
      };
    };
    const warm = fresh.store.warmIndexes.bind(fresh.store);
    fresh.store.warmIndexes = () => {
      events.push('warm');
      return warm();
    };
    fresh.replicator.onReport((each) => {
      events.push(each.state);
      // As the app's runner does when documents came down.
      if (each.docsDown > 0) fresh.store.requestWarm();
    });
    await fresh.replicator.start();
    const report = await fresh.waitFor(upToDate, 'the new station up to date');
    await expect.poll(() => events.includes('warm')).toBe(true);
    const held = events.slice(events.indexOf('hold'));
    expect(held.filter((event) => event === 'release')).toHaveLength(1);
    expect(held.indexOf('warm')).toBeGreaterThan(held.indexOf('up_to_date'));

    const central = await centralDocs(sharedCentralUrl(), hcode);
    const stored = await stationRevs(fresh);
    const cutoff = new Date(Date.now() - 31 * 86_400_000).toISOString();
    const expected = central.filter(
      (doc) =>
        doc.resourceType === 'Patient' ||
        (doc.resourceType === 'Encounter' && String((doc['period'] as { start?: string }).start) >= cutoff) ||
        (doc.resourceType === 'Observation' && String(doc['effectiveDateTime']) >= cutoff),
    );
    expect(expected.filter((doc) => doc.resourceType === 'Encounter')).toHaveLength(4);
    for (const doc of expected) expect(stored.get(doc._id), doc._id).toBe(doc._rev);
    // Nothing older than the window: the 45- and 400-day visits stay on central.
    expect([...stored.keys()].filter((id) => !id.startsWith('Patient/')).sort()).toEqual(
      expected
        .filter((doc) => doc.resourceType !== 'Patient')
        .map((doc) => doc._id)
        .sort(),
    );
    expect(count(recorded.requests, '/_all_docs')).toBeGreaterThan(0);
    // One query each for the window's visits and readings (CouchDB adds one empty page each to end its listing).
    expect(count(recorded.requests, '/_find')).toBeGreaterThanOrEqual(2);
    // The filtered pull starts where the read began: never at 0 (the whole history of the hospital).
    const sinces = changesSince(recorded.requests);
    expect(sinces.length).toBeGreaterThan(0);
    for (const since of sinces)
      expect(since === null || since === '0' ? 'from the start' : 'from the noted sequence').toBe(
        'from the noted sequence',
      );
    expect(report.docsUp).toBe(0);
    expect(report.docsDown).toBeGreaterThanOrEqual(expected.length);

    // Started again (the app restarted): the checkpoint carries on; nothing is read by index again.
    await fresh.replicator.stop();
    const again = recordingFetch();
    const reopened = await station(1, 'ip-new-again', { fetchImpl: again.fetchImpl, dbName: fresh.dbName });
    await reopened.replicator.start();
    await reopened.waitFor(upToDate, 'the restarted station up to date');
    expect(count(again.requests, '/_all_docs')).toBe(0);
    expect(count(again.requests, '/_find')).toBe(0);
    await reopened.replicator.stop();
  });

  it('a link cut during the read is read again; what central got meanwhile arrives through the feed', async () => {
    let finds = 0;
    let latest: StoredDoc[] = [];
    const states: ReplicationReport['state'][] = [];
    const recorded = recordingFetch(async (url) => {
      if (!url.pathname.endsWith('/_find')) return;
      finds += 1;
      // The first read of the visits fails as a dropped link does.
      if (finds === 1) throw new TypeError('fetch failed');
      // During the second try, central gets a new patient and visit before the observations are read.
      if (finds === 3) {
        latest = datedVisit(writer, hcode, 9440, 0, 'W-late');
        await writer.store.saveAll(latest);
        await writer.waitFor(upToDate, 'the writer pushed the late visit');
      }
    });
    const fresh = await station(2, 'ip-cut', { fetchImpl: recorded.fetchImpl });
    fresh.replicator.onReport((report) => states.push(report.state));
    await fresh.replicator.start();
    await fresh.waitFor(upToDate, 'the station up to date after the cut', 60_000);

    expect(states).toContain('offline');
    expect(finds).toBeGreaterThanOrEqual(3);
    expect(latest.length).toBeGreaterThan(0);
    const held = await stationRevs(fresh);
    const central = new Map((await centralDocs(sharedCentralUrl(), hcode)).map((doc) => [doc._id, doc._rev]));
    for (const id of [...idsOf(latest, 'Patient'), ...idsOf(latest, 'Encounter'), ...idsOf(latest, 'Observation')])
      expect(held.get(id), id).toBe(central.get(id));
    for (const id of idsOf(history, 'Patient')) expect(held.get(id), id).toBe(central.get(id));
    for (const since of changesSince(recorded.requests)) expect(since).not.toBe('0');
  });

  it('a patient registered at the station during the read goes up; what the read stored is not pushed', async () => {
    let own: StoredDoc[] = [];
    let registering: Promise<unknown> | null = null;
    let fresh: Station | null = null;
    const recorded = recordingFetch(async (url) => {
      // The front desk registers a patient while the window is being read.
      if (url.pathname.endsWith('/_find') && registering === null && fresh !== null) {
        own = datedVisit(fresh, hcode, 9460, 0, 'N-001');
        registering = fresh.store.saveAll(own);
        await registering;
      }
    });
    fresh = await station(3, 'ip-own', { fetchImpl: recorded.fetchImpl });
    await fresh.replicator.start();
    const report = await fresh.waitFor(upToDate, 'the station up to date with its own registration', 60_000);
    expect(own.length).toBeGreaterThan(0);
    const central = new Map((await centralDocs(sharedCentralUrl(), hcode)).map((doc) => [doc._id, doc._rev]));
    for (const doc of own) expect(central.has(doc._id), doc._id).toBe(true);
    // Only its own records went up (central refuses another station's anyway; none was even offered).
    expect(report.docsUp).toBe(own.length);
    expect(report.rejections).toEqual([]);
  });

  it('reads page after page (by skip on pouchdb-server, by bookmark on CouchDB) and stores each document once', async () => {
    const store = await DataContext.open(uniqueDbName('ip-pages'));
    const account = accounts[1];
    if (account === undefined) throw new Error('not provisioned');
    const remote = remoteDatabase(`${sharedCentralUrl()}/${databaseName(hcode)}`, {
      headers: { Authorization: basicAuth(account.stationUser, account.stationPassword) },
    });
    try {
      const since = new Date(Date.now() - 30 * 86_400_000).toISOString();
      const pages: number[] = [];
      const read = await initialPull({
        store,
        remote,
        since,
        pageSize: 3,
        onPage: (page) => pages.push(page.stored.length),
      });
      const held = await records(store);
      const expected = (await centralDocs(sharedCentralUrl(), hcode)).filter((doc) => inWorkingSet(doc, since));
      expect(pages.length).toBeGreaterThan(4);
      expect(Math.max(...pages)).toBe(3);
      expect(read.docs).toBe(expected.length);
      expect(held.size).toBe(expected.length);
      for (const doc of expected) expect(held.get(doc._id), doc._id).toBe(doc._rev);
      // Read again (a retry after a cut): the same revisions, nothing added.
      await initialPull({ store, remote, since, pageSize: 3 });
      expect((await records(store)).size).toBe(expected.length);
    } finally {
      await remote.close();
      await store.destroy();
    }
  });
});
