// Issue 15 §2: a station pulls every Patient, but Encounters and Observations of the last N days only, filtered
// on central; what it wrote itself is pushed whatever its date; a wider window brings the older records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { provisionStation } from './centralServer.js';
import { provisionStations, sharedCentralUrl } from './centralServer.js';
import { openAccountStation, uniqueHcode, type Station } from './station.js';
import { centralDocs, upToDate } from './syncChecks.js';
import { patientIdForCid } from '../../../sync/model/ids.std.js';
import type { StoredDoc } from '../../../sync/model/documents.std.js';
import { TEST_KEY, syntheticCard } from '../../factories/fhirFixtures.js';
import { purgeOutsideWindow } from '../../../sync/replication/purge.dom.js';
import { remoteDatabase } from '../../../sync/replication/remote.dom.js';
import { basicAuth } from '../../../sync/central/centralHttp.node.js';
import { databaseName } from '../../../sync/central/designDocs.std.js';
import { rawDb } from '../../factories/rawDatabase.js';
import { datedVisit, idsOf } from '../../factories/sync/datedVisit.js';
import { fetchOlderObservations } from '../../../sync/replication/olderHistory.dom.js';
import { OLDER_HISTORY_INDEX, olderHistoryQuery } from '../../../sync/replication/olderHistory.std.js';

const hcode = uniqueHcode();
const DAY_MS = 86_400_000;
let accounts: Awaited<ReturnType<typeof provisionStation>>[];
const opened: Station[] = [];

const station = (index: number, label: string, workingSetDays?: number, dbName?: string): Promise<Station> =>
  openAccountStation(accounts[index], hcode, label, opened, {
    ...(workingSetDays === undefined ? {} : { workingSetDays }),
    ...(dbName === undefined ? {} : { dbName }),
  });

const visit = (writer: Station, n: number, daysAgo: number, queue: string): StoredDoc[] =>
  datedVisit(writer, hcode, n, daysAgo, queue);
const ids = idsOf;
async function held(at: Station, id: string): Promise<boolean> {
  return rawDb(at.store)
    .get(id)
    .then(
      () => true,
      () => false,
    );
}

beforeAll(async () => {
  accounts = await provisionStations(hcode, ['a', 'b'], 'ws');
});
afterAll(async () => {
  for (const each of opened) await each.close().catch(() => undefined);
});

describe('working set (30 days by default)', () => {
  it('pulls every patient and the recent visits, never the old ones; a station pushes its own old visit; a wider window brings the old ones', async () => {
    const a = await station(0, 'ws-a');
    const oldVisit = visit(a, 9101, 45, 'A-001');
    const newVisit2 = visit(a, 9102, 1, 'A-002');
    const oldPatientOnly = visit(a, 9103, 400, 'A-003');
    await a.store.saveAll([...oldVisit, ...newVisit2, ...oldPatientOnly]);
    await a.replicator.start();
    await a.waitFor(upToDate, 'a pushed');

    const b = await station(1, 'ws-b');
    // b wrote a visit 50 days old while it was offline: it goes up whatever the window.
    const bOwnOld = visit(b, 9104, 50, 'B-001');
    await b.store.saveAll(bOwnOld);
    await b.replicator.start();
    await b.waitFor(upToDate, 'b up to date');

    for (const docs of [oldVisit, newVisit2, oldPatientOnly])
      for (const id of ids(docs, 'Patient')) expect(await held(b, id), `patient ${id}`).toBe(true);
    for (const id of [...ids(newVisit2, 'Encounter'), ...ids(newVisit2, 'Observation')])
      expect(await held(b, id), `recent ${id}`).toBe(true);
    for (const id of [
      ...ids(oldVisit, 'Encounter'),
      ...ids(oldVisit, 'Observation'),
      ...ids(oldPatientOnly, 'Encounter'),
      ...ids(oldPatientOnly, 'Observation'),
    ]) {
      expect(await held(b, id), `old ${id} must not be pulled`).toBe(false);
    }
    const central = new Set((await centralDocs(sharedCentralUrl(), hcode)).map((doc) => doc._id));
    for (const doc of bOwnOld) expect(central.has(doc._id), `b's own ${doc._id} on central`).toBe(true);
    const report = b.replicator.report();
    // Down: a's three patients and its recent Encounter and Observation; nothing older.
    expect(report.docsDown).toBe(5);

    // IT widens the window to 60 days: the 45-day-old visit comes down, the 400-day-old one still does not.
    await b.replicator.stop();
    const wide = await station(1, 'ws-b-wide', 60, b.dbName);
    await wide.replicator.start();
    await wide.waitFor(upToDate, 'b with 60 days');
    for (const id of [...ids(oldVisit, 'Encounter'), ...ids(oldVisit, 'Observation')])
      expect(await held(wide, id), `45 days ${id}`).toBe(true);
    for (const id of [...ids(oldPatientOnly, 'Encounter'), ...ids(oldPatientOnly, 'Observation')])
      expect(await held(wide, id), `400 days ${id}`).toBe(false);
  });
});

