/**
 * Writing vitals to the station's record store. A device reading is saved under content ids that start with
 * its inbox id (readingObservationPrefix) and only then marked charted in the device inbox (devices.confirm):
 * a crash or a lost answer between the two leaves the reading pending, and confirming it again finds the
 * documents already there by that prefix and just marks it. Manual entries and corrections get fresh
 * time-ordered ids.
 */
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import { StoreError, writeFailureCode } from '../../../sync/store/dataContext.dom.js';
import { vitalSignObservations, type ObservationDoc, type VitalItem } from '../../../sync/model/observation.std.js';
import type { IdFactory } from '../../../sync/model/ids.std.js';
import { docId } from '../../../sync/model/fhir.std.js';
import type { InboxItem, ReadingValue } from '../../../electron/contract/devices.std.js';
import { EdgeError } from '../../../electron/contract/result.std.js';
import { invoke, invokeOrThrow } from '../bridge/client.dom.js';
import {
  planReadingChart,
  readingObservationPrefix,
  type ReadingChartContext,
} from '../../../sync/model/readingChart.std.js';
import { assessmentObservations, type News2Assessment } from '../../../sync/model/news2Assessment.std.js';
import { screeningObservations, type Screening } from '../../../sync/model/screening.std.js';
import { EncounterDoc } from '../../../sync/model/encounter.std.js';
import {
  canMove,
  queueStage,
  withQueueStage,
  type QueueStage,
  type QueueStation,
} from '../../../sync/model/queueStage.std.js';
import { callClash } from '../../../sync/model/queueCall.std.js';

export interface StationContext {
  readonly hcode: string;
  readonly stationId: string;
}

export interface ChartedReading {
  readonly observationIds: readonly string[];
  /** The inbox said it was charted already (a second confirm): nothing new was written. */
  readonly alreadyCharted: boolean;
  readonly skipped: readonly ReadingValue[];
}

function failures(results: readonly (StoreError | { id: string })[]): StoreError | undefined {
  // A conflict means the document exists: the same reading (same ids) or the same device was saved before.
  return results.find((result): result is StoreError => result instanceof StoreError && result.code !== 'conflict');
}

/** The Observations one save of this reading wrote (one bulk write: all of them or none). */
function chartedFrom(records: DataContext, item: InboxItem): Promise<string[]> {
  return records.observationIdsStartingWith(readingObservationPrefix(item.id));
}

/**
 * Charts a reading to `context.patientId` (its patient's live record), leaving out `excludeCodes`. A reading
 * already charted here (saved, then the confirm was lost) is only marked: nothing is written twice, even when the
 * visit or the patient's record changed since, which would seal other content under other ids.
 */
export async function confirmReading(
  records: DataContext,
  item: InboxItem,
  context: ReadingChartContext,
  excludeCodes: readonly string[] = [],
): Promise<ChartedReading> {
  const chart = planReadingChart(item, context, excludeCodes);
  if (item.patientRef === null)
    throw new EdgeError('device_reading_unassigned', `inbox item ${item.id} has no patient`);
  let observationIds = await chartedFrom(records, item);
  if (observationIds.length === 0) {
    const failed = failures(await records.saveAll([chart.device, ...chart.observations]));
    if (failed !== undefined) throw new EdgeError(writeFailureCode(failed), failed.message);
    observationIds = chart.observations.map((observation) => observation.id);
  }
  const confirmed = await invokeOrThrow('devices.confirm', {
    id: item.id,
    patientRef: item.patientRef,
    chartedIds: observationIds,
  });
  return { observationIds, alreadyCharted: confirmed.alreadyCharted, skipped: chart.skipped };
}

/**
 * Readings still pending whose Observations are already in the store (saved, then the app stopped before
 * devices.confirm): mark them charted now instead of showing them to be charted again. Any one of its
 * Observations stored means the nurse confirmed it (one save writes them all; a reading charted with a value
 * left out for another source has fewer), so offering it again could chart that left-out value.
 */
export async function reconcilePending(records: DataContext, items: readonly InboxItem[]): Promise<number> {
  let reconciled = 0;
  for (const item of items) {
    if (item.patientRef === null || item.reading === null) continue;
    const ids = await chartedFrom(records, item);
    if (ids.length === 0) continue;
    const confirmed = await invoke('devices.confirm', { id: item.id, patientRef: item.patientRef, chartedIds: ids });
    if (confirmed.ok) reconciled += 1;
  }
  return reconciled;
}

export interface ManualContext extends StationContext {
  readonly patientId: string;
  readonly encounterId?: string | undefined;
  readonly newId: IdFactory;
}

