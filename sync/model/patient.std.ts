/**
 * FHIR R4 Patient as stored, and the builder the front desk calls with a card read (or a manual entry in the
 * same shape). Thai Core: CID under th-cid, HN under the hospital's HN system, names sliced by the language
 * extension, address parts in city/district/state plus the structured-line extension. The photo is its own
 * Media record (media.std.ts) that Patient.photo points at; Patients written by earlier builds keep theirs as
 * a CouchDB attachment.
 */
import { z } from 'zod';
import {
  Attachment,
  CodeableConcept,
  Extension,
  FhirDate,
  FhirId,
  Identifier,
  Meta,
  Reference,
  envelope,
  docId,
} from './fhir.std.js';
import { PersonDetails, type PersonAddress, type PersonName } from './personDetails.std.js';
import { buildMeta, readFieldTimes, type EntrySource } from './meta.std.js';
import { LANGUAGE_EXT, TH_CID, TH_STRUCTURED_LINE_EXT, thLocalSystem } from './systems.std.js';
import { canonicalJson } from './canonicalJson.std.js';
import type { MediaDoc } from './media.std.js';

export const HumanName = z.strictObject({
  extension: z.array(Extension).optional(),
  use: z.enum(['usual', 'official', 'temp', 'nickname', 'anonymous', 'old', 'maiden']).optional(),
  text: z.string().optional(),
  family: z.string().optional(),
  given: z.array(z.string()).optional(),
  prefix: z.array(z.string()).optional(),
});
export type HumanName = z.infer<typeof HumanName>;

export const Address = z.strictObject({
  extension: z.array(Extension).optional(),
  use: z.enum(['home', 'work', 'temp', 'old', 'billing']).optional(),
  type: z.enum(['postal', 'physical', 'both']).optional(),
  text: z.string().optional(),
  line: z.array(z.string()).optional(),
  city: z.string().optional(),
  district: z.string().optional(),
  state: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
});
export type Address = z.infer<typeof Address>;

export const ContactPoint = z.strictObject({
  system: z.enum(['phone', 'email', 'other']),
  value: z.string().min(1),
  use: z.string().optional(),
});

/**
 * FHIR Patient.link between two records of one person: the record written under a station's provisional key is
 * `replaced-by` the hospital-keyed one, which `replaces` it (patientMerge.std.ts). Both are kept.
 */
export const PatientLink = z.strictObject({
  other: Reference,
  type: z.enum(['replaced-by', 'replaces', 'refer', 'seealso']),
});
export type PatientLink = z.infer<typeof PatientLink>;

export const PatientDoc = z.strictObject({
  ...envelope,
  resourceType: z.literal('Patient'),
  id: FhirId,
  meta: Meta,
  identifier: z.array(Identifier).min(1),
  active: z.boolean().optional(),
  name: z.array(HumanName).optional(),
  telecom: z.array(ContactPoint).optional(),
  gender: z.enum(['male', 'female', 'other', 'unknown']).optional(),
  birthDate: FhirDate.optional(),
  address: z.array(Address).optional(),
  photo: z.array(Attachment).optional(),
  maritalStatus: CodeableConcept.optional(),
  link: z.array(PatientLink).optional(),
});
export type PatientDoc = z.infer<typeof PatientDoc>;

/** Field groups the conflict rule merges one by one (each with its own change time in meta). */
export const PATIENT_FIELDS = [
  'name',
  'gender',
  'birthDate',
  'address',
  'photo',
  'telecom',
  'active',
  'maritalStatus',
] as const;
export type PatientField = (typeof PATIENT_FIELDS)[number];

function languageExt(lang: 'th' | 'en'): Extension[] {
  return [{ url: LANGUAGE_EXT, valueCode: lang }];
}

function humanName(name: PersonName, lang: 'th' | 'en'): HumanName | null {
  const given = [name.first, name.middle].map((part) => part.trim()).filter((part) => part !== '');
  const family = name.last.trim();
  if (given.length === 0 && family === '') return null;
  const out: HumanName = {
    extension: languageExt(lang),
    use: 'official',
    text: [name.prefix, ...given, family].filter((p) => p !== '').join(' '),
  };
  if (family !== '') out.family = family;
  if (given.length > 0) out.given = given;
  if (name.prefix.trim() !== '') out.prefix = [name.prefix.trim()];
  return out;
}

function thaiAddress(address: PersonAddress): Address | null {
  const part = (value: string | null | undefined): string => (value ?? '').trim();
  const structured: Extension[] = [];
  const pushPart = (url: string, value: string): void => {
    if (value !== '') structured.push({ url, valueString: value });
  };
  pushPart('number', part(address.houseNo));
  pushPart('villageNo', part(address.villageNo));
  pushPart('lane', part(address.lane));
  pushPart('road', part(address.road));
  const line = [
    part(address.houseNo),
    part(address.villageNo) === '' ? '' : `หมู่ที่ ${part(address.villageNo)}`,
    part(address.lane),
    part(address.road),
  ].filter((value) => value !== '');
  const out: Address = { use: 'home', type: 'physical', country: 'TH' };
  if (structured.length > 0) out.extension = [{ url: TH_STRUCTURED_LINE_EXT, extension: structured }];
  if (line.length > 0) out.line = line;
  if (part(address.subdistrict) !== '') out.city = part(address.subdistrict);
  if (part(address.district) !== '') out.district = part(address.district);
  if (part(address.province) !== '') out.state = part(address.province);
  const text = [...line, out.city, out.district, out.state].filter(
    (value): value is string => value !== undefined && value !== '',
  );
  if (text.length === 0) return null;
  out.text = text.join(' ');
  return out;
}

