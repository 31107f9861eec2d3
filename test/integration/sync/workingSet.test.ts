// Issue 15 §2: a station pulls every Patient, but Encounters and Observations of the last N days only, filtered
// on central; what it wrote itself is pushed whatever its date; a wider window brings the older records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_ADMIN, provisionStation, sharedCentralUrl } from './centralServer.js';
import { openStation, uniqueHcode, type Station } from './station.js';
import { centralDocs, upToDate } from './syncChecks.js';
import { patientFromCard } from '../../../sync/model/patient.std.js';
import { newVisit } from '../../../sync/model/encounter.std.js';
import { vitalSignObservations } from '../../../sync/model/observation.std.js';
import { patientIdForCid } from '../../../sync/model/ids.std.js';
import type { StoredDoc } from '../../../sync/model/documents.std.js';
import { TEST_KEY, syntheticCard } from '../../factories/fhirFixtures.js';

const hcode = uniqueHcode();
const DAY_MS = 86_400_000;
let accounts: Awaited<ReturnType<typeof provisionStation>>[];
const opened: Station[] = [];

async function station(index: number, label: string, workingSetDays?: number, dbName?: string): Promise<Station> {
  const account = accounts[index];
  if (account === undefined) throw new Error('not provisioned');
  const opening = await openStation({ centralUrl: sharedCentralUrl(), hcode, user: account.stationUser, password: account.stationPassword, label, ...(workingSetDays === undefined ? {} : { workingSetDays }), ...(dbName === undefined ? {} : { dbName }) });
  opened.push(opening);
  return opening;
}

/** A visit (Encounter and one Observation) of card `n`, `daysAgo` days before now, with the patient. */
function visit(writer: Station, n: number, daysAgo: number, queue: string): StoredDoc[] {
  const card = syntheticCard(n);
  const patientId = patientIdForCid(TEST_KEY, card.cid);
  const at = new Date(Date.now() - daysAgo * DAY_MS).toISOString();
  const encounterId = writer.newId();
  return [
    patientFromCard(card, { patientId, hcode, stationId: writer.user, at, source: 'card' }),
    newVisit({ encounterId, patientId, hcode, stationId: writer.user, at, queueNumber: queue }),
    ...vitalSignObservations([{ code: '8867-4', value: 70, unit: '/min' }], { patientId, encounterId, stationId: writer.user, effective: at, at, newId: writer.newId }),
  ];
}

const ids = (docs: readonly StoredDoc[], type: string): string[] => docs.filter((doc) => doc.resourceType === type).map((doc) => doc._id);
async function held(at: Station, id: string): Promise<boolean> {
  return at.store.db.get(id).then(() => true, () => false);
}

beforeAll(async () => {
  accounts = [];
  for (const name of ['a', 'b']) accounts.push(await provisionStation({ url: sharedCentralUrl(), adminUser: CENTRAL_ADMIN.user, adminPassword: CENTRAL_ADMIN.password, hcode, station: name, stationPassword: `pw-${name}-ws` }));
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

    for (const docs of [oldVisit, newVisit2, oldPatientOnly]) for (const id of ids(docs, 'Patient')) expect(await held(b, id), `patient ${id}`).toBe(true);
    for (const id of [...ids(newVisit2, 'Encounter'), ...ids(newVisit2, 'Observation')]) expect(await held(b, id), `recent ${id}`).toBe(true);
    for (const id of [...ids(oldVisit, 'Encounter'), ...ids(oldVisit, 'Observation'), ...ids(oldPatientOnly, 'Encounter'), ...ids(oldPatientOnly, 'Observation')]) {
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
    for (const id of [...ids(oldVisit, 'Encounter'), ...ids(oldVisit, 'Observation')]) expect(await held(wide, id), `45 days ${id}`).toBe(true);
    for (const id of [...ids(oldPatientOnly, 'Encounter'), ...ids(oldPatientOnly, 'Observation')]) expect(await held(wide, id), `400 days ${id}`).toBe(false);
  });
});
