import { uniqueDbName } from '../../../factories/idbShims.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DataContext } from '../../../../sync/store/dataContext.dom.js';
import { patientFromCard } from '../../../../sync/model/patient.std.js';
import { newVisit } from '../../../../sync/model/encounter.std.js';
import { vitalSignObservations } from '../../../../sync/model/observation.std.js';
import { patientIdForCid } from '../../../../sync/model/ids.std.js';
import { TH_CID } from '../../../../sync/model/systems.std.js';
import { TEST_HCODE, TEST_KEY, syntheticCard, testIdFactory } from '../../../factories/fhirFixtures.js';
import { rawDb } from '../../../factories/rawDatabase.js';

const opened: DataContext[] = [];
async function store(): Promise<DataContext> {
  const context = await DataContext.open(uniqueDbName('store'));
  opened.push(context);
  return context;
}
afterEach(async () => {
  for (const context of opened.splice(0)) await context.destroy();
});

const newId = testIdFactory('st-a');

describe('data context on IndexedDB (idb adapter)', () => {
  it('finds a patient by CID through the keyed id, and by identifier; the Patient carries no photo bytes', async () => {
    const db = await store();
    const card = syntheticCard(11);
    const patientId = patientIdForCid(TEST_KEY, card.cid);
    await db.save(
      patientFromCard(card, {
        patientId,
        hcode: TEST_HCODE,
        stationId: 'st-a',
        at: new Date().toISOString(),
        source: 'card',
        hn: '42',
      }),
    );
    const found = await db.patientById(patientId);
    expect(found?.birthDate).toBe('1980-05-17');
    expect(found?._attachments).toBeUndefined();
    expect((await db.patientsByIdentifier(TH_CID, card.cid)).map((p) => p.id)).toEqual([patientId]);
    expect(await db.patientById('pnothere')).toBeNull();
  });

  it('a second save with a stale revision is a conflict, not a silent overwrite', async () => {
    const db = await store();
    const card = syntheticCard(12);
    const patientId = patientIdForCid(TEST_KEY, card.cid);
    const base = { patientId, hcode: TEST_HCODE, stationId: 'st-a', source: 'card' as const };
    const first = patientFromCard(card, { ...base, at: '2025-01-01T00:00:00.000Z' });
    await db.save(first);
    await expect(db.save(patientFromCard(card, { ...base, at: '2025-01-02T00:00:00.000Z' }))).rejects.toMatchObject({
      code: 'conflict',
    });
    const stored = await db.patientById(patientId);
    const updated = patientFromCard(
      { ...card, birthDate: '1981' },
      { ...base, at: '2025-01-02T00:00:00.000Z', existing: stored },
    );
    await db.save(updated);
    expect((await db.patientById(patientId))?.birthDate).toBe('1981');
  });

  it("today's queue and station queue numbers; a patient's observations newest first", async () => {
    const db = await store();
    const now = new Date();
    const yesterday = new Date(now.getTime() - 86_400_000);
    for (const [at, queue] of [
      [now, await db.nextQueueNumber('A', now)],
      [yesterday, 'A-009'],
    ] as const) {
      await db.save(
        newVisit({
          encounterId: newId(),
          patientId: 'p1',
          hcode: TEST_HCODE,
          stationId: 'st-a',
          at: at.toISOString(),
          queueNumber: queue,
        }),
      );
    }
    expect(await db.nextQueueNumber('A', now)).toBe('A-002');
    const queue = await db.queueForDay(now);
    expect(queue).toHaveLength(1);
    for (const minutes of [1, 3, 2]) {
      const effective = new Date(now.getTime() - minutes * 60_000).toISOString();
      await db.saveAll(
        vitalSignObservations([{ code: '8867-4', value: 60 + minutes, unit: '/min' }], {
          patientId: 'p1',
          stationId: 'st-a',
          effective,
          at: effective,
          newId,
        }),
      );
    }
    await db.saveAll(
      vitalSignObservations([{ code: '8867-4', value: 99, unit: '/min' }], {
        patientId: 'p2',
        stationId: 'st-a',
        effective: now.toISOString(),
        at: now.toISOString(),
        newId,
      }),
    );
    const observations = await db.observationsOf('p1');
    expect(observations.map((o) => o.valueQuantity?.value)).toEqual([61, 62, 63]);
  });

  it('a correction marks the old observation entered-in-error and keeps both', async () => {
    const db = await store();
    const at = new Date().toISOString();
    const [old] = vitalSignObservations([{ code: '8310-5', value: 38.9, unit: 'Cel' }], {
      patientId: 'p3',
      stationId: 'st-a',
      effective: at,
      at,
      newId,
    });
    if (old === undefined) throw new Error('none');
    const [saved] = await db.saveAll([old]);
    const stored = await db.get(old._id);
    if (stored?.resourceType !== 'Observation' || saved === undefined) throw new Error('not stored');
    const [fixed] = vitalSignObservations([{ code: '8310-5', value: 36.9, unit: 'Cel' }], {
      patientId: 'p3',
      stationId: 'st-a',
      effective: at,
      at,
      newId,
    });
    if (fixed === undefined) throw new Error('none');
    await db.correctObservation(stored, [fixed], at, 'st-a');
    const all = await db.observationsOf('p3');
    expect(all.map((o) => [o.status, o.valueQuantity?.value]).sort()).toEqual([
      ['entered-in-error', 38.9],
      ['final', 36.9],
    ]);
  });

  it('rewrites version-1 documents on migrate, leaves observations as written', async () => {
    const db = await store();
    await rawDb(db).bulkDocs([
      {
        _id: 'Patient/pold',
        resourceType: 'Patient',
        id: 'pold',
        meta: {},
        identifier: [{ system: TH_CID, value: '1999900000017' }],
        name: [{ family: 'Sommut' }],
      },
      { _id: 'Device/dold', resourceType: 'Device', id: 'dold', meta: {} },
    ]);
    expect(await db.migrateStored(1)).toEqual({ migrated: 2 });
    expect(await db.migrateStored()).toEqual({ migrated: 0 });
    const patient = await rawDb(db).get<{ name: { extension: { valueCode: string }[] }[] }>('Patient/pold');
    expect(patient.name[0]?.extension[0]?.valueCode).toBe('en');
  });
});
