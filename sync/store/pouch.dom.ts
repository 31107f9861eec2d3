/**
 * The one PouchDB constructor of the app: the pouchdb-browser bundle (idb + http + replication + map/reduce,
 * with the browser's binary utils, so attachments survive the trip to central) plus pouchdb-find.
 */
import PouchDB from 'pouchdb-browser';
import PouchFind from 'pouchdb-find';

PouchDB.plugin(PouchFind);

export type Database = PouchDB.Database;
export { PouchDB };

export interface OpenOptions {
  /** 'idb' in the app; tests may pass 'memory' only if they load that adapter themselves. */
  readonly adapter?: string;
}

export function openDatabase(name: string, options: OpenOptions = {}): Database {
  return new PouchDB(name, { adapter: options.adapter ?? 'idb', auto_compaction: false });
}
