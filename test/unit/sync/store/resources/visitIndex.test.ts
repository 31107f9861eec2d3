// Visits and readings through the station's own index (identifierIndex.dom.ts) and by scan: the same answers in the
// same order (the day's queue with ties and day edges, a patient's last visit and readings), read-your-writes, a
// purge leaving no entry behind, and which path answers when.
import '../../../../factories/idbShims.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { uniqueDbName } from '../../../../factories/idbShims.js';
import { DataContext } from '../../../../../sync/store/dataContext.dom.js';
import { newVisit } from '../../../../../sync/model/encounter.std.js';
import { lastVisitOf, queueForDay } from '../../../../../sync/store/resources/encounters.dom.js';
import { observationsOf } from '../../../../../sync/store/resources/observations.dom.js';
import { TEST_HCODE } from '../../../../factories/fhirFixtures.js';
import { rawDb } from '../../../../factories/rawDatabase.js';
import { benchContext, benchEncounter } from '../../../../bench/sync/visits.std.js';

const DAY = new Date(2026, 11, 6, 10, 0);
const HOUR_MS = 3_600_000;
const PATIENTS = 6;

function visitsAround(count: number, seed: number): ReturnType<typeof newVisit>[] {
  // Visits from two days before to two days after, many at the same minute, some exactly at midnight.
  const starts = fc.sample(fc.integer({ min: -48, max: 48 }), { numRuns: count, seed });
  const midnight = new Date(DAY.getFullYear(), DAY.getMonth(), DAY.getDate()).getTime();
  return starts.map((hours, i) =>
    newVisit({
      encounterId: `e${String((i * 7_919) % 1_000).padStart(4, '0')}-${i}-${seed}`,
      patientId: `p${i % PATIENTS}`,
      hcode: TEST_HCODE,
      stationId: 'st-a',
      at: new Date(
        i % 10 === 0 ? midnight + 24 * HOUR_MS * Math.sign(hours) : midnight + hours * HOUR_MS,
      ).toISOString(),
      queueNumber: `A-${i}`,
    }),
  );
}

const ids = (docs: readonly { readonly _id: string }[]): string[] => docs.map((doc) => doc._id);

describe('visits and readings through the station index', () => {
  it('give the same queue, last visits and readings, in the same order, as a scan of the store', async () => {
    const store = await DataContext.open(uniqueDbName('visit-index'));
    try {
      const context = benchContext(TEST_HCODE, 'st-a', 5);
      const readings = Array.from({ length: 12 }, (_, n) =>
        benchEncounter(n, `p${n % PATIENTS}`, context, new Date(DAY.getTime() - (n % 5) * HOUR_MS).toISOString()),
      ).flatMap((visit) => visit.observations);
      const saved = await store.saveAll([...visitsAround(120, 31), ...readings]);
      expect(saved.filter((result) => result instanceof Error)).toEqual([]);
      await store.warmIndexes();
      expect(store.indexReady).toBe(true);
      for (const day of [DAY, new Date(DAY.getTime() + 24 * HOUR_MS), new Date(DAY.getTime() - 24 * HOUR_MS)]) {
        const byIndex = ids(await store.queueForDay(day));
        expect(byIndex.length).toBeGreaterThan(0);
        expect(ids(await queueForDay(rawDb(store), day, null))).toEqual(byIndex);
      }
      for (let p = 0; p < PATIENTS; p += 1) {
        const last = await store.lastVisitOf(`p${p}`);
        expect(last).not.toBeNull();
        expect(last?._id).toEqual((await lastVisitOf(rawDb(store), `p${p}`, null))?._id);
        const byIndex = ids(await store.observationsOf(`p${p}`, 7));
        expect(byIndex.length).toBeGreaterThan(0);
        expect(ids(await observationsOf(rawDb(store), `p${p}`, 7, null))).toEqual(byIndex);
      }
    } finally {
      await store.destroy();
    }
  });

  it('a visit saved is in the queue at once; a purged one leaves no entry behind', async () => {
    const store = await DataContext.open(uniqueDbName('visit-index-rw'));
    try {
      await store.warmIndexes();
      const [visit] = visitsAround(1, 7);
      if (visit === undefined) throw new Error('no visit');
      const day = new Date(visit.period?.start ?? '');
      const saved = await store.save(visit);
      expect(ids(await store.queueForDay(day))).toEqual([visit._id]);
      expect((await store.lastVisitOf('p0'))?._id).toBe(visit._id);
      expect(await store.purge([{ id: saved.id, rev: saved.rev }])).toEqual([visit._id]);
      expect(await store.queueForDay(day)).toEqual([]);
      expect(await store.lastVisitOf('p0')).toBeNull();
      const left = (await store.identifierIndexContents()).filter((record) => record.store === 'visits');
      expect(left).toEqual([]);
    } finally {
      await store.destroy();
    }
  });

  it('reads by scan from open and from the start of a bulk write until a catch-up of the index has ended', async () => {
    const store = await DataContext.open(uniqueDbName('visit-index-flag'));
    try {
      expect(store.indexReady).toBe(false);
      const visits = visitsAround(20, 3);
      await store.saveAll(visits);
      // By scan: the answer is there before any catch-up.
      const day = new Date(visits[1]?.period?.start ?? '');
      const before = ids(await store.queueForDay(day));
      expect(before.length).toBeGreaterThan(0);
      expect((await store.warmIndexes()).aborted).toBe(false);
      expect(store.indexReady).toBe(true);
      expect(ids(await store.queueForDay(day))).toEqual(before);
      const release = store.holdWarmUps();
      // From the start of a bulk write: what it stores is not indexed yet.
      expect(store.indexReady).toBe(false);
      await store.saveAll(visitsAround(5, 4));
      expect(ids(await store.queueForDay(day))).toEqual(ids(await queueForDay(rawDb(store), day, null)));
      release();
      expect(store.indexReady).toBe(false);
      await store.warmIndexes();
      expect(store.indexReady).toBe(true);
      // A warm-up that ends while a bulk write holds warm-ups leaves the index behind (that write is not in it).
      const running = store.warmIndexes();
      const releaseAgain = store.holdWarmUps();
      await running;
      expect(store.indexReady).toBe(false);
      releaseAgain();
      await store.warmIndexes();
      expect(store.indexReady).toBe(true);
    } finally {
      await store.destroy();
    }
  });
});
