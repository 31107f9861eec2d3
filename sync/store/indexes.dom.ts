/**
 * The station's Mango indexes (pouchdb-find) are retired: today's queue, a patient's last visit and readings are in
 * the station's own index (identifierIndex.dom.ts). Each Mango index kept a record for every stored document, the
 * 100,000 patients of a large site too (105 MiB of records for three), in a PouchDB database of its own. Removing
 * one on open (deleteIndex) drops its design document and that database. No map/reduce views either: PouchDB
 * evaluates a stored view's source with `new Function`, which the app's Content-Security-Policy refuses.
 * Local design documents are never pushed to central (the push filter drops `_design/`).
 */
import type { Database } from './pouch.dom.js';

/** The map/reduce design document of an early build. */
const RETIRED_DESIGN = '_design/edge-local';
/** Every Mango index a station made: the resourceType one, then the queue's and the by-patient ones. */
const RETIRED_INDEXES = ['idx-type', 'idx-encounter-start', 'idx-encounter-subject', 'idx-obs-subject'];

/** Removes the station's retired indexes and their view databases (nothing when there are none). */
export async function removeMangoIndexes(db: Database): Promise<void> {
  const { indexes } = await db.getIndexes();
  for (const index of indexes) {
    if (index.ddoc !== null && RETIRED_INDEXES.includes(index.ddoc.replace(/^_design\//, '')))
      await db.deleteIndex({ ddoc: index.ddoc, name: index.name });
  }
  const retired = await db.get(RETIRED_DESIGN).catch(() => null);
  if (retired !== null) await db.remove(retired);
}
