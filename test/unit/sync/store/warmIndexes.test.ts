// Warming the store's indexes in the background: what a warm-up does, that close() during one is quiet, the
// gate that spaces warm-ups after pulls, and the replication runner asking for one when documents came down.
import { uniqueDbName } from '../../../factories/idbShims.js';
import { describe, expect, it, vi } from 'vitest';
import { DataContext } from '../../../../sync/store/dataContext.dom.js';
import { PouchDB } from '../../../../sync/store/pouch.dom.js';
import { runGate } from '../../../../sync/store/runGate.std.js';
import { ok } from '../../../../electron/contract/result.std.js';
import type { ReplicationReport } from '../../../../electron/contract/sync.std.js';
import type { Database } from '../../../../sync/store/pouch.dom.js';
import { ReplicationRunner, type ReplicatorHandle } from '../../../../renderer/src/sync/replicationRunner.dom.js';
import { benchContext, benchVisitDocs } from '../../../bench/sync/visits.std.js';
import { FakeSyncApi, testEndpoint } from '../../../factories/sync/fakeSyncApi.js';
import { manualTimers } from '../../../factories/manualTimers.js';
import { rawDb } from '../../../factories/rawDatabase.js';

/** Visits (patient, encounter, 6 observations each) written straight to the database, as a pull would. */
async function fill(db: DataContext, visits: number): Promise<void> {
  const context = benchContext('77777', 'st-77777-warm', 3);
  const docs = Array.from({ length: visits }, (_, n) => benchVisitDocs(n, context, '2026-11-23T02:00:00.000Z')).flat();
  await rawDb(db).bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
}

