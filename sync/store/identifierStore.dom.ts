/**
 * The identifier index's storage: one raw IndexedDB database (PouchDB wrote ~0.5 ms per document, and the
 * old layout needed three per patient; this is one put per patient):
 * - `patients`: `{docId, hashes, tokens, inner, fragments}` per patient, keyed by its document id, with multiEntry
 *   indexes on `hashes`, on `tokens` and `inner` (its name tokens and the ends of its Thai name words, read by
 *   prefix for a name search) and on `fragments` (keyed hashes of 4-digit windows of its HNs, CID and phones);
 *   a lookup is one index read; an edit replaces the record and IndexedDB drops the stale index keys;
 * - `meta`: `key`, the random HMAC key (32 bytes), and `checkpoint`, `{seq, main}`: the main database's seq
 *   the index has caught up to and that database's instance id.
 * A page of changes is written in one transaction with its checkpoint, so a crash never leaves the checkpoint
 * ahead of the records.
 */
import type { IndexWrite } from './identifierEntries.std.js';
import { committed, request } from './idbRequest.dom.js';

/**
 * 2 added the name tokens, 3 the inner tokens (and the number fragments' hashes): an index of an earlier version
 * is emptied and caught up again from the start.
 */
const VERSION = 3;
const PATIENTS = 'patients';
const META = 'meta';
const BY_HASH = 'hashes';
const BY_TOKEN = 'tokens';
const BY_INNER = 'inner';
const BY_FRAGMENT = 'fragments';
const KEY = 'key';
const CHECKPOINT = 'checkpoint';
const KEY_BYTES = 32;

export type Seq = number | string;

/** A patient's name tokens as a name search reads them. */
export interface NameRecord {
  readonly docId: string;
  readonly tokens: string[];
  readonly inner: string[];
}

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
      if (event.oldVersion < 1) {
        db.createObjectStore(PATIENTS, { keyPath: 'docId' }).createIndex(BY_HASH, BY_HASH, { multiEntry: true });
        db.createObjectStore(META);
      }
      if (event.oldVersion < 2) {
        const tx = req.transaction;
        if (tx === null) throw new Error('no upgrade transaction');
        const patients = tx.objectStore(PATIENTS);
        patients.createIndex(BY_TOKEN, BY_TOKEN, { multiEntry: true });
      }
      if (event.oldVersion < 3) {
        const tx = req.transaction;
        if (tx === null) throw new Error('no upgrade transaction');
        tx.objectStore(PATIENTS).createIndex(BY_INNER, BY_INNER, { multiEntry: true });
        tx.objectStore(PATIENTS).createIndex(BY_FRAGMENT, BY_FRAGMENT, { multiEntry: true });
        // Records written before lack what this version adds: start over (prepare() finds no checkpoint, begins at 0).
        tx.objectStore(PATIENTS).clear();
        tx.objectStore(META).delete(CHECKPOINT);
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
    const tx = this.#db.transaction([PATIENTS, META], 'readwrite');
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
        tx.objectStore(PATIENTS).clear();
        meta.put(fresh, CHECKPOINT);
      }
    };
    await committed(tx);
    if (key === null) throw new Error('identifier index key not read');
    return { key, checkpoint };
  }

  /**
   * Writes one page of changes and moves the checkpoint from `from` to `to`, in one transaction. If the stored
   * checkpoint is not `from` (another opener of the store applied this page meanwhile), nothing is written and
   * the stored one is returned: the caller goes on from there. Null when written.
   */
  async apply(writes: readonly IndexWrite[], from: Checkpoint, to: Checkpoint): Promise<Checkpoint | null> {
    const tx = this.#db.transaction([PATIENTS, META], 'readwrite');
    const meta = tx.objectStore(META);
    let moved: Checkpoint | null = null;
    const stored = meta.get(CHECKPOINT);
    stored.onsuccess = () => {
      const current = asCheckpoint(stored.result);
      if (!sameCheckpoint(current, from)) {
        moved = current ?? { seq: 0, main: from.main };
        return;
      }
      const patients = tx.objectStore(PATIENTS);
      for (const write of writes) {
        if ('put' in write) patients.put(write.put);
        else patients.delete(write.remove);
      }
      meta.put(to, CHECKPOINT);
    };
    await committed(tx);
    return moved;
  }

  /** Document ids of the patients whose record holds the hash (index keys only: no record is read). */
  async lookup(hash: string): Promise<string[]> {
    const keys = await request(
      this.#db.transaction(PATIENTS, 'readonly').objectStore(PATIENTS).index(BY_HASH).getAllKeys(hash),
    );
    return keys.filter((key): key is string => typeof key === 'string');
  }

  /**
   * Up to `limit` records holding a name token (or with `inner`, an inner token) that starts with `prefix`, in token
   * order (a record with two such tokens comes once per token: the caller dedupes).
   */
  async byTokenPrefix(prefix: string, limit: number, inner = false): Promise<NameRecord[]> {
    const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
    const records = await request(
      this.#db
        .transaction(PATIENTS, 'readonly')
        .objectStore(PATIENTS)
        .index(inner ? BY_INNER : BY_TOKEN)
        .getAll(range, limit),
    );
    return records.filter(
      (record): record is NameRecord =>
        typeof record === 'object' &&
        record !== null &&
        typeof (record as { docId?: unknown }).docId === 'string' &&
        Array.isArray((record as { tokens?: unknown }).tokens) &&
        Array.isArray((record as { inner?: unknown }).inner),
    );
  }

  /** Up to `limit` document ids under name (or inner) tokens starting with `prefix`, in token order (keys only: no record is read; an id may repeat). */
  async idsByTokenPrefix(prefix: string, limit: number, inner = false): Promise<string[]> {
    const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
    const keys = await request(
      this.#db
        .transaction(PATIENTS, 'readonly')
        .objectStore(PATIENTS)
        .index(inner ? BY_INNER : BY_TOKEN)
        .getAllKeys(range, limit),
    );
    return keys.filter((key): key is string => typeof key === 'string');
  }

  /** Document ids under each window hash of a number fragment (at most `limit` each), read in one transaction. */
  async byFragmentWindows(hashes: readonly string[], limit: number): Promise<string[][]> {
    const index = this.#db.transaction(PATIENTS, 'readonly').objectStore(PATIENTS).index(BY_FRAGMENT);
    const reads = hashes.map((hash) => request(index.getAllKeys(hash, limit)));
    return (await Promise.all(reads)).map((keys) => keys.filter((key): key is string => typeof key === 'string'));
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
