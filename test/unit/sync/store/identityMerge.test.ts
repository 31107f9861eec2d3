/**
 * One person, one patient, whatever order setup happens in. Stations register patients under a provisional key
 * of their own until they adopt the hospital's; then the same card hashes to another id. Registration finds the
 * person under any key and merges, a reconcile pass merges everything written under an earlier key, and two
 * stations that registered one person under different provisional keys end, through central, with one live
 * Patient whose visits are all reachable. Stores are PouchDB over fake-indexeddb; "central" is a third one,
 * replicated with PouchDB's own replicate.
 */
import { uniqueDbName } from '../../../factories/idbShims.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { DataContext } from '../../../../sync/store/dataContext.dom.js';
import {
  knownPatient,
  mergeOthersOf,
  reconcileOncePerKey,
  reconcilePatientIds,
  type PatientIdFor,
} from '../../../../sync/store/identityMerge.dom.js';
import { patientRecordIds, replacedBy } from '../../../../sync/replication/patientMerge.std.js';
import { resolveConflicts } from '../../../../sync/replication/resolver.dom.js';
import { patientFromCard, patientCid, type PatientDoc } from '../../../../sync/model/patient.std.js';
import { encounterPatientId, newVisit } from '../../../../sync/model/encounter.std.js';
import { hexToKey, patientIdForCid } from '../../../../sync/model/ids.std.js';
import { TH_CID } from '../../../../sync/model/systems.std.js';
import { TEST_HCODE, TINY_JPEG_BASE64, syntheticCard, testIdFactory } from '../../../factories/fhirFixtures.js';
import { photoMedia } from '../../../../sync/model/media.std.js';
import { rawDb } from '../../../factories/rawDatabase.js';

const CENTRAL_KEY = hexToKey('c0'.repeat(32));
const opened: DataContext[] = [];
afterEach(async () => {
  for (const context of opened.splice(0)) await context.destroy();
});

async function store(label: string): Promise<DataContext> {
  const context = await DataContext.open(uniqueDbName(label));
  opened.push(context);
  return context;
}

function keyOf(seed: number): Uint8Array {
  return hexToKey(seed.toString(16).padStart(2, '0').repeat(32));
}

class Station {
  key: Uint8Array;
  readonly newId: () => string;
  constructor(
    readonly name: string,
    readonly records: DataContext,
    provisional: Uint8Array,
  ) {
    this.key = provisional;
    this.newId = testIdFactory(name);
  }
  readonly idFor: PatientIdFor = async (cid) => patientIdForCid(this.key, cid);

  /** What the front desk does on save: merge the person's other records, then write the patient and a visit. */
  async register(seed: number, at: string): Promise<{ patientId: string; isNew: boolean }> {
    const card = syntheticCard(seed);
    const patientId = await this.idFor(card.cid);
    await mergeOthersOf(this.records, card.cid, patientId, { at, stationId: this.name });
    const existing = await this.records.patientById(patientId);
    const photo =
      card.photo == null
        ? null
        : photoMedia(card.photo.base64, { patientId, stationId: this.name, at, source: 'card', timeId: this.newId() });
    if (photo !== null) await this.records.save(photo);
    await this.records.save(
      patientFromCard(card, {
        patientId,
        hcode: TEST_HCODE,
        stationId: this.name,
        at,
        source: 'card',
        existing,
        photo,
      }),
    );
    await this.records.save(
      newVisit({
        encounterId: this.newId(),
        patientId,
        hcode: TEST_HCODE,
        stationId: this.name,
        at,
        queueNumber: `${this.name.toUpperCase()}-001`,
      }),
    );
    return { patientId, isNew: existing === null };
  }

  async adopt(at: string): Promise<void> {
    this.key = CENTRAL_KEY;
    await reconcilePatientIds(this.records, this.idFor, { at, stationId: this.name });
  }

  async sync(central: DataContext): Promise<void> {
    await rawDb(this.records).replicate.to(rawDb(central));
    await rawDb(this.records).replicate.from(rawDb(central));
    await resolveConflicts(this.records, await this.records.conflictedIds(), {
      stationId: this.name,
      hcode: TEST_HCODE,
      newId: this.newId,
      now: () => new Date().toISOString(),
    });
  }
}

async function allPatients(records: DataContext): Promise<PatientDoc[]> {
  const out: PatientDoc[] = [];
  for await (const page of records.patients()) out.push(...page);
  return out;
}

async function encounterSubjects(records: DataContext): Promise<string[]> {
  const rows = await rawDb(records).allDocs({ include_docs: true, startkey: 'Encounter/', endkey: 'Encounter/\ufff0' });
  return rows.rows.map((row) => encounterPatientId(row.doc as unknown as Parameters<typeof encounterPatientId>[0]));
}

