/**
 * The station's Mango indexes (pouchdb-find): today's queue, a patient's visits (the last one, shown when the card
 * or a search finds them) and a patient's observations. No map/reduce views:
 * PouchDB evaluates a stored view's source with `new Function`, which the app's Content-Security-Policy (no
 * 'unsafe-eval') refuses. CID lookup needs no index: the Patient's `_id` is derived from the CID (keyed hash),
 * a primary-key get; other identifier lookups have their own index (identifierIndex.dom.ts), since Mango cannot
 * index array elements. Local design documents are never pushed to central (the push filter drops `_design/`).
 * pouchdb-find builds an index lazily, on the first query after writes: warmQueries() let the store do that
 * in the background instead of on a user's first search.
 */
import type { Database } from './pouch.dom.js';

/** The map/reduce design document that the Mango indexes replaced, removed on open. */
const RETIRED_DESIGN = '_design/edge-local';
/** The resourceType index identifier lookups used to filter every patient through; retired with them. */
const RETIRED_INDEX = 'idx-type';

const INDEXES = [
  { fields: ['resourceType', 'period.start'], name: 'encounter-by-start', ddoc: 'idx-encounter-start' },
  // Only Encounters have both fields (Observations carry effectiveDateTime): the last visit is one index read.
  { fields: ['subject.reference', 'period.start'], name: 'encounter-by-subject', ddoc: 'idx-encounter-subject' },
  { fields: ['subject.reference', 'effectiveDateTime'], name: 'obs-by-subject', ddoc: 'idx-obs-subject' },
] as const;

export type IndexName = (typeof INDEXES)[number]['ddoc'];

/**
 * Creates the indexes a store lacks and removes retired ones. Indexes already there are left alone:
 * pouchdb-find's createIndex also brings the index up to date before it returns, which after a large pull
 * or import would hold the store's open for minutes (warmIndexes does that in the background instead).
 */
export async function ensureIndexes(db: Database): Promise<void> {
  const { indexes } = await db.getIndexes();
  const present = new Map(indexes.map((index) => [index.ddoc, index]));
  for (const index of INDEXES) {
    const existing = present.get(`_design/${index.ddoc}`);
    const same =
      existing?.name === index.name &&
      JSON.stringify(existing.def.fields.map((field) => Object.keys(field)[0])) === JSON.stringify(index.fields);
    if (!same) await db.createIndex({ index: { fields: [...index.fields], name: index.name, ddoc: index.ddoc } });
  }
  const retiredIndex = present.get(`_design/${RETIRED_INDEX}`);
  if (retiredIndex?.ddoc != null) await db.deleteIndex({ ddoc: retiredIndex.ddoc, name: retiredIndex.name });
  const retired = await db.get(RETIRED_DESIGN).catch(() => null);
  if (retired !== null) await db.remove(retired);
}

/**
 * Drops and re-creates the Mango indexes: after a purge, which no changes feed reports, their entries for the
 * purged documents would stay. The new indexes build on the next query (or warm-up).
 */
export async function rebuildIndexes(db: Database): Promise<void> {
  const { indexes } = await db.getIndexes();
  for (const index of INDEXES) {
    const existing = indexes.find((each) => each.ddoc === `_design/${index.ddoc}`);
    if (existing?.ddoc != null) await db.deleteIndex({ ddoc: existing.ddoc, name: existing.name });
  }
  await ensureIndexes(db);
}

/** One cheap query per index (limit 1, every field present): running it brings the index up to date. */
export function warmQueries(): { readonly ddoc: IndexName; readonly query: PouchDB.Find.FindRequest<object> }[] {
  return INDEXES.map((index) => ({
    ddoc: index.ddoc,
    query: {
      selector: Object.fromEntries(index.fields.map((field) => [field, { $gt: null }])),
      use_index: index.ddoc,
      limit: 1,
    },
  }));
}
