/**
 * The store benchmark's page (bundled by storeBench.node.ts, run in Chromium): our DataContext over the real
 * IndexedDB, filled with synthetic patients built by the model, then timed here (performance.now, no CDP in
 * the measured path). Exposed as `window.edgeBench`.
 */
import { DataContext } from '../../../sync/store/dataContext.dom.js';
import { localDayRange } from '../../../sync/store/dataContext.dom.js';
import { patientIdForCid } from '../../../sync/model/ids.std.js';
import { TH_CID, thLocalSystem } from '../../../sync/model/systems.std.js';
import { docId } from '../../../sync/model/fhir.std.js';
import { newVisit } from '../../../sync/model/encounter.std.js';
import {
  benchCard,
  benchCid,
  benchContext,
  benchEncounter,
  seededBytes,
  type BenchContext,
} from '../sync/visits.std.js';
import { patientFromCard, type PatientDoc } from '../../../sync/model/patient.std.js';
import { searchPatients } from '../../../sync/store/patientSearch.dom.js';
import { matchesName, nameTokens, parseQuery, words } from '../../../sync/store/searchText.std.js';
import { benchMobile, benchName } from './benchNames.std.js';
import { rawDb } from '../../factories/rawDatabase.js';

export interface LoadPlan {
  readonly patients: number;
  /** Patients 0..today-1 have a visit (Encounter + 6 Observations) today. */
  readonly today: number;
  /** Patients today..today+past-1 have one visit on an earlier day (Encounter only), so the queue index holds other days too. */
  readonly past: number;
}

export interface Timings {
  readonly samples: number[];
}

const DB_NAME = 'bench-store';
const HCODE = '77777';
const STATION = 'st-77777-bench';
let store: DataContext | null = null;
let context: BenchContext | null = null;

function opened(): { store: DataContext; context: BenchContext } {
  if (store === null || context === null) throw new Error('call load() first');
  return { store, context };
}

async function saveChecked(docs: Parameters<DataContext['saveAll']>[0]): Promise<void> {
  const results = await opened().store.saveAll(docs);
  const failed = results.filter((result) => result instanceof Error).length;
  if (failed > 0) throw new Error(`${failed} documents not stored`);
}

/** Today at hh:mm local time, as an ISO instant inside localDayRange(today). */
function todayAt(minutes: number): string {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate(), 7, minutes).toISOString();
}

/** Patient n as the card path writes it, with a spread-out invented name, an HN and a mobile number. */
function namedPatient(n: number, ctx: BenchContext, at: string): PatientDoc {
  const card = benchCard(n);
  const name = benchName(n);
  const named = {
    ...card,
    thaiName: { ...card.thaiName, ...name.thai },
    englishName: { prefix: card.englishName?.prefix ?? '', middle: '', ...name.english },
  };
  return patientFromCard(named, {
    patientId: patientIdForCid(ctx.key, card.cid),
    hcode: HCODE,
    stationId: STATION,
    at,
    source: 'card',
    hn: hnOf(n),
    mobile: benchMobile(n),
  });
}

async function load(plan: LoadPlan): Promise<{ ms: number; docs: number }> {
  store = await DataContext.open(DB_NAME);
  context = benchContext(HCODE, STATION, 7);
  const start = performance.now();
  let docs = 0;
  const chunk = 1000;
  for (let first = 0; first < plan.patients; first += chunk) {
    const batch = [];
    for (let n = first; n < Math.min(plan.patients, first + chunk); n += 1) {
      const patient = namedPatient(n, context, '2026-01-05T03:00:00.000Z');
      batch.push(patient);
      if (n < plan.today) {
        const { encounter, observations } = benchEncounter(n, patient.id, context, todayAt(n % 600));
        batch.push(encounter, ...observations);
      } else if (n < plan.today + plan.past) {
        const day = new Date(Date.UTC(2026, 5 + (n % 5), 1 + (n % 28), 2)).toISOString();
        batch.push(
          newVisit({
            encounterId: context.newId(),
            patientId: patient.id,
            hcode: HCODE,
            stationId: STATION,
            at: day,
            queueNumber: 'B-001',
          }),
        );
      }
    }
    await saveChecked(batch);
    docs += batch.length;
  }
  return { ms: performance.now() - start, docs };
}

