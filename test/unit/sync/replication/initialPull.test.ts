import '../../../factories/idbShims.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import PouchDB from 'pouchdb-browser';
import PouchFind from 'pouchdb-find';
import { uniqueDbName } from '../../../factories/idbShims.js';
import { instant, windowDoc } from '../../../factories/sync/windowDocs.js';
import { inWorkingSet } from '../../../../sync/replication/workingSet.std.js';
import {
  RANGE_TYPES,
  WINDOW_INDEXES,
  isPulledRecord,
  needsInitialPull,
  pullStart,
  remoteKey,
  typeRange,
  windowQueries,
} from '../../../../sync/replication/initialPull.std.js';

PouchDB.plugin(PouchFind);

const doc = windowDoc;

describe('the first read of a window', () => {
  it('reads by id range and by the two indexes exactly what the filtered pull would bring', async () => {
    const db = new PouchDB<Record<string, unknown>>(uniqueDbName('initial-read'), { adapter: 'idb' });
    try {
      const docs = fc
        .sample(doc, { numRuns: 300, seed: 21 })
        .map((body, i) => ({ _id: `${body.resourceType}/${String(i).padStart(4, '0')}`, ...body }));
      await db.bulkDocs(docs);
      for (const index of WINDOW_INDEXES)
        await db.createIndex({ index: { fields: [...index.index.fields], ddoc: index.ddoc, name: index.name } });
      // Cutoffs at random, and at documents' own times (the boundary belongs to the window).
      const times = docs.flatMap((each) =>
        'period' in each ? [each.period?.start] : 'effectiveDateTime' in each ? [each.effectiveDateTime] : [],
      );
      for (const since of [...fc.sample(instant, { numRuns: 5, seed: 22 }), ...times.slice(0, 6)]) {
        if (since === undefined) continue;
        const read: string[] = [];
        for (const type of RANGE_TYPES) read.push(...(await db.allDocs(typeRange(type))).rows.map((row) => row.id));
        for (const query of windowQueries(since, 10_000))
          read.push(...(await db.find(query as PouchDB.Find.FindRequest<object>)).docs.map((found) => found._id));
        const kept = docs.filter((each) => inWorkingSet(each, since)).map((each) => each._id);
        expect(read.sort()).toEqual(kept.sort());
      }
    } finally {
      await db.destroy();
    }
  });

  it('starts the pull from the noted sequence only on the remote it was noted on', () => {
    const central = 'http://127.0.0.1:5984/clinic_10001';
    const hub = 'http://10.0.0.5:5984/clinic_10001';
    expect(needsInitialPull(undefined, central)).toBe(false);
    expect(pullStart(undefined, central)).toBeNull();
    expect(needsInitialPull({ state: 'pending' }, central)).toBe(true);
    const pulled = { state: 'pulled', remote: central, seq: '120-abc' } as const;
    expect(pullStart(pulled, central)).toBe('120-abc');
    expect(needsInitialPull(pulled, central)).toBe(false);
    // Central's sequence means nothing on the hub: read again there.
    expect(pullStart(pulled, hub)).toBeNull();
    expect(needsInitialPull(pulled, hub)).toBe(true);
  });

  it('keeps no password in the stored remote name', () => {
    expect(remoteKey('http://st-1:secret@127.0.0.1:5984/clinic_10001')).toBe('http://127.0.0.1:5984/clinic_10001');
    expect(remoteKey('clinic_local')).toBe('clinic_local');
  });

  it('stores only records of the type asked for, at a revision', () => {
    const good = { _id: 'Patient/a', _rev: '2-0f3a', resourceType: 'Patient' };
    expect(isPulledRecord(good, 'Patient')).toBe(true);
    expect(isPulledRecord({ ...good, resourceType: 'Encounter' }, 'Patient')).toBe(false);
    expect(isPulledRecord({ ...good, _id: '_design/clinic' }, 'Patient')).toBe(false);
    expect(isPulledRecord({ ...good, _rev: undefined }, 'Patient')).toBe(false);
    expect(isPulledRecord({ ...good, _rev: 'x' }, 'Patient')).toBe(false);
    expect(isPulledRecord(good, 'Device')).toBe(false);
  });
});
