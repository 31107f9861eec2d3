/**
 * Patients by identifier (an HN, or a CID typed in without the hospital key) without reading every patient:
 * Mango cannot index array elements and map/reduce views need eval (refused by the app's CSP), so the store
 * keeps its own index in a small local PouchDB `<store>-identifiers`, never replicated:
 * - `i:<hash>:<patient doc id>` per identifier (a lookup is one allDocs prefix range; a write never has to
 *   read-modify-write a shared list, so two patients with one HN never race);
 * - `p:<patient doc id>` with the hashes that patient's entries use now, so an edit removes the stale ones;
 * - `_local/key`, the random HMAC key of the hashes (no raw identifier in any id), `_local/checkpoint`, the
 *   main database's seq the index has caught up to.
 * It follows the main database's changes feed (winning revisions: local saves, replicated documents and
 * deletions alike) on demand: each lookup first catches up (read-your-writes), and warm-ups do it ahead of
 * time. Applying a batch is idempotent, so a crash between the entries and the checkpoint only repeats work.
 */
import { entryChanges, entryDocId, entryRange, holderId, identifierHasher, indexedIdentifiers, type IdentifierPair } from './identifierEntries.std.js';
import { docId } from '../model/fhir.std.js';
import { openDatabase, type Database, type OpenOptions } from './pouch.dom.js';

const KEY_DOC = '_local/key';
const CHECKPOINT_DOC = '_local/checkpoint';
const PATIENT_PREFIX = docId('Patient', '');
/** Changes read and applied per step (one bulk write each). */
const BATCH = 500;

export interface CatchUp {
  /** Main-database changes applied by this call. */
  readonly changes: number;
  readonly ms: number;
}

interface Checkpoint {
  readonly seq: Seq;
  readonly rev: string | null;
  /** Which main database the seq belongs to: another one (deleted and made again) means start over. */
  readonly main: string | null;
}

interface Opened {
  readonly db: Database;
  readonly hash: (pair: IdentifierPair) => string;
  readonly main: string;
  checkpoint: Checkpoint;
}

interface Holder {
  readonly _id: string;
  readonly _rev?: string;
  readonly hashes: string[];
}

type Seq = number | string;
type ChangeRow = PouchDB.Core.ChangesResponseChange<object>;

function isStatus(error: unknown, status: number): boolean {
  return typeof error === 'object' && error !== null && 'status' in error && error.status === status;
}

function bytesOfHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

/** The index's HMAC key: made once per index database (create-only, so two openers agree on one key). */
async function loadKey(db: Database): Promise<Uint8Array> {
  for (;;) {
    const stored = await db.get<{ hex: string }>(KEY_DOC).catch((error: unknown) => (isStatus(error, 404) ? null : Promise.reject(error)));
    if (stored !== null && /^[0-9a-f]{64}$/.test(stored.hex)) return bytesOfHex(stored.hex);
    const hex = Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('');
    try {
      await db.put({ _id: KEY_DOC, hex });
      return bytesOfHex(hex);
    } catch (error) {
      if (!isStatus(error, 409)) throw error;
    }
  }
}

async function loadCheckpoint(db: Database): Promise<Checkpoint> {
  const stored = await db.get<{ seq: Seq; main?: string }>(CHECKPOINT_DOC).catch((error: unknown) => (isStatus(error, 404) ? null : Promise.reject(error)));
  return stored === null ? { seq: 0, rev: null, main: null } : { seq: stored.seq, rev: stored._rev, main: stored.main ?? null };
}

/** The main database's instance id (PouchDB makes a new one when a database is created). */
function instanceIdOf(main: Database): Promise<string> {
  return (main as unknown as { id(): Promise<string> }).id();
}

export class IdentifierIndexClosed extends Error {
  constructor() {
    super('the identifier index is closed');
  }
}

export class IdentifierIndex {
  readonly #main: Database;
  readonly #name: string;
  readonly #options: OpenOptions;
  #opening: Promise<Opened> | null = null;
  /** Catch-ups run one after another (each reads the checkpoint the previous one wrote). */
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(main: Database, storeName: string, options: OpenOptions) {
    this.#main = main;
    this.#name = IdentifierIndex.databaseName(storeName);
    this.#options = options;
  }

  static databaseName(storeName: string): string {
    return `${storeName}-identifiers`;
  }

