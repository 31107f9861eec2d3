import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CENTRAL_ADMIN, linkProxy, provisionStation, sharedCentralUrl, type LinkProxy } from './centralServer.js';
import { openStation, uniqueHcode, type Station } from './station.js';
type ProvisionResult = Awaited<ReturnType<typeof provisionStation>>;
import { basicAuth, requestJson } from '../../../sync/central/centralHttp.node.js';
import { patientFromCard } from '../../../sync/model/patient.std.js';
import { newVisit } from '../../../sync/model/encounter.std.js';
import { vitalSignObservations } from '../../../sync/model/observation.std.js';
import { patientIdForCid } from '../../../sync/model/ids.std.js';
import { archivedRevisions, type AuditEventDoc } from '../../../sync/model/auditEvent.std.js';
import { readFieldTimes } from '../../../sync/model/meta.std.js';
import { TEST_KEY, syntheticCard } from '../../factories/fhirFixtures.js';
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
import { settledConflict } from '../../../sync/replication/conflictRules.std.js';
import { combinedState } from '../../../sync/replication/linkPolicy.std.js';
import { MAX_WORKING_SET_DAYS } from '../../../sync/replication/workingSet.std.js';
import { rawDb } from '../../factories/rawDatabase.js';

const hcode = uniqueHcode();
/** The visits here are dated 2025: a window that reaches them. */
const HISTORICAL_DAYS = MAX_WORKING_SET_DAYS;
let proxy: LinkProxy;
let a: Station;
let b: Station;
let accounts: ProvisionResult[];
const admin = { Authorization: basicAuth(CENTRAL_ADMIN.user, CENTRAL_ADMIN.password) };

beforeAll(async () => {
  const central = sharedCentralUrl();
  accounts = [];
  for (const station of ['a', 'b'])
    accounts.push(
      await provisionStation({
        url: central,
        adminUser: CENTRAL_ADMIN.user,
        adminPassword: CENTRAL_ADMIN.password,
        hcode,
        station,
        stationPassword: `pw-${station}-test`,
      }),
    );
  proxy = await linkProxy(Number(new URL(central).port));
  const [accA, accB] = accounts;
  if (accA === undefined || accB === undefined) throw new Error('not provisioned');
  a = await openStation({
    centralUrl: proxy.url,
    hcode,
    user: accA.stationUser,
    password: accA.stationPassword,
    label: 'a',
    workingSetDays: HISTORICAL_DAYS,
  });
  b = await openStation({
    centralUrl: proxy.url,
    hcode,
    user: accB.stationUser,
    password: accB.stationPassword,
    label: 'b',
    workingSetDays: HISTORICAL_DAYS,
  });
});
afterAll(async () => {
  await a.close();
  await b.close();
  await proxy.close();
});

async function centralDoc<T>(id: string, query = ''): Promise<T> {
  const answer = await requestJson(`${sharedCentralUrl()}/clinic_${hcode}/${encodeURIComponent(id)}${query}`, {
    headers: admin,
  });
  return answer.body as T;
}

