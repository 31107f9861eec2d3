/**
 * FHIR R4 datatypes as zod schemas, and the CouchDB envelope. A stored document is exactly a FHIR resource
 * plus `_id`/`_rev`/`_attachments` (and `_deleted`/`_conflicts` that PouchDB adds on read); app metadata
 * lives only in `meta` (tags, source, extensions), never in extra top-level fields.
 */
import { z } from 'zod';

export const FhirId = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'FHIR id: 1-64 of A-Z a-z 0-9 - .');
/** FHIR date: YYYY, YYYY-MM or YYYY-MM-DD (Thai cards often give only the year of birth). */
export const FhirDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'FHIR date');
export const FhirInstant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/, 'FHIR instant');

export interface Extension {
  url: string;
  valueString?: string | undefined;
  valueCode?: string | undefined;
  valueInstant?: string | undefined;
  valueInteger?: number | undefined;
  extension?: Extension[] | undefined;
}
export const Extension: z.ZodType<Extension> = z.lazy(() =>
  z.strictObject({
    url: z.string().min(1),
    valueString: z.string().optional(),
    valueCode: z.string().optional(),
    valueInstant: FhirInstant.optional(),
    valueInteger: z.number().int().optional(),
    extension: z.array(Extension).optional(),
  }),
);

export const Coding = z.strictObject({
  system: z.string().optional(),
  version: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
export type Coding = z.infer<typeof Coding>;

export const CodeableConcept = z.strictObject({ coding: z.array(Coding).optional(), text: z.string().optional() });
export type CodeableConcept = z.infer<typeof CodeableConcept>;

export const Period = z.strictObject({ start: FhirInstant.optional(), end: FhirInstant.optional() });

export const Identifier = z.strictObject({
  use: z.enum(['usual', 'official', 'temp', 'secondary', 'old']).optional(),
  type: CodeableConcept.optional(),
  system: z.string().min(1),
  value: z.string().min(1),
  period: Period.optional(),
});
export type Identifier = z.infer<typeof Identifier>;

export const Reference = z.strictObject({
  reference: z
    .string()
    .regex(/^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/, 'relative reference Type/id')
    .optional(),
  display: z.string().optional(),
  identifier: Identifier.optional(),
});
export type Reference = z.infer<typeof Reference>;

export const Quantity = z.strictObject({
  value: z.number().finite(),
  unit: z.string().optional(),
  system: z.literal('http://unitsofmeasure.org').optional(),
  code: z.string().optional(),
});
export type Quantity = z.infer<typeof Quantity>;

export const Meta = z.strictObject({
  versionId: z.string().optional(),
  lastUpdated: FhirInstant.optional(),
  source: z.string().optional(),
  profile: z.array(z.string()).optional(),
  tag: z.array(Coding).optional(),
  extension: z.array(Extension).optional(),
});
export type Meta = z.infer<typeof Meta>;

export const Attachment = z.strictObject({
  contentType: z.string().optional(),
  data: z.string().optional(),
  url: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  hash: z.string().optional(),
  title: z.string().optional(),
  creation: FhirInstant.optional(),
});

/** One CouchDB attachment stub or inline body. */
export const CouchAttachment = z.looseObject({
  content_type: z.string(),
  data: z.unknown().optional(),
  digest: z.string().optional(),
  length: z.number().optional(),
  stub: z.boolean().optional(),
  revpos: z.number().optional(),
});

/** The CouchDB envelope every stored resource carries; `_id` is always `${resourceType}/${id}`. */
export const envelope = {
  _id: z.string().min(1),
  _rev: z.string().optional(),
  _attachments: z.record(z.string(), CouchAttachment).optional(),
  _deleted: z.boolean().optional(),
  _conflicts: z.array(z.string()).optional(),
};

export const ENVELOPE_KEYS = [
  '_id',
  '_rev',
  '_attachments',
  '_deleted',
  '_conflicts',
  '_revisions',
  '_revs_info',
] as const;

/** The FHIR resource inside a stored document (what a FHIR server or validator sees). */
export function stripEnvelope<T extends object>(doc: T): Omit<T, (typeof ENVELOPE_KEYS)[number]> {
  const envelopeKeys: readonly string[] = ENVELOPE_KEYS;
  const entries = Object.entries(doc).filter(([key]) => !envelopeKeys.includes(key));
  return Object.fromEntries(entries) as Omit<T, (typeof ENVELOPE_KEYS)[number]>;
}

export function docId(resourceType: string, id: string): string {
  return `${resourceType}/${id}`;
}

/** `Patient/abc` → {resourceType:'Patient', id:'abc'}; null for design docs and anything else. */
export function parseDocId(value: string): { resourceType: string; id: string } | null {
  const match = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(value);
  return match === null ? null : { resourceType: match[1] ?? '', id: match[2] ?? '' };
}
