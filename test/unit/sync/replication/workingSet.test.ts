import '../../../factories/idbShims.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import PouchDB from 'pouchdb-browser';
import { uniqueDbName } from '../../../factories/idbShims.js';
import { instant, windowDoc } from '../../../factories/sync/windowDocs.js';
import {
  inWorkingSet,
  pullSelector,
  pullWindow,
  purgeCandidates,
  purgeConfirmed,
  windowCutoff,
} from '../../../../sync/replication/workingSet.std.js';

const DAY_MS = 86_400_000;
const doc = windowDoc;

describe('working set', () => {
  it('the station-side test equals Mango on the changes feed, as central filters the pull', async () => {
    const db = new PouchDB<Record<string, unknown>>(uniqueDbName('ws-selector'), { adapter: 'idb' });
    try {
      const docs = fc
        .sample(doc, { numRuns: 400, seed: 15 })
        .map((body, i) => ({ _id: `d${String(i).padStart(4, '0')}`, ...body }));
      await db.bulkDocs(docs);
      for (const since of fc.sample(instant, { numRuns: 5, seed: 16 })) {
        const changes = await db.changes({ since: 0, selector: pullSelector(since) } as PouchDB.Core.ChangesOptions);
        const pulled = changes.results.map((row) => row.id).sort();
        const kept = docs.filter((each) => inWorkingSet(each, since)).map((each) => each._id);
        expect(pulled).toEqual(kept);
      }
      // A deletion (a Device's) reaches the station.
      const first = await db.get('d0000');
      await db.remove(first);
      const changes = await db.changes({
        since: 0,
        selector: pullSelector('2030-01-01T00:00:00.000Z'),
      } as PouchDB.Core.ChangesOptions);
      expect(changes.results.find((row) => row.id === 'd0000')?.deleted).toBe(true);
    } finally {
      await db.destroy();
    }
  });

  it('the pull cutoff stays put while N does (one checkpoint), moves back only when N widens', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3650 }),
        fc.integer({ min: 1, max: 3650 }),
        fc.integer({ min: 0, max: 2000 }),
        (before, after, elapsedDays) => {
          const start = new Date(Date.UTC(2026, 0, 1, 5));
          const later = new Date(start.getTime() + elapsedDays * DAY_MS);
          const first = pullWindow(null, before, start);
          expect(first.since).toBe(windowCutoff(start, before));
          expect(pullWindow(first, before, later)).toEqual(first);
          const next = pullWindow(first, after, later);
          // Never narrower than what the new N needs, never moved forward (the old checkpoint stays valid).
          expect(next.since <= windowCutoff(later, after)).toBe(true);
          expect(next.since <= first.since).toBe(true);
          expect(next.since === first.since || next.since === windowCutoff(later, after)).toBe(true);
        },
      ),
    );
    expect(windowCutoff(new Date('2026-12-06T11:00:00Z'), 30)).toBe('2026-11-06T00:00:00.000Z');
  });
});

describe('purge plan', () => {
  it('plans only Encounters, Observations and photos outside the window, without conflicts, whose revision central holds', () => {
    const row = fc.record({
      doc,
      conflicted: fc.boolean(),
      onCentral: fc.boolean(),
      n: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), instant, (rows, since) => {
        const docs = rows.map((each, i) => ({
          _id: `d${i}`,
          _rev: `1-${each.n}`,
          ...each.doc,
          ...(each.conflicted ? { _conflicts: ['1-x'] } : {}),
        }));
        const missing = Object.fromEntries(
          rows.flatMap((each, i) => (each.onCentral ? [] : [[`d${i}`, { missing: [`1-${each.n}`] }]])),
        );
        const planned = purgeConfirmed(purgeCandidates(docs, since), missing);
        for (const { id } of planned) {
          const i = Number(id.slice(1));
          const source = docs[i];
          expect(
            source !== undefined &&
              !inWorkingSet(source, since) &&
              ['Encounter', 'Observation', 'Media'].includes(source.resourceType),
          ).toBe(true);
          expect(rows[i]?.conflicted).toBe(false);
          expect(rows[i]?.onCentral).toBe(true);
        }
        // And everything else outside the window is planned.
        expect(planned.length).toBe(
          rows.filter(
            (each, i) =>
              !each.conflicted &&
              each.onCentral &&
              ['Encounter', 'Observation', 'Media'].includes(each.doc.resourceType) &&
              !inWorkingSet(docs[i] ?? {}, since),
          ).length,
        );
      }),
    );
  });
});