  /** The index database, opened on first use (stores that never look up by identifier never make one). */
  #open(): Promise<Opened> {
    if (this.#closed) return Promise.reject(new IdentifierIndexClosed());
    if (this.#opening === null) {
      this.#opening = (async () => {
        const main = await instanceIdOf(this.#main);
        let db = openDatabase(this.#name, this.#options);
        let checkpoint = await loadCheckpoint(db);
        if (checkpoint.rev !== null && checkpoint.main !== main) {
          // The store was deleted and made again under its name: its seqs start over, so must the index.
          await db.destroy();
          db = openDatabase(this.#name, this.#options);
          checkpoint = { seq: 0, rev: null, main };
        }
        return { db, hash: identifierHasher(await loadKey(db)), main, checkpoint };
      })();
      // A failed open (storage error) is tried again by the next caller.
      this.#opening.catch(() => {
        this.#opening = null;
      });
    }
    return this.#opening;
  }

  /** Applies the main database's changes since the checkpoint, up to what is there now. */
  catchUp(): Promise<CatchUp> {
    const next = this.#queue.then(() => this.#catchUp());
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Document ids of the patients whose winning revision holds the identifier (after catching up). */
  async lookup(pair: IdentifierPair): Promise<string[]> {
    await this.catchUp();
    const { db, hash } = await this.#open();
    const rows = await db.allDocs(entryRange(hash(pair)));
    return rows.rows.map((row) => entryDocId(row.id)).filter((id): id is string => id !== null);
  }

  /** Every id in the index database (tests check that no raw identifier appears in one). */
  async allIds(): Promise<string[]> {
    const { db } = await this.#open();
    return (await db.allDocs()).rows.map((row) => row.id);
  }

  async #catchUp(): Promise<CatchUp> {
    const began = performance.now();
    if (this.#closed) throw new IdentifierIndexClosed();
    const opened = await this.#open();
    let changes = 0;
    for (;;) {
      if (this.#closed) throw new IdentifierIndexClosed();
      const page = await this.#main.changes({ since: opened.checkpoint.seq, limit: BATCH, include_docs: true, return_docs: true });
      if (page.results.length > 0) {
        await this.#apply(opened, page.results);
        await this.#saveCheckpoint(opened, page.last_seq);
        changes += page.results.length;
      }
      if (page.results.length < BATCH) return { changes, ms: performance.now() - began };
    }
  }

  async #apply(opened: Opened, changed: readonly ChangeRow[]): Promise<void> {
    const { db, hash } = opened;
    // Patients only (by id, which also covers deletions, whose bodies carry no resourceType); visits and
    // observations, most of the feed, cost nothing here.
    const rows = changed.filter((row) => row.id.startsWith(PATIENT_PREFIX) || indexedIdentifiers(row.doc).length > 0);
    if (rows.length === 0) return;
    const holders = await db.allDocs({ keys: rows.map((row) => holderId(row.id)), include_docs: true });
    const before = new Map<string, Holder>();
    for (const row of holders.rows) {
      if ('doc' in row && row.doc !== undefined && row.doc !== null) before.set(row.id, row.doc as unknown as Holder);
    }
    const remove: string[] = [];
    const writes: object[] = [];
    for (const row of rows) {
      const after = row.deleted === true ? [] : [...new Set(indexedIdentifiers(row.doc).map(hash))].sort();
      const holder = before.get(holderId(row.id));
      const previous = holder?.hashes ?? [];
      const change = entryChanges(row.id, previous, after);
      remove.push(...change.remove);
      // Entries carry no data: present means indexed. New ones are made (one already there, from a batch
      // repeated after a crash, is refused as a conflict and left).
      for (const id of change.add) writes.push({ _id: id });
      if (after.length === 0 && holder !== undefined) writes.push({ _id: holder._id, _rev: holder._rev, _deleted: true });
      else if (after.length > 0 && after.join() !== previous.join()) writes.push({ _id: holderId(row.id), ...(holder?._rev === undefined ? {} : { _rev: holder._rev }), hashes: after });
    }
    if (remove.length > 0) {
      const existing = await db.allDocs({ keys: remove });
      for (const row of existing.rows) {
        if ('value' in row && row.value.deleted !== true) writes.push({ _id: row.id, _rev: row.value.rev, _deleted: true });
      }
    }
    if (writes.length === 0) return;
    // One bulk write is one IndexedDB transaction: a patient's entries and its hash list change together.
    const results = await db.bulkDocs(writes as PouchDB.Core.PutDocument<object>[]);
    const failed = results.find((result) => 'error' in result && result.error !== undefined && !isStatus(result, 409));
    if (failed !== undefined) throw new Error(`identifier index write failed: ${'message' in failed ? String(failed.message) : 'unknown'}`);
  }

  async #saveCheckpoint(opened: Opened, seq: Seq): Promise<void> {
    const write = (rev: string | null) => opened.db.put({ _id: CHECKPOINT_DOC, ...(rev === null ? {} : { _rev: rev }), seq, main: opened.main });
    let result;
    try {
      result = await write(opened.checkpoint.rev);
    } catch (error) {
      // Another opener of the same store moved it: ours is as good (batches are idempotent).
      if (!isStatus(error, 409)) throw error;
      result = await write((await loadCheckpoint(opened.db)).rev);
    }
    opened.checkpoint = { seq, rev: result.rev, main: opened.main };
  }

  /** Stops after the batch in flight (so the checkpoint matches the entries) and closes the index database. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue;
    const opened = await this.#opening?.catch(() => null);
    await opened?.db.close();
  }

  /** Closes and deletes the index database (also one an earlier session left, when this one never opened it). */
  async destroy(): Promise<void> {
    await this.close();
    await openDatabase(this.#name, this.#options).destroy();
  }
}
