import { uniqueDbName } from '../../../factories/idbShims.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DataContext } from '../../../../sync/store/dataContext.dom.js';
import { patientFromCard } from '../../../../sync/model/patient.std.js';
import { newVisit } from '../../../../sync/model/encounter.std.js';
import { vitalSignObservations } from '../../../../sync/model/observation.std.js';
import { patientIdForCid } from '../../../../sync/model/ids.std.js';
import type { StoredDoc } from '../../../../sync/model/documents.std.js';
import { TEST_HCODE, TEST_KEY, syntheticCard, testIdFactory } from '../../../factories/fhirFixtures.js';
import { rawDb } from '../../../factories/rawDatabase.js';

const opened: DataContext[] = [];
afterEach(async () => {
  for (const context of opened.splice(0)) await context.destroy().catch(() => undefined);
});
const newId = testIdFactory('st-a');

function visit(n: number, at: string): StoredDoc[] {
  const card = syntheticCard(n);
  const patientId = patientIdForCid(TEST_KEY, card.cid);
  const encounterId = newId();
  return [
    patientFromCard(card, { patientId, hcode: TEST_HCODE, stationId: 'st-a', at, source: 'card' }),
    newVisit({ encounterId, patientId, hcode: TEST_HCODE, stationId: 'st-a', at, queueNumber: `A-${n}` }),
    ...vitalSignObservations([{ code: '8867-4', value: 70 + n, unit: '/min' }], {
      patientId,
      encounterId,
      stationId: 'st-a',
      effective: at,
      at,
      newId,
    }),
  ];
}

async function rev(store: DataContext, id: string): Promise<string> {
  return (await rawDb(store).get(id))._rev;
}

describe('purge on the idb adapter', () => {
  it('the installed adapter has no purge of its own (why sync/store/idbPurge.dom.ts exists)', async () => {
    const store = await DataContext.open(uniqueDbName('purge-native'));
    opened.push(store);
    const written = await rawDb(store).put({ _id: 'x' });
    const purge = (rawDb(store) as unknown as { purge(id: string, rev: string): Promise<unknown> }).purge.bind(
      rawDb(store),
    );
    await expect(purge('x', written.rev)).rejects.toBeTruthy();
    expect((await rawDb(store).get('x'))._id).toBe('x');
  });

  it('removes the documents named at their revision, leaves no tombstone, keeps the rest and the indexes right', async () => {
    const name = uniqueDbName('purge');
    const store = await DataContext.open(name);
    opened.push(store);
    const old = visit(1, '2026-01-05T03:00:00.000Z');
    const recent = visit(2, '2026-12-01T03:00:00.000Z');
    await store.saveAll([...old, ...recent]);
    const [patient, encounter, observation] = old;
    if (patient === undefined || encounter === undefined || observation === undefined) throw new Error('visit');
    const idsBefore = (await rawDb(store).allDocs()).rows.map((row) => row.id);
    const countBefore = (await rawDb(store).info()).doc_count;
    // The Mango indexes are built before the purge (they would keep stale rows).
    expect((await store.observationsOf(patient.id)).length).toBe(1);

    // The Encounter is edited after the caller's check: its old revision is no longer the winner, so it stays.
    const staleRev = await rev(store, encounter._id);
    const edited = await rawDb(store).put({ ...(await rawDb(store).get(encounter._id)), note: 'changed' });
    const purged = await store.purge([
      { id: observation._id, rev: await rev(store, observation._id) },
      { id: encounter._id, rev: staleRev },
    ]);

    expect(purged).toEqual([observation._id]);
    await expect(rawDb(store).get(observation._id)).rejects.toMatchObject({ status: 404 });
    expect((await rawDb(store).get(encounter._id))._rev).toBe(edited.rev);
    expect((await rawDb(store).allDocs()).rows.map((row) => row.id)).toEqual(
      idsBefore.filter((id) => id !== observation._id),
    );
    // The adapter's cached count moves by one (its count at open, below, is recomputed from the documents).
    expect((await rawDb(store).info()).doc_count).toBe(countBefore - 1);
    const changes = await rawDb(store).changes({ since: 0 });
    expect(changes.results.map((row) => row.id)).not.toContain(observation._id);
    expect((await rawDb(store).allDocs({ keys: [observation._id] })).rows[0]).toMatchObject({ error: 'not_found' });
    expect(await store.observationsOf(patient.id)).toEqual([]);
    const recentPatient = recent[0];
    if (recentPatient === undefined) throw new Error('visit');
    expect((await store.observationsOf(recentPatient.id)).length).toBe(1);

    // Reopened, still consistent and writable.
    await store.close();
    const again = await DataContext.open(name);
    opened.push(again);
    expect((await rawDb(again).allDocs()).rows.map((row) => row.id)).toEqual(
      idsBefore.filter((id) => id !== observation._id),
    );
    expect((await rawDb(again).info()).doc_count).toBe(idsBefore.length - 1);
    await rawDb(again).put({ _id: 'after-purge' });
    expect((await rawDb(again).get('after-purge'))._id).toBe('after-purge');
  });

  it('an attachment goes with the last document that uses it, and stays while another does', async () => {
    const store = await DataContext.open(uniqueDbName('purge-att'));
    opened.push(store);
    const data = 'aGVsbG8gcHVyZ2U=';
    const a = await rawDb(store).put({ _id: 'a', _attachments: { 'x.txt': { content_type: 'text/plain', data } } });
    const b = await rawDb(store).put({ _id: 'b', _attachments: { 'x.txt': { content_type: 'text/plain', data } } });
    expect(await store.purge([{ id: 'a', rev: a.rev }])).toEqual(['a']);
    const kept = await rawDb(store).getAttachment('b', 'x.txt');
    expect(kept).toBeTruthy();
    expect(await store.purge([{ id: 'b', rev: b.rev }])).toEqual(['b']);
    await rawDb(store).put({ _id: 'c', _attachments: { 'x.txt': { content_type: 'text/plain', data } } });
    expect(await rawDb(store).getAttachment('c', 'x.txt')).toBeTruthy();
  });
});