describe('purging what left the window (issue 15 §3)', () => {
  it('never purges what central has not confirmed; purges the rest on the station only: central keeps it, nothing comes back', async () => {
    const account = accounts[0];
    if (account === undefined) throw new Error('not provisioned');
    const c = await station(0, 'purge-c');
    const remote = remoteDatabase(`${sharedCentralUrl()}/${databaseName(hcode)}`, {
      headers: { Authorization: basicAuth(account.stationUser, account.stationPassword) },
    });
    const old = visit(c, 9201, 45, 'A-101');
    const recent = visit(c, 9202, 2, 'A-102');
    await c.store.saveAll([...old, ...recent]);
    const oldClinical = [...ids(old, 'Encounter'), ...ids(old, 'Observation')];

    // Written offline, never pushed: outside the window but not on central, so kept.
    const offline = await purgeOutsideWindow({ store: c.store, remote, days: 30, now: new Date() });
    expect(offline).toMatchObject({ candidates: oldClinical.length, unconfirmed: oldClinical.length, purged: 0 });
    for (const id of oldClinical) expect(await held(c, id), `unsynced ${id}`).toBe(true);

    // Once central holds them, the purge that follows an up-to-date sync takes them off the station.
    await c.replicator.start();
    const report = await c.waitFor((each) => upToDate(each) && each.store?.lastPurge != null, 'c pushed and purged');
    const up = report.docsUp;
    expect(report.store?.lastPurge).toMatchObject({
      candidates: oldClinical.length,
      unconfirmed: 0,
      purged: oldClinical.length,
    });
    expect(report.store?.workingSetDays).toBe(30);
    for (const id of oldClinical) expect(await held(c, id), `purged ${id}`).toBe(false);
    for (const id of [
      ...ids(old, 'Patient'),
      ...ids(recent, 'Patient'),
      ...ids(recent, 'Encounter'),
      ...ids(recent, 'Observation'),
    ])
      expect(await held(c, id), `kept ${id}`).toBe(true);

    // The live sync carries on: no deletion goes up, nothing purged comes back down, central keeps every record.
    c.replicator.kick();
    await c.waitFor(upToDate, 'c after the purge');
    await c.store.save(visit(c, 9203, 0, 'A-103')[1] as StoredDoc);
    await c.waitFor((report) => upToDate(report) && report.docsUp === up + 1, 'c pushes a new visit after the purge');
    for (const id of oldClinical) expect(await held(c, id), `still purged ${id}`).toBe(false);
    const central = new Map((await centralDocs(sharedCentralUrl(), hcode)).map((doc) => [doc._id, doc]));
    for (const doc of old)
      expect(central.get(doc._id)?.resourceType, `central keeps ${doc._id}`).toBe(doc.resourceType);
    await remote.close();
  });
});

describe('older history read from central on demand (issue 15 §2)', () => {
  it('reads a patient’s observations from before the window through central’s index, keeps nothing, and takes only what was asked', async () => {
    const account = accounts[1];
    if (account === undefined) throw new Error('not provisioned');
    const writer = await station(0, 'older-writer');
    const old = visit(writer, 9301, 400, 'A-201');
    const older = visit(writer, 9301, 800, 'A-202');
    const other = visit(writer, 9302, 400, 'A-203');
    const recent = visit(writer, 9301, 1, 'A-204');
    await writer.store.saveAll([...old, ...older, ...other, ...recent]);
    await writer.replicator.start();
    await writer.waitFor(upToDate, 'writer pushed');

    const reader = await station(1, 'older-reader');
    await reader.replicator.start();
    await reader.waitFor(upToDate, 'reader up to date');
    const patientId = patientIdForCid(TEST_KEY, syntheticCard(9301).cid);
    const remote = remoteDatabase(`${sharedCentralUrl()}/${databaseName(hcode)}`, {
      headers: { Authorization: basicAuth(account.stationUser, account.stationPassword) },
    });
    const cutoff = new Date(Date.now() - 30 * DAY_MS).toISOString();
    const found = await fetchOlderObservations(remote, await reader.store.recordIdsOf(patientId), cutoff);
    // This patient's two old readings, newest first; not the other patient's, not the recent one.
    expect(found.map((doc) => doc._id)).toEqual([...ids(old, 'Observation'), ...ids(older, 'Observation')]);
    for (const doc of found) expect(await held(reader, doc._id), `never stored ${doc._id}`).toBe(false);
    // Central answered from the index provisioning made, not by scanning every document.
    // pouchdb-find's explain, which @types/pouchdb leaves out.
    const explain = (
      remote as unknown as { explain(query: object): Promise<{ index?: { ddoc?: string | null } }> }
    ).explain.bind(remote);
    const explained = await explain(olderHistoryQuery(patientId, cutoff));
    expect(explained.index?.ddoc).toBe(`_design/${OLDER_HISTORY_INDEX.ddoc}`);
    await remote.close();
  });
});