function genderOf(sex: string | null | undefined): PatientDoc['gender'] {
  if (sex === '1' || sex === 'male') return 'male';
  if (sex === '2' || sex === 'female') return 'female';
  if (sex === 'other') return 'other';
  return 'unknown';
}

export interface PatientBuildContext {
  /** From patientIdForCid(hospitalKey, cid): the caller (main, or a command it serves) holds the key. */
  readonly patientId: string;
  readonly hcode: string;
  readonly stationId: string;
  /** ISO instant of the card read (or of the manual save). */
  readonly at: string;
  readonly source: Extract<EntrySource, 'card' | 'manual'>;
  /** The hospital's HN when the HIS has one. */
  readonly hn?: string | undefined;
  /** The mobile number the clerk typed (0 and 9 digits): the patient's mobile from now on, found by search. */
  readonly mobile?: string | undefined;
  /** The stored patient, when this is an update: fields the card does not carry are kept. */
  readonly existing?: PatientDoc | null | undefined;
  /** The card's photo as its own record (photoMedia): Patient.photo points at it; the Patient carries no bytes. */
  readonly photo?: MediaDoc | null | undefined;
}

/**
 * A Patient document from a card read. On an update it keeps the stored `_rev`, identifiers, fields the card
 * does not carry and the photo when none came, and stamps each changed field group with `at`.
 */
export function patientFromCard(input: PersonDetails, context: PatientBuildContext): PatientDoc {
  const card = PersonDetails.parse(input);
  const existing = context.existing ?? null;
  const names = [
    humanName(card.thaiName, 'th'),
    card.englishName == null ? null : humanName(card.englishName, 'en'),
  ].filter((name): name is HumanName => name !== null);
  const address = card.address == null ? null : thaiAddress(card.address);

  const identifiers: Identifier[] = [{ use: 'official', system: TH_CID, value: card.cid }];
  if (context.hn !== undefined)
    identifiers.push({ use: 'usual', system: thLocalSystem(context.hcode, 'HN'), value: context.hn });
  for (const old of existing?.identifier ?? []) {
    if (!identifiers.some((id) => id.system === old.system && id.value === old.value)) identifiers.push(old);
  }

  const next: Partial<Record<PatientField, unknown>> = { active: true, gender: genderOf(card.sex) };
  if (names.length > 0) next.name = names;
  if (card.birthDate != null) next.birthDate = card.birthDate;
  if (address !== null) next.address = [address];
  if (context.mobile !== undefined && context.mobile !== '') {
    next.telecom = [
      { system: 'phone', value: context.mobile, use: 'mobile' },
      ...(existing?.telecom ?? []).filter((point) => point.use !== 'mobile'),
    ];
  }
  // A photo stored on the Patient by an earlier build stays with it; a new one is a Media record.
  const attachments = { ...(existing?._attachments ?? {}) };
  if (context.photo != null) {
    const { contentType, title, creation, size, hash } = context.photo.content;
    next.photo = [{ contentType, title, creation, size, hash, url: `Media/${context.photo.id}` }];
  }

  const times = readFieldTimes(existing?.meta);
  const patient: PatientDoc = {
    _id: docId('Patient', context.patientId),
    resourceType: 'Patient',
    id: context.patientId,
    meta: buildMeta({ stationId: context.stationId, at: context.at, source: context.source }),
    identifier: identifiers,
  };
  if (existing?._rev !== undefined) patient._rev = existing._rev;
  if (existing?.link !== undefined) patient.link = existing.link;
  if (Object.keys(attachments).length > 0) patient._attachments = attachments;
  for (const field of PATIENT_FIELDS) {
    const value = field in next ? next[field] : existing?.[field];
    if (value === undefined) continue;
    (patient as Record<string, unknown>)[field] = value;
    // Key order differs between this builder and the schema parser: compare canonically.
    const changed = existing === null || canonicalJson(existing[field]) !== canonicalJson(value);
    if (changed && field in next) times[field] = context.at;
    else if (times[field] === undefined && existing !== null) times[field] = existing.meta.lastUpdated ?? context.at;
  }
  patient.meta = buildMeta({ stationId: context.stationId, at: context.at, source: context.source, fieldTimes: times });
  return PatientDoc.parse(patient);
}

/**
 * The patient with `mobile` as their mobile number (a returning patient found by search, with no card read):
 * only telecom changes, stamped with `at`. Null when it is their mobile already.
 */
export function withMobile(
  patient: PatientDoc,
  mobile: string,
  context: { readonly at: string; readonly stationId: string },
): PatientDoc | null {
  if (patient.telecom?.some((point) => point.use === 'mobile' && point.value === mobile) === true) return null;
  const times = readFieldTimes(patient.meta);
  times.telecom = context.at;
  return PatientDoc.parse({
    ...patient,
    telecom: [
      { system: 'phone', value: mobile, use: 'mobile' },
      ...(patient.telecom ?? []).filter((point) => point.use !== 'mobile'),
    ],
    meta: buildMeta({ stationId: context.stationId, at: context.at, source: 'manual', fieldTimes: times }),
  });
}

export function patientCid(patient: Pick<PatientDoc, 'identifier'>): string | null {
  return patient.identifier.find((id) => id.system === TH_CID)?.value ?? null;
}
