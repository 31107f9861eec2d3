// A visit for a patient the search found (renderer/src/frontdesk/registerVisit.dom.ts registerFoundPatient) over a
// real PouchDB (fake IndexedDB), main's commands answered by a stand-in: the visit lands on the id a card read
// would give, a record of the person under an earlier key is merged into it first (never a second live Patient),
// the mobile typed becomes theirs, and the queue number is this station's next. Invented people only.
import '../../../../factories/idbShims.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataContext } from '../../../../../sync/store/dataContext.dom.js';
import { searchPatients } from '../../../../../sync/store/patientSearch.dom.js';
import { patientFromCard } from '../../../../../sync/model/patient.std.js';
import { hexToKey, patientIdForCid } from '../../../../../sync/model/ids.std.js';
import { servicePointOf, visitTypeOf } from '../../../../../sync/model/visitDetails.std.js';
import { replacedBy } from '../../../../../sync/replication/patientMerge.std.js';
import type { StationSettings } from '../../../../../electron/contract/settings.std.js';
import {
  TEST_HCODE,
  TEST_KEY,
  syntheticCard,
  syntheticCid,
  testIdFactory,
} from '../../../../factories/fhirFixtures.js';
import { uniqueDbName } from '../../../../factories/idbShims.js';
import { rawDb } from '../../../../factories/rawDatabase.js';

/** The key main uses now; TEST_KEY is the station's earlier (provisional) one. */
const KEY_NOW = hexToKey('a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90');
const calls: { name: string; input: unknown }[] = [];

vi.mock('../../../../../renderer/src/bridge/client.dom.js', () => {
  const invoke = (
    name: string,
    input: { cid?: string },
  ): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> => {
    calls.push({ name, input });
    if (name === 'identity.patientId')
      return Promise.resolve({
        ok: true,
        value: { patientId: patientIdForCid(KEY_NOW, input.cid ?? ''), cidHash: 'h', keySource: 'central' },
      });
    if (name === 'nhso.requestAuthen')
      return Promise.resolve({ ok: false, error: { code: 'nhso_agent_down', message: 'stand-in' } });
    return Promise.resolve({ ok: true, value: {} });
  };
  // The page's client (needs a window and main) stands in with main's answers; invokeOrThrow as the real one.
  const invokeOrThrow = async (name: string, input: { cid?: string }): Promise<unknown> => {
    const result = await invoke(name, input);
    if (!result.ok) throw new Error(result.error?.code ?? 'failed');
    return result.value;
  };
  return { invoke, invokeOrThrow };
});

const { registerFoundPatient } = await import('../../../../../renderer/src/frontdesk/registerVisit.dom.js');

const settings: StationSettings = {
  configured: true,
  hcode: TEST_HCODE,
  stationId: 'st-99999-a',
  stationName: 'ห้องบัตร',
  queuePrefix: 'A',
  centralUrl: null,
  language: 'th',
  mode: 'real',
};
const AT = '2026-11-23T02:00:00.000Z';
const opened: DataContext[] = [];
afterEach(async () => {
  calls.splice(0);
  for (const context of opened.splice(0)) await context.destroy();
});

async function store(): Promise<DataContext> {
  const context = await DataContext.open(uniqueDbName('found'));
  opened.push(context);
  return context;
}

async function livePatients(db: DataContext): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of db.patients())
    for (const patient of page) if (replacedBy(patient) === null) ids.push(patient.id);
  return ids;
}

describe('a visit for a patient found by search', () => {
  it('merges a record under an earlier key into the id a card read gives, and opens the visit there: one live Patient', async () => {
    const db = await store();
    const card = syntheticCard(7, { thaiName: { prefix: 'นาง', first: 'มณีรัตน์', middle: '', last: 'สุขศรี' } });
    const earlier = patientFromCard(card, {
      patientId: patientIdForCid(TEST_KEY, card.cid),
      hcode: TEST_HCODE,
      stationId: 'st-99999-a',
      at: AT,
      source: 'card',
    });
    await db.save(earlier);
    const found = await searchPatients(db, 'สุขศรี มณี', { hcode: TEST_HCODE });
    if (!found.ok || found.patients[0] === undefined) throw new Error('not found');
    const visit = await registerFoundPatient(db, testIdFactory('st-99999-a'), settings, found.patients[0], {
      details: { servicePoint: { code: 'ncd', th: 'คลินิกโรคเรื้อรัง' }, visitType: 'appointment', right: null },
      authen: { mobile: '0812345678', claimType: 'PG0060001' },
    });
    const survivorId = patientIdForCid(KEY_NOW, syntheticCid(7));
    expect(visit).toMatchObject({
      patientId: survivorId,
      queueNumber: 'A-001',
      isNewPatient: false,
      cid: syntheticCid(7),
      authen: null,
      authenError: 'nhso_agent_down',
    });
    expect(await livePatients(db)).toEqual([survivorId]);
    expect(replacedBy((await db.patientById(earlier.id)) ?? earlier)).toBe(survivorId);
    expect((await db.patientById(survivorId))?.telecom).toEqual([
      { system: 'phone', value: '0812345678', use: 'mobile' },
    ]);
    const stored = await db.lastVisitOf(survivorId);
    expect(stored?.subject.reference).toBe(`Patient/${survivorId}`);
    expect(servicePointOf(stored ?? {})).toEqual({ code: 'ncd', display: 'คลินิกโรคเรื้อรัง' });
    expect(visitTypeOf(stored ?? {})).toBe('appointment');
    // No devices.bind: the screening nurse calls the visit from the queue (issue 14 §1), the desk does not bind.
    expect(calls.map((call) => call.name)).toEqual([
      'identity.patientId',
      'identity.recordMerges',
      'nhso.requestAuthen',
    ]);
    // Found again afterwards: one patient, the survivor.
    const again = await searchPatients(db, 'สุขศรี', { hcode: TEST_HCODE });
    expect(again.ok && again.patients.map((patient) => patient.id)).toEqual([survivorId]);
  });

  it('a patient already under the key in use gets the next visit on their own record, nothing else written', async () => {
    const db = await store();
    const card = syntheticCard(8);
    const patient = patientFromCard(card, {
      patientId: patientIdForCid(KEY_NOW, card.cid),
      hcode: TEST_HCODE,
      stationId: 'st-99999-a',
      at: AT,
      source: 'card',
    });
    const saved = await db.save(patient);
    const first = await registerFoundPatient(db, testIdFactory('st-99999-a'), settings, patient);
    const second = await registerFoundPatient(db, testIdFactory('st-99999-a'), settings, patient);
    expect([first.queueNumber, second.queueNumber]).toEqual(['A-001', 'A-002']);
    expect(first.patientId).toBe(patient.id);
    expect(await livePatients(db)).toEqual([patient.id]);
    expect((await rawDb(db).get(patient._id))._rev).toBe(saved.rev);
    expect(calls.filter((call) => call.name === 'nhso.requestAuthen')).toEqual([]);
  });
});
