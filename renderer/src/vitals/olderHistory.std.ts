/**
 * The trend view's history: the station's own observations of a patient, and those older than the station keeps
 * read from central (never stored here). Pure.
 */
import type { ObservationDoc } from '../../../sync/model/observation.std.js';

/** What is asked of central: observations measured before the oldest one the station holds (before now if none). */
export function olderCutoff(local: readonly ObservationDoc[], now: Date): string {
  let oldest = now.toISOString();
  for (const observation of local) if (observation.effectiveDateTime < oldest) oldest = observation.effectiveDateTime;
  return oldest;
}

/** The station's observations and central's older ones, each once (the station's copy wins), newest first. */
export function mergeHistory(local: readonly ObservationDoc[], older: readonly ObservationDoc[]): ObservationDoc[] {
  const held = new Set(local.map((observation) => observation._id));
  return [...local, ...older.filter((observation) => !held.has(observation._id))].sort((a, b) =>
    b.effectiveDateTime.localeCompare(a.effectiveDateTime),
  );
}
