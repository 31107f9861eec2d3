/** Visit (Encounter) queries: today's queue, a patient's last visit, the next queue number. Reads only. */
import type { PatientDoc } from '../../model/patient.std.js';
import { EncounterDoc, encounterPatientId, nextQueueNumber, queueNumberOf } from '../../model/encounter.std.js';
import { readStoredDoc } from '../../model/documents.std.js';
import { docId } from '../../model/fhir.std.js';
import { rowDocs, type StoreReader } from './reader.dom.js';
import { patientRecordIdsOf } from './patients.dom.js';

export interface VisitWithPatient {
  readonly encounter: EncounterDoc;
  /** null while the patient's document has not arrived (registered at another station, not synced yet). */
  readonly patient: PatientDoc | null;
}

/** Start and end (exclusive) of the local calendar day containing `at`, as ISO instants. */
export function localDayRange(at: Date): { start: string; end: string } {
  const start = new Date(at.getFullYear(), at.getMonth(), at.getDate());
  const end = new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1);
  return { start: start.toISOString(), end: end.toISOString() };
}

/**
 * A day's visits (all stations' that have arrived here), oldest first. `byScan`: read every Encounter the station
 * holds by id range instead of through the by-start index, for while that index is far behind (right after a new
 * station's first read: its build reads every stored record again, patients too, which takes about a minute at a
 * large site). The station holds the working set's visits only, so the scan stays bounded; same answer, same order.
 */
export async function queueForDay(db: StoreReader, day: Date, byScan = false): Promise<EncounterDoc[]> {
  const { start, end } = localDayRange(day);
  if (byScan) {
    const all = await db.allDocs({ startkey: 'Encounter/', endkey: 'Encounter/\ufff0', include_docs: true });
    return rowDocs(all.rows)
      .filter((doc): doc is EncounterDoc => doc.resourceType === 'Encounter')
      .filter((doc) => doc.period?.start !== undefined && doc.period.start >= start && doc.period.start < end)
      .sort((a, b) => (a.period?.start ?? '').localeCompare(b.period?.start ?? '') || compareIds(a._id, b._id));
  }
  const result = await db.find({
    selector: { resourceType: 'Encounter', 'period.start': { $gte: start, $lt: end } },
    use_index: 'idx-encounter-start',
    limit: 10_000,
  });
  return result.docs
    .map((doc) => readStoredDoc(doc))
    .filter((doc): doc is EncounterDoc => doc?.resourceType === 'Encounter');
}

/** The index's order among equal keys: document ids, by code unit (as PouchDB collates plain strings). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A day's visits, oldest first, each with its patient: the patients come in one bulk read. */
export async function visitsWithPatients(db: StoreReader, day: Date, byScan = false): Promise<VisitWithPatient[]> {
  const visits = await queueForDay(db, day, byScan);
  const keys = [...new Set(visits.map((encounter) => docId('Patient', encounterPatientId(encounter))))];
  const result = keys.length === 0 ? { rows: [] } : await db.allDocs({ keys, include_docs: true });
  const patients = new Map<string, PatientDoc>();
  for (const doc of rowDocs(result.rows)) if (doc.resourceType === 'Patient') patients.set(doc.id, doc);
  return visits.map((encounter) => ({ encounter, patient: patients.get(encounterPatientId(encounter)) ?? null }));
}

/** A patient's most recent visit (the visits-by-subject index, newest first), over the records it replaced too. */
export async function lastVisitOf(db: StoreReader, patientId: string): Promise<EncounterDoc | null> {
  const visits = await Promise.all(
    (await patientRecordIdsOf(db, patientId)).map(async (id) => {
      // The visits-by-subject index: one range read (the by-start index walked every visit back to this one's).
      const result = await db.find({
        selector: { 'subject.reference': `Patient/${id}`, 'period.start': { $gt: null }, resourceType: 'Encounter' },
        sort: [{ 'subject.reference': 'desc' }, { 'period.start': 'desc' }],
        use_index: 'idx-encounter-subject',
        limit: 1,
      });
      const parsed = EncounterDoc.safeParse(result.docs[0]);
      return parsed.success ? parsed.data : null;
    }),
  );
  const found = visits.filter((visit): visit is EncounterDoc => visit !== null);
  return found.sort((a, b) => (b.period?.start ?? '').localeCompare(a.period?.start ?? ''))[0] ?? null;
}

/** The next queue number of this station today: one more than the highest it gave out today. */
export async function nextQueueNumberFor(db: StoreReader, prefix: string, day: Date, byScan = false): Promise<string> {
  const given = (await queueForDay(db, day, byScan))
    .map((encounter) => queueNumberOf(encounter))
    .filter((value): value is string => value !== null);
  return nextQueueNumber(prefix, given);
}
