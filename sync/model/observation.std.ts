/**
 * FHIR R4 vital-sign Observations (the vital-signs profile), built from `{code (LOINC), value, unit (UCUM)}`
 * items as the device drivers and the manual form produce them. Systolic and diastolic become one 85354-9
 * panel with two components. The id ends in the hash of the content (contentId.std.ts). Observations are immutable: a correction is a new Observation plus the old
 * one marked entered-in-error (the only change central accepts on an existing Observation).
 */
import { z } from 'zod';
import { CodeableConcept, FhirId, FhirInstant, Meta, Quantity, Reference, envelope, docId } from './fhir.std.js';
import { buildMeta } from './meta.std.js';
import { withContentId } from './contentId.std.js';
import { LOINC, OBSERVATION_CATEGORY, UCUM, VITAL_SIGNS_PROFILE } from './systems.std.js';
import { BP_PANEL, BP_PANEL_DISPLAY, DIASTOLIC, SYSTOLIC, chartedVital } from './vitals/vitalSigns.std.js';
import { normaliseUnit } from './vitals/units.std.js';

export const ObservationStatus = z.enum([
  'registered',
  'preliminary',
  'final',
  'amended',
  'corrected',
  'cancelled',
  'entered-in-error',
  'unknown',
]);

const Component = z.strictObject({ code: CodeableConcept, valueQuantity: Quantity });

export const ObservationDoc = z.strictObject({
  ...envelope,
  resourceType: z.literal('Observation'),
  id: FhirId,
  meta: Meta,
  status: ObservationStatus,
  category: z.array(CodeableConcept).min(1),
  code: CodeableConcept,
  subject: Reference,
  encounter: Reference.optional(),
  effectiveDateTime: FhirInstant,
  issued: FhirInstant.optional(),
  performer: z.array(Reference).optional(),
  valueQuantity: Quantity.optional(),
  component: z.array(Component).optional(),
  device: Reference.optional(),
  valueString: z.string().min(1).optional(),
  note: z.array(z.strictObject({ text: z.string() })).optional(),
});
export type ObservationDoc = z.infer<typeof ObservationDoc>;

export const VitalItem = z.object({ code: z.string(), value: z.number().finite(), unit: z.string() });
export type VitalItem = z.infer<typeof VitalItem>;

export class VitalItemError extends Error {
  readonly code: string;
  readonly reason: 'unknown_code' | 'wrong_unit' | 'implausible' | 'half_pressure';
  constructor(code: string, reason: VitalItemError['reason']) {
    super(`vital ${code}: ${reason}`);
    this.code = code;
    this.reason = reason;
  }
}

function loinc(code: string, display: string): CodeableConcept {
  return { coding: [{ system: LOINC, code, display }], text: display };
}

function quantity(item: VitalItem): Quantity {
  const spec = chartedVital(item.code);
  if (spec === undefined) throw new VitalItemError(item.code, 'unknown_code');
  if (normaliseUnit(item.unit) !== spec.ucum) throw new VitalItemError(item.code, 'wrong_unit');
  if (item.value < spec.min || item.value > spec.max) throw new VitalItemError(item.code, 'implausible');
  return { value: item.value, unit: spec.unit, system: UCUM, code: spec.ucum };
}

export function observationCategory(code: 'vital-signs' | 'survey', display: string): CodeableConcept {
  return { coding: [{ system: OBSERVATION_CATEGORY, code, display }], text: display };
}

export const VITAL_CATEGORY: CodeableConcept = observationCategory('vital-signs', 'Vital Signs');
export const SURVEY_CATEGORY: CodeableConcept = observationCategory('survey', 'Survey');

/** Where, when and for whom Observations are written: one context for every builder in the model. */
export interface ObservationContext {
  readonly patientId: string;
  readonly encounterId?: string | undefined;
  readonly stationId: string;
  /** When measured (the device's time when trusted, else when received). */
  readonly effective: string;
  readonly at: string;
  /** Device/<id> for device readings; absent for manual entry. */
  readonly deviceId?: string | undefined;
  /** What each Observation's content id starts with (a time-ordered id, or a device reading's inbox id); given its primary code. */
  readonly newId: (code: string) => string;
  /** `issued`, when not `at`: a device reading's is its arrival, so charting it again seals the same content (same id). */
  readonly issued?: string | undefined;
  readonly note?: string | undefined;
}
export type VitalsContext = ObservationContext;

