/**
 * The two NEWS2 parameters only the nurse can give, consciousness (ACVPU) and air or supplemental oxygen,
 * as FHIR R4 Observations, so the score can be recomputed from the record (here, after a reload, on
 * another station, at central) instead of living only in the screen.
 *
 * Coding follows the UK NEWS2 FHIR practice (Synanetics emergency-department IG, NHS Wales; examples
 * Observation-*-BreathingRoom, Observation-*-ACVPU and the NEWS2 panel deriving from them):
 * - air or oxygen: the finding is the code, SNOMED CT 722742002 "Breathing room air" or 371825009
 *   "Patient on oxygen"; UK Core guidance puts the oxygen delivered on the latter as valueQuantity in
 *   L/min (UCUM), which we add when the nurse gives the flow.
 * - consciousness: the IG codes the question (SNOMED 1104441000000107 "ACVPU scale score", or LOINC 67775-7
 *   "Level of responsiveness") with the answer in valueCodeableConcept. Our stored Observation model
 *   (observation.std.ts) has no valueCodeableConcept yet, so each ACVPU level is
 *   stored the way the same IG stores "Breathing room air": the SNOMED CT finding as the code, no value
 *   (248234008 Mentally alert, 130987000 Acute confusion, 300202002 Responds to voice, 450847001 Responds
 *   to pain, 422768004 Unresponsive; the same findings the IG and SILPH's AVPU value set use as answers).
 *   Moving to question + answer needs only this file once the model allows valueCodeableConcept.
 * Category: 'survey' for ACVPU as in the IG; 'vital-signs' for air/oxygen (part of the NEWS2 vital set).
 * Not the vital-signs profile (its codes are LOINC vitals), so meta.profile is left empty.
 */
import {
  buildObservation,
  SURVEY_CATEGORY,
  VITAL_CATEGORY,
  type ObservationContext,
  type ObservationDoc,
  type ObservationValue,
} from './observation.std.js';
import type { CodeableConcept } from './fhir.std.js';
import { UCUM } from './systems.std.js';

/** NEWS2's ACVPU levels (the renderer's NEWS2 calculator scores them). */
export type Consciousness = 'alert' | 'new_confusion' | 'voice' | 'pain' | 'unresponsive';
export const CONSCIOUSNESS_LEVELS: readonly Consciousness[] = [
  'alert',
  'new_confusion',
  'voice',
  'pain',
  'unresponsive',
];

export const SNOMED = 'http://snomed.info/sct';

interface Finding {
  readonly code: string;
  readonly display: string;
}

export const ACVPU_FINDINGS: Readonly<Record<Consciousness, Finding>> = {
  alert: { code: '248234008', display: 'Mentally alert' },
  new_confusion: { code: '130987000', display: 'Acute confusion' },
  voice: { code: '300202002', display: 'Responds to voice' },
  pain: { code: '450847001', display: 'Responds to pain' },
  unresponsive: { code: '422768004', display: 'Unresponsive' },
};
export const ROOM_AIR: Finding = { code: '722742002', display: 'Breathing room air' };
export const ON_OXYGEN: Finding = { code: '371825009', display: 'Patient on oxygen' };

/** Oxygen flow the nurse may give (L/min): nasal cannula from 0.5, high-flow up to 60. */
export const OXYGEN_FLOW = { min: 0.5, max: 60 } as const;

export interface News2Assessment {
  readonly consciousness?: Consciousness | undefined;
  /** true = on supplemental oxygen, false = room air. */
  readonly onOxygen?: boolean | undefined;
  /** L/min, only with onOxygen. */
  readonly oxygenFlowLpm?: number | undefined;
}

/** `effective` is when assessed (now). */
export type AssessmentContext = ObservationContext;

function snomed(finding: Finding): CodeableConcept {
  return { coding: [{ system: SNOMED, code: finding.code, display: finding.display }], text: finding.display };
}

export class AssessmentError extends Error {
  readonly reason: 'oxygen_flow_range' | 'flow_without_oxygen';
  constructor(reason: AssessmentError['reason']) {
    super(`NEWS2 assessment: ${reason}`);
    this.reason = reason;
  }
}

/** The Observations of one assessment (one per part given). Throws AssessmentError before building any. */
export function assessmentObservations(assessment: News2Assessment, context: AssessmentContext): ObservationDoc[] {
  const flow = assessment.oxygenFlowLpm;
  if (flow !== undefined) {
    if (assessment.onOxygen !== true) throw new AssessmentError('flow_without_oxygen');
    if (!Number.isFinite(flow) || flow < OXYGEN_FLOW.min || flow > OXYGEN_FLOW.max)
      throw new AssessmentError('oxygen_flow_range');
  }
  const out: ObservationDoc[] = [];
  if (assessment.consciousness !== undefined) {
    out.push(build(context, SURVEY_CATEGORY, snomed(ACVPU_FINDINGS[assessment.consciousness]), {}));
  }
  if (assessment.onOxygen !== undefined) {
    const value =
      flow === undefined ? {} : { valueQuantity: { value: flow, unit: 'L/min', system: UCUM, code: 'L/min' } as const };
    out.push(build(context, VITAL_CATEGORY, snomed(assessment.onOxygen ? ON_OXYGEN : ROOM_AIR), value));
  }
  return out;
}

function build(
  context: AssessmentContext,
  kind: CodeableConcept,
  code: CodeableConcept,
  value: ObservationValue,
): ObservationDoc {
  return buildObservation(context, { category: kind, code, value });
}

const CONSCIOUSNESS_BY_CODE = new Map(
  Object.entries(ACVPU_FINDINGS).map(([level, finding]) => [finding.code, level as Consciousness]),
);

function snomedCode(observation: ObservationDoc): string | undefined {
  return observation.code.coding?.find((coding) => coding.system === SNOMED)?.code;
}

/** What an Observation says for NEWS2, if it is one of ours: a consciousness level or air/oxygen. */
export function assessmentOf(observation: ObservationDoc): News2Assessment | undefined {
  const code = snomedCode(observation);
  if (code === undefined) return undefined;
  const level = CONSCIOUSNESS_BY_CODE.get(code);
  if (level !== undefined) return { consciousness: level };
  if (code === ROOM_AIR.code) return { onOxygen: false };
  if (code === ON_OXYGEN.code) return { onOxygen: true, oxygenFlowLpm: observation.valueQuantity?.value };
  return undefined;
}

/**
 * The latest assessment in the record: for each part, the newest live Observation within `windowMinutes`
 * before the patient's newest observation (the same "one set" window as latestVitals).
 */
export function latestAssessment(observations: readonly ObservationDoc[], windowMinutes = 60): News2Assessment {
  const live = observations.filter((observation) => observation.status !== 'entered-in-error');
  if (live.length === 0) return {};
  const newest = Math.max(...live.map((observation) => Date.parse(observation.effectiveDateTime)));
  const from = newest - windowMinutes * 60_000;
  const byTime = [...live].sort((a, b) => Date.parse(b.effectiveDateTime) - Date.parse(a.effectiveDateTime));
  let consciousness: Consciousness | undefined;
  let oxygen: News2Assessment | undefined;
  for (const observation of byTime) {
    if (Date.parse(observation.effectiveDateTime) < from) break;
    const found = assessmentOf(observation);
    if (found === undefined) continue;
    if (consciousness === undefined && found.consciousness !== undefined) consciousness = found.consciousness;
    if (oxygen === undefined && found.onOxygen !== undefined) oxygen = found;
  }
  return { consciousness, onOxygen: oxygen?.onOxygen, oxygenFlowLpm: oxygen?.oxygenFlowLpm };
}
