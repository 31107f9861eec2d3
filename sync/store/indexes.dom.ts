/**
 * The station's local indexes, all Mango (pouchdb-find): today's queue, a patient's observations, and resource
 * type (identifier lookups, HN or a CID typed in, filter the patients). No map/reduce views: PouchDB evaluates a
 * stored view's source with `new Function`, which the app's Content-Security-Policy (no 'unsafe-eval') refuses.
 * CID lookup itself needs no index: the Patient's `_id` is derived from the CID (keyed hash), a primary-key get.
 * Local design documents are never pushed to central (the push filter drops `_design/`).
 */
import type { Database } from './pouch.dom.js';

/** The map/reduce design document of older builds, removed on open. */
const RETIRED_DESIGN = '_design/edge-local';

export async function ensureIndexes(db: Database): Promise<void> {
  await db.createIndex({ index: { fields: ['resourceType', 'period.start'], name: 'encounter-by-start', ddoc: 'idx-encounter-start' } });
  await db.createIndex({ index: { fields: ['subject.reference', 'effectiveDateTime'], name: 'obs-by-subject', ddoc: 'idx-obs-subject' } });
  await db.createIndex({ index: { fields: ['resourceType'], name: 'by-type', ddoc: 'idx-type' } });
  const retired = await db.get(RETIRED_DESIGN).catch(() => null);
  if (retired !== null) await db.remove(retired);
}
