// The store's identifier index (sync/store/identifierIndex.dom.ts) over fake IndexedDB: lookups by CID and HN,
// edits, deletions, documents replicated in, a reopen that catches up from its checkpoint, no raw CID in the
// index database, its deletion with the store, and a property check against a brute-force filter of the
// winning revisions.
import { uniqueDbName } from '../../../factories/idbShims.js';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataContext, asPut } from '../../../../sync/store/dataContext.dom.js';
import { IdentifierIndex, legacyIndexName } from '../../../../sync/store/identifierIndex.dom.js';
import { PouchDB } from '../../../../sync/store/pouch.dom.js';
import { patientFromCard, type PatientDoc } from '../../../../sync/model/patient.std.js';
import { patientIdForCid } from '../../../../sync/model/ids.std.js';
import { TH_CID, thLocalSystem } from '../../../../sync/model/systems.std.js';
import { TEST_HCODE, TEST_KEY, syntheticCard, syntheticCid } from '../../../factories/fhirFixtures.js';
import { rawDb } from '../../../factories/rawDatabase.js';

const HN = thLocalSystem(TEST_HCODE, 'HN');
const AT = '2026-11-23T02:00:00.000Z';

const opened: DataContext[] = [];
async function store(name = uniqueDbName('ids')): Promise<DataContext> {
  const context = await DataContext.open(name);
  opened.push(context);
  return context;
}
afterEach(async () => {
  for (const context of opened.splice(0)) await context.destroy();
});

function patient(n: number, hn?: string): PatientDoc {
  const card = syntheticCard(n);
  return patientFromCard(card, {
    patientId: patientIdForCid(TEST_KEY, card.cid),
    hcode: TEST_HCODE,
    stationId: 'st-a',
    at: AT,
    source: 'card',
    ...(hn === undefined ? {} : { hn }),
  });
}

const idsOf = (patients: readonly PatientDoc[]): string[] => patients.map((p) => p.id).sort();

/** The patient document ids the index has numbered (its `numbers` buckets: document id → patient number). */
async function numbered(context: DataContext): Promise<string[]> {
  return (await context.identifierIndexContents())
    .filter((record) => record.store === 'numbers')
    .flatMap((record) => Object.keys(record.value as Record<string, number>))
    .sort();
}

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((info) => info.name ?? '');
}

