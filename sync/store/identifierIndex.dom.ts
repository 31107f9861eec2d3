/**
 * The station's own index: patients by identifier (an HN, or a CID typed in without the hospital key), phone,
 * number fragment and name, and visits and readings by day and by patient, without reading every record. Mango
 * cannot index array elements, map/reduce views need eval (refused by the app's CSP), and Mango indexes keep a
 * record per stored document; so the store keeps its own index in a raw IndexedDB database `<store>-identifiers`,
 * never replicated (identifierStore.dom.ts: the layout). It follows the main database's changes feed (winning
 * revisions: local saves, replicated documents and deletions alike) on demand: each read first catches up
 * (read-your-writes), and warm-ups do it ahead of time. Up to FLUSH changes are written in one transaction with
 * their checkpoint, and writing them again changes nothing.
 */
import { FRAGMENT_KEY, identifierHasher, indexWrites, noWrites, type IdentifierPair } from './identifierEntries.std.js';
import { fragmentPosting, hashPosting, tokenGroups } from './postings.std.js';
import { IdentifierStore, deleteDatabase, type Checkpoint, type StoredRecord } from './identifierStore.dom.js';
import type { Database } from './pouch.dom.js';

/** The PouchDB database earlier builds kept the index in (removed when seen). */
export function legacyIndexName(indexName: string): string {
  return `_pouch_${indexName}`;
}

/** Changes read per step. */
const PAGE = 2_000;
/**
 * Changes gathered before they are written (one transaction): each write rewrites every group it touches, so a
 * first catch-up over 130,000 changes writes its groups a few times instead of once per page.
 */
const FLUSH = 25_000;

export interface CatchUp {
  /** Main-database changes applied by this call. */
  readonly changes: number;
  readonly ms: number;
}

interface Opened {
  readonly store: IdentifierStore;
  readonly hash: (pair: IdentifierPair) => string;
  readonly main: string;
  checkpoint: Checkpoint;
}

/** The main database's instance id (PouchDB makes a new one when a database is created). */
function instanceIdOf(main: Database): Promise<string> {
  return (main as unknown as { id(): Promise<string> }).id();
}

/** Keys read at most per fragment window (a common window's list is cut there). */
const WINDOW_READ = 3_000;

export class IdentifierIndexClosed extends Error {
  constructor() {
    super('the identifier index is closed');
  }
}

export class IdentifierIndex {
  readonly #main: Database;
  readonly #name: string;
  #opening: Promise<Opened> | null = null;
  /** Catch-ups run one after another (each starts from the checkpoint the previous one wrote). */
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(main: Database, storeName: string) {
    this.#main = main;
    this.#name = IdentifierIndex.databaseName(storeName);
  }

  static databaseName(storeName: string): string {
    return `${storeName}-identifiers`;
  }

