// "Call next" on one nurse station over a real PouchDB (fake IndexedDB): the queue on screen was drawn before
// another station's call of the first waiting visit arrived (sync, or another window). The station must skip
// that visit and call the next one still waiting, never take over a visit already called; and a nurse who saw
// the patient is at her station can call a visit another station holds to hers. Invented patients only.
import '../../../../factories/idbShims.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataContext } from '../../../../../sync/store/dataContext.dom.js';
import { newVisit, type EncounterDoc } from '../../../../../sync/model/encounter.std.js';
import { callCandidates, queueHolder, queueStage, withQueueStage } from '../../../../../sync/model/queueStage.std.js';
import { callClash } from '../../../../../sync/model/queueCall.std.js';
import { docId } from '../../../../../sync/model/fhir.std.js';
import { uniqueDbName } from '../../../../factories/idbShims.js';

vi.mock('../../../../../renderer/src/bridge/client.dom.js', () => ({
  invoke: () => Promise.resolve({ ok: true, value: {} }),
  invokeOrThrow: () => Promise.resolve({}),
}));

const { callNext, moveVisit } = await import('../../../../../renderer/src/vitals/charting.dom.js');

const HERE = { id: 'st-99999-s1', name: 'จุดซักประวัติ 1' };
const THERE = { id: 'st-99999-s2', name: 'จุดซักประวัติ 2' };
const AT = new Date().toISOString();
const opened: DataContext[] = [];
afterEach(async () => {
  for (const context of opened.splice(0)) await context.destroy();
});

function visit(n: number): EncounterDoc {
  return newVisit({
    encounterId: `eQ${String(n)}`,
    patientId: `pq${String(n)}`,
    hcode: '99999',
    stationId: 'st-99999-a',
    at: AT,
    queueNumber: `A-00${String(n)}`,
  });
}

async function storeWith(visits: readonly EncounterDoc[]): Promise<DataContext> {
  const records = await DataContext.open(uniqueDbName('callnext'));
  opened.push(records);
  for (const doc of visits) await records.save(doc);
  return records;
}

async function read(records: DataContext, id: string): Promise<EncounterDoc> {
  return (await records.get(docId('Encounter', id))) as EncounterDoc;
}

describe('call next on one station', () => {
  it('skips a visit another station called after the screen was drawn, and calls the next one still waiting', async () => {
    const records = await storeWith([visit(1), visit(2), visit(3)]);
    const onScreen = callCandidates(await records.queueForDay(new Date()));
    expect(onScreen.map((doc) => doc.id)).toEqual(['eQ1', 'eQ2', 'eQ3']);
    // Station 2's call of A-001 lands in this store (replicated) before the nurse here presses "call next".
    await records.save(withQueueStage(await read(records, 'eQ1'), 'called', new Date().toISOString(), THERE));

    const called = await callNext(records, onScreen, HERE);
    expect(called?.id).toBe('eQ2');
    expect(queueHolder(await read(records, 'eQ1'))).toEqual(THERE);
    expect(queueHolder(await read(records, 'eQ2'))).toEqual(HERE);
    expect(queueStage(await read(records, 'eQ3'))).toBe('waiting');
    // Pressed again with the same stale screen: A-002 is this station's already, so A-003 is next.
    expect((await callNext(records, onScreen, HERE))?.id).toBe('eQ3');
    expect(await callNext(records, onScreen, HERE)).toBeNull();
  });

  it('picking a visit another station called leaves it there; "the patient is here" calls it to this station', async () => {
    const records = await storeWith([visit(4)]);
    await records.save(withQueueStage(await read(records, 'eQ4'), 'called', new Date().toISOString(), THERE));
    const picked = await moveVisit(records, 'eQ4', 'called', HERE);
    expect(picked === null ? null : callClash(picked, HERE.id)?.by).toEqual(THERE);
    expect(queueHolder(await read(records, 'eQ4'))).toEqual(THERE);

    const retaken = await moveVisit(records, 'eQ4', 'called', HERE, true);
    expect(retaken === null ? 'none' : callClash(retaken, HERE.id)).toBeNull();
    const stored = await read(records, 'eQ4');
    expect(queueHolder(stored)).toEqual(HERE);
    expect(callClash(stored, THERE.id)?.by).toEqual(HERE);
  });
});
