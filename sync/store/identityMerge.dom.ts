/**
 * Merging the patients a station wrote under a key that is no longer the hospital's (patientMerge.std.ts has
 * the rules). The page asks main for the id a CID has under the key in use (`idFor`); main never hands out
 * the key. Two callers: registration (this person, now) and a reconcile pass over the whole store when the
 * key in use changed (every person, once).
 */
import { TH_CID } from '../model/systems.std.js';
import { patientCid, type PatientDoc } from '../model/patient.std.js';
import { planPatientMerge, replacedBy, type MergePlan } from '../replication/patientMerge.std.js';
import { StoreError, type DataContext } from './dataContext.dom.js';

export type PatientIdFor = (cid: string) => Promise<string>;

export interface MergeContext {
  readonly at: string;
  readonly stationId: string;
}

/** Merges one record into the survivor id (both written in one batch; a concurrent change is re-read once). */
export async function mergePatientInto(
  records: DataContext,
  replacedId: string,
  survivorId: string,
  context: MergeContext,
): Promise<MergePlan | null> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const replaced = await records.patientWithPhoto(replacedId);
    if (replaced === null || replacedBy(replaced) !== null) return null;
    const survivor = await records.patientWithPhoto(survivorId);
    const plan = planPatientMerge({ replaced, survivor, survivorId, ...context });
    const results = await records.saveAll([plan.survivor, plan.replaced]);
    const failed = results.find((result): result is StoreError => result instanceof StoreError);
    if (failed === undefined) return plan;
    if (failed.code !== 'conflict' || attempt > 0) throw failed;
  }
  return null;
}

/**
 * The live records of this CID under any id other than `survivorId`, merged into it. Registration calls this
 * before it writes, so a card read after the key changed finds the person registered before.
 */
export async function mergeOthersOf(
  records: DataContext,
  cid: string,
  survivorId: string,
  context: MergeContext,
): Promise<MergePlan[]> {
  const others = (await records.patientsByIdentifier(TH_CID, cid)).filter(
    (patient) => patient.id !== survivorId && replacedBy(patient) === null,
  );
  const plans: MergePlan[] = [];
  for (const other of others) {
    const plan = await mergePatientInto(records, other.id, survivorId, context);
    if (plan !== null) plans.push(plan);
  }
  return plans;
}

/** Every live patient whose id is not the one its CID has under the key in use, merged into that id. */
export async function reconcilePatientIds(
  records: DataContext,
  idFor: PatientIdFor,
  context: MergeContext,
): Promise<MergePlan[]> {
  const stale: { patient: PatientDoc; survivorId: string }[] = [];
  for await (const page of records.patients()) {
    for (const patient of page) {
      const cid = patientCid(patient);
      if (cid === null || replacedBy(patient) !== null) continue;
      const survivorId = await idFor(cid);
      if (survivorId !== patient.id) stale.push({ patient, survivorId });
    }
  }
  const plans: MergePlan[] = [];
  for (const { patient, survivorId } of stale) {
    const plan = await mergePatientInto(records, patient.id, survivorId, context);
    if (plan !== null) plans.push(plan);
  }
  return plans;
}

/** The live record of this person: under the id its CID has now, else under any other id (not yet merged). */
export async function knownPatient(records: DataContext, cid: string, patientId: string): Promise<PatientDoc | null> {
  const byId = await records.patientById(patientId);
  if (byId !== null) return byId;
  return (await records.patientsByIdentifier(TH_CID, cid)).find((patient) => replacedBy(patient) === null) ?? null;
}

const RECONCILED_MARKER = 'identity-reconciled';

/**
 * Once per key in use (by its fingerprint, kept in a `_local` marker): merge every patient written under an
 * earlier key. Safe to call at every start and after every key change; returns the merges it made.
 */
export async function reconcileOncePerKey(
  records: DataContext,
  fingerprint: string,
  idFor: PatientIdFor,
  context: MergeContext,
): Promise<MergePlan[]> {
  if ((await records.readMarker(RECONCILED_MARKER)) === fingerprint) return [];
  const plans = await reconcilePatientIds(records, idFor, context);
  await records.writeMarker(RECONCILED_MARKER, fingerprint);
  return plans;
}
