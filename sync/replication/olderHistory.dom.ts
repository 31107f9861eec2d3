/**
 * Reads a patient's observations older than the station's window from a remote (central or the hub). Every
 * document is checked like one read from the store (zod) and must be an Observation of one of the record ids
 * asked for, measured before the cutoff: a remote cannot slip anything else into the chart. Nothing is written
 * to the station; answers are cached in memory for the session, and a failed read is not cached.
 */
import type { Database } from '../store/pouch.dom.js';
import type { ObservationDoc } from '../model/observation.std.js';
import { readStoredDoc } from '../model/documents.std.js';
import { OLDER_HISTORY_LIMIT, olderHistoryQuery } from './olderHistory.std.js';

export async function fetchOlderObservations(
  remote: Pick<Database, 'find'>,
  recordIds: readonly string[],
  before: string,
  limit = OLDER_HISTORY_LIMIT,
): Promise<ObservationDoc[]> {
  const subjects = new Set(recordIds.map((id) => `Patient/${id}`));
  const pages = await Promise.all(recordIds.map((id) => remote.find(olderHistoryQuery(id, before, limit))));
  const byId = new Map<string, ObservationDoc>();
  for (const doc of pages.flatMap((page) => page.docs)) {
    const read = readStoredDoc(doc);
    if (read?.resourceType !== 'Observation') continue;
    if (!subjects.has(read.subject.reference ?? '') || !(read.effectiveDateTime < before)) continue;
    byId.set(read._id, read);
  }
  return [...byId.values()].sort((a, b) => b.effectiveDateTime.localeCompare(a.effectiveDateTime)).slice(0, limit);
}

/** Answers per patient and cutoff, for the session; concurrent asks share one read. */
export class OlderHistoryCache {
  readonly #answers = new Map<string, Promise<ObservationDoc[]>>();

  get(remote: Pick<Database, 'find'>, recordIds: readonly string[], before: string): Promise<ObservationDoc[]> {
    const key = JSON.stringify([[...recordIds].sort(), before]);
    const cached = this.#answers.get(key);
    if (cached !== undefined) return cached;
    const answer = fetchOlderObservations(remote, recordIds, before);
    this.#answers.set(key, answer);
    // A failed read (link down) is asked again next time.
    answer.catch(() => this.#answers.delete(key));
    return answer;
  }
}
