// What central enforces against a station of the hospital that misbehaves (station b, logged in with its own
// account), as the README promises: the contract, run against pouchdb-server here and against a real CouchDB 3
// by `npm run test:couchdb`. Each case was seen passing on central before these rules (issue 10, §5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_ADMIN, provisionStation, sharedCentralUrl } from './centralServer.js';
import { openStation, uniqueHcode, type Station } from './station.js';
import { upToDate } from './syncChecks.js';
import { provision } from '../../../sync/central/provision.node.js';
import { ProvisionError } from '../../../sync/central/adminCalls.node.js';
import { basicAuth, requestJson, type HttpAnswer } from '../../../sync/central/centralHttp.node.js';
import { databaseName, DEMO_TAG } from '../../../sync/central/designDocs.std.js';
import { newVisit } from '../../../sync/model/encounter.std.js';
import { patientFromCard } from '../../../sync/model/patient.std.js';
import { patientIdForCid } from '../../../sync/model/ids.std.js';
import { enteredInError, vitalSignObservations, type ObservationDoc } from '../../../sync/model/observation.std.js';
import { conflictArchive } from '../../../sync/model/auditEvent.std.js';
import { TEST_KEY, syntheticCard, testIdFactory } from '../../factories/fhirFixtures.js';
import { MAX_WORKING_SET_DAYS } from '../../../sync/replication/workingSet.std.js';
import { localDocIds, rawDb } from '../../factories/rawDatabase.js';

const hcode = uniqueHcode();
const at = '2025-06-01T08:00:00.000Z';
const admin = { url: sharedCentralUrl(), adminUser: CENTRAL_ADMIN.user, adminPassword: CENTRAL_ADMIN.password, hcode };
let stationA: { user: string; password: string };
let stationB: { user: string; password: string };

beforeAll(async () => {
  const a = await provisionStation({ ...admin, station: 'a' });
  const b = await provisionStation({ ...admin, station: 'b' });
  stationA = { user: a.stationUser, password: a.stationPassword };
  stationB = { user: b.stationUser, password: b.stationPassword };
});

