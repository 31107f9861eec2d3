import '../../../../factories/idbShims.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { uniqueDbName } from '../../../../factories/idbShims.js';
import { DataContext } from '../../../../../sync/store/dataContext.dom.js';
import { newVisit } from '../../../../../sync/model/encounter.std.js';
import { queueForDay } from '../../../../../sync/store/resources/encounters.dom.js';
import { TEST_HCODE } from '../../../../factories/fhirFixtures.js';
import { rawDb } from '../../../../factories/rawDatabase.js';

const DAY = new Date(2026, 11, 6, 10, 0);
const HOUR_MS = 3_600_000;

describe("the day's queue read by scan", () => {
  it('gives the same visits in the same order as the by-start index, ties and day edges included', async () => {
    const store = await DataContext.open(uniqueDbName('queue-scan'));
    try {
      // Visits from two days before to two days after, many at the same minute, some exactly at midnight.
      const starts = fc.sample(fc.integer({ min: -48, max: 48 }), { numRuns: 120, seed: 31 });
      const midnight = new Date(DAY.getFullYear(), DAY.getMonth(), DAY.getDate()).getTime();
      const visits = starts.map((hours, i) =>
        newVisit({
          encounterId: `e${String((i * 7_919) % 1_000).padStart(4, '0')}-${i}`,
          patientId: `p${i}`,
          hcode: TEST_HCODE,
          stationId: 'st-a',
          at: new Date(
            i % 10 === 0 ? midnight + 24 * HOUR_MS * Math.sign(hours) : midnight + hours * HOUR_MS,
          ).toISOString(),
          queueNumber: `A-${i}`,
        }),
      );
      const saved = await store.saveAll(visits);
      expect(saved.filter((result) => result instanceof Error)).toEqual([]);
      for (const day of [DAY, new Date(DAY.getTime() + 24 * HOUR_MS), new Date(DAY.getTime() - 24 * HOUR_MS)]) {
        const byIndex = (await queueForDay(rawDb(store), day)).map((visit) => visit._id);
        const byScan = (await queueForDay(rawDb(store), day, true)).map((visit) => visit._id);
        expect(byIndex.length).toBeGreaterThan(0);
        expect(byScan).toEqual(byIndex);
      }
    } finally {
      await store.destroy();
    }
  });

  it('is used after a bulk write until a warm-up has built the queue index, then the index is', async () => {
    const store = await DataContext.open(uniqueDbName('queue-scan-flag'));
    const db = rawDb(store);
    const QUEUE_INDEX = {
      fields: ['resourceType', 'period.start'],
      ddoc: 'idx-encounter-start',
      name: 'encounter-by-start',
    };
    // Without its index the by-start query fails: which path answered shows.
    const dropIndex = async (): Promise<void> => {
      await db.remove(await db.get('_design/idx-encounter-start'));
    };
    try {
      await dropIndex();
      await expect(store.visitsWithPatients(DAY)).rejects.toThrow();
      const release = store.holdWarmUps();
      store.requestWarm();
      release();
      // The warm-up released now fails its first step (no index): the queue is still read, by scan.
      await expect(store.visitsWithPatients(DAY)).resolves.toEqual([]);
      await db.createIndex({ index: QUEUE_INDEX });
      expect((await store.warmIndexes()).aborted).toBe(false);
      await dropIndex();
      await expect(store.visitsWithPatients(DAY)).rejects.toThrow();
    } finally {
      await store.destroy();
    }
  });
});