// Needs the pouchdb-validation patch (patches/): unpatched, pouchdb-server dropped the second station's
// revision with `201 []` (validate_doc_update overwrote its _revisions with the stored revision's history).
describe('two stations register the same card offline, then the link returns', () => {
  it('central holds one patient, both visits, the later card read per field, and the losing revision archived', async () => {
    proxy.cut();
    await a.replicator.start();
    await b.replicator.start();
    const card = syntheticCard(501);
    const patientId = patientIdForCid(TEST_KEY, card.cid);
    const base = { patientId, hcode, source: 'card' as const };
    // Station A reads the card first; station B reads it an hour later with a new address on the card.
    const atA = '2025-06-01T08:00:00.000Z';
    const atB = '2025-06-01T09:00:00.000Z';
    await a.store.save(patientFromCard(card, { ...base, stationId: a.user, at: atA, hn: 'HN-A' }));
    await b.store.save(
      patientFromCard(
        { ...card, address: { ...card.address, houseNo: '77' } },
        { ...base, stationId: b.user, at: atB },
      ),
    );
    for (const [station, prefix, at] of [
      [a, 'A', atA],
      [b, 'B', atB],
    ] as const) {
      const encounterId = station.newId();
      await station.store.save(
        newVisit({ encounterId, patientId, hcode, stationId: station.user, at, queueNumber: `${prefix}-001` }),
      );
      await station.store.saveAll(
        vitalSignObservations([{ code: '8867-4', value: 70, unit: '/min' }], {
          patientId,
          encounterId,
          stationId: station.user,
          effective: at,
          at,
          newId: station.newId,
        }),
      );
    }
    expect(a.replicator.report().pending).toBeGreaterThan(0);
    expect(a.replicator.report().state).not.toBe('up_to_date');

    proxy.restore();
    a.replicator.kick();
    b.replicator.kick();
    // Each side pulls the other's revision, settles it and pushes the result: until central holds no conflict.
    // Settled on central and held alike by both stations: a station's "up to date" can come just before the
    // other pushes its merge, so agreement is part of convergence, not a single round's outcome.
    await converge(
      [a, b],
      async () =>
        (await centralDocs(sharedCentralUrl(), hcode)).every(settledOnCentral) &&
        disagreements([await stationRevs(a), await stationRevs(b)]).length === 0,
      'conflict settled',
    );

    const patient = await centralDoc<{
      address: { line: string[] }[];
      identifier: { value: string }[];
      _rev: string;
      _conflicts?: string[];
      meta: { extension: unknown[] };
    }>(`Patient/${patientId}`, '?conflicts=true');
    expect(settledConflict(patient._rev, patient._conflicts ?? [])).toBe(true);
    expect(patient.address[0]?.line[0]).toBe('77');
    expect(patient.identifier.map((id) => id.value)).toContain('HN-A');
    expect(readFieldTimes(patient.meta as never)['address']).toBe(atB);

    const all = await requestJson(`${sharedCentralUrl()}/clinic_${hcode}/_all_docs?include_docs=true`, {
      headers: admin,
    });
    const docs = (all.body as { rows: { id: string; doc: { resourceType?: string } }[] }).rows.map((row) => row.doc);
    expect(docs.filter((doc) => doc.resourceType === 'Patient')).toHaveLength(1);
    expect(docs.filter((doc) => doc.resourceType === 'Encounter')).toHaveLength(2);
    expect(docs.filter((doc) => doc.resourceType === 'Observation')).toHaveLength(2);
    // No edit lost silently: the losing revision (station A's address) is kept whole in an AuditEvent.
    const archives = docs.filter((doc): doc is AuditEventDoc => doc.resourceType === 'AuditEvent');
    const kept = archives.flatMap((audit) => archivedRevisions(audit)) as { address?: { line: string[] }[] }[];
    expect(kept.some((revision) => revision.address?.[0]?.line[0] === '12/3')).toBe(true);
    // Both stations hold what central holds, at the same revisions.
    const held = [await stationRevs(a), await stationRevs(b)];
    expect(disagreements(held)).toEqual([]);
    const counts = tally(union(held), await centralDocs(sharedCentralUrl(), hcode));
    expect(counts).toMatchObject({ lost: 0, duplicated: 0 });
    console.log(
      `conflict test: lost=${counts.lost} duplicated=${counts.duplicated} docs=${counts.docs} patients=1 encounters=2 observations=2 archived=${kept.length}`,
    );
  });
});

// Runs after the test above, on the same stations.
describe('documents central refuses', () => {
  it('are listed with the reason and never counted as sent', async () => {
    await a.waitFor(upToDate, 'a up to date before');
    const before = a.replicator.report().docsUp;
    const [observation] = vitalSignObservations([{ code: '8310-5', value: 37.0, unit: 'Cel' }], {
      patientId: 'pzz',
      stationId: a.user,
      effective: new Date().toISOString(),
      at: new Date().toISOString(),
      newId: a.newId,
    });
    if (observation === undefined) throw new Error('none');
    await a.store.save(observation);
    await a.waitFor((r) => upToDate(r) && r.docsUp === before + 1, 'observation sent');
    // Changing a value of a sent observation, and a visit of another hospital: central's validate_doc_update refuses both.
    const stored = await rawDb(a.store).get<Record<string, unknown>>(observation._id);
    await rawDb(a.store).put({
      ...stored,
      valueQuantity: { value: 39.5, unit: 'C', system: 'http://unitsofmeasure.org', code: 'Cel' },
    });
    const foreign = newVisit({
      encounterId: a.newId(),
      patientId: 'pzz',
      hcode: '11111',
      stationId: a.user,
      at: new Date().toISOString(),
      queueNumber: 'A-002',
    });
    await a.store.save(foreign);
    const report = await a.waitFor((r) => r.rejections.length >= 2 && r.pending === 0, 'two rejections');
    expect(report.docsUp).toBe(before + 1);
    expect(report.rejections.map((r) => r.id).sort()).toEqual([observation._id, foreign._id].sort());
    expect(report.rejections.every((r) => r.status === 403 && r.rev !== null)).toBe(true);
    // The dashboard's state is an error while anything is refused, never "up to date".
    expect(combinedState(true, { up: true, errorCode: null, at: new Date().toISOString(), rttMs: 1 }, report)).toEqual({
      state: 'error',
      errorCode: 'sync_rejected_documents',
    });
    console.log(`rejection test: rejected=${report.rejections.length} counted_as_sent=${report.docsUp - before - 1}`);
    expect(report.rejections.map((r) => r.reason).join(' | ')).toMatch(/immutable/);
    expect(report.rejections.map((r) => r.reason).join(' | ')).toMatch(/another hospital/);
    const central = await centralDoc<{ valueQuantity: { value: number } }>(observation._id);
    expect(central.valueQuantity.value).toBe(37);
  });
});
