import '../sync/idbShims.js';
import { describe, expect, it } from 'vitest';
import { DataContext } from '../../../sync/store/dataContext.dom.js';
import { scanConflictedIds, withCspSafeConflictScan } from '../../../renderer/src/sync/conflictScan.dom.js';
import { uniqueDbName } from '../sync/idbShims.js';

/** Two revisions of one document written as if replicated from two stations (new_edits: false). */
async function conflicted(store: DataContext, id: string): Promise<void> {
  const body = { _id: id, resourceType: 'Patient', id: id.slice('Patient/'.length) };
  await store.db.bulkDocs([{ ...body, _rev: '1-aaa' }, { ...body, _rev: '1-bbb', active: true }] as PouchDB.Core.PutDocument<object>[], { new_edits: false });
}

describe('conflicted ids without a JavaScript view (CSP forbids eval)', () => {
  it('finds the same documents as the stored view, across pages', async () => {
    const store = await DataContext.open(uniqueDbName('conflict-scan'));
    await conflicted(store, 'Patient/p1');
    await conflicted(store, 'Patient/p7');
    await store.db.bulkDocs(Array.from({ length: 5 }, (_, index) => ({ _id: `Patient/q${index}`, resourceType: 'Patient', id: `q${index}` })));
    const viaView = await store.conflictedIds();
    expect(viaView.sort()).toEqual(['Patient/p1', 'Patient/p7']);
    expect(await scanConflictedIds(store.db, 2)).toEqual(viaView);
    expect(await scanConflictedIds(store.db)).toEqual(viaView);
    const patched = withCspSafeConflictScan(store);
    expect(patched).toBe(store);
    expect(await store.conflictedIds()).toEqual(viaView);
    await store.db.destroy();
  });
});