/** One Observation per vital, systolic+diastolic as one BP panel. Throws VitalItemError on a bad item, before building any. */
export function vitalSignObservations(items: readonly VitalItem[], context: VitalsContext): ObservationDoc[] {
  const parsed = items.map((item) => VitalItem.parse(item));
  const systolic = parsed.find((item) => item.code === SYSTOLIC);
  const diastolic = parsed.find((item) => item.code === DIASTOLIC);
  if ((systolic === undefined) !== (diastolic === undefined))
    throw new VitalItemError(systolic === undefined ? DIASTOLIC : SYSTOLIC, 'half_pressure');
  const quantities = parsed.map((item) => ({ item, value: quantity(item) }));
  const out: ObservationDoc[] = [];
  if (systolic !== undefined && diastolic !== undefined) {
    out.push(
      observation(context, loinc(BP_PANEL, BP_PANEL_DISPLAY), {
        component: [
          { code: loinc(SYSTOLIC, chartedVital(SYSTOLIC)?.display ?? ''), valueQuantity: quantity(systolic) },
          { code: loinc(DIASTOLIC, chartedVital(DIASTOLIC)?.display ?? ''), valueQuantity: quantity(diastolic) },
        ],
      }),
    );
  }
  for (const { item, value } of quantities) {
    if (item.code === SYSTOLIC || item.code === DIASTOLIC) continue;
    out.push(
      observation(context, loinc(item.code, chartedVital(item.code)?.display ?? item.code), { valueQuantity: value }),
    );
  }
  return out;
}

function observation(context: ObservationContext, code: CodeableConcept, value: ObservationValue): ObservationDoc {
  return buildObservation(context, { category: VITAL_CATEGORY, code, profile: [VITAL_SIGNS_PROFILE], value });
}

export type ObservationValue = Pick<ObservationDoc, 'valueQuantity' | 'component' | 'valueString'>;

export interface ObservationParts {
  readonly category: CodeableConcept;
  readonly code: CodeableConcept;
  /** meta.profile: the vital-signs profile for LOINC vitals, none for the rest. */
  readonly profile?: readonly string[] | undefined;
  readonly value: ObservationValue;
}

/** The one Observation builder: every Observation the app writes (vitals, NEWS2 assessment, screening) comes from here. */
export function buildObservation(context: ObservationContext, parts: ObservationParts): ObservationDoc {
  const primary = parts.code.coding?.[0]?.code ?? '';
  const id = context.newId(primary);
  const profile = parts.profile === undefined ? {} : { profile: [...parts.profile] };
  const doc: ObservationDoc = {
    _id: docId('Observation', id),
    resourceType: 'Observation',
    id,
    meta: buildMeta({
      stationId: context.stationId,
      at: context.at,
      source: context.deviceId === undefined ? 'manual' : 'device',
      ...profile,
    }),
    status: 'final',
    category: [parts.category],
    code: parts.code,
    subject: { reference: `Patient/${context.patientId}` },
    effectiveDateTime: context.effective,
    issued: context.issued ?? context.at,
    ...parts.value,
  };
  if (context.encounterId !== undefined) doc.encounter = { reference: `Encounter/${context.encounterId}` };
  if (context.deviceId !== undefined) doc.device = { reference: `Device/${context.deviceId}` };
  if (context.note !== undefined) doc.note = [{ text: context.note }];
  return ObservationDoc.parse(withContentId(doc, id));
}

/** The old Observation marked entered-in-error (its values untouched), to save together with the correction. */
export function enteredInError(old: ObservationDoc, at: string, stationId: string): ObservationDoc {
  return ObservationDoc.parse({
    ...old,
    status: 'entered-in-error',
    meta: { ...old.meta, lastUpdated: at, source: buildMeta({ stationId, at, source: 'manual' }).source },
  });
}

/** The parts of an Observation that may never change once written (central's validate_doc_update checks the same). */
export function immutablePart(doc: ObservationDoc): string {
  return JSON.stringify([
    doc.code,
    doc.subject,
    doc.encounter ?? null,
    doc.effectiveDateTime,
    doc.valueQuantity ?? null,
    doc.component ?? null,
    doc.device ?? null,
    doc.category,
    doc.valueString ?? null,
  ]);
}
