/**
 * A second handle on a station store's IndexedDB, for tests and benchmarks that play another writer (a
 * replicated revision landing, a document from an earlier schema) or inspect what is stored: DataContext keeps
 * its own handle private. Never closed here: PouchDB's idb adapter shares one connection per database name, so
 * closing this handle would close the store's; it goes with the store's close or destroy.
 */
import type { DataContext } from '../../sync/store/dataContext.dom.js';
import { openDatabase, type Database } from '../../sync/store/pouch.dom.js';
import { request } from '../../sync/store/idbRequest.dom.js';
import { openPouchIdb } from '../../sync/store/idbPurge.dom.js';

const handles = new WeakMap<DataContext, Database>();

export function rawDb(store: DataContext): Database {
  let handle = handles.get(store);
  if (handle === undefined) {
    handle = openDatabase(store.name);
    handles.set(store, handle);
  }
  return handle;
}

/**
 * Ids of the store's `_local` documents (replication checkpoints among them), read from the idb adapter's own
 * `local-store`: PouchDB has no listing of them.
 */
export async function localDocIds(store: DataContext): Promise<string[]> {
  const idb = await openPouchIdb(store.name);
  try {
    const keys = await request(idb.transaction('local-store').objectStore('local-store').getAllKeys());
    return keys.map(String);
  } finally {
    idb.close();
  }
}
