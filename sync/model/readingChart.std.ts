/**
 * From a device inbox reading to the documents the nurse's confirm writes: the Device and one FHIR
 * vital-signs Observation per vital (systolic + diastolic as one BP panel). Each Observation's id is a content
 * id `<inboxId>-<hash>` (contentId.std.ts), which central's validate_doc_update requires; everything it seals is
 * fixed when the reading arrives (values, the arrival as effective and issued time, the device), so charting the
 * same reading again plans the same ids, and the inbox-id prefix finds what one save of it wrote.
 */
import { vitalSignObservations, type ObservationDoc, type VitalItem } from './observation.std.js';
import { deviceDoc, type DeviceDoc } from './device.std.js';
import { chartedVital } from './vitals/vitalSigns.std.js';

/** What the id of every Observation charted from one inbox reading starts with (its content hash follows). */
export function readingObservationPrefix(inboxId: string): string {
  return `${inboxId}-`;
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
export function planReadingChart<V extends VitalItem>(
  item: ChartableItem<V>,
  context: ReadingChartContext,
  excludeCodes: readonly string[] = [],
): ReadingChart<V> {
  const reading = item.reading;
  if (reading === null) throw new NoReadingError(item.id);
  if (item.patientRef === null) throw new UnassignedReadingError(item.id);
  const device = deviceDoc({
    hcode: context.hcode,
    stationId: context.stationId,
    at: context.at,
    profile: item.profile,
    serialOrPort: item.port,
  });
  const { items, skipped } = chartableValues(reading.values.filter((value) => !excludeCodes.includes(value.code)));
  const observations = vitalSignObservations(items, {
    patientId: context.patientId,
    encounterId: context.encounterId,
    stationId: context.stationId,
    // The device clock carries no time zone and is often wrong: the station's receive time is the effective time.
    effective: reading.at,
    issued: reading.at,
    at: context.at,
    deviceId: device.id,
    newId: () => item.id,
  });
  return { device, observations, skipped };
}