describe('patients by identifier (the identifier index)', () => {
  it('finds a patient by CID and by HN, two patients sharing an HN both, and nothing for an unknown value', async () => {
    const db = await store();
    const [a, b, c] = [patient(1, 'HN-1'), patient(2, 'HN-2'), patient(3, 'HN-2')];
    for (const doc of [a, b, c]) await db.save(doc);
    expect(idsOf(await db.patientsByIdentifier(TH_CID, syntheticCid(1)))).toEqual([a.id]);
    expect(idsOf(await db.patientsByIdentifier(HN, 'HN-1'))).toEqual([a.id]);
    expect(idsOf(await db.patientsByIdentifier(HN, 'HN-2'))).toEqual(idsOf([b, c]));
    expect(await db.patientsByIdentifier(HN, syntheticCid(1))).toEqual([]);
    expect(await db.patientsByIdentifier(TH_CID, syntheticCid(4))).toEqual([]);
    // Read-your-writes: a save right before the lookup is found.
    await db.save(patient(4));
    expect(await db.patientsByIdentifier(TH_CID, syntheticCid(4))).toHaveLength(1);
  });

  it('an identifier edit removes the old entry; a deleted patient is found no more', async () => {
    const db = await store();
    const first = patient(5, 'HN-OLD');
    await db.save(first);
    expect(await db.patientsByIdentifier(HN, 'HN-OLD')).toHaveLength(1);
    expect(await numbered(db)).toEqual([first._id]);

    const stored = await db.patientById(first.id);
    if (stored === null) throw new Error('not stored');
    await db.save({
      ...stored,
      identifier: stored.identifier.map((id) => (id.system === HN ? { ...id, value: 'HN-NEW' } : id)),
    });
    expect(await db.patientsByIdentifier(HN, 'HN-OLD')).toEqual([]);
    expect(idsOf(await db.patientsByIdentifier(HN, 'HN-NEW'))).toEqual([first.id]);
    // The patient keeps its number; its old HN's posting stays behind and is checked away.
    expect(await numbered(db)).toEqual([first._id]);

    const latest = await rawDb(db).get(first._id);
    await rawDb(db).remove(latest);
    expect(await db.patientsByIdentifier(TH_CID, syntheticCid(5))).toEqual([]);
    expect(await numbered(db)).toEqual([]);
  });

  it('finds a patient replicated in from another database, and follows its edits and deletion', async () => {
    const here = await store();
    const there = await store();
    const doc = patient(6, 'HN-6');
    await there.save(doc);
    await PouchDB.replicate(rawDb(there), rawDb(here));
    expect(idsOf(await here.patientsByIdentifier(HN, 'HN-6'))).toEqual([doc.id]);

    const remote = await there.patientById(doc.id);
    if (remote === null) throw new Error('not stored');
    await there.save({ ...remote, identifier: remote.identifier.filter((id) => id.system !== HN) });
    await PouchDB.replicate(rawDb(there), rawDb(here));
    expect(await here.patientsByIdentifier(HN, 'HN-6')).toEqual([]);
    expect(await here.patientsByIdentifier(TH_CID, syntheticCid(6))).toHaveLength(1);

    await rawDb(there).remove(await rawDb(there).get(doc._id));
    await PouchDB.replicate(rawDb(there), rawDb(here));
    expect(await here.patientsByIdentifier(TH_CID, syntheticCid(6))).toEqual([]);
  });

  it('after a reopen, catches up from its checkpoint (only the changes written while closed)', async () => {
    const name = uniqueDbName('ids-reopen');
    const first = await DataContext.open(name);
    for (let n = 10; n < 20; n += 1) await first.save(patient(n, `HN-${n}`));
    expect((await first.warmIndexes()).identifiers?.changes).toBe(10);
    await first.close();

    // Written while no lookup ran (another build, or replication before the page reloaded).
    const raw = new PouchDB(name, { adapter: 'idb' });
    await raw.bulkDocs([patient(20, 'HN-20'), patient(21, 'HN-21')].map(asPut));
    await raw.close();

    const second = await store(name);
    const warm = await second.warmIndexes();
    expect(warm.identifiers?.changes).toBe(2);
    expect(idsOf(await second.patientsByIdentifier(HN, 'HN-20'))).toEqual([patient(20).id]);
    expect(idsOf(await second.patientsByIdentifier(HN, 'HN-12'))).toEqual([patient(12).id]);
  });

  it('starts over when the store was deleted and made again under its name (its seqs restart)', async () => {
    const name = uniqueDbName('ids-remade');
    const first = await DataContext.open(name);
    for (let n = 50; n < 60; n += 1) await first.save(patient(n, `HN-${n}`));
    expect(await first.patientsByIdentifier(HN, 'HN-55')).toHaveLength(1);
    await rawDb(first).destroy();
    await first.close().catch(() => undefined);

    const second = await store(name);
    await second.save(patient(70, 'HN-70'));
    expect(idsOf(await second.patientsByIdentifier(HN, 'HN-70'))).toEqual([patient(70).id]);
    expect(await second.patientsByIdentifier(HN, 'HN-55')).toEqual([]);
    expect(await numbered(second)).toEqual([patient(70)._id]);
  });

  it('holds no raw CID or HN in any key or value of the index database', async () => {
    const db = await store();
    const docs = [patient(30, '445566'), patient(31, '445567')];
    for (const doc of docs) await db.save(doc);
    expect(await db.patientsByIdentifier(TH_CID, syntheticCid(30))).toHaveLength(1);
    const records = await db.identifierIndexContents();
    expect([...new Set(records.map((record) => record.store))].sort()).toEqual(['groups', 'ids', 'meta', 'numbers']);
    expect(
      records
        .filter((record) => record.store === 'meta')
        .map((record) => record.key)
        .sort(),
    ).toEqual(['checkpoint', 'key', 'next']);
    expect(await numbered(db)).toEqual(docs.map((doc) => doc._id).sort());
    // Hashes (hex, keyed) could hold a run of digits by chance: the values themselves are looked for.
    const text = records.map((record) => `${JSON.stringify(record.key)} ${JSON.stringify(record.value)}`).join(' ');
    for (const value of [syntheticCid(30), syntheticCid(31), '445566', '445567'])
      expect(text.includes(value)).toBe(false);
    // The test can fail: the documents themselves hold the values.
    expect(JSON.stringify(docs).includes(syntheticCid(30))).toBe(true);
  });

  it('an index of the earlier layout (version 3, a record per patient) is emptied and built again on first use', async () => {
    const name = uniqueDbName('ids-v3');
    const first = await DataContext.open(name);
    await first.save(patient(80, 'HN-80'));
    const main = await (rawDb(first) as unknown as { id(): Promise<string> }).id();
    await first.close();
    // The version-3 database as an earlier build left it: its checkpoint (of this very store) says all is indexed.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(IdentifierIndex.databaseName(name), 3);
      req.onupgradeneeded = () => {
        const db = req.result;
        const patients = db.createObjectStore('patients', { keyPath: 'docId' });
        patients.createIndex('hashes', 'hashes', { multiEntry: true });
        const meta = db.createObjectStore('meta');
        meta.put({ seq: 999, main }, 'checkpoint');
        patients.put({ docId: 'Patient/stale', hashes: ['x'], tokens: [], inner: [], fragments: [] });
      };
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error ?? new Error('open failed'));
    });
    const second = await store(name);
    expect(idsOf(await second.patientsByIdentifier(HN, 'HN-80'))).toEqual([patient(80).id]);
    const records = await second.identifierIndexContents();
    expect(records.some((record) => record.store === 'patients')).toBe(false);
    expect(await numbered(second)).toEqual([patient(80)._id]);
  });

  it('close keeps the index database; destroy deletes it, and a leftover of the PouchDB-based index goes on first use', async () => {
    const name = uniqueDbName('ids-destroy');
    const indexName = IdentifierIndex.databaseName(name);
    const legacy = new PouchDB(indexName, { adapter: 'idb' });
    await legacy.put({ _id: 'p:Patient/x', hashes: [] });
    await legacy.close();
    expect(await databaseNames()).toContain(legacyIndexName(indexName));

    const first = await DataContext.open(name);
    await first.save(patient(60, 'HN-60'));
    expect(await first.patientsByIdentifier(HN, 'HN-60')).toHaveLength(1);
    await first.close();
    expect(await databaseNames()).toContain(indexName);
    expect(await databaseNames()).not.toContain(legacyIndexName(indexName));

    const second = await DataContext.open(name);
    expect((await second.warmIndexes()).identifiers?.changes).toBe(0);
    expect(await second.patientsByIdentifier(HN, 'HN-60')).toHaveLength(1);
    await second.destroy();
    expect(await databaseNames()).not.toContain(indexName);
  });

  it('two openers of one store (two windows) share the index: each page is applied once, both find every patient', async () => {
    const name = uniqueDbName('ids-two');
    // Left open: in one page both PouchDB instances share one IndexedDB connection, which destroying `two`
    // closes; `one`'s index connection closes itself when `two` deletes the index database.
    const one = await DataContext.open(name);
    const two = await store(name);
    await rawDb(one).bulkDocs(Array.from({ length: 30 }, (_, n) => asPut(patient(200 + n, `HN-${200 + n}`))));
    const [a, b] = await Promise.all([one.warmIndexes(), two.warmIndexes()]);
    // Both caught up concurrently: the changes were applied between them, none twice.
    expect((a.identifiers?.changes ?? 0) + (b.identifiers?.changes ?? 0)).toBe(30);
    await two.save(patient(240, 'HN-240'));
    for (const context of [one, two]) {
      expect(idsOf(await context.patientsByIdentifier(HN, 'HN-240'))).toEqual([patient(240).id]);
      expect(idsOf(await context.patientsByIdentifier(HN, 'HN-215'))).toEqual([patient(215).id]);
    }
    expect(await numbered(one)).toHaveLength(31);
  });

  it('a conflicted patient is found by the winning revision’s identifiers only', async () => {
    const db = await store();
    const base = patient(40, 'HN-A');
    const other = {
      ...base,
      identifier: base.identifier.map((id) => (id.system === HN ? { ...id, value: 'HN-B' } : id)),
    };
    // Two stations' revisions of one patient; CouchDB's rule picks the winner (same depth: the higher rev hash).
    await rawDb(db).bulkDocs(
      [
        { ...base, _rev: '1-aaaa' },
        { ...other, _rev: '1-ffff' },
      ] as PouchDB.Core.PutDocument<object>[],
      { new_edits: false },
    );
    expect(idsOf(await db.patientsByIdentifier(HN, 'HN-B'))).toEqual([base.id]);
    expect(await db.patientsByIdentifier(HN, 'HN-A')).toEqual([]);
    // The winner is removed (conflict settled for the other side): the surviving revision's identifiers count.
    await rawDb(db).remove(base._id, '1-ffff');
    expect(idsOf(await db.patientsByIdentifier(HN, 'HN-A'))).toEqual([base.id]);
    expect(await db.patientsByIdentifier(HN, 'HN-B')).toEqual([]);
  });
});