/** The background warm-up the app runs after open and after pulls: the station's index catching up. */
async function warm(): Promise<{
  ms: number;
  identifierChanges: number;
  identifierMs: number;
  aborted: boolean;
}> {
  const report = await opened().store.warmIndexes();
  return {
    ms: report.ms,
    identifierChanges: report.identifiers?.changes ?? 0,
    identifierMs: report.identifiers?.ms ?? 0,
    aborted: report.aborted,
  };
}

/** The old way's index (retired from the app; made here for the baseline): its lazy build, timed apart. */
const OLD_INDEX = 'idx-type';
async function buildOldIndex(): Promise<{ ms: number }> {
  const { store: db } = opened();
  // pouchdb-find's createIndex builds the index before it returns: timed with the first query.
  const start = performance.now();
  await rawDb(db).createIndex({ index: { fields: ['resourceType'], name: 'by-type', ddoc: OLD_INDEX } });
  await rawDb(db).find({ selector: { resourceType: 'Patient' }, use_index: OLD_INDEX, limit: 1 });
  return { ms: performance.now() - start };
}

const hnOf = (n: number): string => `HN${String(n).padStart(7, '0')}`;

function randomPicks(count: number, below: number, seed: number): number[] {
  const random = seededBytes(seed);
  return Array.from({ length: count }, () => {
    const bytes = random(4);
    return ((bytes[0] ?? 0) * 2 ** 24 + (bytes[1] ?? 0) * 2 ** 16 + (bytes[2] ?? 0) * 256 + (bytes[3] ?? 0)) % below;
  });
}

async function timed(picks: readonly number[], lookup: (n: number) => Promise<boolean>): Promise<Timings> {
  const samples: number[] = [];
  for (const n of picks) {
    const start = performance.now();
    const found = await lookup(n);
    samples.push(performance.now() - start);
    if (!found) throw new Error(`patient ${n} not found`);
  }
  return { samples };
}

/** CID → keyed-hash id → primary-key get: what the front desk does with a card read. */
function byKeyedId(count: number, patients: number, seed: number): Promise<Timings> {
  const { store: db, context: ctx } = opened();
  return timed(
    randomPicks(count, patients, seed),
    async (n) => (await db.patientById(patientIdForCid(ctx.key, benchCid(n)))) !== null,
  );
}

/** CID typed in where the key is not at hand, or an HN: DataContext.patientsByIdentifier (the identifier index). */
function byIdentifierIndex(count: number, patients: number, seed: number, kind: 'cid' | 'hn'): Promise<Timings> {
  const { store: db } = opened();
  const hn = thLocalSystem(HCODE, 'HN');
  return timed(
    randomPicks(count, patients, seed),
    async (n) =>
      (await (kind === 'cid' ? db.patientsByIdentifier(TH_CID, benchCid(n)) : db.patientsByIdentifier(hn, hnOf(n))))
        .length === 1,
  );
}

/**
 * Read-your-writes: a patient gets a second HN, then is looked up by it at once (the lookup first applies
 * that change to the identifier index). Times the lookup only.
 */
async function afterSave(count: number, patients: number, seed: number): Promise<Timings> {
  const { store: db, context: ctx } = opened();
  const hn = thLocalSystem(HCODE, 'HN');
  const samples: number[] = [];
  for (const n of randomPicks(count, patients, seed)) {
    const stored = await db.patientById(patientIdForCid(ctx.key, benchCid(n)));
    if (stored === null) throw new Error(`patient ${n} not found`);
    const extra = `X${hnOf(n)}-${samples.length}`;
    await db.save({ ...stored, identifier: [...stored.identifier, { system: hn, value: extra }] });
    const start = performance.now();
    const found = await db.patientsByIdentifier(hn, extra);
    samples.push(performance.now() - start);
    if (found.length !== 1) throw new Error(`patient ${n} not found right after its save`);
  }
  return { samples };
}

/** The old way (the baseline): a Mango $elemMatch over the resourceType index, filtering every patient. */
function byElemMatch(count: number, patients: number, seed: number): Promise<Timings> {
  const { store: db } = opened();
  return timed(randomPicks(count, patients, seed), async (n) => {
    const cid = benchCid(n);
    const result = await rawDb(db).find({
      selector: { resourceType: 'Patient', identifier: { $elemMatch: { system: TH_CID, value: cid } } },
      use_index: OLD_INDEX,
    } as PouchDB.Find.FindRequest<object>);
    return result.docs.length === 1;
  });
}

