// The store must work under the app's Content-Security-Policy (no 'unsafe-eval'): PouchDB runs stored map/reduce
// views with `new Function`, so the store uses only Mango indexes and scans. Here that view evaluation throws, as
// it does in Chromium under the CSP.
import '../../../factories/idbShims.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataContext } from '../../../../sync/store/dataContext.dom.js';
import { patientFromCard } from '../../../../sync/model/patient.std.js';
import { TH_CID } from '../../../../sync/model/systems.std.js';
import { patientIdForCid } from '../../../../sync/model/ids.std.js';
import { uniqueDbName } from '../../../factories/idbShims.js';
import { TEST_KEY, syntheticCard } from '../../../factories/fhirFixtures.js';
import { rawDb } from '../../../factories/rawDatabase.js';

const RealFunction = globalThis.Function;
const refused = (): never => {
  throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not allowed (test CSP)");
};
/** Refuses what PouchDB's map/reduce does with a stored view (`new Function('emit', …, 'return ' + source)`). */
function isViewEval(args: readonly unknown[]): boolean {
  return args.some((arg) => arg === 'emit');
}
beforeEach(() => {
  globalThis.Function = new Proxy(RealFunction, {
    construct: (target, args: unknown[]) => (isViewEval(args) ? refused() : Reflect.construct(target, args)),
    apply: (target, self, args: unknown[]) => (isViewEval(args) ? refused() : Reflect.apply(target, self, args)),
  });
});
afterEach(() => {
  globalThis.Function = RealFunction;
});

/** Two revisions of one document written as if replicated from two stations (new_edits: false). */
async function conflicted(store: DataContext, id: string): Promise<void> {
  const body = { _id: id, resourceType: 'Patient', id: id.slice('Patient/'.length) };
  await rawDb(store).bulkDocs(
    [
      { ...body, _rev: '1-aaa' },
      { ...body, _rev: '1-bbb', active: true },
    ] as PouchDB.Core.PutDocument<object>[],
    { new_edits: false },
  );
}

describe('the store without eval (the app CSP)', () => {
  it('lists conflicted documents across pages and finds patients by identifier', async () => {
    const store = await DataContext.open(uniqueDbName('no-eval'));
    await conflicted(store, 'Patient/p1');
    await conflicted(store, 'Patient/p7');
    await rawDb(store).bulkDocs(
      Array.from({ length: 5 }, (_, index) => ({ _id: `Patient/q${index}`, resourceType: 'Patient', id: `q${index}` })),
    );
    expect((await store.conflictedIds(2)).sort()).toEqual(['Patient/p1', 'Patient/p7']);
    expect((await store.conflictedIds()).sort()).toEqual(['Patient/p1', 'Patient/p7']);

    const card = syntheticCard(7);
    const patientId = patientIdForCid(TEST_KEY, card.cid);
    await store.save(
      patientFromCard(card, {
        patientId,
        hcode: '10953',
        stationId: 'st-10953-a',
        at: '2026-11-23T02:00:00.000Z',
        source: 'card',
        hn: 'HN-77',
      }),
    );
    const byCid = await store.patientsByIdentifier(TH_CID, card.cid);
    expect(byCid.map((patient) => patient.id)).toEqual([patientId]);
    expect(await store.patientsByIdentifier(TH_CID, '0000000000000')).toEqual([]);
    await store.destroy();
  });
});
