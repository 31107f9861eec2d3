/**
 * The station's local indexes. Mango indexes (pouchdb-find) for today's queue and a patient's observations;
 * a map/reduce view for identifier lookup (HN, CID inside the document) and for conflicted documents.
 * CID lookup itself needs no index: the Patient's `_id` is derived from the CID (keyed hash), a primary-key get.
 * Local design documents are never pushed to central (the push filter drops `_design/`).
 */
import type { Database } from './pouch.dom.js';

export const LOCAL_DESIGN = '_design/edge-local';

const localViews = {
  by_identifier: { map: 'function (doc) { if (doc.resourceType && doc.identifier) { for (var i = 0; i < doc.identifier.length; i++) { emit([doc.identifier[i].system, doc.identifier[i].value]); } } }' },
  conflicts: { map: 'function (doc) { if (doc._conflicts && doc.resourceType) { emit(doc.resourceType); } }' },
};

export async function ensureIndexes(db: Database): Promise<void> {
  await db.createIndex({ index: { fields: ['resourceType', 'period.start'], name: 'encounter-by-start', ddoc: 'idx-encounter-start' } });
  await db.createIndex({ index: { fields: ['subject.reference', 'effectiveDateTime'], name: 'obs-by-subject', ddoc: 'idx-obs-subject' } });
  const existing = await db.get<{ views: unknown }>(LOCAL_DESIGN).catch(() => null);
  const wanted = { _id: LOCAL_DESIGN, views: localViews };
  if (existing !== null && JSON.stringify(existing.views) === JSON.stringify(localViews)) return;
  await db.put(existing === null ? wanted : { ...wanted, _rev: existing._rev });
}
