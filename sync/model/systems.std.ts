/** Identifier systems and code systems: Thai Core (sil-th/th-core) where it defines one, ours (urn:clinic-edge:) else. */
export const TH_CID = 'https://terms.sil-th.org/id/th-cid';
export const TH_HCODE = 'https://terms.sil-th.org/id/th-moph-hcode';
/** The NHSO authen (claim) code of a visit, as Thai Core names it. */
export const TH_NHSO_CLAIM_CODE = 'https://terms.sil-th.org/id/th-nhso-claim-code';
export function thLocalSystem(hcode: string, kind: 'HN' | 'VN' | 'Device'): string {
  return `https://terms.sil-th.org/hcode/5/${hcode}/${kind}`;
}
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const LANGUAGE_EXT = 'http://hl7.org/fhir/StructureDefinition/language';
export const TH_STRUCTURED_LINE_EXT =
  'https://fhir-ig.sil-th.org/th/extensions/StructureDefinition/ex-address-structured-line';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const VITAL_SIGNS_PROFILE = 'http://hl7.org/fhir/StructureDefinition/vitalsigns';

/** Our own tags and extensions (in `meta` only). */
export const SCHEMA_TAG = 'urn:clinic-edge:schema-version';
export const SOURCE_TAG = 'urn:clinic-edge:entry-source';
export const QUEUE_SYSTEM = 'urn:clinic-edge:queue-number';
/** The clinic / service point a visit goes to (Encounter.serviceType): codes from the station's list IT keeps. */
export const SERVICE_POINT_SYSTEM = 'urn:clinic-edge:service-point';
/** How the visit came (Encounter.type): walk-in, appointment, referral, emergency (sync/model/visitDetails.std.ts). */
export const VISIT_TYPE_SYSTEM = 'urn:clinic-edge:visit-type';
/** The right to care the card carried at the visit (an Encounter extension: the NHSO main class code and its words). */
export const VISIT_RIGHT_EXT = 'urn:clinic-edge:visit-right';
/** Per-field "last changed at" times of a Patient, the inputs of the field-wise conflict rule. */
export const FIELD_TIMES_EXT = 'urn:clinic-edge:field-times';
export const AUDIT_ARCHIVE_TYPE = 'urn:clinic-edge:audit-type';
/**
 * The tag on every record a demo station writes (`meta.tag`): central's validate_doc_update refuses documents
 * that carry it, so made-up data never reaches a hospital's records. The one definition both sides use.
 */
export const DEMO_TAG = { system: 'urn:clinic-edge:tag', code: 'demo' } as const;
export const stationSource = (stationId: string): string => `urn:clinic-edge:station:${stationId}`;
