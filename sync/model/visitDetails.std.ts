/**
 * What the front desk says about a visit besides who it is for: the clinic or service point it goes to (from the
 * station's list IT keeps, stored as Encounter.serviceType), how the patient came (Encounter.type) and the right
 * to care the card carried (an Encounter extension), so later screens, the slip and sync have them.
 */
import { z } from 'zod';
import type { CodeableConcept, Extension } from './fhir.std.js';
import { SERVICE_POINT_SYSTEM, VISIT_RIGHT_EXT, VISIT_TYPE_SYSTEM } from './systems.std.js';

/** A clinic / service point code: lower-case letters, digits and dashes (IT names them). */
export const ServicePointCode = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'service point code: 1-32 of a-z 0-9 -');

export const ServicePoint = z.strictObject({
  code: ServicePointCode,
  th: z.string().trim().min(1).max(80),
  en: z.string().trim().min(1).max(80),
  /** A point no longer offered stays named on past visits but is not offered for new ones. */
  active: z.boolean(),
});
export type ServicePoint = z.infer<typeof ServicePoint>;

/** The list a new station starts with (migration 16 seeds the same rows). */
export const DEFAULT_SERVICE_POINTS: readonly ServicePoint[] = [
  { code: 'opd', th: 'ตรวจโรคทั่วไป', en: 'General OPD', active: true },
  { code: 'ncd', th: 'คลินิกโรคเรื้อรัง', en: 'NCD clinic', active: true },
  { code: 'anc', th: 'ฝากครรภ์', en: 'Antenatal care (ANC)', active: true },
  { code: 'dental', th: 'ทันตกรรม', en: 'Dental', active: true },
  { code: 'well-child', th: 'คลินิกเด็กดี', en: 'Well-child clinic', active: true },
  { code: 'thai-med', th: 'แพทย์แผนไทย', en: 'Thai traditional medicine', active: true },
  { code: 'er', th: 'ห้องฉุกเฉิน', en: 'Emergency room', active: true },
];

/** How the patient came, in a clerk's words. */
export const VISIT_TYPES = {
  'walk-in': { th: 'มาเอง', en: 'Walk-in' },
  appointment: { th: 'มาตามนัด', en: 'Appointment' },
  referral: { th: 'ส่งต่อจากที่อื่น', en: 'Referral' },
  emergency: { th: 'ฉุกเฉิน', en: 'Emergency' },
} as const;
export type VisitType = keyof typeof VISIT_TYPES;
export const VisitType = z.enum(Object.keys(VISIT_TYPES) as [VisitType, ...VisitType[]]);
export const DEFAULT_VISIT_TYPE: VisitType = 'walk-in';

/** The card's main right at the visit: the scheme code (UCS, SSS, …; null when the text names none) and its words. */
export interface VisitRight {
  readonly code: string | null;
  readonly text: string;
}

export interface VisitDetails {
  readonly servicePoint?: Pick<ServicePoint, 'code' | 'th'> | undefined;
  readonly visitType?: VisitType | undefined;
  readonly right?: VisitRight | null | undefined;
}

/** Encounter.serviceType: our code, the Thai name as display (the station's list gives the English one). */
export function servicePointConcept(point: Pick<ServicePoint, 'code' | 'th'>): CodeableConcept {
  return { coding: [{ system: SERVICE_POINT_SYSTEM, code: point.code, display: point.th }], text: point.th };
}

export function visitTypeConcept(type: VisitType): CodeableConcept {
  return {
    coding: [{ system: VISIT_TYPE_SYSTEM, code: type, display: VISIT_TYPES[type].en }],
    text: VISIT_TYPES[type].th,
  };
}

export function visitRightExtension(right: VisitRight): Extension {
  const parts: Extension[] = [{ url: 'text', valueString: right.text }];
  if (right.code !== null) parts.unshift({ url: 'code', valueCode: right.code });
  return { url: VISIT_RIGHT_EXT, extension: parts };
}

interface EncounterDetailsView {
  readonly serviceType?: CodeableConcept | undefined;
  readonly type?: readonly CodeableConcept[] | undefined;
  readonly extension?: readonly Extension[] | undefined;
}

/** The service point code and its Thai name as stored on a visit, or null. */
export function servicePointOf(encounter: EncounterDetailsView): { code: string; display: string } | null {
  const coding = encounter.serviceType?.coding?.find((c) => c.system === SERVICE_POINT_SYSTEM);
  if (coding?.code === undefined) return null;
  return { code: coding.code, display: coding.display ?? encounter.serviceType?.text ?? coding.code };
}

export function visitTypeOf(encounter: EncounterDetailsView): VisitType | null {
  const code = encounter.type
    ?.flatMap((concept) => concept.coding ?? [])
    .find((c) => c.system === VISIT_TYPE_SYSTEM)?.code;
  const parsed = VisitType.safeParse(code);
  return parsed.success ? parsed.data : null;
}

export function visitRightOf(encounter: EncounterDetailsView): VisitRight | null {
  const ext = encounter.extension?.find((e) => e.url === VISIT_RIGHT_EXT);
  const text = ext?.extension?.find((e) => e.url === 'text')?.valueString;
  if (text === undefined) return null;
  return { code: ext?.extension?.find((e) => e.url === 'code')?.valueCode ?? null, text };
}

/** A service point's name in the UI's language: the station's list by code, else the name stored on the visit. */
export function servicePointName(
  stored: { code: string; display: string },
  list: readonly ServicePoint[],
  language: 'th' | 'en',
): string {
  const known = list.find((point) => point.code === stored.code);
  return known === undefined ? stored.display : known[language];
}