async function saveNew(records: DataContext, observations: readonly ObservationDoc[]): Promise<ObservationDoc[]> {
  const failed = (await records.saveAll(observations)).find((result) => result instanceof StoreError);
  if (failed instanceof StoreError) throw new EdgeError(writeFailureCode(failed), failed.message);
  return [...observations];
}

/**
 * A manual set, the NEWS2 assessment given with it (consciousness, air or oxygen) and the screening (pain score,
 * chief complaint), as Observations of one moment in one write: NEWS2 is complete after one save.
 */
export async function saveManual(
  records: DataContext,
  items: readonly VitalItem[],
  context: ManualContext,
  assessment: News2Assessment | null = null,
  screening: Screening = {},
): Promise<ObservationDoc[]> {
  const at = new Date().toISOString();
  const timing = { ...context, effective: at, at };
  return saveNew(records, [
    ...vitalSignObservations(items, timing),
    ...(assessment === null ? [] : assessmentObservations(assessment, timing)),
    ...screeningObservations(screening, timing),
  ]);
}

/**
 * Moves a visit to `stage` in the queue (calling it, screened once vitals are charted, sent on, done, left), read
 * fresh from the store; a visit already there or beyond is left as it is. Another station's change landing
 * between the read and the write is read again once (the conflict rule orders what replication brings).
 * `retake` calls to this station a visit another station called (the nurse saw the patient is here).
 */
export async function moveVisit(
  records: DataContext,
  encounterId: string,
  stage: QueueStage,
  station: QueueStation,
  retake = false,
): Promise<EncounterDoc | null> {
  return (await moveVisitOnce(records, encounterId, stage, station, retake))?.doc ?? null;
}

/** moveVisit, saying whether this call wrote the move (false: the visit was already there or beyond). */
async function moveVisitOnce(
  records: DataContext,
  encounterId: string,
  stage: QueueStage,
  station: QueueStation,
  retake: boolean,
): Promise<{ doc: EncounterDoc; moved: boolean } | null> {
  for (let attempt = 0; ; attempt += 1) {
    const stored = await records.get(docId('Encounter', encounterId));
    if (stored?.resourceType !== 'Encounter') return null;
    const { _conflicts: _ignored, ...rest } = stored as EncounterDoc & { _conflicts?: unknown };
    const current = EncounterDoc.parse(rest);
    const retaking = retake && stage === 'called' && callClash(current, station.id)?.stage === 'called';
    if (!canMove(queueStage(current), stage) && !retaking) return { doc: current, moved: false };
    const next = withQueueStage(current, stage, new Date().toISOString(), station, retaking);
    try {
      await records.save(next);
      return { doc: next, moved: true };
    } catch (error) {
      if (!(error instanceof StoreError) || error.code !== 'conflict' || attempt > 0) throw error;
    }
  }
}

/**
 * "Call next": the first of `candidates` (waiting on the screen, in order) still waiting when read fresh, called
 * to this station. One already called or moved since the screen was drawn (another station through sync, another
 * window here) is skipped, never taken over. Null when none is still waiting.
 */
export async function callNext(
  records: DataContext,
  candidates: readonly EncounterDoc[],
  station: QueueStation,
): Promise<EncounterDoc | null> {
  for (const candidate of candidates) {
    const called = await moveVisitOnce(records, candidate.id, 'called', station, false);
    if (called?.moved === true) return called.doc;
  }
  return null;
}

/** The nurse's NEWS2 assessment (consciousness, air or oxygen) as Observations, saved like manual entries. */
export async function saveAssessment(
  records: DataContext,
  assessment: News2Assessment,
  context: ManualContext,
): Promise<ObservationDoc[]> {
  const at = new Date().toISOString();
  return saveNew(records, assessmentObservations(assessment, { ...context, effective: at, at }));
}

/**
 * A correction: new Observation(s) for the same moment (the old effective time) and the old one marked
 * entered-in-error, in one write. With no replacement items the old one is only marked entered-in-error.
 */
export async function correctObservation(
  records: DataContext,
  old: ObservationDoc,
  items: readonly VitalItem[],
  context: StationContext & { readonly newId: IdFactory },
): Promise<void> {
  const at = new Date().toISOString();
  const patientId = (old.subject.reference ?? '').replace(/^Patient\//, '');
  const encounterId = old.encounter?.reference?.replace(/^Encounter\//, '');
  const replacements =
    items.length === 0
      ? []
      : vitalSignObservations(items, {
          patientId,
          encounterId,
          stationId: context.stationId,
          effective: old.effectiveDateTime,
          at,
          newId: context.newId,
          note: `correction of Observation/${old.id}`,
        });
  // A StoreError 'conflict' (someone changed the old one meanwhile) reaches the caller: re-read and redo.
  await records.correctObservation(old, replacements, at, context.stationId);
}