type Op =
  | { readonly kind: 'put'; readonly who: number; readonly hns: readonly string[] }
  | { readonly kind: 'delete'; readonly who: number }
  | { readonly kind: 'conflict'; readonly who: number; readonly hns: readonly string[]; readonly rev: string }
  | { readonly kind: 'lookup'; readonly hn: string };

const HNS = ['1', '2', '3', '4'];
const PEOPLE = 5;
const hnSet = fc.uniqueArray(fc.constantFrom(...HNS), { maxLength: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('put' as const), who: fc.nat(PEOPLE - 1), hns: hnSet }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), who: fc.nat(PEOPLE - 1) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('conflict' as const),
      who: fc.nat(PEOPLE - 1),
      hns: hnSet,
      rev: fc.constantFrom('9-0000', '9-ffff', '1-8888'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('lookup' as const), hn: fc.constantFrom(...HNS) }) },
);

function withHns(doc: PatientDoc, hns: readonly string[]): PatientDoc {
  return {
    ...doc,
    identifier: [
      ...doc.identifier.filter((id) => id.system === TH_CID),
      ...hns.map((value) => ({ system: HN, value })),
    ],
  };
}

/** The brute force: every winning revision read and filtered. */
async function bruteForce(db: DataContext, system: string, value: string): Promise<string[]> {
  const all = await rawDb(db).allDocs({ include_docs: true });
  return all.rows
    .map((row) => row.doc as unknown as Partial<PatientDoc> | undefined)
    .filter(
      (doc) =>
        doc?.resourceType === 'Patient' &&
        doc.identifier?.some((id) => id.system === system && id.value === value) === true,
    )
    .map((doc) => doc?.id ?? '')
    .sort();
}

