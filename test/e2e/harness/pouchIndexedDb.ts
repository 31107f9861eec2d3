// Reads the page's PouchDB straight from IndexedDB (what the station really holds, not what the app shows).
// Passed to page.evaluate, so it must stay self-contained: no imports, no outer variables.

export interface WinningDoc {
  readonly id: string;
  readonly rev: string;
  readonly doc: Record<string, unknown>;
}

/** Every live (not deleted) document of PouchDB `name` with its winning revision; design documents left out. */
export async function readWinningDocs(name: string): Promise<WinningDoc[]> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(`_pouch_${name}`);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const all = <T>(store: string): Promise<T[]> =>
    new Promise((resolve, reject) => {
      const request = db.transaction(store, 'readonly').objectStore(store).getAll();
      request.onsuccess = () => resolve(request.result as T[]);
      request.onerror = () => reject(request.error);
    });
  const meta = await all<{ id: string; winningRev?: string; rev?: string; deletedOrLocal?: string }>('document-store');
  const bySeq = await all<Record<string, unknown> & { _doc_id_rev?: string }>('by-sequence');
  db.close();
  const winners = new Map(
    meta
      .filter((m) => m.deletedOrLocal !== '1' && !m.id.startsWith('_design/'))
      .map((m) => [`${m.id}::${m.winningRev ?? m.rev ?? ''}`, m]),
  );
  return bySeq.flatMap((doc) => {
    const winner = doc._doc_id_rev === undefined ? undefined : winners.get(doc._doc_id_rev);
    return winner === undefined ? [] : [{ id: winner.id, rev: winner.winningRev ?? winner.rev ?? '', doc }];
  });
}
