/**
 * FHIR R4 Encounter (an outpatient visit) with its queue number. Queue numbers are station-partitioned:
 * `<station prefix>-<n>` where the prefix is the station's name given at central provisioning (unique per
 * hospital, because it is the CouchDB user name) and n counts this station's visits of the day in its own
 * store. Two stations working offline therefore can never hand out the same number: their prefixes differ.
 */
import { z } from 'zod';
import {
  CodeableConcept,
  Coding,
  Extension,
  FhirId,
  Identifier,
  Meta,
  Period,
  Reference,
  envelope,
  docId,
} from './fhir.std.js';
import { servicePointConcept, visitRightExtension, visitTypeConcept, type VisitDetails } from './visitDetails.std.js';
import { buildMeta } from './meta.std.js';
import { ACT_CODE, QUEUE_SYSTEM, TH_HCODE, thLocalSystem } from './systems.std.js';

/** Later states win a conflict: a visit that one station finished is not reopened by another's older copy. */
export const ENCOUNTER_STATUS_ORDER = [
  'planned',
  'arrived',
  'triaged',
  'in-progress',
  'onleave',
  'finished',
  'cancelled',
  'entered-in-error',
] as const;
export const EncounterStatus = z.enum(ENCOUNTER_STATUS_ORDER);
export type EncounterStatus = z.infer<typeof EncounterStatus>;

export const EncounterDoc = z.strictObject({
  ...envelope,
  resourceType: z.literal('Encounter'),
  id: FhirId,
  meta: Meta,
  /** The visit's right (visitDetails.std.ts) and the queue's "called for screening" mark (queueStage.std.ts). */
  extension: z.array(Extension).optional(),
  identifier: z.array(Identifier).optional(),
  status: EncounterStatus,
  class: Coding,
  type: z.array(CodeableConcept).optional(),
  serviceType: CodeableConcept.optional(),
  subject: Reference,
  period: Period,
  reasonCode: z.array(CodeableConcept).optional(),
  serviceProvider: Reference.optional(),
});
export type EncounterDoc = z.infer<typeof EncounterDoc>;

export const QueuePrefix = z.string().regex(/^[A-Z0-9]{1,8}$/, 'queue prefix: 1-8 of A-Z 0-9');

/** The station's queue prefix from its provisioned name ("opd-1" → "OPD1"). */
export function queuePrefixFor(stationName: string): string {
  const prefix = stationName
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 8);
  return QueuePrefix.parse(prefix === '' ? 'Q' : prefix);
}

export function formatQueueNumber(prefix: string, n: number): string {
  return `${QueuePrefix.parse(prefix)}-${String(n).padStart(3, '0')}`;
}

/** The next number for this station today, from the numbers it already gave out today (its own store). */
export function nextQueueNumber(prefix: string, givenToday: readonly string[]): string {
  let max = 0;
  for (const value of givenToday) {
    const match = /^([A-Z0-9]+)-(\d+)$/.exec(value);
    if (match?.[1] === prefix) max = Math.max(max, Number(match[2]));
  }
  return formatQueueNumber(prefix, max + 1);
}

/** The Patient id a visit is for (`Patient/<id>` → `<id>`). */
export function encounterPatientId(encounter: Pick<EncounterDoc, 'subject'>): string {
  return (encounter.subject.reference ?? '').replace(/^Patient\//, '');
}

export function queueNumberOf(encounter: Pick<EncounterDoc, 'identifier'>): string | null {
  return encounter.identifier?.find((id) => id.system === QUEUE_SYSTEM)?.value ?? null;
}

export interface EncounterBuildContext {
  readonly encounterId: string;
  readonly patientId: string;
  readonly hcode: string;
  readonly stationId: string;
  readonly at: string;
  readonly queueNumber: string;
  readonly reason?: string | undefined;
  /** Clinic, visit type and the card's right, as the front desk chose and read them. */
  readonly details?: VisitDetails | undefined;
}

export function newVisit(context: EncounterBuildContext): EncounterDoc {
  const encounter: EncounterDoc = {
    _id: docId('Encounter', context.encounterId),
    resourceType: 'Encounter',
    id: context.encounterId,
    meta: buildMeta({ stationId: context.stationId, at: context.at, source: 'manual' }),
    identifier: [
      { use: 'official', system: thLocalSystem(context.hcode, 'VN'), value: context.encounterId },
      { use: 'temp', system: QUEUE_SYSTEM, value: context.queueNumber },
    ],
    status: 'arrived',
    class: { system: ACT_CODE, code: 'AMB', display: 'ambulatory' },
    subject: { reference: `Patient/${context.patientId}` },
    period: { start: context.at },
    serviceProvider: { identifier: { system: TH_HCODE, value: context.hcode } },
  };
  if (context.reason !== undefined && context.reason.trim() !== '')
    encounter.reasonCode = [{ text: context.reason.trim() }];
  const details = context.details;
  if (details?.right != null) encounter.extension = [visitRightExtension(details.right)];
  if (details?.visitType !== undefined) encounter.type = [visitTypeConcept(details.visitType)];
  if (details?.servicePoint !== undefined) encounter.serviceType = servicePointConcept(details.servicePoint);
  return EncounterDoc.parse(encounter);
}

/** A status change (triage, finish, cancel): a new revision of the same document. */
export function withEncounterStatus(
  encounter: EncounterDoc,
  status: EncounterStatus,
  at: string,
  stationId: string,
): EncounterDoc {
  const next: EncounterDoc = { ...encounter, status, meta: buildMeta({ stationId, at, source: 'manual' }) };
  if (status === 'finished' || status === 'cancelled') next.period = { ...encounter.period, end: at };
  return EncounterDoc.parse(next);
}
