/**
 * Purging what left the working set (issue 15 §3): Encounters, Observations and conflict archives older than
 * the window, once central holds the very revision the station has (revs_diff asks central, so a document the
 * station wrote and has not pushed, or changed since, is kept). Removed with a purge on the station only:
 * never a deletion that could replicate.
 */
import type { PurgeStore } from '../store/ports.dom.js';
import type { Database } from '../store/pouch.dom.js';
import { purgeCandidates, purgeConfirmed, windowCutoff } from './workingSet.std.js';

const PAGE = 1_000;

export interface PurgeOutcome {
  readonly at: string;
  /** The oldest clinical time kept. */
  readonly cutoff: string;
  /** Outside the window, without conflicts. */
  readonly candidates: number;
  /** Outside the window but not (yet) on central at this revision: kept. */
  readonly unconfirmed: number;
  readonly purged: number;
  /** Live documents left in the store. */
  readonly docsLeft: number;
}

export async function purgeOutsideWindow(options: {
  readonly store: PurgeStore;
  readonly remote: Database;
  readonly days: number;
  readonly now: Date;
}): Promise<PurgeOutcome> {
  const { store, remote } = options;
  const cutoff = windowCutoff(options.now, options.days);
  let candidates = 0;
  let unconfirmed = 0;
  const confirmed: { id: string; rev: string }[] = [];
  let startkey: string | undefined;
  for (;;) {
    const page = await store.pageAfter(startkey, PAGE);
    if (page.length === 0) break;
    startkey = page[page.length - 1]?.id;
    const docs = page.map((row) => row.doc);
    const outside = purgeCandidates(docs as unknown as Parameters<typeof purgeCandidates>[0], cutoff);
    if (outside.length === 0) continue;
    candidates += outside.length;
    const missing = await remote.revsDiff(Object.fromEntries(outside.map((doc) => [doc.id, [doc.rev]])));
    const held = purgeConfirmed(outside, missing);
    unconfirmed += outside.length - held.length;
    confirmed.push(...held);
  }
  // Purged after the scan, in one go: the indexes are rebuilt once.
  const purged = (await store.purge(confirmed)).length;
  const docsLeft = await store.docCount();
  return { at: options.now.toISOString(), cutoff, candidates, unconfirmed, purged, docsLeft };
}
