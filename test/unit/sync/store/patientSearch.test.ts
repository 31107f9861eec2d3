// Patient search at the front desk (sync/store/patientSearch.dom.ts) against a real PouchDB over fake IndexedDB:
// by Thai and English name in any order and in part, HN, phone and typed CID; edits and deletions followed;
// merged-away records left out; bad input answered, never thrown; an identifier index written before names were
// indexed is rebuilt. Invented names only.
import { uniqueDbName } from '../../../factories/idbShims.js';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DataContext } from '../../../../sync/store/dataContext.dom.js';
import { IdentifierIndex } from '../../../../sync/store/identifierIndex.dom.js';
import { searchPatients, type SearchResult } from '../../../../sync/store/patientSearch.dom.js';
import { patientFromCard, type PatientDoc } from '../../../../sync/model/patient.std.js';
import { patientIdForCid } from '../../../../sync/model/ids.std.js';
import type { PersonDetails } from '../../../../sync/model/personDetails.std.js';
import { TEST_HCODE, TEST_KEY, syntheticCard, syntheticCid } from '../../../factories/fhirFixtures.js';
import { rawDb } from '../../../factories/rawDatabase.js';

const AT = '2026-11-23T02:00:00.000Z';
const opened: DataContext[] = [];
async function store(name = uniqueDbName('search')): Promise<DataContext> {
  const context = await DataContext.open(name);
  opened.push(context);
  return context;
}
afterEach(async () => {
  for (const context of opened.splice(0)) await context.destroy();
});

function person(
  n: number,
  thai: [string, string],
  english: [string, string] | null,
  extra: { hn?: string; mobile?: string } = {},
): PatientDoc {
  const card: PersonDetails = syntheticCard(n, {
    thaiName: { prefix: 'นาย', first: thai[0], middle: '', last: thai[1] },
    englishName: english === null ? null : { prefix: 'Mr.', first: english[0], middle: '', last: english[1] },
  });
  return patientFromCard(card, {
    patientId: patientIdForCid(TEST_KEY, card.cid),
    hcode: TEST_HCODE,
    stationId: 'st-a',
    at: AT,
    source: 'card',
    ...extra,
  });
}

const search = (db: DataContext, text: string): Promise<SearchResult> =>
  searchPatients(db, text, { hcode: TEST_HCODE });
async function found(db: DataContext, text: string): Promise<string[]> {
  const result = await search(db, text);
  if (!result.ok) throw new Error(`problem ${result.problem} for ${text}`);
  return result.patients.map((patient) => patient.id).sort();
}

