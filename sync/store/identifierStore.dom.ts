/**
 * The station's own index database (never replicated), one raw IndexedDB database per store:
 * - `groups`: the search index's postings, grouped (postings.std.ts: why and how), keyed by group;
 * - `numbers`: document id → patient number, in buckets (numberBucket); `ids`: patient number → document id, in
 *   chunks of ID_CHUNK (null once the patient is deleted). A patient keeps its number over its edits;
 * - `visits` (`{id, start, subject}`, indexes on start and on [subject, start]) and `readings` (`{id, subject, at}`,
 *   index on [subject, at]): today's queue, a patient's last visit and readings. Only visits and readings have
 *   entries: the PouchDB Mango indexes these replace kept a record for every stored document, patients too;
 * - `meta`: `key`, the random HMAC key (32 bytes); `checkpoint`, `{seq, main}`: the main database's seq the index
 *   has caught up to and that database's instance id; `next`, the next patient number.
 * Changes are written in one transaction with their checkpoint, so a crash never leaves the checkpoint ahead of
 * the records. Every request of a transaction is made from a request's callback (no await inside one).
 */
import type { IndexWrites, ReadingEntry, VisitEntry } from './identifierEntries.std.js';
import {
  ID_CHUNK,
  mergeGroup,
  numberBucket,
  numbersOf,
  numbersUnder,
  type GroupValue,
  type Posting,
} from './postings.std.js';
import { committed, request } from './idbRequest.dom.js';

/**
 * 2 added the name tokens, 3 the inner tokens (and the number fragments' hashes), 4 the grouped layout and the
 * visit and reading entries: an index of an earlier version is emptied and caught up again from the start.
 */
const VERSION = 4;
const OLD_PATIENTS = 'patients';
const GROUPS = 'groups';
const NUMBERS = 'numbers';
const IDS = 'ids';
const VISITS = 'visits';
const READINGS = 'readings';
const META = 'meta';
const BY_START = 'start';
const BY_SUBJECT = 'subject';
const KEY = 'key';
const CHECKPOINT = 'checkpoint';
const NEXT = 'next';
const KEY_BYTES = 32;
const ALL = [META, GROUPS, NUMBERS, IDS, VISITS, READINGS];

export type Seq = number | string;

export interface Checkpoint {
  readonly seq: Seq;
  /** Which main database the seq belongs to: another one (deleted and made again) means start over. */
  readonly main: string;
}

/** Every record of every object store (tests: no raw identifier anywhere). */
export interface StoredRecord {
  readonly store: string;
  readonly key: IDBValidKey;
  readonly value: unknown;
}

function asCheckpoint(value: unknown): Checkpoint | null {
  if (typeof value !== 'object' || value === null) return null;
  const { seq, main } = value as { seq?: unknown; main?: unknown };
  return (typeof seq === 'number' || typeof seq === 'string') && typeof main === 'string' ? { seq, main } : null;
}

function sameCheckpoint(a: Checkpoint | null, b: Checkpoint): boolean {
  return a !== null && a.seq === b.seq && a.main === b.main;
}

function asGroup(value: unknown): GroupValue | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { t, n } = value as { t?: unknown; n?: unknown };
  return Array.isArray(t) && Array.isArray(n) ? { t: t as string[], n: n as number[] } : undefined;
}

function asIdChunk(value: unknown): (string | null)[] {
  return Array.isArray(value) ? (value as (string | null)[]) : [];
}

function asBucket(value: unknown): Map<string, number> {
  return new Map(
    typeof value === 'object' && value !== null
      ? Object.entries(value as Record<string, unknown>).filter(
          (entry): entry is [string, number] => typeof entry[1] === 'number',
        )
      : [],
  );
}

/** Reads `keys` of a store inside a transaction, then calls `then` with the values (every request from callbacks). */
function readKeys(
  store: IDBObjectStore,
  keys: readonly IDBValidKey[],
  then: (values: Map<IDBValidKey, unknown>) => void,
): void {
  const values = new Map<IDBValidKey, unknown>();
  if (keys.length === 0) {
    then(values);
    return;
  }
  let left = keys.length;
  for (const key of keys) {
    const req = store.get(key);
    req.onsuccess = () => {
      values.set(key, req.result);
      left -= 1;
      if (left === 0) then(values);
    };
  }
}

