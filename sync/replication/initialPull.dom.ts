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
    const { startkey, endkey } = typeRange(type);
    const pages = ahead<{ startkey: string; skip: number }>(async (cursor) => {
      const answer = await remote.allDocs({
        endkey,
        include_docs: true,
        limit: page,
        ...(cursor ?? { startkey, skip: 0 }),
      });
      const last = answer.rows[answer.rows.length - 1];
      return {
        docs: answer.rows.flatMap((row) => (row.doc === undefined || row.doc === null ? [] : [row.doc])),
        next: answer.rows.length < page || last === undefined ? null : { startkey: last.id, skip: 1 },
      };
    });
    for await (const rows of pages) await keep(rows as unknown as Record<string, unknown>[], type);
  }

  for (const [i, query] of windowQueries(options.since, page).entries()) {
    const type = i === 0 ? 'Encounter' : 'Observation';
    // CouchDB pages by bookmark; pouchdb-server answers none, so it pages by skip.
    const pages = ahead<{ bookmark: string } | { skip: number }>(async (cursor) => {
      const answer = (await remote.find({
        ...query,
        ...(cursor ?? { skip: 0 }),
      } as PouchDB.Find.FindRequest<object>)) as PouchDB.Find.FindResponse<object> & { bookmark?: string };
      const skipped = cursor !== null && 'skip' in cursor ? cursor.skip : 0;
      // CouchDB may answer a short page before the end (its shards' pages merged): with a bookmark, only an
      // empty page ends the listing. pouchdb-server answers no bookmark, and its short page is the last.
      const bookmark = typeof answer.bookmark === 'string' && answer.bookmark !== 'nil' ? answer.bookmark : null;
      return {
        docs: answer.docs,
        next:
          bookmark !== null
            ? answer.docs.length === 0
              ? null
              : { bookmark }
            : answer.docs.length < page
              ? null
              : { skip: skipped + answer.docs.length },
      };
    });
    for await (const rows of pages) await keep(rows as unknown as Record<string, unknown>[], type);
  }
  return { seq, docs };
}

/**
 * The pages of one listing, the next request sent as soon as an answer is in, so the remote reads while the
 * store writes. A request that fails after the reader stopped is dropped, never left unhandled.
 */
async function* ahead<C>(
  fetchPage: (cursor: C | null) => Promise<{ docs: readonly unknown[]; next: C | null }>,
): AsyncGenerator<readonly unknown[]> {
  let pending = fetchPage(null);
  for (;;) {
    const page = await pending;
    if (page.next !== null) {
      pending = fetchPage(page.next);
      pending.catch(() => undefined);
    }
    yield page.docs;
    if (page.next === null) return;
  }
}
