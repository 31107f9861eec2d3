/**
 * What a resource's queries may do with the station database: read it. Writes go through DataContext only,
 * which validates every document first.
 */
import type { Database } from '../pouch.dom.js';
import { readStoredDoc, type StoredDoc } from '../../model/documents.std.js';

export type StoreReader = Pick<Database, 'get' | 'allDocs'>;

/** The station's own visit and reading index (identifierIndex.dom.ts), caught up before each read. */
export interface RecordIndex {
  visitIdsBetween(start: string, end: string): Promise<string[]>;
  latestOf(kind: 'visits' | 'readings', subject: string, limit: number): Promise<string[]>;
}

export function isStatus(error: unknown, status: number): boolean {
  return typeof error === 'object' && error !== null && 'status' in error && error.status === status;
}

/** A raw document, or null when there is none (any other failure is thrown). */
export async function getOrNull(
  db: StoreReader,
  id: string,
  options: PouchDB.Core.GetOptions = {},
): Promise<(PouchDB.Core.Document<object> & PouchDB.Core.GetMeta) | null> {
  try {
    return await db.get(id, options);
  } catch (error) {
    if (isStatus(error, 404)) return null;
    throw error;
  }
}

/** The stored documents of an `allDocs` answer, brought up to the current schema; missing rows left out. */
export function rowDocs(rows: readonly object[]): StoredDoc[] {
  return rows
    .map((row) => ('doc' in row && row.doc !== undefined && row.doc !== null ? readStoredDoc(row.doc) : null))
    .filter((doc): doc is StoredDoc => doc !== null);
}

/** Stored documents by id, in the order asked, those of `type` only (missing ones, and an index entry a step behind a purge, left out). */
export async function docsByIds<T extends StoredDoc>(
  db: StoreReader,
  ids: readonly string[],
  type: T['resourceType'],
): Promise<T[]> {
  if (ids.length === 0) return [];
  const result = await db.allDocs({ keys: [...ids], include_docs: true });
  return rowDocs(result.rows).filter((doc): doc is T => doc.resourceType === type);
}

/** Every stored document of `type` (ids `<type>/…`): a scan by id range, bounded by the working set. */
export async function allOfType<T extends StoredDoc>(db: StoreReader, type: T['resourceType']): Promise<T[]> {
  const all = await db.allDocs({ startkey: `${type}/`, endkey: `${type}/\ufff0`, include_docs: true });
  return rowDocs(all.rows).filter((doc): doc is T => doc.resourceType === type);
}

/** The order of an index's string keys (and among equal keys, of document ids): by code unit. */
export function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