/** Walks a cursor until `visit` returns false or the records end. */
function walk<C extends IDBCursor>(req: IDBRequest<C | null>, visit: (at: C) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => {
      const at = req.result;
      if (at !== null && visit(at)) at.continue();
      else resolve();
    };
    req.onerror = () => reject(req.error ?? new Error('cursor read failed'));
  });
}

/** Deletes a database; one held open elsewhere is deleted once that connection closes (`wait: false` does not wait for it). */
export function deleteDatabase(name: string, wait = true): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error(`could not delete ${name}`));
    if (!wait) req.onblocked = () => resolve();
  });
}

export class IdentifierStore {
  readonly #db: IDBDatabase;

  private constructor(db: IDBDatabase) {
    this.#db = db;
  }

  /** Opens (and on first use creates) the database; `onLost` runs when another connection deletes it. */
  static async open(name: string, onLost: () => void): Promise<IdentifierStore> {
    const req = indexedDB.open(name, VERSION);
    req.onupgradeneeded = (event) => {
      const db = req.result;
      const tx = req.transaction;
      if (tx === null) throw new Error('no upgrade transaction');
      if (event.oldVersion < 1) db.createObjectStore(META);
      if (event.oldVersion < 4) {
        if (db.objectStoreNames.contains(OLD_PATIENTS)) db.deleteObjectStore(OLD_PATIENTS);
        db.createObjectStore(GROUPS);
        db.createObjectStore(NUMBERS);
        db.createObjectStore(IDS);
        const visits = db.createObjectStore(VISITS, { keyPath: 'id' });
        visits.createIndex(BY_START, 'start');
        visits.createIndex(BY_SUBJECT, ['subject', 'start']);
        db.createObjectStore(READINGS, { keyPath: 'id' }).createIndex(BY_SUBJECT, ['subject', 'at']);
        // Nothing of the earlier layout is kept: prepare() finds no checkpoint and the index begins at 0.
        tx.objectStore(META).delete(CHECKPOINT);
        tx.objectStore(META).delete(NEXT);
      }
    };
    const db = await request(req);
    db.onversionchange = () => {
      db.close();
      onLost();
    };
    return new IdentifierStore(db);
  }

  /**
   * The HMAC key (made here once: the read and the write share a transaction, so two openers agree on one)
   * and the checkpoint for `main`; a checkpoint of another main database empties the index first.
   */
  async prepare(main: string): Promise<{ key: Uint8Array; checkpoint: Checkpoint }> {
    const tx = this.#db.transaction(ALL, 'readwrite');
    const meta = tx.objectStore(META);
    const fresh: Checkpoint = { seq: 0, main };
    let key: Uint8Array | null = null;
    let checkpoint = fresh;
    const storedKey = meta.get(KEY);
    const storedCheckpoint = meta.get(CHECKPOINT);
    storedCheckpoint.onsuccess = () => {
      const value: unknown = storedKey.result;
      if (value instanceof Uint8Array && value.length === KEY_BYTES) key = value;
      else {
        key = crypto.getRandomValues(new Uint8Array(KEY_BYTES));
        meta.put(key, KEY);
      }
      const stored = asCheckpoint(storedCheckpoint.result);
      if (stored?.main === main) checkpoint = stored;
      else {
        // The store was deleted and made again under its name (or the index is new): its seqs start over.
        for (const store of [GROUPS, NUMBERS, IDS, VISITS, READINGS]) tx.objectStore(store).clear();
        meta.delete(NEXT);
        meta.put(fresh, CHECKPOINT);
      }
    };
    await committed(tx);
    if (key === null) throw new Error('identifier index key not read');
    return { key, checkpoint };
  }

