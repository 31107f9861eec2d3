/**
 * The resolver works while replication writes: a pulled revision can land between its read of a conflict and
 * its write (its write then meets a 409), and the live and the verify replication can settle the same id at
 * once. Either way the document ends with no conflict, on the first call: no later pull brings that id again
 * to trigger another try (a station once kept a conflict for good that way).
 */
import { uniqueDbName } from '../../../factories/idbShims.js';
import { afterEach, describe, expect, it } from 'vitest';
import { DataContext } from '../../../../sync/store/dataContext.dom.js';
import { patientFromCard } from '../../../../sync/model/patient.std.js';
import { patientIdForCid } from '../../../../sync/model/ids.std.js';
import { resolveConflicts } from '../../../../sync/replication/resolver.dom.js';
import { stationSource } from '../../../../sync/model/systems.std.js';
import { TEST_HCODE, TEST_KEY, syntheticCard, testIdFactory } from '../../../factories/fhirFixtures.js';
import { rawDb } from '../../../factories/rawDatabase.js';
import type { ConflictStore } from '../../../../sync/store/ports.dom.js';

const opened: DataContext[] = [];
afterEach(async () => {
  for (const context of opened.splice(0)) await context.destroy();
});

const context = (station: string) => ({
  stationId: station,
  hcode: TEST_HCODE,
  newId: testIdFactory(station),
  now: () => '2026-12-01T10:00:00.000Z',
});

/** A store holding two stations' reads of one card as a conflict, as a pull leaves it. */
async function conflicted(): Promise<{ store: DataContext; id: string }> {
  const [a, b] = [await DataContext.open(uniqueDbName('race-a')), await DataContext.open(uniqueDbName('race-b'))];
  opened.push(a, b);
  const card = syntheticCard(72);
  const base = { patientId: patientIdForCid(TEST_KEY, card.cid), hcode: TEST_HCODE, source: 'card' as const };
  await a.save(patientFromCard(card, { ...base, stationId: 'st-a', at: '2026-12-01T08:00:00.000Z', hn: 'HN-A' }));
  await b.save(
    patientFromCard(
      { ...card, address: { ...card.address, houseNo: '77' } },
      { ...base, stationId: 'st-b', at: '2026-12-01T09:00:00.000Z' },
    ),
  );
  await rawDb(b).replicate.to(rawDb(a));
  const id = `Patient/${base.patientId}`;
  expect((await rawDb(a).get(id, { conflicts: true }))._conflicts).toHaveLength(1);
  return { store: a, id };
}

/** Another station's merge of the current winner, landing as a pull writes it (new_edits: false). */
async function landForeignMerge(store: DataContext, id: string): Promise<void> {
  const winner = await rawDb(store).get<Record<string, unknown>>(id, { revs: true });
  const revisions = winner['_revisions'] as { start: number; ids: string[] };
  const hash = 'f'.repeat(32);
  const meta = { ...(winner['meta'] as object), source: stationSource('st-z') };
  await rawDb(store).bulkDocs(
    [
      {
        ...winner,
        meta,
        _rev: `${revisions.start + 1}-${hash}`,
        _revisions: { start: revisions.start + 1, ids: [hash, ...revisions.ids] },
      },
    ],
    { new_edits: false },
  );
}

describe('settling a conflict while replication writes', () => {
  it('settles a revision that lands between the read and the write', async () => {
    const { store, id } = await conflicted();
    let landed = false;
    // The resolver's view of the store, with a pulled revision landing just before its first write.
    const racing: ConflictStore = {
      branchesOf: (branchId) => store.branchesOf(branchId),
      checked: (doc) => store.checked(doc),
      writeBranches: async (writes) => {
        if (!landed) {
          landed = true;
          await landForeignMerge(store, id);
        }
        return store.writeBranches(writes);
      },
    };
    await resolveConflicts(racing, [id], context('st-a'));
    expect(landed).toBe(true);
    expect((await rawDb(store).get(id, { conflicts: true }))._conflicts ?? []).toEqual([]);
  });

  it('settles once when two callers settle the same id at once', async () => {
    const { store, id } = await conflicted();
    await Promise.all([resolveConflicts(store, [id], context('st-a')), resolveConflicts(store, [id], context('st-a'))]);
    expect((await rawDb(store).get(id, { conflicts: true }))._conflicts ?? []).toEqual([]);
  });
});

describe('a merge that is not a valid record', () => {
  it('is listed for IT and not written, like any other invalid write', async () => {
    const store = await DataContext.open(uniqueDbName('invalid-merge'));
    opened.push(store);
    // Two revisions of one visit, neither a valid Encounter (no status), the winner this station's: it would
    // write the merge above them.
    const id = 'Encounter/e-invalid';
    const base = {
      _id: id,
      resourceType: 'Encounter',
      class: { code: 'AMB' },
      meta: { lastUpdated: '2026-12-01T08:00:00.000Z', source: stationSource('st-a') },
    };
    await rawDb(store).bulkDocs(
      [
        { ...base, _rev: '1-aaaa', _revisions: { start: 1, ids: ['aaaa'] }, note: 'a' },
        { ...base, _rev: '1-bbbb', _revisions: { start: 1, ids: ['bbbb'] }, note: 'b' },
      ],
      { new_edits: false },
    );
    const outcome = await resolveConflicts(store, [id], context('st-a'));
    expect(outcome.unresolved).toEqual([
      { id, resourceType: 'Encounter', reason: 'invalid_merge', revs: ['1-bbbb', '1-aaaa'] },
    ]);
    const head = await rawDb(store).get(id, { conflicts: true });
    expect(head._rev).toBe('1-bbbb');
    expect(head._conflicts).toEqual(['1-aaaa']);
  });
});