  /** The index database, opened on first use (stores that never look up by identifier never make one). */
  #open(): Promise<Opened> {
    if (this.#closed) return Promise.reject(new IdentifierIndexClosed());
    if (this.#opening === null) {
      const opening = (async () => {
        const main = await instanceIdOf(this.#main);
        await deleteDatabase(legacyIndexName(this.#name), false);
        // Deleted by another connection (a reset elsewhere): the next use opens it afresh.
        const store = await IdentifierStore.open(this.#name, () => {
          if (this.#opening === opening) this.#opening = null;
        });
        try {
          const { key, checkpoint } = await store.prepare(main);
          return { store, hash: identifierHasher(key), main, checkpoint };
        } catch (error) {
          store.close();
          throw error;
        }
      })();
      this.#opening = opening;
      // A failed open (storage error) is tried again by the next caller.
      opening.catch(() => {
        if (this.#opening === opening) this.#opening = null;
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

  /** Document ids of the patients whose record may hold the identifier (after catching up): candidates to check. */
  async lookup(pair: IdentifierPair): Promise<string[]> {
    await this.catchUp();
    const { store, hash } = await this.#open();
    return store.idsOf(hashPosting(hash(pair)));
  }

  /**
   * Up to `limit` document ids under name (or inner) tokens starting with `prefix`, in token order (after catching
   * up; an id may repeat, and an edited patient's old tokens stay: candidates to check).
   */
  async idsByTokenPrefix(prefix: string, limit: number, inner = false): Promise<string[]> {
    await this.catchUp();
    const { from, to } = tokenGroups(prefix, inner);
    return (await this.#open()).store.idsByPrefix(from, to, prefix, limit);
  }

  /**
   * Document ids of the patients holding every one of `windows` (after catching up): candidates to check. A window
   * so common that its list reaches WINDOW_READ ("0000", a phone's "0812") is read only that far and used only when
   * every window is that common (`partial`: some holders may be missing).
   */
  async byFragment(windows: readonly string[]): Promise<{ ids: string[]; partial: boolean }> {
    await this.catchUp();
    const { store, hash } = await this.#open();
    const lists = await store.groupIds(
      windows.map((window) => fragmentPosting(hash({ system: FRAGMENT_KEY, value: window })).group),
      WINDOW_READ,
    );
    const whole = lists.filter((list) => list.length < WINDOW_READ);
    const used = whole.length > 0 ? whole : lists;
    const [first = [], ...rest] = [...used].sort((a, b) => a.length - b.length);
    const others = rest.map((list) => new Set(list));
    return {
      ids: [...new Set(first)].filter((id) => others.every((set) => set.has(id))),
      partial: whole.length === 0 && lists.length > 0,
    };
  }

  /** Ids of the visits starting in [start, end), oldest first (after catching up). */
  async visitIdsBetween(start: string, end: string): Promise<string[]> {
    await this.catchUp();
    return (await this.#open()).store.visitIdsBetween(start, end);
  }

  /** Ids of a subject's (`Patient/<id>`) latest visits or readings, newest first, at most `limit` (after catching up). */
  async latestOf(kind: 'visits' | 'readings', subject: string, limit: number): Promise<string[]> {
    await this.catchUp();
    return (await this.#open()).store.latestOf(kind, subject, limit);
  }

  /** Drops the visit and reading entries of purged documents (no change reports a purge). */
  async forget(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await (await this.#open()).store.forget(ids);
  }

  /** Every record of the index database (tests check that no raw identifier appears in a key or value). */
  async contents(): Promise<StoredRecord[]> {
    return (await this.#open()).store.contents();
  }

  async #catchUp(): Promise<CatchUp> {
    const began = performance.now();
    if (this.#closed) throw new IdentifierIndexClosed();
    const opened = await this.#open();
    let changes = 0;
    let gathered = noWrites();
    let rows = 0;
    let seq = opened.checkpoint.seq;
    for (;;) {
      if (this.#closed) throw new IdentifierIndexClosed();
      const page = await this.#main.changes({ since: seq, limit: PAGE, include_docs: true, return_docs: true });
      if (page.results.length > 0) {
        gathered = indexWrites(page.results, opened.hash, gathered);
        rows += page.results.length;
        seq = page.last_seq;
      }
      const last = page.results.length < PAGE;
      if (rows > 0 && (last || rows >= FLUSH)) {
        const to: Checkpoint = { seq, main: opened.main };
        const moved = await opened.store.apply(gathered, opened.checkpoint, to);
        const written = rows;
        gathered = noWrites();
        rows = 0;
        if (moved === null) {
          opened.checkpoint = to;
          changes += written;
        } else if (moved.main === opened.main) {
          // Another opener of the store wrote these first: go on from its checkpoint.
          opened.checkpoint = moved;
          seq = moved.seq;
          continue;
        } else throw new Error('the identifier index was reset for another database meanwhile');
      }
      if (last) return { changes, ms: performance.now() - began };
    }
  }

  /** Stops after the page in flight (so the checkpoint matches the records) and closes the index database. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue;
    const opened = await this.#opening?.catch(() => null);
    opened?.store.close();
  }

  /** Closes and deletes the index database (also one an earlier session left, when this one never opened it). */
  async destroy(): Promise<void> {
    await this.close();
    await deleteDatabase(this.#name);
    await deleteDatabase(legacyIndexName(this.#name), false);
  }
}