  /**
   * Writes changes and moves the checkpoint from `from` to `to`, in one transaction. If the stored checkpoint is
   * not `from` (another opener of the store applied these changes meanwhile), nothing is written and the stored
   * one is returned: the caller goes on from there. Null when written.
   */
  async apply(writes: IndexWrites, from: Checkpoint, to: Checkpoint): Promise<Checkpoint | null> {
    const tx = this.#db.transaction(ALL, 'readwrite');
    const meta = tx.objectStore(META);
    let moved: Checkpoint | null = null;
    const storedNext = meta.get(NEXT);
    const stored = meta.get(CHECKPOINT);
    stored.onsuccess = () => {
      const current = asCheckpoint(stored.result);
      if (!sameCheckpoint(current, from)) {
        moved = current ?? { seq: 0, main: from.main };
        return;
      }
      writeEntries(tx.objectStore(VISITS), writes.visits);
      writeEntries(tx.objectStore(READINGS), writes.readings);
      const next = typeof storedNext.result === 'number' ? storedNext.result : 0;
      writePatients(tx, writes.patients, next);
      meta.put(to, CHECKPOINT);
    };
    await committed(tx);
    return moved;
  }

  /** Document ids of the patients with a posting of `posting`'s term exactly (an identifier's hash). */
  async idsOf(posting: Posting): Promise<string[]> {
    const group = asGroup(await request(this.#read(GROUPS).get(posting.group)));
    return this.#idsFor(numbersOf(group, posting.term));
  }

  /** Document ids of the patients of each group, at most `limit` read of each (a fragment window's list). */
  async groupIds(groups: readonly string[], limit: number): Promise<string[][]> {
    const store = this.#read(GROUPS);
    const values = await Promise.all(groups.map((group) => request(store.get(group))));
    const lists = values.map((value) => numbersUnder(asGroup(value), '').slice(0, limit));
    const ids = await this.#idMap(lists.flat());
    return lists.map((list) => list.map((n) => ids.get(n)).filter((id): id is string => id !== undefined));
  }

  /**
   * Up to `limit` document ids with a term starting with `prefix` in the groups from `from` to `to` (in term order:
   * an id comes once per such term, the caller dedupes).
   */
  async idsByPrefix(from: string, to: string, prefix: string, limit: number): Promise<string[]> {
    const numbers: number[] = [];
    await walk(this.#read(GROUPS).openCursor(IDBKeyRange.bound(from, to)), (at) => {
      numbers.push(...numbersUnder(asGroup(at.value), prefix));
      return numbers.length < limit;
    });
    return this.#idsFor(numbers.slice(0, limit));
  }

  /** Ids of the visits starting in [start, end), oldest first (equal starts by id). */
  async visitIdsBetween(start: string, end: string): Promise<string[]> {
    const keys = await request(
      this.#read(VISITS)
        .index(BY_START)
        .getAllKeys(IDBKeyRange.bound(start, end, false, true)),
    );
    return keys.filter((key): key is string => typeof key === 'string');
  }

  /** Ids of a subject's latest visits (by start) or readings (by time), newest first, at most `limit`. */
  async latestOf(kind: 'visits' | 'readings', subject: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    if (limit <= 0) return ids;
    const range = IDBKeyRange.bound([subject, ''], [subject, '\uffff']);
    const index = this.#read(kind === 'visits' ? VISITS : READINGS).index(BY_SUBJECT);
    await walk(index.openKeyCursor(range, 'prev'), (at) => {
      if (typeof at.primaryKey === 'string') ids.push(at.primaryKey);
      return ids.length < limit;
    });
    return ids;
  }

  /** Removes the visit and reading entries of documents no longer in the store (purged: no change reports it). */
  async forget(ids: readonly string[]): Promise<void> {
    const tx = this.#db.transaction([VISITS, READINGS], 'readwrite');
    for (const id of ids) {
      tx.objectStore(VISITS).delete(id);
      tx.objectStore(READINGS).delete(id);
    }
    await committed(tx);
  }

  #read(store: string): IDBObjectStore {
    return this.#db.transaction(store, 'readonly').objectStore(store);
  }