async function apply(db: DataContext, step: Op): Promise<void> {
  if (step.kind === 'lookup') {
    expect(idsOf(await db.patientsByIdentifier(HN, step.hn))).toEqual(await bruteForce(db, HN, step.hn));
    return;
  }
  const base = patient(100 + step.who);
  const current = await rawDb(db)
    .get(base._id)
    .catch(() => null);
  if (step.kind === 'delete') {
    if (current !== null) await rawDb(db).remove(current);
  } else if (step.kind === 'put') {
    await db.save(withHns(current === null ? base : { ...base, _rev: current._rev }, step.hns));
  } else {
    // A revision from elsewhere with no common history: it wins or loses by CouchDB's rule.
    await rawDb(db).bulkDocs([{ ...withHns(base, step.hns), _rev: step.rev }] as PouchDB.Core.PutDocument<object>[], {
      new_edits: false,
    });
  }
}

describe('patients by identifier, property', () => {
  it('equals a brute-force filter of the winning revisions after random saves, edits, deletions and conflicts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const db = await DataContext.open(uniqueDbName('ids-prop'));
        try {
          for (const step of ops) await apply(db, step);
          for (const hn of HNS)
            expect(idsOf(await db.patientsByIdentifier(HN, hn))).toEqual(await bruteForce(db, HN, hn));
          for (let who = 0; who < PEOPLE; who += 1) {
            const cid = syntheticCid(100 + who);
            expect(idsOf(await db.patientsByIdentifier(TH_CID, cid))).toEqual(await bruteForce(db, TH_CID, cid));
          }
          // Every live patient has a number, a deleted one none.
          const live = (await rawDb(db).allDocs({ include_docs: true })).rows
            .map((row) => row.doc as unknown as Partial<PatientDoc> & { _id: string })
            .filter((doc) => doc.resourceType === 'Patient')
            .map((doc) => doc._id)
            .sort();
          expect(await numbered(db)).toEqual(live);
        } finally {
          await db.destroy();
        }
      }),
      { numRuns: 30, seed: 20261123 },
    );
  }, 120_000);
});
