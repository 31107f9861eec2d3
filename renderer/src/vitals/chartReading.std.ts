/**
 * From a device inbox reading to the documents the nurse's confirm writes: the Device and one FHIR
 * vital-signs Observation per vital (systolic + diastolic as one BP panel). Observation ids come from
 * `observationIdFor(inboxId, code)`, decided before the save: writing the same reading again (a restart
 * between the save and devices.confirm, a replayed frame, a second click) hits the same documents, so a
 * reading is never charted twice.
 */
import type { InboxItem, ReadingValue } from '../../../electron/contract/devices.std.js';
import { observationIdFor } from '../../../electron/contract/devices.std.js';
import { ObservationDoc, vitalSignObservations, type VitalItem } from '../../../sync/model/observation.std.js';
import { deviceDoc, type DeviceDoc } from '../../../sync/model/device.std.js';
import { docId } from '../../../sync/model/fhir.std.js';
import { chartedVital } from '../../../sync/model/vitals/vitalSigns.std.js';

export interface ReadingChartContext {
  readonly patientId: string;
  readonly encounterId?: string | undefined;
  readonly hcode: string;
  readonly stationId: string;
  /** Now (ISO): when the nurse confirmed. */
  readonly at: string;
}

export interface ReadingChart {
  readonly device: DeviceDoc;
  readonly observations: readonly ObservationDoc[];
  /** Values the vital-signs chart has no code for (mean arterial pressure): kept in the inbox's raw frame only. */
  readonly skipped: readonly ReadingValue[];
}

export class NoReadingError extends Error {
  constructor(id: string) {
    super(`inbox item ${id} holds no reading`);
  }
}

/** A reading that arrived while no patient was bound is charted to nobody until the nurse moves it. */
export class UnassignedReadingError extends Error {
  constructor(id: string) {
    super(`inbox item ${id} has no patient: move it to one first`);
  }
}

export function chartableValues(values: readonly ReadingValue[]): { items: VitalItem[]; skipped: ReadingValue[] } {
  const items: VitalItem[] = [];
  const skipped: ReadingValue[] = [];
  for (const value of values) (chartedVital(value.code) === undefined ? skipped : items).push(value);
  return { items, skipped };
}

/** The LOINC code an Observation is about (the panel's code for blood pressure). */
export function primaryCode(observation: Pick<ObservationDoc, 'code'>): string {
  return observation.code.coding?.[0]?.code ?? '';
}

/**
 * `context.patientId` is the live record of the reading's patient (its survivor after an identity merge);
 * `excludeCodes` are values that lost the nurse's choice to another source (sameVital.std.ts).
 */
export function planReadingChart(item: InboxItem, context: ReadingChartContext, excludeCodes: readonly string[] = []): ReadingChart {
  const reading = item.reading;
  if (reading === null) throw new NoReadingError(item.id);
  if (item.patientRef === null) throw new UnassignedReadingError(item.id);
  const device = deviceDoc({ hcode: context.hcode, stationId: context.stationId, at: context.at, profile: item.profile, serialOrPort: item.port });
  const { items, skipped } = chartableValues(reading.values.filter((value) => !excludeCodes.includes(value.code)));
  const built = vitalSignObservations(items, {
    patientId: context.patientId,
    encounterId: context.encounterId,
    stationId: context.stationId,
    // The device clock carries no time zone and is often wrong: the station's receive time is the effective time.
    effective: reading.at,
    at: context.at,
    deviceId: device.id,
    newId: () => 'pending',
  });
  const observations = built.map((observation) => {
    const id = observationIdFor(item.id, primaryCode(observation));
    return ObservationDoc.parse({ ...observation, id, _id: docId('Observation', id) });
  });
  return { device, observations, skipped };
}