  async #idMap(numbers: readonly number[]): Promise<Map<number, string>> {
    const store = this.#read(IDS);
    const chunks = [...new Set(numbers.map((n) => Math.floor(n / ID_CHUNK)))];
    const values = await Promise.all(chunks.map((chunk) => request(store.get(chunk))));
    const ids = new Map<number, string>();
    chunks.forEach((chunk, i) => {
      asIdChunk(values[i]).forEach((id, at) => {
        if (typeof id === 'string') ids.set(chunk * ID_CHUNK + at, id);
      });
    });
    return ids;
  }

  async #idsFor(numbers: readonly number[]): Promise<string[]> {
    const ids = await this.#idMap(numbers);
    return numbers.map((n) => ids.get(n)).filter((id): id is string => id !== undefined);
  }

  async contents(): Promise<StoredRecord[]> {
    const names = [...this.#db.objectStoreNames];
    const tx = this.#db.transaction(names, 'readonly');
    // Every request is made before the first await (a transaction commits once it has none left).
    const reads = names.map((store) =>
      Promise.all([request(tx.objectStore(store).getAllKeys()), request(tx.objectStore(store).getAll())] as const),
    );
    const records: StoredRecord[] = [];
    (await Promise.all(reads)).forEach(([keys, values], s) => {
      keys.forEach((key, i) => records.push({ store: names[s] ?? '', key, value: values[i] }));
    });
    return records;
  }

  close(): void {
    this.#db.close();
  }
}

function writeEntries(store: IDBObjectStore, entries: ReadonlyMap<string, VisitEntry | ReadingEntry | null>): void {
  for (const [id, entry] of entries) {
    if (entry === null) store.delete(id);
    else store.put(entry);
  }
}

/**
 * Patients' numbers (a new one for an id first seen, from `next`), the number table, and their postings merged into
 * their groups; a deleted patient's number leaves both maps (its postings then name nobody).
 */
function writePatients(tx: IDBTransaction, patients: IndexWrites['patients'], next: number): void {
  if (patients.size === 0) return;
  const numbers = tx.objectStore(NUMBERS);
  const buckets = [...new Set([...patients.keys()].map(numberBucket))];
  readKeys(numbers, buckets, (stored) => {
    const changed = new Map<IDBValidKey, Map<string, number>>();
    const bucketOf = (docId: string): Map<string, number> => {
      const key = numberBucket(docId);
      let bucket = changed.get(key);
      if (bucket === undefined) {
        bucket = asBucket(stored.get(key));
        changed.set(key, bucket);
      }
      return bucket;
    };
    const idWrites = new Map<number, string | null>();
    const adds = new Map<string, { term: string; n: number }[]>();
    let counter = next;
    for (const [docId, postings] of patients) {
      const bucket = bucketOf(docId);
      const known = bucket.get(docId);
      if (postings === null) {
        if (known !== undefined) {
          bucket.delete(docId);
          idWrites.set(known, null);
        }
        continue;
      }
      const n = known ?? counter++;
      if (known === undefined) {
        bucket.set(docId, n);
        idWrites.set(n, docId);
      }
      for (const posting of postings) {
        const list = adds.get(posting.group) ?? [];
        list.push({ term: posting.term, n });
        adds.set(posting.group, list);
      }
    }
    for (const [key, bucket] of changed) numbers.put(Object.fromEntries(bucket), key);
    tx.objectStore(META).put(counter, NEXT);
    const ids = tx.objectStore(IDS);
    const chunks = [...new Set([...idWrites.keys()].map((n) => Math.floor(n / ID_CHUNK)))];
    readKeys(ids, chunks, (values) => {
      for (const chunk of chunks) {
        const list = asIdChunk(values.get(chunk));
        for (const [n, id] of idWrites) if (Math.floor(n / ID_CHUNK) === chunk) list[n % ID_CHUNK] = id;
        ids.put(
          Array.from(list, (id) => id ?? null),
          chunk,
        );
      }
    });
    const groups = tx.objectStore(GROUPS);
    const keys = [...adds.keys()];
    readKeys(groups, keys, (values) => {
      for (const key of keys) groups.put(mergeGroup(asGroup(values.get(key)), adds.get(key) ?? []), key);
    });
  });
}