function idbRequest<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * The floor: the two raw IndexedDB reads PouchDB's idb adapter needs for a document, with no PouchDB on top:
 * the document-store record by id (winning revision), then the body through by-sequence's _doc_id_rev index.
 */
async function rawGet(count: number, patients: number, seed: number): Promise<Timings> {
  const { context: ctx } = opened();
  const raw = await idbRequest(indexedDB.open(`_pouch_${DB_NAME}`));
  try {
    return await timed(randomPicks(count, patients, seed), async (n) => {
      const id = docId('Patient', patientIdForCid(ctx.key, benchCid(n)));
      const transaction = raw.transaction(['document-store', 'by-sequence'], 'readonly');
      const meta = (await idbRequest(transaction.objectStore('document-store').get(id))) as
        | { winningRev?: string }
        | undefined;
      if (meta?.winningRev === undefined) return false;
      const body: unknown = await idbRequest(
        transaction.objectStore('by-sequence').index('_doc_id_rev').get(`${id}::${meta.winningRev}`),
      );
      return body !== undefined;
    });
  } finally {
    raw.close();
  }
}

interface ScanDoc {
  readonly resourceType?: string;
  readonly id?: string;
  readonly identifier?: readonly { system?: string; value?: string }[];
  readonly period?: { start?: string };
  readonly subject?: { reference?: string };
}

async function scanAll(): Promise<ScanDoc[]> {
  const result = await rawDb(opened().store).allDocs({ include_docs: true });
  return result.rows.map((row) => (row.doc ?? {}) as ScanDoc);
}

/** No index at all: read every document and filter (what a store without the keyed id or view would do). */
function byFullScan(count: number, patients: number, seed: number): Promise<Timings> {
  return timed(randomPicks(count, patients, seed), async (n) => {
    const cid = benchCid(n);
    return (await scanAll()).some(
      (doc) =>
        doc.resourceType === 'Patient' &&
        doc.identifier?.some((id) => id.system === TH_CID && id.value === cid) === true,
    );
  });
}

/** Today's queue with patients, as the front desk and vitals load it. */
async function queue(runs: number, expected: number): Promise<Timings> {
  const { store: db } = opened();
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    const visits = await db.visitsWithPatients(new Date());
    samples.push(performance.now() - start);
    const withPatient = visits.filter((visit) => visit.patient !== null).length;
    if (visits.length !== expected || withPatient !== expected)
      throw new Error(`queue: ${visits.length} visits, ${withPatient} with patients, expected ${expected}`);
  }
  return { samples };
}

