/**
 * Observation queries: a patient's readings, newest first; those charted from one device reading. Reads only
 * (Observations are never rewritten).
 */
import type { ObservationDoc } from '../../model/observation.std.js';
import { readStoredDoc } from '../../model/documents.std.js';
import type { StoreReader } from './reader.dom.js';
import { patientRecordIdsOf } from './patients.dom.js';
import { docId } from '../../model/fhir.std.js';

/** A patient's observations, newest first, over the records it replaced too. */
export async function observationsOf(db: StoreReader, patientId: string, limit: number): Promise<ObservationDoc[]> {
  const pages = await Promise.all(
    (await patientRecordIdsOf(db, patientId)).map(async (id) => {
      const result = await db.find({
        selector: { 'subject.reference': `Patient/${id}`, effectiveDateTime: { $gt: null } },
        sort: [{ 'subject.reference': 'desc' }, { effectiveDateTime: 'desc' }],
        use_index: 'idx-obs-subject',
        limit,
      });
      return result.docs
        .map((doc) => readStoredDoc(doc))
        .filter((doc): doc is ObservationDoc => doc?.resourceType === 'Observation');
    }),
  );
  return pages
    .flat()
    .sort((a, b) => (b.effectiveDateTime ?? '').localeCompare(a.effectiveDateTime ?? ''))
    .slice(0, limit);
}

/** The ids of the Observations whose id starts with `prefix` (those charted from one device reading): a key range, no index. */
export async function observationIdsStartingWith(db: StoreReader, prefix: string): Promise<string[]> {
  const start = docId('Observation', prefix);
  const result = await db.allDocs({ startkey: start, endkey: `${start}\ufff0` });
  return result.rows.map((row) => row.id.slice('Observation/'.length));
}
