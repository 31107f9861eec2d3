/**
 * The data context (cht-core style): the one object the front desk, vitals and sync code use to read and
 * write records on the station. Everything written is validated with the model's zod schemas first; reads
 * bring old documents up to the current schema version (Observations are never rewritten: they are immutable).
 * A demo station's context puts the demo tag on everything it writes, so no write path can forget it.
 */
import { isStorageFull } from './storageFull.std.js';
import type { PatientDoc } from '../model/patient.std.js';
import type { EncounterDoc } from '../model/encounter.std.js';
import type { ObservationDoc } from '../model/observation.std.js';
import { enteredInError } from '../model/observation.std.js';
import { StoredDoc, migrateDoc, readStoredDoc } from '../model/documents.std.js';
import type { Meta } from '../model/fhir.std.js';
import { withDemoTag } from '../model/meta.std.js';
import { causalFieldTimes } from './causalTimes.std.js';
import { removeMangoIndexes } from './indexes.dom.js';
import { purgeIdbDocs, type PurgeTarget } from './idbPurge.dom.js';
import { IdentifierIndex, type CatchUp } from './identifierIndex.dom.js';
import type { StoredRecord } from './identifierStore.dom.js';
import { PHONE_KEY, holdsFragment, phonesOf } from './identifierEntries.std.js';
import { coveringWindows } from './searchText.std.js';
import { runGate, type RunGate } from './runGate.std.js';
import { systemTimers } from './systemTimers.dom.js';
import { openDatabase, type Database, type OpenOptions } from './pouch.dom.js';
import { errorMessage } from '../model/errorMessage.std.js';
import { getOrNull, isStatus, type RecordIndex } from './resources/reader.dom.js';
import {
  allPatients,
  patientById,
  patientRecordIdsOf,
  patientsByDocIds,
  patientWithPhoto,
} from './resources/patients.dom.js';
import {
  lastVisitOf,
  nextQueueNumberFor,
  queueForDay,
  visitsWithPatients,
  type VisitWithPatient,
} from './resources/encounters.dom.js';
import { observationIdsStartingWith, observationsOf } from './resources/observations.dom.js';

export { localDayRange, type VisitWithPatient } from './resources/encounters.dom.js';

export interface SavedRef {
  readonly id: string;
  readonly rev: string;
}

export class StoreError extends Error {
  readonly code: 'conflict' | 'invalid_document' | 'storage_failed' | 'storage_full';
  constructor(code: StoreError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

/** Our zod types describe attachments more loosely than @types/pouchdb; the shape was validated already. */
export function asPut(doc: object): PouchDB.Core.PutDocument<object> {
  return doc as PouchDB.Core.PutDocument<object>;
}

/** What one warm-up did: the station's index caught up with every change. */
export interface WarmReport {
  readonly ms: number;
  readonly identifiers: CatchUp | null;
  /** The store was closed meanwhile: the rest was skipped (never an error). */
  readonly aborted: boolean;
}

/** Background warm-ups asked for by replication (many batches a minute) start at most this often. */
export const WARM_MIN_GAP_MS = 30_000;

export interface ContextOptions extends OpenOptions {
  /** A demo station: every document written carries the demo tag (sync/model DEMO_TAG). */
  readonly demo?: boolean;
}

/** Documents purged in one IndexedDB transaction. */
const PURGE_CHUNK = 500;

/** A conflict resolver's deletion of a losing branch (a tombstone: nothing to validate). */
export interface BranchDeletion {
  readonly _id: string;
  readonly _rev: string;
  readonly _deleted: true;
  readonly resourceType?: string;
}

export class DataContext {
  /** Private: every write goes through this class, which validates it (the replication engine aside). */
  readonly #db: Database;
  readonly demo: boolean;
  readonly #identifiers: IdentifierIndex;
  readonly #warmGate: RunGate;
  #warming: Promise<WarmReport> | null = null;
  #warmHolds = 0;
  #warmWanted = false;
  /**
   * From open, and from the start of a bulk write (holdWarmUps), until a catch-up of the index has ended: visits and
   * readings are read by scanning the station's own meanwhile, so the first screens never wait for an index build
   * over every record (minutes after a new station's first read, or a first open after an upgrade).
   */
  #indexBehind = true;
  #closed = false;

  private constructor(name: string, options: ContextOptions) {
    this.#db = openDatabase(name, options);
    this.demo = options.demo ?? false;
    this.#identifiers = new IdentifierIndex(this.#db, name);
    this.#warmGate = runGate(
      () => this.warmIndexes(),
      WARM_MIN_GAP_MS,
      systemTimers,
      (error) => console.warn('store: index warm-up failed', errorMessage(error)),
    );
  }

  static async open(name: string, options: ContextOptions = {}): Promise<DataContext> {
    const context = new DataContext(name, options);
    await removeMangoIndexes(context.#db);
    return context;
  }

  /**
   * Brings the station's index up to date now (minutes after a large pull or import) so a user's first search
   * does not wait. One run at a time: a call during a run gets that run. Resolves `aborted` when the store closes
   * meanwhile.
   */
  warmIndexes(): Promise<WarmReport> {
    this.#warming ??= this.#warm().finally(() => {
      this.#warming = null;
    });
    return this.#warming;
  }

