/**
 * Observation queries: a patient's readings, newest first; those charted from one device reading. Reads only
 * (Observations are never rewritten).
 */
import type { ObservationDoc } from '../../model/observation.std.js';
import { allOfType, codeUnitOrder, docsByIds, type RecordIndex, type StoreReader } from './reader.dom.js';
import { patientRecordIdsOf } from './patients.dom.js';
import { docId } from '../../model/fhir.std.js';

/**
 * A patient's observations, newest first, over the records it replaced too: through the reading index, or with
 * `index` null by scanning the station's readings (the working set's; while the index is far behind).
 */
export async function observationsOf(
  db: StoreReader,
  patientId: string,
  limit: number,
  index: RecordIndex | null,
): Promise<ObservationDoc[]> {
  const subjects = (await patientRecordIdsOf(db, patientId)).map((id) => `Patient/${id}`);
  const found =
    index === null
      ? (await allOfType<ObservationDoc>(db, 'Observation')).filter((doc) =>
          subjects.includes(doc.subject.reference ?? ''),
        )
      : await docsByIds<ObservationDoc>(
          db,
          (await Promise.all(subjects.map((subject) => index.latestOf('readings', subject, limit)))).flat(),
          'Observation',
        );
  // Newest first; equal times by id, last first (the index's order read backwards).
  return found
    .filter((doc) => doc.effectiveDateTime !== undefined)
    .sort((a, b) => codeUnitOrder(b.effectiveDateTime ?? '', a.effectiveDateTime ?? '') || codeUnitOrder(b._id, a._id))
    .slice(0, limit);
}

/** The ids of the Observations whose id starts with `prefix` (those charted from one device reading): a key range, no index. */
export async function observationIdsStartingWith(db: StoreReader, prefix: string): Promise<string[]> {
  const start = docId('Observation', prefix);
  const result = await db.allDocs({ startkey: start, endkey: `${start}\ufff0` });
  return result.rows.map((row) => row.id.slice('Observation/'.length));
}
