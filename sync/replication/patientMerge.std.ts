/**
 * One person, one patient, whatever order setup happens in. A station registers patients under a key of its
 * own until it fetches the hospital's; the same card then hashes to another id. The record written under the
 * provisional key is merged into the hospital-keyed one: the survivor takes every field group from whichever
 * record changed it last (the conflict rule's own merge), unites identifiers, and `replaces` the old record;
 * the old record is kept, inactive, `replaced-by` the survivor, so its visits and readings stay reachable.
 * Pure: the store orchestration is in sync/store/identityMerge.dom.ts.
 */
import { docId } from '../model/fhir.std.js';
import { PatientDoc, type PatientLink } from '../model/patient.std.js';
import { buildMeta, readFieldTimes, withFieldTimes } from '../model/meta.std.js';
import { mergePatientRecords, type Revision } from './conflictRules.std.js';

function reference(patientId: string): string {
  return `Patient/${patientId}`;
}

function idOfReference(value: string | undefined): string | null {
  return value?.startsWith('Patient/') === true ? value.slice('Patient/'.length) : null;
}

/** The id of the record that replaced this one, or null while it is the live record of its person. */
export function replacedBy(patient: Pick<PatientDoc, 'link'>): string | null {
  const link = patient.link?.find((entry) => entry.type === 'replaced-by');
  return idOfReference(link?.other.reference);
}

/** This patient's id and the ids of the records it replaced: where its visits and readings may point. */
export function patientRecordIds(patient: Pick<PatientDoc, 'id' | 'link'>): string[] {
  const replaced = (patient.link ?? [])
    .filter((entry) => entry.type === 'replaces')
    .map((entry) => idOfReference(entry.other.reference));
  return [patient.id, ...replaced.filter((id): id is string => id !== null && id !== patient.id)];
}

export interface MergeInput {
  /** The record under the provisional key, with its photo's data (not a stub) when it has one. */
  readonly replaced: PatientDoc;
  /** The hospital-keyed record when it exists already. */
  readonly survivor: PatientDoc | null;
  readonly survivorId: string;
  readonly at: string;
  readonly stationId: string;
}

export interface MergePlan {
  readonly survivor: PatientDoc;
  readonly replaced: PatientDoc;
}

function addLink(links: readonly PatientLink[] | undefined, link: PatientLink): PatientLink[] {
  const kept = (links ?? []).filter(
    (entry) => !(entry.type === link.type && entry.other.reference === link.other.reference),
  );
  return [...kept, link];
}

/** The conflict rules work on stored revisions; a Patient is one (the index signature is all that differs). */
function asRevision(patient: PatientDoc): Revision {
  return patient as unknown as Revision;
}

export function planPatientMerge(input: MergeInput): MergePlan {
  if (input.replaced.id === input.survivorId) throw new Error('a patient cannot replace itself');
  const survivorDocId = docId('Patient', input.survivorId);
  // A new survivor starts as a copy of the old record under the new id (no revision yet); an existing one
  // keeps its revision through the merge, which starts from it.
  const { _rev: _oldRev, _conflicts: _oldConflicts, ...copy } = input.replaced;
  const base = asRevision(input.survivor ?? { ...copy, _id: survivorDocId, id: input.survivorId, link: [] });
  const asSurvivor = asRevision({ ...copy, _id: survivorDocId, id: input.survivorId });
  const merged = mergePatientRecords(base, [base, asSurvivor]) as unknown as PatientDoc;
  const survivorLinks = addLink(
    merged.link?.filter((entry) => entry.type !== 'replaced-by'),
    { type: 'replaces', other: { reference: reference(input.replaced.id) } },
  );
  const meta = buildMeta({ stationId: input.stationId, at: input.at, source: 'system' });
  const survivor = PatientDoc.parse({
    ...merged,
    _id: survivorDocId,
    id: input.survivorId,
    active: true,
    link: survivorLinks,
    meta: withFieldTimes(meta, readFieldTimes(merged.meta)),
  });

  const replaced = PatientDoc.parse({
    ...input.replaced,
    active: false,
    link: addLink(input.replaced.link, { type: 'replaced-by', other: { reference: reference(input.survivorId) } }),
    meta: withFieldTimes(meta, { ...readFieldTimes(input.replaced.meta), active: input.at }),
  });
  return { survivor, replaced };
}