function as(
  who: { user: string; password: string },
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<HttpAnswer> {
  return requestJson(`${sharedCentralUrl()}/${databaseName(hcode)}/${path}`, {
    method,
    body,
    headers: { Authorization: basicAuth(who.user, who.password) },
  });
}
const asA = (path: string, method?: string, body?: unknown): Promise<HttpAnswer> => as(stationA, path, method, body);
const asB = (path: string, method?: string, body?: unknown): Promise<HttpAnswer> => as(stationB, path, method, body);
const adminAuth = { user: CENTRAL_ADMIN.user, password: CENTRAL_ADMIN.password };

async function put(doc: { _id: string; _rev?: string }, who = stationA): Promise<string> {
  const answer = await as(who, encodeURIComponent(doc._id), 'PUT', doc);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return (answer.body as { rev: string }).rev;
}

/** The winning revision on central as the admin sees it (404 body when gone). */
async function winner(id: string): Promise<Record<string, unknown> & { _rev?: string; error?: string }> {
  return (await as(adminAuth, `${encodeURIComponent(id)}?conflicts=true`)).body as Record<string, unknown>;
}

/** A refusal of one document in `_bulk_docs` (a per-document error row) or of the whole request. */
function refused(answer: HttpAnswer): boolean {
  if (answer.status >= 400) return true;
  const rows = answer.body as { error?: string }[];
  return Array.isArray(rows) && rows.length > 0 && rows.every((row) => typeof row.error === 'string');
}

/** `_bulk_docs new_edits=false` with a made-up branch: no common ancestor, so CouchDB gives the rule oldDoc = null. */
function pushForeignBranch(doc: object, generation: number): Promise<HttpAnswer> {
  const ids = Array.from({ length: generation }, (_, index) => `${'f'.repeat(24)}${String(index).padStart(8, '0')}`);
  return asB('_bulk_docs', 'POST', {
    new_edits: false,
    docs: [{ ...doc, _rev: `${generation}-${ids[0] ?? ''}`, _revisions: { start: generation, ids } }],
  });
}

/** A conflict archive (an audit record) station A writes. */
function anArchive(): ReturnType<typeof conflictArchive> {
  return conflictArchive({
    id: testIdFactory(stationA.user)(),
    stationId: stationA.user,
    hcode,
    at,
    target: 'Patient/p1',
    losers: [{ a: 1 }],
    rule: 'patient-fieldwise',
  });
}

function heartRate(value: number): ObservationDoc {
  const [doc] = vitalSignObservations([{ code: '8867-4', value, unit: '/min' }], {
    patientId: 'p1',
    stationId: stationA.user,
    effective: at,
    at,
    newId: testIdFactory(stationA.user),
  });
  if (doc === undefined) throw new Error('no observation');
  return doc;
}

const bySource = (doc: { meta: object }, user: string): { meta: object } => ({
  meta: { ...doc.meta, source: `urn:clinic-edge:station:${user}` },
});

describe('deletes are checked like writes', () => {
  it("station b cannot delete station a's Patient or Encounter", async () => {
    const patient = patientFromCard(syntheticCard(901), {
      patientId: patientIdForCid(TEST_KEY, syntheticCard(901).cid),
      hcode,
      source: 'card',
      stationId: stationA.user,
      at,
    });
    const visit = newVisit({
      encounterId: testIdFactory(stationA.user)(),
      patientId: patient.id,
      hcode,
      stationId: stationA.user,
      at,
      queueNumber: 'A-001',
    });
    for (const doc of [patient, visit]) {
      const rev = await put(doc);
      const deleted = await asB(`${encodeURIComponent(doc._id)}?rev=${rev}`, 'DELETE');
      expect(deleted.status, JSON.stringify(deleted.body)).toBeGreaterThanOrEqual(400);
      expect(deleted.status).toBeLessThan(500);
      expect((await winner(doc._id))._rev).toBe(rev);
    }
  });

  it('a deletion carries a valid resourceType and nothing else', async () => {
    const arbitrary = await asB('totally-arbitrary-id', 'PUT', {
      _deleted: true,
      resourceType: 'Nope',
      padding: 'x'.repeat(2000),
    });
    expect(arbitrary.status).toBeGreaterThanOrEqual(400);
    const bulk = await asB('_bulk_docs', 'POST', {
      new_edits: false,
      docs: [
        {
          _id: 'totally-arbitrary-id-2',
          _rev: '1-abc',
          _deleted: true,
          resourceType: 'Nope',
          padding: 'x'.repeat(2000),
        },
      ],
    });
    expect(refused(bulk)).toBe(true);
    const padded = await asB('Device%2Fd-1', 'PUT', { _deleted: true, resourceType: 'Device', padding: 'x' });
    expect(padded.status).toBeGreaterThanOrEqual(400);
    // A deletion PUT as a new document: CouchDB answers 200, pouchdb-server 201.
    expect((await asB('Device%2Fd-2', 'PUT', { _deleted: true, resourceType: 'Device' })).status).toBeLessThan(300);
    expect((await winner('totally-arbitrary-id')).error).toBe('not_found');
  });
});

describe('observations and audit events are immutable', () => {
  it('a foreign branch with another value under the same id is refused', async () => {
    const original = heartRate(70);
    await put(original);
    const forged = await pushForeignBranch(
      { ...original, ...bySource(original, stationB.user), valueQuantity: { ...original.valueQuantity, value: 140 } },
      5,
    );
    expect(refused(forged), JSON.stringify(forged.body)).toBe(true);
    expect((await winner(original._id))['valueQuantity']).toEqual(original.valueQuantity);
  });

  it('a foreign branch cannot undo entered-in-error', async () => {
    const original = heartRate(71);
    const rev = await put(original);
    await put({ ...enteredInError(original, at, stationA.user), _rev: rev });
    const unmarked = await pushForeignBranch({ ...original, ...bySource(original, stationB.user) }, 7);
    expect(refused(unmarked), JSON.stringify(unmarked.body)).toBe(true);
    expect((await winner(original._id))['status']).toBe('entered-in-error');
  });

  it('entered-in-error changes only status and who/when, and the observation is never deleted nor recreated', async () => {
    const original = heartRate(72);
    const rev = await put(original);
    const noted = await asB(encodeURIComponent(original._id), 'PUT', {
      ...enteredInError(original, at, stationB.user),
      _rev: rev,
      note: [{ text: 'rewritten' }],
    });
    expect(noted.status).toBeGreaterThanOrEqual(400);
    const voidedRev = await put({ ...enteredInError(original, at, stationB.user), _rev: rev }, stationB);
    const deleted = await asB(`${encodeURIComponent(original._id)}?rev=${voidedRev}`, 'DELETE');
    expect(deleted.status).toBeGreaterThanOrEqual(400);
    const recreated = await asB(encodeURIComponent(original._id), 'PUT', {
      ...original,
      ...bySource(original, stationB.user),
      valueQuantity: { ...original.valueQuantity, value: 140 },
    });
    expect(recreated.status).toBeGreaterThanOrEqual(400);
    expect(await winner(original._id)).toMatchObject({
      status: 'entered-in-error',
      valueQuantity: original.valueQuantity,
    });
  });

  it('an audit event cannot be rewritten, on a foreign branch either', async () => {
    const archive = anArchive();
    await put(archive);
    const forged = await pushForeignBranch(
      { ...archive, ...bySource(archive, stationB.user), outcomeDesc: 'rewritten' },
      3,
    );
    expect(refused(forged)).toBe(true);
    expect((await winner(archive._id))['outcomeDesc']).toBe('patient-fieldwise');
  });
});

it('a revision central already holds, replicated again, is taken as a no-op, not refused', async () => {
  // A station's push can bring a revision another way already delivered (the hub's relay between the push's
  // _revs_diff and its _bulk_docs, or a station back on a path whose checkpoint is behind). CouchDB ignores a
  // replicated revision it holds; it must not run the rules as if the record were changed and list it refused.
  const reading = heartRate(71);
  const archive = anArchive();
  for (const doc of [reading, archive]) {
    const rev = await put(doc);
    const again = await asA('_bulk_docs', 'POST', {
      new_edits: false,
      docs: [{ ...doc, _rev: rev, _revisions: { start: 1, ids: [rev.slice(2)] } }],
    });
    expect(again.status).toBe(201);
    expect(
      (again.body as { error?: string }[]).filter((row) => row.error !== undefined),
      doc._id,
    ).toEqual([]);
    expect((await winner(doc._id))._rev).toBe(rev);
  }
});

it('central refuses records tagged demo', async () => {
  const visit = newVisit({
    encounterId: testIdFactory(stationB.user)(),
    patientId: 'p1',
    hcode,
    stationId: stationB.user,
    at,
    queueNumber: 'B-009',
  });
  const tagged = await asB(encodeURIComponent(visit._id), 'PUT', {
    ...visit,
    meta: { ...visit.meta, tag: [...(visit.meta.tag ?? []), DEMO_TAG] },
  });
  expect(tagged.status).toBeGreaterThanOrEqual(400);
  expect(JSON.stringify(tagged.body)).toMatch(/demo/);
});

describe('replication checkpoints', () => {
  let station: Station | undefined;
  afterAll(async () => {
    await station?.close();
  });

  it('a checkpoint forged on central by another station makes the station skip nothing', async () => {
    const a = await openStation({
      centralUrl: sharedCentralUrl(),
      hcode,
      user: stationA.user,
      password: stationA.password,
      label: 'checkpoint-a',
      batchSize: 10,
      workingSetDays: MAX_WORKING_SET_DAYS,
    });
    station = a;
    // The replication ids, as station b could list them on CouchDB (`_local_docs`): read here from the station's own store.
    await a.replicator.start();
    await a.store.save(
      newVisit({ encounterId: a.newId(), patientId: 'p1', hcode, stationId: a.user, at, queueNumber: 'A-101' }),
    );
    await a.waitFor((report) => upToDate(report) && report.docsUp >= 1, 'a first sync');
    await a.replicator.stop();
    const ids = (await localDocIds(a.store)).filter((id) => /^_local\/[A-Za-z0-9._]{20,}=*$/.test(id));
    expect(ids.length).toBe(2);

    // While a is stopped: b writes a visit on central, a writes one of its own, and b forges a's checkpoints.
    const fromB = newVisit({
      encounterId: testIdFactory(stationB.user)(),
      patientId: 'p1',
      hcode,
      stationId: stationB.user,
      at,
      queueNumber: 'B-101',
    });
    await put(fromB, stationB);
    const fromA = newVisit({
      encounterId: a.newId(),
      patientId: 'p1',
      hcode,
      stationId: a.user,
      at,
      queueNumber: 'A-102',
    });
    await a.store.save(fromA);
    const centralSeq = ((await asB('')).body as { update_seq: unknown }).update_seq;
    for (const id of ids) {
      const existing = (await asB(id)).body as { _rev?: string; session_id?: string; history?: unknown[] };
      const session = existing.session_id ?? 'forged-session';
      const forged = await asB(id, 'PUT', {
        ...existing,
        version: 1,
        replicator: 'pouchdb',
        session_id: session,
        last_seq: centralSeq,
        history: [{ last_seq: centralSeq, session_id: session }],
      });
      expect(forged.status, JSON.stringify(forged.body)).toBeLessThan(300);
    }

    await a.replicator.start();
    await a.waitFor((report) => upToDate(report), 'a after restart');
    a.replicator.kick();
    await a.waitFor((report) => upToDate(report), 'a after a kick');
    expect(
      (
        await rawDb(a.store)
          .get(fromB._id)
          .catch(() => null)
      )?._id,
    ).toBe(fromB._id);
    expect((await winner(fromA._id))._id).toBe(fromA._id);
  });
});

describe('provisioning again', () => {
  it('keeps an existing station its password unless asked to reset it', async () => {
    const kept = await provision({ ...admin, station: 'a' });
    expect(kept.stationPassword).toBeNull();
    expect((await asA('')).status).toBe(200);
    await expect(provision({ ...admin, station: 'a', stationPassword: 'not-its-password' })).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof ProvisionError &&
        error.code === 'provision_password_kept' &&
        /--reset-password/.test(error.message),
    );
    expect((await asA('')).status).toBe(200);
    const reset = await provision({ ...admin, station: 'a', resetPassword: true });
    expect(reset.stationPassword).toMatch(/.{16,}/);
    // CouchDB's authentication cache may take the old password a moment longer; pouchdb-server refuses it at once.
    await expect.poll(async () => (await asA('')).status, { timeout: 15_000, interval: 250 }).toBe(401);
    stationA = { ...stationA, password: reset.stationPassword ?? '' };
    expect((await asA('')).status).toBe(200);
  });
});
