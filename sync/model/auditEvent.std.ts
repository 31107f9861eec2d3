/**
 * FHIR R4 AuditEvent documents: what the replication layer keeps so nothing is lost silently. When the
 * conflict rules settle a conflict, every losing revision is kept whole (base64 JSON) in an AuditEvent.
 */
import { z } from 'zod';
import { CodeableConcept, Coding, FhirId, FhirInstant, Meta, Reference, envelope, docId } from './fhir.std.js';
import { buildMeta } from './meta.std.js';
import { AUDIT_ARCHIVE_TYPE } from './systems.std.js';
import { withContentId } from './contentId.std.js';
import { base64ToBytes, bytesToBase64 } from './base64.std.js';

const Entity = z.strictObject({
  what: Reference.optional(),
  type: Coding.optional(),
  description: z.string().optional(),
  detail: z
    .array(
      z.strictObject({
        type: z.string().min(1),
        valueString: z.string().optional(),
        valueBase64Binary: z.string().optional(),
      }),
    )
    .optional(),
});

export const AuditEventDoc = z.strictObject({
  ...envelope,
  resourceType: z.literal('AuditEvent'),
  id: FhirId,
  meta: Meta,
  type: Coding,
  subtype: z.array(Coding).optional(),
  action: z.enum(['C', 'R', 'U', 'D', 'E']).optional(),
  recorded: FhirInstant,
  outcome: z.enum(['0', '4', '8', '12']).optional(),
  outcomeDesc: z.string().optional(),
  agent: z
    .array(z.strictObject({ type: CodeableConcept.optional(), who: Reference.optional(), requestor: z.boolean() }))
    .min(1),
  source: z.strictObject({ observer: Reference, site: z.string().optional() }),
  entity: z.array(Entity).optional(),
});
export type AuditEventDoc = z.infer<typeof AuditEventDoc>;

const base64 = {
  encode: (text: string): string => bytesToBase64(new TextEncoder().encode(text)),
  decode: (text: string): string => new TextDecoder().decode(base64ToBytes(text)),
};
export { base64 };

export interface ArchiveInput {
  readonly id: string;
  readonly stationId: string;
  readonly hcode: string;
  readonly at: string;
  /** The document the conflict was on (Patient/…, Encounter/…). */
  readonly target: string;
  /** The revisions that lost, whole, so an IT person can restore any of them. */
  readonly losers: readonly object[];
  readonly rule: string;
}

export function conflictArchive(input: ArchiveInput): AuditEventDoc {
  const doc: AuditEventDoc = {
    _id: docId('AuditEvent', input.id),
    resourceType: 'AuditEvent',
    id: input.id,
    meta: buildMeta({ stationId: input.stationId, at: input.at, source: 'system' }),
    type: { system: AUDIT_ARCHIVE_TYPE, code: 'conflict-resolved', display: 'Replication conflict settled by rule' },
    action: 'U',
    recorded: input.at,
    outcome: '0',
    outcomeDesc: input.rule,
    agent: [{ who: { identifier: { system: 'urn:clinic-edge:station', value: input.stationId } }, requestor: false }],
    source: {
      observer: { identifier: { system: 'urn:clinic-edge:station', value: input.stationId } },
      site: input.hcode,
    },
    entity: [
      {
        what: { reference: input.target },
        detail: input.losers.map((loser, index) => ({
          type: `losing-revision-${index + 1}`,
          valueBase64Binary: base64.encode(JSON.stringify(loser)),
        })),
      },
    ],
  };
  return AuditEventDoc.parse(withContentId(doc, input.id));
}

export function archivedRevisions(audit: AuditEventDoc): unknown[] {
  return (audit.entity ?? []).flatMap((entity) =>
    (entity.detail ?? []).map((detail) => JSON.parse(base64.decode(detail.valueBase64Binary ?? '""')) as unknown),
  );
}
