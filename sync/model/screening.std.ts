/**
 * What the screening nurse records beside the vital signs: the pain score and the chief complaint (อาการสำคัญ),
 * as FHIR R4 Observations of the same moment as the vitals, built by the model's one Observation builder.
 * - pain: LOINC 72514-3 "Pain severity - 0-10 verbal numeric rating [Score] - Reported", valueQuantity in the
 *   UCUM annotation `{score}` (as US Core and IPS examples record a 0–10 pain score), category survey;
 * - chief complaint: LOINC 8661-1 "Chief complaint - Reported", the nurse's words as valueString, category survey.
 */
import { buildObservation, SURVEY_CATEGORY, type ObservationContext, type ObservationDoc } from './observation.std.js';
import type { CodeableConcept } from './fhir.std.js';
import { LOINC, UCUM } from './systems.std.js';

export const PAIN_SCORE = {
  code: '72514-3',
  display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
  min: 0,
  max: 10,
  ucum: '{score}',
} as const;
export const CHIEF_COMPLAINT = { code: '8661-1', display: 'Chief complaint - Reported', maxLength: 500 } as const;

export interface Screening {
  /** 0–10, whole. */
  readonly painScore?: number | undefined;
  readonly chiefComplaint?: string | undefined;
}

export class ScreeningError extends Error {
  readonly reason: 'pain_range' | 'complaint_too_long';
  constructor(reason: ScreeningError['reason']) {
    super(`screening: ${reason}`);
    this.reason = reason;
  }
}

function loinc(code: string, display: string): CodeableConcept {
  return { coding: [{ system: LOINC, code, display }], text: display };
}

/** The Observations of one screening (one per part given). Throws ScreeningError before building any. */
export function screeningObservations(screening: Screening, context: ObservationContext): ObservationDoc[] {
  const pain = screening.painScore;
  if (pain !== undefined && (!Number.isInteger(pain) || pain < PAIN_SCORE.min || pain > PAIN_SCORE.max))
    throw new ScreeningError('pain_range');
  const complaint = screening.chiefComplaint?.trim() ?? '';
  if (complaint.length > CHIEF_COMPLAINT.maxLength) throw new ScreeningError('complaint_too_long');
  const out: ObservationDoc[] = [];
  if (complaint !== '')
    out.push(
      buildObservation(context, {
        category: SURVEY_CATEGORY,
        code: loinc(CHIEF_COMPLAINT.code, CHIEF_COMPLAINT.display),
        value: { valueString: complaint },
      }),
    );
  if (pain !== undefined) {
    out.push(
      buildObservation(context, {
        category: SURVEY_CATEGORY,
        code: loinc(PAIN_SCORE.code, PAIN_SCORE.display),
        value: { valueQuantity: { value: pain, unit: 'score', system: UCUM, code: PAIN_SCORE.ucum } },
      }),
    );
  }
  return out;
}

/** What an Observation says for screening, if it is a pain score or a chief complaint. */
export function screeningOf(observation: ObservationDoc): Screening | undefined {
  const code = observation.code.coding?.find((coding) => coding.system === LOINC)?.code;
  if (code === PAIN_SCORE.code && observation.valueQuantity !== undefined)
    return { painScore: observation.valueQuantity.value };
  if (code === CHIEF_COMPLAINT.code && observation.valueString !== undefined)
    return { chiefComplaint: observation.valueString };
  return undefined;
}
