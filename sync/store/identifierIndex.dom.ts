/**
 * Patients by identifier (an HN, or a CID typed in without the hospital key) without reading every patient:
 * Mango cannot index array elements and map/reduce views need eval (refused by the app's CSP), so the store
 * keeps its own index in a raw IndexedDB database `<store>-identifiers`, never replicated (identifierStore.dom.ts):
 * per patient the keyed hashes of its identifiers, under a multiEntry index on the hashes.
 * It follows the main database's changes feed (winning revisions: local saves, replicated documents and
 * deletions alike) on demand: each lookup first catches up (read-your-writes), and warm-ups do it ahead of
 * time. Each page of changes is one transaction with its checkpoint; pages are idempotent.
 */
import { FRAGMENT_KEY, identifierHasher, indexWrites, type IdentifierPair } from './identifierEntries.std.js';
import {
  IdentifierStore,
  deleteDatabase,
  type Checkpoint,
  type NameRecord,
  type StoredRecord,
} from './identifierStore.dom.js';
import type { Database } from './pouch.dom.js';

/** The PouchDB database earlier builds kept the index in (removed when seen). */
export function legacyIndexName(indexName: string): string {
  return `_pouch_${indexName}`;
}

/** Changes read and applied per step (one IndexedDB transaction each; 2,000 measured ~10% quicker than 1,000 at 20k patients). */
const PAGE = 2_000;

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

  /** Document ids of the patients whose winning revision holds the identifier (after catching up). */
  async lookup(pair: IdentifierPair): Promise<string[]> {
    await this.catchUp();
    const { store, hash } = await this.#open();
    return store.lookup(hash(pair));
  }

  /** Records with a name (or inner) token starting with `prefix` (after catching up); see IdentifierStore.byTokenPrefix. */
  async byTokenPrefix(prefix: string, limit: number, inner = false): Promise<NameRecord[]> {
    await this.catchUp();
    return (await this.#open()).store.byTokenPrefix(prefix, limit, inner);
  }

  /** Document ids under a name (or inner) token starting with `prefix` (after catching up); see IdentifierStore.idsByTokenPrefix. */
  async idsByTokenPrefix(prefix: string, limit: number, inner = false): Promise<string[]> {
    await this.catchUp();
    return (await this.#open()).store.idsByTokenPrefix(prefix, limit, inner);
  }

  /**
   * Document ids of the patients holding every one of `windows` (after catching up): candidates to check. A window
   * so common that its list reaches WINDOW_READ ("0000", a phone's "0812") is read only that far and used only when
   * every window is that common (`partial`: some holders may be missing).
   */
  async byFragment(windows: readonly string[]): Promise<{ ids: string[]; partial: boolean }> {
    await this.catchUp();
    const { store, hash } = await this.#open();
    const lists = await store.byFragmentWindows(
      windows.map((window) => hash({ system: FRAGMENT_KEY, value: window })),
      WINDOW_READ,
    );
    const whole = lists.filter((list) => list.length < WINDOW_READ);
    const used = whole.length > 0 ? whole : lists;
    const [first = [], ...rest] = [...used].sort((a, b) => a.length - b.length);
    const others = rest.map((list) => new Set(list));
    return {
      ids: first.filter((id) => others.every((set) => set.has(id))),
      partial: whole.length === 0 && lists.length > 0,
    };
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
    for (;;) {
      if (this.#closed) throw new IdentifierIndexClosed();
      const from = opened.checkpoint;
      const page = await this.#main.changes({ since: from.seq, limit: PAGE, include_docs: true, return_docs: true });
      if (page.results.length > 0) {
        const to: Checkpoint = { seq: page.last_seq, main: opened.main };
        const moved = await opened.store.apply(indexWrites(page.results, opened.hash), from, to);
        if (moved === null) {
          opened.checkpoint = to;
          changes += page.results.length;
        } else if (moved.main === opened.main) {
          // Another opener of the store applied this page first: go on from its checkpoint.
          opened.checkpoint = moved;
          continue;
        } else throw new Error('the identifier index was reset for another database meanwhile');
      }
      if (page.results.length < PAGE) return { changes, ms: performance.now() - began };
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