describe('registration after the key changed', () => {
  it('finds the person registered under the provisional key, merges, and keeps every visit reachable', async () => {
    const records = await store('merge-register');
    const station = new Station('st-a', records, keyOf(1));
    const first = await station.register(41, '2026-12-01T08:00:00.000Z');
    expect(first.isNew).toBe(true);
    station.key = CENTRAL_KEY;
    const card = syntheticCard(41);
    const newId = await station.idFor(card.cid);
    expect(newId).not.toBe(first.patientId);
    // Before saving, the front desk already knows the person (it showed "new patient" before).
    expect((await knownPatient(records, card.cid, newId))?.id).toBe(first.patientId);

    const again = await station.register(41, '2026-12-01T09:00:00.000Z');
    expect(again).toEqual({ patientId: newId, isNew: false });
    const survivor = await records.patientById(newId);
    const old = await records.patientById(first.patientId);
    expect(survivor?.active).toBe(true);
    expect(survivor?.link).toEqual([{ type: 'replaces', other: { reference: `Patient/${first.patientId}` } }]);
    expect(replacedBy(old ?? { link: [] })).toBe(newId);
    expect(old?.active).toBe(false);
    // The old record is kept; one live record holds the CID.
    const holders = await records.patientsByIdentifier(TH_CID, card.cid);
    expect(holders).toHaveLength(2);
    expect(holders.filter((patient) => replacedBy(patient) === null).map((patient) => patient.id)).toEqual([newId]);
    // Both visits reachable from the survivor; the latest first.
    expect((await records.lastVisitOf(newId))?.period?.start).toBe('2026-12-01T09:00:00.000Z');
    expect(patientRecordIds(survivor ?? { id: newId })).toEqual([newId, first.patientId]);
    // The survivor points at a photo the store holds (its own Media record, not an attachment of the Patient).
    const photoRef = survivor?.photo?.[0]?.url ?? '';
    expect(photoRef).toMatch(/^Media\//);
    expect(survivor?._attachments).toBeUndefined();
    const media = await rawDb(records).get<{ _attachments?: Record<string, { data?: string }> }>(photoRef, {
      attachments: true,
    });
    expect(media._attachments?.['photo.jpg']?.data).toBe(TINY_JPEG_BASE64);
  });

  it('a reconcile pass merges every patient written under an earlier key, once per key', async () => {
    const records = await store('merge-reconcile');
    const station = new Station('st-a', records, keyOf(2));
    for (const seed of [51, 52, 53]) await station.register(seed, '2026-12-01T08:00:00.000Z');
    station.key = CENTRAL_KEY;
    const plans = await reconcileOncePerKey(records, 'fingerprint-central', station.idFor, {
      at: '2026-12-01T10:00:00.000Z',
      stationId: 'st-a',
    });
    expect(plans).toHaveLength(3);
    expect(
      await reconcileOncePerKey(records, 'fingerprint-central', station.idFor, {
        at: '2026-12-01T10:01:00.000Z',
        stationId: 'st-a',
      }),
    ).toEqual([]);
    const live = (await allPatients(records)).filter((patient) => replacedBy(patient) === null);
    expect(live.map((patient) => patient.id).sort()).toEqual(
      (await Promise.all([51, 52, 53].map((seed) => station.idFor(syntheticCard(seed).cid)))).sort(),
    );
  });
});

type Op =
  | { kind: 'register'; station: 0 | 1; person: number }
  | { kind: 'adopt'; station: 0 | 1 }
  | { kind: 'sync'; station: 0 | 1 };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('register' as const),
    station: fc.constantFrom(0 as const, 1 as const),
    person: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({ kind: fc.constant('adopt' as const), station: fc.constantFrom(0 as const, 1 as const) }),
  fc.record({ kind: fc.constant('sync' as const), station: fc.constantFrom(0 as const, 1 as const) }),
);

describe('any order of register, adopt and sync on two stations', () => {
  it('ends on central with one live Patient per person, every visit reachable from it', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), async (ops) => {
        run += 1;
        const central = await store(`central-${String(run)}`);
        const stations = [
          new Station('st-a', await store(`a-${String(run)}`), keyOf(3)),
          new Station('st-b', await store(`b-${String(run)}`), keyOf(4)),
        ] as const;
        const registered = new Set<number>();
        let minute = 0;
        const at = (): string => new Date(Date.UTC(2026, 11, 1, 8, minute++)).toISOString();
        for (const op of ops) {
          const station = stations[op.station];
          if (op.kind === 'register') {
            await station.register(60 + op.person, at());
            registered.add(60 + op.person);
          } else if (op.kind === 'adopt') await station.adopt(at());
          else await station.sync(central);
        }
        // Then IT finishes: every station has the hospital key and has synced until quiet.
        for (const station of stations) await station.adopt(at());
        for (let round = 0; round < 2; round += 1) for (const station of stations) await station.sync(central);

        const patients = await allPatients(central);
        for (const seed of registered) {
          const cid = syntheticCard(seed).cid;
          const records = patients.filter((patient) => patientCid(patient) === cid);
          const live = records.filter((patient) => replacedBy(patient) === null);
          expect(live.map((patient) => patient.id)).toEqual([patientIdForCid(CENTRAL_KEY, cid)]);
          // Every record of the person points (directly) at the live one, which names each of them.
          const survivor = live[0];
          if (survivor === undefined) throw new Error('no survivor');
          const reachable = new Set(patientRecordIds(survivor));
          for (const record of records) expect(reachable.has(record.id), record.id).toBe(true);
        }
        const liveIds = new Set(
          patients.filter((patient) => replacedBy(patient) === null).flatMap((patient) => patientRecordIds(patient)),
        );
        for (const subject of await encounterSubjects(central)) expect(liveIds.has(subject), subject).toBe(true);
        for (const context of opened.splice(0)) await context.destroy();
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
