/**
 * Purge for PouchDB's `idb` adapter, which does not implement `db.purge` (pouchdb-browser 9.0: "Purge is not
 * implemented in the idb adapter"). A purged document leaves the station as if it had never been written: its
 * document row, every stored revision, and attachments no other revision uses, in one IndexedDB transaction.
 * No tombstone is written, so nothing reaches central. The adapter's own object stores are used as its
 * compaction uses them (`document-store` by id, `by-sequence` with the `_doc_id_rev` index, `attach-seq-store`,
 * `attach-store`, the doc count in `meta-store`). A document whose winning revision is no longer the one the
 * caller names (written meanwhile) is left alone.
 */

import { committed, request } from './idbRequest.dom.js';

const DOC_STORE = 'document-store';
const BY_SEQ_STORE = 'by-sequence';
const ATTACH_STORE = 'attach-store';
const ATTACH_AND_SEQ_STORE = 'attach-seq-store';
const META_STORE = 'meta-store';
/** PouchDB.prefix: the IndexedDB database of a PouchDB named `x` is `_pouch_x`. */
const POUCH_PREFIX = '_pouch_';

export interface PurgeTarget {
  readonly id: string;
  /** The winning revision the caller checked (central holds it): purged only if it still is. */
  readonly rev: string;
}

/** The idb adapter's own IndexedDB database of the PouchDB named `pouchName` (never created or upgraded here). */
export function openPouchIdb(pouchName: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    // No version: the adapter's own version, never an upgrade.
    const req = indexedDB.open(`${POUCH_PREFIX}${pouchName}`);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB open failed'));
    req.onupgradeneeded = () => {
      req.transaction?.abort();
      reject(new Error(`no PouchDB database ${pouchName}`));
    };
  });
}

async function purgeOne(
  txn: IDBTransaction,
  target: PurgeTarget,
  digests: Set<string>,
): Promise<'purged' | 'live' | 'changed'> {
  const docStore = txn.objectStore(DOC_STORE);
  const stored = (await request(docStore.get(target.id))) as
    | { winningRev?: string; deletedOrLocal?: string }
    | undefined;
  if (stored === undefined) return 'changed';
  if (stored.winningRev !== target.rev) return 'changed';
  const seqStore = txn.objectStore(BY_SEQ_STORE);
  const seqs = (await request(
    seqStore.index('_doc_id_rev').getAllKeys(IDBKeyRange.bound(`${target.id}::`, `${target.id}::\uffff`)),
  )) as number[];
  const attachments = txn.objectStore(ATTACH_AND_SEQ_STORE);
  for (const seq of seqs) {
    // Out-of-line keys: the rows and their keys come in the same (index) order.
    const links = (await request(attachments.index('seq').getAll(IDBKeyRange.only(seq)))) as { digestSeq: string }[];
    const keys = await request(attachments.index('seq').getAllKeys(IDBKeyRange.only(seq)));
    for (const link of links) digests.add(link.digestSeq.split('::')[0] ?? '');
    for (const key of keys) await request(attachments.delete(key));
    await request(seqStore.delete(seq));
  }
  await request(docStore.delete(target.id));
  return stored.deletedOrLocal === '1' ? 'changed' : 'live';
}

/** Purges `targets` from the PouchDB database `pouchName` (idb adapter); returns the ids purged. */
export async function purgeIdbDocs(pouchName: string, targets: readonly PurgeTarget[]): Promise<string[]> {
  if (targets.length === 0) return [];
  const idb = await openPouchIdb(pouchName);
  try {
    const txn = idb.transaction([DOC_STORE, BY_SEQ_STORE, ATTACH_STORE, ATTACH_AND_SEQ_STORE, META_STORE], 'readwrite');
    const done = committed(txn);
    const work = (async () => {
      const purged: string[] = [];
      const digests = new Set<string>();
      let liveRemoved = 0;
      for (const target of targets) {
        const outcome = await purgeOne(txn, target, digests);
        if (outcome === 'live') {
          liveRemoved += 1;
          purged.push(target.id);
        }
      }
      const links = txn.objectStore(ATTACH_AND_SEQ_STORE).index('digestSeq');
      for (const digest of digests) {
        if ((await request(links.count(IDBKeyRange.bound(`${digest}::`, `${digest}::\uffff`)))) === 0)
          await request(txn.objectStore(ATTACH_STORE).delete(digest));
      }
      const meta = txn.objectStore(META_STORE);
      const metaDoc = (await request(meta.get(META_STORE))) as { id: string; docCount: number } | undefined;
      if (metaDoc !== undefined && liveRemoved > 0)
        await request(meta.put({ ...metaDoc, docCount: Math.max(0, metaDoc.docCount - liveRemoved) }));
      return purged;
    })();
    work.catch(() => txn.abort());
    const [purged] = await Promise.all([work, done]);
    return purged;
  } finally {
    idb.close();
  }
}
