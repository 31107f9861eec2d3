/** Patient queries (one module per resource, as cht-datasource keeps them): reads only. */
import type { PatientDoc } from '../../model/patient.std.js';
import { readStoredDoc } from '../../model/documents.std.js';
import { docId } from '../../model/fhir.std.js';
import { patientRecordIds } from '../../replication/patientMerge.std.js';
import { docsByIds, getOrNull, rowDocs, type StoreReader } from './reader.dom.js';

function isPatient(doc: { readonly resourceType: string } | null): doc is PatientDoc {
  return doc?.resourceType === 'Patient';
}

/** A patient by the keyed-hash id derived from the CID (primary key: one B-tree lookup). */
export async function patientById(db: StoreReader, patientId: string): Promise<PatientDoc | null> {
  const doc = readStoredDoc(await getOrNull(db, docId('Patient', patientId), { conflicts: true }));
  return isPatient(doc) ? doc : null;
}

/** A patient with its photo's data instead of a stub (to copy it under another id). */
export async function patientWithPhoto(db: StoreReader, patientId: string): Promise<PatientDoc | null> {
  const doc = readStoredDoc(await getOrNull(db, docId('Patient', patientId), { attachments: true }));
  return isPatient(doc) ? doc : null;
}

/** Every Patient of the store, a page at a time by id (no index needed: ids are `Patient/<id>`). */
export async function* allPatients(db: StoreReader, batch: number): AsyncGenerator<PatientDoc[]> {
  let startkey = 'Patient/';
  let skip = 0;
  for (;;) {
    const page = await db.allDocs({ include_docs: true, startkey, endkey: 'Patient/\ufff0', limit: batch, skip });
    const docs = rowDocs(page.rows).filter(isPatient);
    if (docs.length > 0) yield docs;
    const last = page.rows.at(-1);
    if (page.rows.length < batch || last === undefined) return;
    startkey = last.id;
    skip = 1;
  }
}

/** Patients by document id (`Patient/<id>`), in the order asked, in one read; ids that are not patients left out. */
export function patientsByDocIds(db: StoreReader, ids: readonly string[]): Promise<PatientDoc[]> {
  return docsByIds<PatientDoc>(db, ids, 'Patient');
}

/** The ids a patient's visits and readings may name: its own and those of the records it replaced. */
export async function patientRecordIdsOf(db: StoreReader, patientId: string): Promise<string[]> {
  const patient = await patientById(db, patientId);
  return patient === null ? [patientId] : patientRecordIds(patient);
}