  /**
   * Removes documents from this station only (no tombstone, nothing replicated), each if its winning revision
   * is still `rev`; their visit and reading entries go too (no change reports a purge). Returns the ids purged.
   */
  async purge(targets: readonly PurgeTarget[]): Promise<string[]> {
    // PouchDB's instance names its adapter; @types/pouchdb leaves it out.
    const adapter = (this.#db as unknown as { readonly adapter?: string }).adapter;
    if (adapter !== 'idb')
      throw new StoreError('storage_failed', `purge needs the idb adapter, not ${String(adapter)}`);
    const purged: string[] = [];
    // One transaction per chunk: a long purge never holds the store from the page's writes for long.
    for (let first = 0; first < targets.length; first += PURGE_CHUNK)
      purged.push(...(await purgeIdbDocs(this.#db.name, targets.slice(first, first + PURGE_CHUNK))));
    await this.#identifiers.forget(purged);
    return purged;
  }

  /** A warm-up in the background, without waiting: at most one per WARM_MIN_GAP_MS, never rejects (after open, after a pull). */
  requestWarm(): void {
    if (this.#warmHolds > 0) {
      this.#warmWanted = true;
      return;
    }
    this.#warmGate.request();
  }

  /**
   * Holds background warm-ups while a bulk write runs (a new station's first read: 130,000 records at a large
   * site). Each warm-up reads every document again to index it, so one racing the read only slows both; one
   * runs when the last hold is released. Returns the release.
   */
  holdWarmUps(): () => void {
    this.#warmHolds += 1;
    // What the bulk write stores is not indexed until the warm-up after it: visits and readings by scan meanwhile.
    this.#indexBehind = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#warmHolds -= 1;
      if (this.#warmHolds === 0 && (this.#warmWanted || this.#indexBehind)) {
        this.#warmWanted = false;
        this.#warmGate.request();
      }
    };
  }

  async #warm(): Promise<WarmReport> {
    const began = performance.now();
    let identifiers: CatchUp | null = null;
    const report = (aborted: boolean): WarmReport => ({ ms: performance.now() - began, identifiers, aborted });
    if (this.#closed) return report(true);
    try {
      identifiers = await this.#identifiers.catchUp();
      // A bulk write that began meanwhile is still writing: its records are indexed by the warm-up after it.
      if (this.#warmHolds === 0) this.#indexBehind = false;
      return report(false);
    } catch (error) {
      if (this.#closed) return report(true);
      throw error;
    }
  }

  /** The visit and reading index, or null while it is far behind (read by scan meanwhile). */
  #recordIndex(): RecordIndex | null {
    return this.#indexBehind ? null : this.#identifiers;
  }

  /** Validates and writes one document; a stale `_rev` is a conflict the caller must re-read and redo. */
  async save(doc: StoredDoc): Promise<SavedRef> {
    const checked = this.checked(doc);
    try {
      const [ready] = await this.#withCausalTimes([checked]);
      const result = await this.#db.put(asPut(ready ?? checked));
      return { id: result.id, rev: result.rev };
    } catch (error) {
      if (isStatus(error, 409)) throw new StoreError('conflict', `${doc._id} changed meanwhile`);
      throw writeFailure(error);
    }
  }

  /** Writes several documents in one IndexedDB transaction; returns per-document results, never throws for one. */
  async saveAll(docs: readonly StoredDoc[]): Promise<(SavedRef | StoreError)[]> {
    const parsed = await this.#withCausalTimes(docs.map((doc) => this.checked(doc)));
    // A failed transaction (quota, disk) rejects the whole batch: one StoreError, nothing half-written.
    const results = await this.#db.bulkDocs(parsed.map(asPut)).catch((error: unknown) => {
      throw writeFailure(error);
    });
    return results.map((result) =>
      'ok' in result && result.ok && result.id !== undefined && result.rev !== undefined
        ? { id: result.id, rev: result.rev }
        : isStatus(result, 409)
          ? new StoreError('conflict', 'message' in result ? String(result.message) : 'conflict')
          : writeFailure(result),
    );
  }

  /**
   * The document as this station writes it, validated: with the demo tag on a demo station. Every write goes
   * through it (save, saveAll, and the conflict resolver's merges and archives); an invalid one is refused here.
   */
  checked(doc: { readonly meta?: Meta }): StoredDoc {
    const parsed = StoredDoc.safeParse(this.demo ? { ...doc, meta: withDemoTag(doc.meta) } : doc);
    if (!parsed.success)
      throw new StoreError('invalid_document', parsed.error.issues.map((issue) => issue.path.join('.')).join(', '));
    return parsed.data;
  }

  /** Patient updates get field times after those of the revision they replace (see causalTimes). */
  async #withCausalTimes(docs: StoredDoc[]): Promise<StoredDoc[]> {
    const updates = docs.filter((doc) => doc.resourceType === 'Patient' && doc._rev !== undefined);
    if (updates.length === 0) return docs;
    const stored = await this.#db.allDocs({ keys: updates.map((doc) => doc._id), include_docs: true });
    const previous = new Map<string, Record<string, unknown>>();
    for (const row of stored.rows) {
      if ('doc' in row && row.doc !== undefined && row.doc !== null)
        previous.set(row.id, row.doc as unknown as Record<string, unknown>);
    }
    return docs.map((doc) => {
      const before = doc.resourceType === 'Patient' ? previous.get(doc._id) : undefined;
      // Only against the revision being replaced: a stale _rev is refused as a conflict anyway.
      return before !== undefined && before['_rev'] === doc._rev ? causalFieldTimes(before, doc) : doc;
    });
  }

  async get(id: string): Promise<StoredDoc | null> {
    return readStoredDoc(await getOrNull(this.#db, id, { conflicts: true }));
  }

  /** The database's name (a second handle on the same IndexedDB: tests that play another writer). */
  get name(): string {
    return this.#db.name;
  }

  patientById(patientId: string): Promise<PatientDoc | null> {
    return patientById(this.#db, patientId);
  }

  /** A value this station keeps for itself (a `_local` document: never replicated), or null. */
  async readMarker(name: string): Promise<string | null> {
    const value = (await this.readLocal<{ value?: unknown }>(name))?.value.value;
    return typeof value === 'string' ? value : null;
  }

  async writeMarker(name: string, value: string): Promise<void> {
    const found = await this.readLocal(name);
    await this.writeLocal(name, { value }, found?.rev);
  }

  /** A station-only record of several fields (`_local`, never replicated) with its revision, or null. */
  async readLocal<T extends object>(name: string): Promise<{ readonly rev: string; readonly value: T } | null> {
    const doc = await getOrNull(this.#db, `_local/edge-${name}`);
    if (doc === null) return null;
    const { _id: _ignoredId, _rev: rev, ...value } = doc as unknown as { _id: string; _rev: string };
    return { rev, value: value as T };
  }

  /** Writes a station-only record over revision `rev` (undefined: a new one); returns the new revision. */
  async writeLocal(name: string, value: object, rev: string | undefined): Promise<string> {
    const result = await this.#db.put({
      _id: `_local/edge-${name}`,
      ...(rev === undefined ? {} : { _rev: rev }),
      ...value,
    });
    return result.rev;
  }

  patientWithPhoto(patientId: string): Promise<PatientDoc | null> {
    return patientWithPhoto(this.#db, patientId);
  }

  /** Every Patient of the store, a page at a time by id. */
  patients(batch = 500): AsyncGenerator<PatientDoc[]> {
    return allPatients(this.#db, batch);
  }

  /**
   * Patients holding an identifier (an HN, or a CID typed in where the key is not at hand), through the
   * identifier index (caught up first, so a save just made is found); the front desk's CID lookup with the
   * key is `patientById`. Each patient read is checked to hold the identifier, so the index can only ever
   * narrow the search, never answer wrongly.
   */
  async patientsByIdentifier(system: string, value: string): Promise<PatientDoc[]> {
    const ids = await this.#identifiers.lookup({ system, value });
    return (await this.patientsByDocIds(ids)).filter((doc) =>
      doc.identifier.some((id) => id.system === system && id.value === value),
    );
  }

  /** Patients with this phone number (0 and 8-9 digits, see searchText's phoneDigits), through the identifier index. */
  async patientsByPhone(phone: string): Promise<PatientDoc[]> {
    const ids = await this.#identifiers.lookup({ system: PHONE_KEY, value: phone });
    return (await this.patientsByDocIds(ids)).filter((doc) => phonesOf(doc).includes(phone));
  }

  /**
   * Up to `limit` patient document ids under a name (or inner) token starting with `prefix` (caught up first; an id
   * may repeat, one per token): candidates, each to be checked against its record.
   */
  nameCandidateIds(prefix: string, limit: number, inner = false): Promise<string[]> {
    return this.#identifiers.idsByTokenPrefix(prefix, limit, inner);
  }

  /**
   * Patients whose HN, CID or a phone number holds `fragment` (searchText's fragmentText form, 4 digits or
   * more), through the index's window hashes, each checked against its record; at most `limit` candidates are read.
   * `more`: further candidates were left unread, or a window too common to read whole was left out.
   */
  async patientsByFragment(fragment: string, limit: number): Promise<{ patients: PatientDoc[]; more: boolean }> {
    const found = await this.#identifiers.byFragment(coveringWindows(fragment));
    const patients = (await this.patientsByDocIds(found.ids.slice(0, limit))).filter((doc) =>
      holdsFragment(doc, fragment),
    );
    return { patients, more: found.partial || found.ids.length > limit };
  }

  patientsByDocIds(ids: readonly string[]): Promise<PatientDoc[]> {
    return patientsByDocIds(this.#db, ids);
  }

  /** Every record in the identifier index's own database (tests: no raw identifier in any key or value). */
  identifierIndexContents(): Promise<StoredRecord[]> {
    return this.#identifiers.contents();
  }

  queueForDay(day: Date): Promise<EncounterDoc[]> {
    return queueForDay(this.#db, day, this.#recordIndex());
  }

  visitsWithPatients(day: Date): Promise<VisitWithPatient[]> {
    return visitsWithPatients(this.#db, day, this.#recordIndex());
  }

  lastVisitOf(patientId: string): Promise<EncounterDoc | null> {
    return lastVisitOf(this.#db, patientId, this.#recordIndex());
  }

  nextQueueNumber(prefix: string, day: Date): Promise<string> {
    return nextQueueNumberFor(this.#db, prefix, day, this.#recordIndex());
  }

  /** Whether visits and readings are read through the index (false: by scan, while it is far behind). */
  get indexReady(): boolean {
    return !this.#indexBehind;
  }

  /** The ids a patient's records may name: its own and those of the records it replaced (merges). */
  recordIdsOf(patientId: string): Promise<string[]> {
    return patientRecordIdsOf(this.#db, patientId);
  }

  observationsOf(patientId: string, limit = 200): Promise<ObservationDoc[]> {
    return observationsOf(this.#db, patientId, limit, this.#recordIndex());
  }

  /**
   * Calls `onChange` after each change to a document matching `selector` (any document when null), from any
   * writer: this page, replication, another tab. Returns the unsubscribe.
   */
  watch(selector: Record<string, unknown> | null, onChange: () => void): () => void {
    const feed = this.#db
      .changes({ since: 'now', live: true, return_docs: false, ...(selector === null ? {} : { selector }) })
      .on('change', onChange);
    return () => feed.cancel();
  }

  /** The ids of the Observations whose id starts with `prefix` (those charted from one device reading). */
  observationIdsStartingWith(prefix: string): Promise<string[]> {
    return observationIdsStartingWith(this.#db, prefix);
  }

  /** A correction: the new Observation(s) and the old one marked entered-in-error, in one bulk write. */
  async correctObservation(
    old: ObservationDoc,
    replacements: readonly ObservationDoc[],
    at: string,
    stationId: string,
  ): Promise<void> {
    const results = await this.saveAll([enteredInError(old, at, stationId), ...replacements]);
    const failed = results.find((result) => result instanceof StoreError);
    if (failed instanceof StoreError) throw failed;
  }

  /** Ids of documents with unresolved revisions (for the conflict rules and the IT list): a paged scan, no view. */
  async conflictedIds(batch = 1_000): Promise<string[]> {
    const ids: string[] = [];
    let startkey: string | undefined;
    for (;;) {
      const page = await this.#db.allDocs({
        include_docs: true,
        conflicts: true,
        limit: batch + 1,
        ...(startkey === undefined ? {} : { startkey }),
      });
      for (const row of page.rows.slice(0, batch)) {
        const doc = row.doc as { _conflicts?: unknown[]; resourceType?: unknown } | undefined;
        if (doc !== undefined && typeof doc.resourceType === 'string' && (doc._conflicts?.length ?? 0) > 0)
          ids.push(row.id);
      }
      if (page.rows.length <= batch) return ids;
      startkey = page.rows[batch]?.id;
    }
  }

  /**
   * Rewrites documents stored under an earlier schema version. Observations are
   * left as written and migrated on every read instead: central refuses any change to them but status.
   */
  async migrateStored(batch = 500): Promise<{ migrated: number }> {
    let migrated = 0;
    let startkey: string | undefined;
    for (;;) {
      const page = await this.#db.allDocs({
        include_docs: true,
        limit: batch + 1,
        ...(startkey === undefined ? {} : { startkey }),
      });
      const rows = page.rows.slice(0, batch);
      const updates = rows
        .map((row) => row.doc as (Record<string, unknown> & { resourceType?: unknown }) | undefined)
        .filter(
          (doc): doc is Record<string, unknown> & { resourceType?: unknown } =>
            doc !== undefined && typeof doc.resourceType === 'string' && doc.resourceType !== 'Observation',
        )
        .map((doc) => migrateDoc(doc))
        .filter((result) => result.changed)
        .map((result) => result.doc);
      if (updates.length > 0) {
        const results = await this.#db.bulkDocs(updates.map(asPut));
        migrated += results.filter((result) => 'ok' in result && result.ok).length;
      }
      if (page.rows.length <= batch) break;
      startkey = page.rows[batch]?.id;
    }
    return { migrated };
  }

  // The replication engine's view (sync/replication ReplicationStore): PouchDB's runs, the change sequence, and
  // the branch reads and writes of conflict settling. No record write: that is save/saveAll.

  /** Live two-way replication with `remote` (PouchDB writes what it pulls: central validated it). */
  syncWith(remote: Database, options: PouchDB.Replication.SyncOptions): PouchDB.Replication.Sync<object> {
    return this.#db.sync(remote, options);
  }

  pushTo(remote: Database, options: PouchDB.Replication.ReplicateOptions): PouchDB.Replication.Replication<object> {
    return this.#db.replicate.to(remote, options);
  }

  pullFrom(remote: Database, options: PouchDB.Replication.ReplicateOptions): PouchDB.Replication.Replication<object> {
    return this.#db.replicate.from(remote, options);
  }

  /**
   * Stores documents as a remote holds them, revisions and all (`new_edits: false`, as replication writes): a
   * revision already held is a no-op, so a document read twice is stored once. Central validated them.
   */
  async storeReplicated(docs: readonly Record<string, unknown>[]): Promise<number> {
    if (docs.length === 0) return 0;
    const results = await this.#db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[], { new_edits: false });
    const failed = results.filter(
      (result) => 'error' in result && result.error !== undefined && result.error !== false,
    );
    if (failed.length > 0) throw new Error(`${failed.length} replicated documents not stored`);
    return docs.length;
  }

  async updateSeq(): Promise<number | string> {
    return (await this.#db.info()).update_seq;
  }

  /** Live documents in the store. */
  async docCount(): Promise<number> {
    return (await this.#db.info()).doc_count;
  }

  /**
   * Ids changed after sequence `since` with their sequence (design documents included): the winning revision,
   * or with `leaves: 'all'` every leaf (the first read's push start must see a station's own conflict branch).
   */
  async changedSince(
    since: number | string,
    leaves: 'winner' | 'all' = 'winner',
  ): Promise<{ readonly seq: number | string; readonly id: string; readonly revs: string[] }[]> {
    const changes = await this.#db.changes({
      since,
      return_docs: true,
      style: leaves === 'all' ? 'all_docs' : 'main_only',
    } as PouchDB.Core.ChangesOptions);
    return changes.results.map((change) => ({
      seq: change.seq,
      id: change.id,
      revs: change.changes.map((leaf) => leaf.rev),
    }));
  }

  /** One revision of a document (the winning one without `rev`): whether it is a deletion; null when unknown. */
  async revisionOf(id: string, rev?: string): Promise<{ readonly rev: string; readonly deleted: boolean } | null> {
    const doc = (await getOrNull(this.#db, id, rev === undefined ? {} : { rev })) as {
      _rev: string;
      _deleted?: boolean;
    } | null;
    return doc === null ? null : { rev: doc._rev, deleted: doc._deleted === true };
  }

  /**
   * A conflicted document's live branches, the winner first, with attachments (a photo from a losing branch
   * can win); a branch gone between the reads (a write landed meanwhile) is null. Null when no conflict.
   */
  async branchesOf(id: string): Promise<(Record<string, unknown> | null)[] | null> {
    const head = (await getOrNull(this.#db, id, { conflicts: true })) as { _rev: string; _conflicts?: string[] } | null;
    const conflicts = head?._conflicts ?? [];
    if (head === null || conflicts.length === 0) return null;
    return Promise.all(
      [head._rev, ...conflicts].map(
        (rev) => getOrNull(this.#db, id, { rev, attachments: true }) as Promise<Record<string, unknown> | null>,
      ),
    );
  }

  /**
   * Writes a conflict's settlement in one bulk write: documents validated (`checked`) and branch deletions.
   * Per write: written, 'raced' when its branch moved on meanwhile (409), or failed.
   */
  async writeBranches(writes: readonly (StoredDoc | BranchDeletion)[]): Promise<('written' | 'raced' | 'failed')[]> {
    const docs = writes.map((write) => ('_deleted' in write && write._deleted === true ? write : this.checked(write)));
    const results = await this.#db.bulkDocs(docs.map(asPut));
    return results.map((result) =>
      'error' in result && isStatus(result, 409)
        ? 'raced'
        : 'error' in result && result.error === true
          ? 'failed'
          : 'written',
    );
  }

  /** Documents after `startAfter` in id order (with their conflicts), a page at a time: the purge's scan. */
  async pageAfter(
    startAfter: string | undefined,
    limit: number,
  ): Promise<{ readonly id: string; readonly doc: Record<string, unknown> }[]> {
    const page = await this.#db.allDocs({
      include_docs: true,
      conflicts: true,
      limit,
      ...(startAfter === undefined ? {} : { startkey: startAfter, skip: 1 }),
    });
    return page.rows.flatMap((row) =>
      row.doc === undefined ? [] : [{ id: row.id, doc: row.doc as unknown as Record<string, unknown> }],
    );
  }

  /**
   * Closes the store and its identifier index. A warm-up in flight stops after the changes in hand and resolves
   * `aborted`.
   */
  async close(): Promise<void> {
    this.#stopBackground();
    await this.#identifiers.close();
    await this.#db.close();
  }

  /** Deletes the store and its identifier index (tests, a station reset). */
  async destroy(): Promise<void> {
    this.#stopBackground();
    await this.#identifiers.destroy();
    await this.#db.destroy();
  }

  /** No warm-up starts from now on; one in flight stops at its next step. */
  #stopBackground(): void {
    this.#closed = true;
    void this.#warmGate.stop();
  }
}

/** A write that failed for a reason other than a conflict: storage full gets its own code. */
function writeFailure(error: unknown): StoreError {
  const message =
    error instanceof Error
      ? error.message
      : typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : String(error);
  return new StoreError(isStorageFull(error) ? 'storage_full' : 'storage_failed', message);
}

/** The app's error code for a failed write, for the screens that report it. */
export function writeFailureCode(error: unknown): 'storage_full' | 'storage_failed' {
  return error instanceof StoreError && error.code === 'storage_full' ? 'storage_full' : 'storage_failed';
}
