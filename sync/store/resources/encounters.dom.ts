/** Visit (Encounter) queries: today's queue, a patient's last visit, the next queue number. Reads only. */
import type { PatientDoc } from '../../model/patient.std.js';
import type { EncounterDoc } from '../../model/encounter.std.js';
import { encounterPatientId, nextQueueNumber, queueNumberOf } from '../../model/encounter.std.js';
import { docId } from '../../model/fhir.std.js';
import { allOfType, codeUnitOrder, docsByIds, type RecordIndex, type StoreReader } from './reader.dom.js';
import { patientRecordIdsOf, patientsByDocIds } from './patients.dom.js';

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
 * A day's visits (all stations' that have arrived here), oldest first, through the visit index; with `index` null,
 * by scanning the station's visits (while the index is far behind: a new station's first read is indexed in the
 * background over minutes). The station holds the working set's visits only, so the scan stays bounded; same
 * answer, same order.
 */
export async function queueForDay(db: StoreReader, day: Date, index: RecordIndex | null): Promise<EncounterDoc[]> {
  const { start, end } = localDayRange(day);
  if (index === null)
    return (await allOfType<EncounterDoc>(db, 'Encounter'))
      .filter((doc) => doc.period?.start !== undefined && doc.period.start >= start && doc.period.start < end)
      .sort((a, b) => codeUnitOrder(a.period?.start ?? '', b.period?.start ?? '') || codeUnitOrder(a._id, b._id));
  return docsByIds<EncounterDoc>(db, await index.visitIdsBetween(start, end), 'Encounter');
}

/** A day's visits, oldest first, each with its patient: the patients come in one bulk read. */
export async function visitsWithPatients(
  db: StoreReader,
  day: Date,
  index: RecordIndex | null,
): Promise<VisitWithPatient[]> {
  const visits = await queueForDay(db, day, index);
  const keys = [...new Set(visits.map((encounter) => docId('Patient', encounterPatientId(encounter))))];
  const patients = new Map((await patientsByDocIds(db, keys)).map((patient) => [patient.id, patient]));
  return visits.map((encounter) => ({ encounter, patient: patients.get(encounterPatientId(encounter)) ?? null }));
}

/** A patient's most recent visit (the visit index by subject, or a scan), over the records it replaced too. */
export async function lastVisitOf(
  db: StoreReader,
  patientId: string,
  index: RecordIndex | null,
): Promise<EncounterDoc | null> {
  const subjects = (await patientRecordIdsOf(db, patientId)).map((id) => `Patient/${id}`);
  const visits =
    index === null
      ? (await allOfType<EncounterDoc>(db, 'Encounter')).filter((visit) =>
          subjects.includes(visit.subject.reference ?? ''),
        )
      : await docsByIds<EncounterDoc>(
          db,
          (await Promise.all(subjects.map((subject) => index.latestOf('visits', subject, 1)))).flat(),
          'Encounter',
        );
  const found = visits.filter((visit) => visit.period?.start !== undefined);
  // The latest start; equal starts by id, last first (the index's order read backwards).
  return (
    found.sort(
      (a, b) => codeUnitOrder(b.period?.start ?? '', a.period?.start ?? '') || codeUnitOrder(b._id, a._id),
    )[0] ?? null
  );
}

/** The next queue number of this station today: one more than the highest it gave out today. */
export async function nextQueueNumberFor(
  db: StoreReader,
  prefix: string,
  day: Date,
  index: RecordIndex | null,
): Promise<string> {
  const given = (await queueForDay(db, day, index))
    .map((encounter) => queueNumberOf(encounter))
    .filter((value): value is string => value !== null);
  return nextQueueNumber(prefix, given);
}