/** Baseline: one full scan, today's encounters filtered out of it and their patients looked up in it. */
async function queueByScan(runs: number, expected: number): Promise<Timings> {
  const { start: dayStart, end: dayEnd } = localDayRange(new Date());
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    const docs = await scanAll();
    const patients = new Map(docs.filter((doc) => doc.resourceType === 'Patient').map((doc) => [doc.id, doc]));
    const visits = docs
      .filter(
        (doc) =>
          doc.resourceType === 'Encounter' &&
          (doc.period?.start ?? '') >= dayStart &&
          (doc.period?.start ?? '') < dayEnd,
      )
      .sort((a, b) => (a.period?.start ?? '').localeCompare(b.period?.start ?? ''))
      .map((encounter) => ({
        encounter,
        patient: patients.get((encounter.subject?.reference ?? '').replace(/^Patient\//, '')) ?? null,
      }));
    samples.push(performance.now() - start);
    if (visits.filter((visit) => visit.patient !== null).length !== expected)
      throw new Error('queue scan: wrong count');
  }
  return { samples };
}

export type SearchKind =
  | 'thaiReversed'
  | 'englishFamily'
  | 'shortPrefix'
  | 'phone'
  | 'hn'
  | 'cid'
  | 'thaiInner'
  | 'phoneLast4'
  | 'hnPart'
  | 'cidMiddle';

/** Kinds whose query many patients match (two letters, a syllable inside a name, 4 digits): some hit is enough. */
const ANY_HIT: readonly SearchKind[] = ['shortPrefix', 'thaiInner', 'phoneLast4', 'hnPart'];

/** Up to 4 letters of the Thai family name from its second syllable on (a later consonant or leading vowel). */
function innerFragment(family: string): string {
  const word = words(family).join('');
  const at = [...word].findIndex(
    (letter, index) => index >= 2 && /[\u0E01-\u0E2E\u0E40-\u0E44]/.test(letter) && index <= word.length - 2,
  );
  return at < 0 ? word : word.slice(at, at + 4);
}

/**
 * What a clerk types for patient n: the Thai family name then the first two letters of the given name (reversed,
 * in part); the romanised family name in lower case; only the first two letters of the given name (the worst
 * case: thousands share them); the mobile number with dashes; the HN; the CID. Inside a word: letters from the Thai
 * family name's second syllable on, the phone's last 4 digits, the HN's last 5 digits, 7 digits from the CID's middle.
 */
function queryFor(kind: SearchKind, n: number): string {
  const name = benchName(n);
  // Two letters as a clerk types them: tone marks left out (they are dropped when matching anyway).
  const twoLetters = words(name.thai.first).join('').slice(0, 2);
  switch (kind) {
    case 'thaiReversed':
      return `${name.thai.last} ${twoLetters}`;
    case 'englishFamily':
      return name.english.last.toLowerCase();
    case 'shortPrefix':
      return twoLetters;
    case 'phone':
      return benchMobile(n).replace(/^(\d{3})(\d{3})/, '$1-$2-');
    case 'hn':
      return hnOf(n);
    case 'cid':
      return benchCid(n);
    case 'thaiInner':
      return innerFragment(name.thai.last);
    case 'phoneLast4':
      return benchMobile(n).slice(-4);
    case 'hnPart':
      return hnOf(n).slice(-5);
    case 'cidMiddle':
      // The bench's CIDs are 29999 + n + a check digit: digits 4–10 hold only n's first five digits, which ~110
      // patients share (a query a clerk reading a real card would not make); 6–12 are n's own seven digits.
      return benchCid(n).slice(5, 12);
  }
}

/**
 * searchPatients for random patients (the front desk's search box), and with `lastVisits` also each hit's last
 * visit, as the result list shows it. The patient must be among the hits (for the two-letter prefix: some hit).
 */
function search(
  count: number,
  patients: number,
  seed: number,
  kind: SearchKind,
  lastVisits: boolean,
): Promise<Timings> {
  const { store: db, context: ctx } = opened();
  return timed(randomPicks(count, patients, seed), async (n) => {
    const result = await searchPatients(db, queryFor(kind, n), { hcode: HCODE });
    if (!result.ok) throw new Error(`search ${kind}: ${result.problem}`);
    if (lastVisits) await Promise.all(result.patients.map((patient) => db.lastVisitOf(patient.id)));
    const id = patientIdForCid(ctx.key, benchCid(n));
    return ANY_HIT.includes(kind) ? result.patients.length > 0 : result.patients.some((patient) => patient.id === id);
  });
}

/** Baseline: the same name search as a scan of every patient (allDocs by the id range), tokens made per document. */
function searchByScan(count: number, patients: number, seed: number): Promise<Timings> {
  const { store: db, context: ctx } = opened();
  return timed(randomPicks(count, patients, seed), async (n) => {
    const query = parseQuery(queryFor('thaiReversed', n));
    if (query.kind !== 'name') throw new Error('not a name query');
    const page = await rawDb(db).allDocs({ include_docs: true, startkey: 'Patient/', endkey: 'Patient/\ufff0' });
    const hits = page.rows.filter((row) => {
      const doc = row.doc as unknown as PatientDoc | undefined;
      return doc !== undefined && matchesName(query.words, nameTokens(doc.name ?? []));
    });
    const id = docId('Patient', patientIdForCid(ctx.key, benchCid(n)));
    return hits.some((row) => row.id === id);
  });
}

async function close(): Promise<void> {
  await store?.destroy();
  store = null;
}

const api = {
  load,
  warm,
  buildOldIndex,
  byKeyedId,
  byIdentifierIndex,
  afterSave,
  byElemMatch,
  rawGet,
  byFullScan,
  queue,
  queueByScan,
  search,
  searchByScan,
  close,
};
export type EdgeBench = typeof api;

declare global {
  var edgeBench: EdgeBench | undefined;
}
globalThis.edgeBench = api;