/** Resolves when `count` jobs have started (each job is held open until the test releases it). */
function heldJobs(): { job: () => Promise<void>; started: number; release: () => void } {
  const waiting: (() => void)[] = [];
  const state = {
    started: 0,
    job: () => {
      state.started += 1;
      return new Promise<void>((resolve) => waiting.push(resolve));
    },
    release: () => {
      for (const done of waiting.splice(0)) done();
    },
  };
  return state;
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

describe('warming the indexes', () => {
  it('brings the station index up to date; one run at a time', async () => {
    const db = await DataContext.open(uniqueDbName('warm'));
    try {
      await fill(db, 20);
      const first = db.warmIndexes();
      expect(db.warmIndexes()).toBe(first);
      const report = await first;
      expect(report.aborted).toBe(false);
      expect(report.identifiers?.changes).toBe(20 * 8);
      const again = await db.warmIndexes();
      expect(again).not.toBe(report);
      expect(again.identifiers?.changes).toBe(0);
    } finally {
      await db.destroy();
    }
  });

  it('close() during a warm-up: the warm-up resolves aborted, nothing rejects unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const name = uniqueDbName('warm-close');
    try {
      const db = await DataContext.open(name);
      await fill(db, 300);
      const warming = db.warmIndexes();
      db.requestWarm();
      await db.close();
      expect((await warming).aborted).toBe(true);
      // Reopened, the next warm-up finishes the job.
      const reopened = await DataContext.open(name);
      const report = await reopened.warmIndexes();
      expect(report.aborted).toBe(false);
      expect(report.identifiers?.changes).toBeGreaterThan(0);
      await reopened.destroy();
      // A macrotask, so a rejection left behind by the closed database would have been reported.
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  }, 60_000);

  it('no warm-up starts while a bulk write holds them; one runs when the last hold is released', async () => {
    const db = await DataContext.open(uniqueDbName('warm-hold'));
    try {
      let runs = 0;
      const warm = vi.spyOn(db, 'warmIndexes').mockImplementation(async () => {
        runs += 1;
        return { ms: 0, identifiers: null, aborted: false };
      });
      const releaseRead = db.holdWarmUps();
      const releaseOther = db.holdWarmUps();
      db.requestWarm();
      db.requestWarm();
      await new Promise((resolve) => setImmediate(resolve));
      expect(runs).toBe(0);
      releaseRead();
      releaseRead();
      await new Promise((resolve) => setImmediate(resolve));
      expect(runs).toBe(0);
      releaseOther();
      await new Promise((resolve) => setImmediate(resolve));
      expect(runs).toBe(1);
      warm.mockRestore();
    } finally {
      await db.destroy();
    }
  });

  it('reopening a store does not build its indexes (open stays quick after a large pull; warm-ups build them)', async () => {
    const name = uniqueDbName('warm-reopen');
    const first = await DataContext.open(name);
    await fill(first, 30);
    await first.close();
    // pouchdb-find's createIndex brings the index up to date before it returns: open must not call it again.
    const createIndex = vi.spyOn(PouchDB.prototype, 'createIndex');
    try {
      const db = await DataContext.open(name);
      expect(createIndex).not.toHaveBeenCalled();
      const report = await db.warmIndexes();
      expect(report.identifiers?.changes).toBe(30 * 8);
      expect(db.indexReady).toBe(true);
      expect(await db.queueForDay(new Date('2026-11-23T05:00:00.000Z'))).toHaveLength(30);
      await db.destroy();
    } finally {
      createIndex.mockRestore();
    }
  });

  it('removes the retired Mango indexes and their view databases on open, and leaves other design documents', async () => {
    const name = uniqueDbName('warm-retired');
    const raw = new PouchDB(name, { adapter: 'idb' });
    const retired = [
      { fields: ['resourceType'], name: 'by-type', ddoc: 'idx-type' },
      { fields: ['resourceType', 'period.start'], name: 'encounter-by-start', ddoc: 'idx-encounter-start' },
      { fields: ['subject.reference', 'period.start'], name: 'encounter-by-subject', ddoc: 'idx-encounter-subject' },
      { fields: ['subject.reference', 'effectiveDateTime'], name: 'obs-by-subject', ddoc: 'idx-obs-subject' },
    ];
    for (const index of retired) await raw.createIndex({ index });
    await raw.createIndex({ index: { fields: ['other'], name: 'other', ddoc: 'idx-other' } });
    await raw.close();
    const views = async (): Promise<string[]> =>
      (await indexedDB.databases()).map((info) => info.name ?? '').filter((db) => db.includes(`${name}-mrview-`));
    expect((await views()).length).toBeGreaterThanOrEqual(retired.length);
    const db = await DataContext.open(name);
    try {
      const { indexes } = await rawDb(db).getIndexes();
      expect(indexes.map((index) => index.ddoc).filter((ddoc) => ddoc !== null)).toEqual(['_design/idx-other']);
      expect(await views()).toHaveLength(1);
    } finally {
      await db.destroy();
    }
  });
});

describe('the warm-up gate', () => {
  it('runs at once, never two at once, at most once per gap, and serves a request made meanwhile once', async () => {
    const timers = manualTimers();
    const jobs = heldJobs();
    const gate = runGate(jobs.job, 30_000, timers, () => undefined);
    gate.request();
    expect(jobs.started).toBe(1);
    gate.request();
    gate.request();
    timers.advance(60_000);
    expect(jobs.started).toBe(1);
    jobs.release();
    await flush();
    // Finished after the gap: the waiting request runs now, once.
    expect(jobs.started).toBe(2);
    jobs.release();
    await flush();
    gate.request();
    expect(jobs.started).toBe(2);
    timers.advance(29_999);
    expect(jobs.started).toBe(2);
    timers.advance(1);
    expect(jobs.started).toBe(3);
    jobs.release();
    await gate.stop();
  });

  it('starts nothing after stop, and a failing job is reported, not thrown', async () => {
    const timers = manualTimers();
    const errors: unknown[] = [];
    let runs = 0;
    const gate = runGate(
      () => {
        runs += 1;
        return Promise.reject(new Error('idb closed'));
      },
      30_000,
      timers,
      (error) => errors.push(error),
    );
    gate.request();
    await flush();
    expect(errors).toHaveLength(1);
    gate.request();
    await gate.stop();
    timers.advance(60_000);
    gate.request();
    expect(runs).toBe(1);
  });
});

describe('the replication runner and warm-ups', () => {
  it('asks the store for a warm-up when a report says documents came down, not for uploads', async () => {
    const reports: ((report: ReplicationReport) => void)[] = [];
    let warmRequests = 0;
    const store = { requestWarm: () => void (warmRequests += 1) } as unknown as DataContext;
    const api = new FakeSyncApi();
    api.endpointAnswer = ok(testEndpoint);
    const base: ReplicationReport = {
      state: 'syncing',
      errorCode: null,
      pending: 0,
      docsUp: 0,
      docsDown: 40,
      lastSuccessAt: null,
      conflictsResolved: 0,
      conflicts: [],
      rejections: [],
    };
    const runner = new ReplicationRunner({
      api,
      store,
      newId: () => 'id-1',
      origin: 'http://127.0.0.1:5555',
      timers: manualTimers(),
      createRemote: () => ({}) as unknown as Database,
      createFailover: () => {
        throw new Error('no hub in this test');
      },
      createReplicator: (options): ReplicatorHandle => {
        if (options.onReport !== undefined) reports.push(options.onReport);
        return {
          start: () => Promise.resolve(),
          stop: () => Promise.resolve(),
          kick: () => undefined,
          report: () => base,
        };
      },
    });
    runner.start();
    await runner.settled();
    const emit = (over: Partial<ReplicationReport>): void => reports[0]?.({ ...base, ...over });
    emit({});
    expect(warmRequests).toBe(0);
    emit({ docsUp: 30 });
    expect(warmRequests).toBe(0);
    emit({ docsDown: 540 });
    expect(warmRequests).toBe(1);
    emit({ docsDown: 540, state: 'up_to_date' });
    expect(warmRequests).toBe(1);
    await runner.stop();
  });
});
