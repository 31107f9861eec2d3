/**
 * Conflicted document ids without a JavaScript view. DataContext.conflictedIds queries the stored
 * `edge-local/conflicts` map/reduce view, and PouchDB evaluates a stored view's source with `new Function`,
 * which the app's Content-Security-Policy (script-src 'self', no 'unsafe-eval') refuses, so Replicator.start
 * failed in the real renderer (fake-indexeddb tests in Node have no CSP). A paged allDocs scan needs no eval.
 * TODO(store owner): move this into DataContext.conflictedIds (and replace the by_identifier view too), then
 * drop withCspSafeConflictScan.
 */
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import type { Database } from '../../../sync/store/pouch.dom.js';

export async function scanConflictedIds(db: Database, batch = 1_000): Promise<string[]> {
  const ids: string[] = [];
  let startkey: string | undefined;
  for (;;) {
    const page = await db.allDocs({ include_docs: true, conflicts: true, limit: batch + 1, ...(startkey === undefined ? {} : { startkey }) });
    for (const row of page.rows.slice(0, batch)) {
      const doc = row.doc as { _conflicts?: unknown[]; resourceType?: unknown } | undefined;
      if (doc !== undefined && typeof doc.resourceType === 'string' && (doc._conflicts?.length ?? 0) > 0) ids.push(row.id);
    }
    if (page.rows.length <= batch) return ids;
    startkey = page.rows[batch]?.id;
  }
}

/** Points the store's conflictedIds at the scan (an own property on this instance; the class is untouched). */
export function withCspSafeConflictScan(store: DataContext): DataContext {
  store.conflictedIds = () => scanConflictedIds(store.db);
  return store;
}
