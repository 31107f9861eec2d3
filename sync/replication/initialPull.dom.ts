/**
 * The first read of a station's window from a remote (initialPull.std.ts): central's sequence first, then every
 * Patient and Device by id range and the window's Encounters and Observations by index, stored page by page as
 * central's revisions. Returns the sequence the filtered pull starts from. Fails as a whole on a link error
 * (what was stored stays: the next try stores it again as a no-op).
 */
import type { Database } from '../store/pouch.dom.js';
import type { ReplicationStore } from '../store/ports.dom.js';
import { INITIAL_PULL_PAGE, RANGE_TYPES, isPulledRecord, typeRange, windowQueries } from './initialPull.std.js';

type Remote = Pick<Database, 'info' | 'allDocs' | 'find' | 'get'>;
type Stored = Record<string, unknown> & { readonly _id: string; readonly _rev: string };

export interface InitialPullProgress {
  /** Documents stored so far in this read. */
  readonly docs: number;
  /** What was just stored, `id@rev` (the replicator counts them as central's, not pending). */
  readonly stored: readonly string[];
}

export interface InitialPullOptions {
  readonly store: Pick<ReplicationStore, 'storeReplicated'>;
  readonly remote: Remote;
  /** The window's cutoff (PullWindow.since). */
  readonly since: string;
  readonly onPage?: (progress: InitialPullProgress) => void;
  /** Stops between pages (the replicator was stopped). */
  readonly cancelled?: () => boolean;
  readonly pageSize?: number;
}

export class InitialPullCancelled extends Error {
  constructor() {
    super('initial pull cancelled');
    this.name = 'InitialPullCancelled';
  }
}

export async function initialPull(options: InitialPullOptions): Promise<{ seq: number | string; docs: number }> {
  const { store, remote } = options;
  const page = options.pageSize ?? INITIAL_PULL_PAGE;
  // Noted before any read: whatever changes after this comes through the filtered pull.
  const seq = (await remote.info()).update_seq;
  let docs = 0;
  const keep = async (rows: readonly Record<string, unknown>[], type: string): Promise<void> => {
    if (options.cancelled?.() === true) throw new InitialPullCancelled();
    const records = await Promise.all(
      rows
        .filter((doc): doc is Stored => isPulledRecord(doc, type))
        // A listing carries attachment stubs only; a document with attachments is read whole (rare: photos are
        // Media records, outside the window).
        .map((doc) =>
          doc._attachments === undefined
            ? doc
            : (remote.get(doc._id, {
                rev: doc._rev,
                attachments: true,
                revs: true,
              }) as Promise<unknown> as Promise<Stored>),
        ),
    );
    await store.storeReplicated(records);
    docs += records.length;
    options.onPage?.({ docs, stored: records.map((doc) => `${doc._id}@${doc._rev}`) });
  };

  for (const type of RANGE_TYPES) {
    let { startkey } = typeRange(type);
    const { endkey } = typeRange(type);
    let skip = 0;
    for (;;) {
      const answer = await remote.allDocs({ startkey, endkey, include_docs: true, limit: page, skip });
      const rows = answer.rows.flatMap((row) => (row.doc === undefined || row.doc === null ? [] : [row.doc]));
      await keep(rows as unknown as Record<string, unknown>[], type);
      const last = answer.rows[answer.rows.length - 1];
      if (answer.rows.length < page || last === undefined) break;
      startkey = last.id;
      skip = 1;
    }
  }

  for (const [i, query] of windowQueries(options.since, page).entries()) {
    const type = i === 0 ? 'Encounter' : 'Observation';
    let bookmark: string | undefined;
    let skip = 0;
    for (;;) {
      // CouchDB pages by bookmark; pouchdb-server answers none, so it pages by skip.
      const answer = (await remote.find({
        ...query,
        ...(bookmark === undefined ? { skip } : { bookmark }),
      } as PouchDB.Find.FindRequest<object>)) as PouchDB.Find.FindResponse<object> & { bookmark?: string };
      await keep(answer.docs as unknown as Record<string, unknown>[], type);
      if (answer.docs.length < page) break;
      if (typeof answer.bookmark === 'string' && answer.bookmark !== 'nil') bookmark = answer.bookmark;
      else skip += answer.docs.length;
    }
  }
  return { seq, docs };
}
