/**
 * Is this write failure the station running out of room? SQLite (SQLITE_FULL), the file system (ENOSPC), or
 * the browser's IndexedDB quota (QuotaExceededError, which PouchDB's idb adapter passes on as the message of
 * an `indexed_db_went_bad` error). Such a failure gets its own words ("storage full: ask IT"), since retrying
 * will not help, and nothing already stored is touched.
 */
export function isStorageFull(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const record = error as Record<string, unknown>;
  if (record['code'] === 'SQLITE_FULL' || record['code'] === 'ENOSPC') return true;
  return ['name', 'message', 'reason'].some(
    (key) => typeof record[key] === 'string' && /QuotaExceeded/i.test(record[key]),
  );
}