describe('patient search', () => {
  it('finds by Thai name in part and in any order, by English name, by HN, by phone and by typed CID', async () => {
    const db = await store();
    const somchai = person(1, ['สมชาย', 'ใจดี'], ['Somchai', 'Jaidee'], { hn: 'HN0001', mobile: '0812345678' });
    const somsri = person(2, ['สมศรี', 'ใจดี'], ['Somsri', 'Jaidee']);
    const other = person(3, ['แก้วตา', 'น้ำใจ'], null, { mobile: '0899999999' });
    for (const doc of [somchai, somsri, other]) await db.save(doc);
    expect(await found(db, 'สมชาย ใจดี')).toEqual([somchai.id]);
    expect(await found(db, 'ใจดี สม')).toEqual([somchai.id, somsri.id].sort());
    expect(await found(db, 'ใจดีสมช')).toEqual([somchai.id]);
    expect(await found(db, 'jaidee')).toEqual([somchai.id, somsri.id].sort());
    expect(await found(db, 'JAIDEE somc')).toEqual([somchai.id]);
    expect(await found(db, 'นาย แกวตา')).toEqual([other.id]);
    expect(await found(db, 'HN0001')).toEqual([somchai.id]);
    expect(await found(db, '081-234-5678')).toEqual([somchai.id]);
    expect(await found(db, syntheticCid(2))).toEqual([somsri.id]);
    expect(await found(db, 'ใจร้าย')).toEqual([]);
    expect(await found(db, '0800000000')).toEqual([]);
  });

  it('follows edits and deletions: an old name or number finds nobody, and a record merged into another is left out', async () => {
    const db = await store();
    const before = person(10, ['ประเสริฐ', 'มณี'], null, { mobile: '0811111111' });
    const saved = await db.save(before);
    const edit = patientFromCard(
      syntheticCard(10, {
        thaiName: { prefix: 'นาย', first: 'ประเสริฐ', middle: '', last: 'ทองคำ' },
        englishName: null,
      }),
      {
        patientId: before.id,
        hcode: TEST_HCODE,
        stationId: 'st-a',
        at: '2026-11-24T02:00:00.000Z',
        source: 'card',
        mobile: '0822222222',
        existing: { ...before, _rev: saved.rev },
      },
    );
    const edited = await db.save(edit);
    expect(await found(db, 'มณี')).toEqual([]);
    expect(await found(db, 'ทองคำ ประ')).toEqual([before.id]);
    expect(await found(db, '0811111111')).toEqual([]);
    expect(await found(db, '0822222222')).toEqual([before.id]);
    // Replaced by a record under another id (an earlier key's): only the survivor is shown.
    await db.save({
      ...edit,
      _rev: edited.rev,
      active: false,
      link: [{ other: { reference: 'Patient/psurvivor' }, type: 'replaced-by' }],
    });
    expect(await found(db, 'ทองคำ')).toEqual([]);
    await rawDb(db).remove(before._id, (await rawDb(db).get(before._id))._rev);
    expect(await found(db, '0822222222')).toEqual([]);
  });

  it('finds a fragment inside a word as a clerk types it: a Thai syllable, part of an HN, the last digits of a phone, digits inside a CID', async () => {
    const db = await store();
    const inside = person(40, ['มณีรัตน์', 'วงศ์ศรีสุข'], ['Maneerat', 'Wongsrisuk'], {
      hn: '0004521',
      mobile: '0861237788',
    });
    const starts = person(41, ['ศรีสมร', 'ทองดี'], null);
    const neither = person(42, ['ประยูร', 'ใจดี'], null, { hn: '0009999', mobile: '0899990000' });
    for (const doc of [inside, starts, neither]) await db.save(doc);
    // A name that starts with the fragment comes first, then one that holds it inside a word.
    const thai = await search(db, 'ศรี');
    expect(thai.ok && thai.patients.map((patient) => patient.id)).toEqual([starts.id, inside.id]);
    expect(await found(db, 'ศรีสุข')).toEqual([inside.id]);
    expect(await found(db, 'สุข มณี')).toEqual([inside.id]);
    expect(await found(db, 'รัตน')).toEqual([inside.id]);
    expect(await found(db, '4521')).toEqual([inside.id]);
    expect(await found(db, '7788')).toEqual([inside.id]);
    expect(await found(db, '123-7788')).toEqual([inside.id]);
    const cid = syntheticCid(40);
    expect(await found(db, cid.slice(5, 11))).toContain(inside.id);
    expect(await found(db, cid.slice(-4))).toContain(inside.id);
    // A fragment none holds finds nobody; a window in one identifier and the rest in another is not a match.
    expect(await found(db, '45217788')).toEqual([]);
    expect(await found(db, 'ศรีดี')).toEqual([]);
  });

  it('answers bad input with a problem code, never an exception', async () => {
    const db = await store();
    await db.save(person(20, ['สมชาย', 'ใจดี'], null));
    expect(await search(db, '')).toEqual({ ok: false, problem: 'search_too_short' });
    expect(await search(db, 'ส')).toEqual({ ok: false, problem: 'search_too_short' });
    expect(await search(db, '@@@ !!')).toEqual({ ok: false, problem: 'search_unreadable' });
    expect(await search(db, `${syntheticCid(20).slice(0, 12)}${(Number(syntheticCid(20)[12]) + 1) % 10}`)).toEqual({
      ok: false,
      problem: 'search_cid_invalid',
    });
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 30 }), async (text) => {
        const result = await search(db, text);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 60 },
    );
  });

  it('shows at most the limit and says there are more', async () => {
    const db = await store();
    const letters = [...'กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผ'];
    // 11 first names start สมปองก, 14 สมปองข (names hold no digits: a query with one is a number).
    await db.saveAll(
      Array.from({ length: 25 }, (_, n) =>
        person(100 + n, [`สมปอง${n < 11 ? 'ก' : 'ข'}${letters[n] ?? ''}`, 'ทองดี'], null),
      ),
    );
    const result = await search(db, 'ทองดี');
    expect(result.ok && result.patients.length).toBe(20);
    expect(result.ok && result.more).toBe(true);
    const few = await searchPatients(db, 'ทองดี สมปองก', { hcode: TEST_HCODE });
    expect(few.ok && few.patients.length).toBe(11);
    expect(few.ok && few.more).toBe(false);
  });

  it('an index written before names were indexed (version 1) is emptied and caught up again, so names are found', async () => {
    const name = uniqueDbName('search-upgrade');
    const first = await DataContext.open(name);
    const doc = person(30, ['มณีรัตน์', 'สุขศรี'], null, { hn: 'HN0030' });
    await first.save(doc);
    const main = await (rawDb(first) as unknown as { id(): Promise<string> }).id();
    const info = await rawDb(first).info();
    await first.close();
    // The layout of version 1, caught up to the end of the main database, its record without tokens.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(IdentifierIndex.databaseName(name), 1);
      req.onupgradeneeded = () => {
        req.result
          .createObjectStore('patients', { keyPath: 'docId' })
          .createIndex('hashes', 'hashes', { multiEntry: true });
        req.result.createObjectStore('meta');
      };
      req.onsuccess = () => {
        const tx = req.result.transaction(['patients', 'meta'], 'readwrite');
        tx.objectStore('patients').put({ docId: doc._id, hashes: ['00'] });
        tx.objectStore('meta').put(crypto.getRandomValues(new Uint8Array(32)), 'key');
        tx.objectStore('meta').put({ seq: info.update_seq, main }, 'checkpoint');
        tx.oncomplete = () => {
          req.result.close();
          resolve();
        };
        tx.onerror = () => reject(tx.error ?? new Error('v1 write failed'));
      };
      req.onerror = () => reject(req.error ?? new Error('v1 open failed'));
    });
    const second = await store(name);
    expect(await found(second, 'สุขศรี')).toEqual([doc.id]);
    expect(await found(second, 'HN0030')).toEqual([doc.id]);
  });
});
