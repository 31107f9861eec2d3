/**
 * From a device inbox reading to the documents the nurse's confirm writes: the Device and one FHIR
 * vital-signs Observation per vital (systolic + diastolic as one BP panel). Observation ids come from
 * `observationIdFor(inboxId, code)`, decided before the save: writing the same reading again (a restart
 * between the save and devices.confirm, a replayed frame, a second click) hits the same documents, so a
 * reading is never charted twice.
 */
import { vitalSignObservations, type ObservationDoc, type VitalItem } from './observation.std.js';
import { deviceDoc, type DeviceDoc } from './device.std.js';
import { chartedVital } from './vitals/vitalSigns.std.js';

/**
 * The id of the Observation for one value of an inbox reading. Deterministic, so writing the same reading
 * twice (restart, replay, a lost confirm) hits the same document instead of a duplicate.
 */
export function observationIdFor(inboxId: string, loincCode: string): string {
  return `obs-dev-${inboxId}-${loincCode}`;
}

/** What charting needs of a device inbox item (the contract's InboxItem has this shape and more). */
export interface ChartableItem<V extends VitalItem = VitalItem> {
  readonly id: string;
  readonly port: string;
  readonly profile: string;
  readonly patientRef: string | null;
  /** `at`: when the station received it. */
  readonly reading: { readonly at: string; readonly values: readonly V[] } | null;
}

export interface ReadingChartContext {
  readonly patientId: string;
  readonly encounterId?: string | undefined;
  readonly hcode: string;
  readonly stationId: string;
  /** Now (ISO): when the nurse confirmed. */
  readonly at: string;
}

export interface ReadingChart<V extends VitalItem = VitalItem> {
  readonly device: DeviceDoc;
  readonly observations: readonly ObservationDoc[];
  /** Values the vital-signs chart has no code for (mean arterial pressure): kept in the inbox's raw frame only. */
  readonly skipped: readonly V[];
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

export function chartableValues<V extends VitalItem>(values: readonly V[]): { items: V[]; skipped: V[] } {
  const items: V[] = [];
  const skipped: V[] = [];
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
export function planReadingChart<V extends VitalItem>(item: ChartableItem<V>, context: ReadingChartContext, excludeCodes: readonly string[] = []): ReadingChart<V> {
  const reading = item.reading;
  if (reading === null) throw new NoReadingError(item.id);
  if (item.patientRef === null) throw new UnassignedReadingError(item.id);
  const device = deviceDoc({ hcode: context.hcode, stationId: context.stationId, at: context.at, profile: item.profile, serialOrPort: item.port });
  const { items, skipped } = chartableValues(reading.values.filter((value) => !excludeCodes.includes(value.code)));
  const observations = vitalSignObservations(items, {
    patientId: context.patientId,
    encounterId: context.encounterId,
    stationId: context.stationId,
    // The device clock carries no time zone and is often wrong: the station's receive time is the effective time.
    effective: reading.at,
    at: context.at,
    deviceId: device.id,
    newId: (code) => observationIdFor(item.id, code),
    keepId: true,
  });
  return { device, observations, skipped };
}
