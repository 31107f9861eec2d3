/**
 * Conflict rules, pure. Given every live revision of one document (CouchDB's winner and its `_conflicts`),
 * decide the merged document and the revisions that lose. Losing revisions are returned whole so the caller
 * keeps them (an AuditEvent archive) before deleting them: no edit is ever dropped without a trace.
 *  - Patient: field-wise. Each field group takes the value of the revision that changed it last (the field
 *    times in meta: a card read stamps the fields it carries), identifiers are the union of all revisions.
 *  - Encounter: the revision furthest along the queue (status order, called above waiting: queueStage.std.ts)
 *    wins whole (finished beats arrived); of two calls of one visit the earlier wins, so the nurse who called
 *    first keeps the patient and the other station is told (queueCall.std.ts); except that an
 *    NHSO authen code one station stored is kept when another station's revision wins (the code is asked once).
 *  - Observation: immutable, so revisions differ at most in status; entered-in-error wins. Anything else
 *    changed is listed for IT.
 *  - Device: the latest change wins. AuditEvent, Media (photos: content ids, never changed) and unknown shapes: listed for IT.
 * The result does not depend on the order the revisions come in (fast-check tests it).
 */
import { QUEUE_CALLED_EXT, callRound, queueRank } from '../model/queueStage.std.js';
import { TH_NHSO_CLAIM_CODE } from '../model/systems.std.js';
import { PATIENT_FIELDS, type PatientLink } from '../model/patient.std.js';
import { readFieldTimes, withFieldTimes } from '../model/meta.std.js';
import type { Extension, Identifier, Meta } from '../model/fhir.std.js';

export interface Revision {
  readonly _id: string;
  readonly _rev: string;
  readonly resourceType?: unknown;
  readonly meta?: Meta;
  readonly [key: string]: unknown;
}

/** `invalid_merge`: the rules' result is not a valid record (a revision from central that breaks the schema), so it is not written. */
export type ManualReason =
  | 'observation_changed'
  | 'unsupported_type'
  | 'mixed_types'
  | 'audit_event'
  | 'photo_changed'
  | 'invalid_merge';

export type Resolution =
  | {
      readonly kind: 'resolved';
      readonly rule: string;
      readonly merged: Revision;
      readonly losers: readonly Revision[];
    }
  | { readonly kind: 'manual'; readonly reason: ManualReason; readonly revs: readonly string[] };

/** CouchDB's own winner order: higher generation, then the greater hash. */
export function compareRevs(a: string | undefined, b: string | undefined): number {
  // A record not stored yet (a merge survivor being made) has no revision: it sorts first.
  const [genA = '0', hashA = ''] = (a ?? '0-').split('-');
  const [genB = '0', hashB = ''] = (b ?? '0-').split('-');
  const byGen = Number(genA) - Number(genB);
  if (byGen !== 0) return byGen;
  return hashA < hashB ? -1 : hashA > hashB ? 1 : 0;
}

function generation(rev: string): number {
  return Number.parseInt(rev, 10);
}

/**
 * A conflict is settled when its winner is a generation above every other live revision: the resolver writes
 * the merged revision there, and central keeps the losing revisions (a station may not delete them) below it.
 */
export function settledConflict(winnerRev: string, conflicts: readonly string[]): boolean {
  return conflicts.every((rev) => generation(rev) < generation(winnerRev));
}

function byRevDesc(revisions: readonly Revision[]): Revision[] {
  return [...revisions].sort((a, b) => compareRevs(b._rev, a._rev));
}

function lastUpdated(revision: Revision): string {
  return revision.meta?.lastUpdated ?? '';
}

/** The later of two ISO instants compared as instants (offsets differ between stations). */
function timeValue(value: string | undefined): number {
  const ms = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isFinite(ms) ? ms : -Infinity;
}

/** Pick the revision with the greatest key; ties go to the CouchDB winner order, so input order never matters. */
function pickMax(revisions: readonly Revision[], key: (revision: Revision) => number): Revision {
  return pickMaxBy(revisions, (revision) => [key(revision)]);
}

function identifierKey(identifier: Identifier): string {
  return `${identifier.system}|${identifier.value}`;
}

/**
 * Field-wise merge of several records of one person onto `base`: each field group from the record that
 * changed it last, identifiers and links united. A record `replaced-by` another is inactive for good, whatever
 * a later edit of that record said (patientMerge.std.ts). Used for conflicting revisions and for merging a
 * provisional-key patient into the hospital-keyed one.
 */
export function mergePatientRecords(base: Revision, records: readonly Revision[]): Revision {
  const merged: Record<string, unknown> = { ...base };
  const times: Record<string, string> = {};
  for (const field of PATIENT_FIELDS) {
    const fieldTime = (revision: Revision): number =>
      timeValue(readFieldTimes(revision.meta)[field] ?? revision.meta?.lastUpdated);
    const source = pickMax(records, fieldTime);
    if (source[field] === undefined) Reflect.deleteProperty(merged, field);
    else merged[field] = source[field];
    const at = readFieldTimes(source.meta)[field] ?? source.meta?.lastUpdated;
    if (at !== undefined) times[field] = at;
    if (field === 'photo') {
      if (source['_attachments'] === undefined) Reflect.deleteProperty(merged, '_attachments');
      else merged['_attachments'] = source['_attachments'];
    }
  }
  const ordered = [base, ...byRevDesc(records)];
  merged['identifier'] = unite(ordered, 'identifier', (identifier: Identifier) => identifierKey(identifier));
  const links = unite(ordered, 'link', (link: PatientLink) => `${link.type}|${link.other.reference ?? ''}`);
  if (links.length > 0) merged['link'] = links;
  else Reflect.deleteProperty(merged, 'link');
  if (links.some((link) => link.type === 'replaced-by')) merged['active'] = false;
  const latest = pickMax(records, (revision) => timeValue(lastUpdated(revision)));
  merged['meta'] = withFieldTimes(
    { ...(base.meta ?? {}), lastUpdated: latest.meta?.lastUpdated ?? lastUpdated(base) },
    times,
  );
  return merged as Revision;
}

/** The union of an array field over records, first occurrence kept, in record order. */
function unite<T>(records: readonly Revision[], field: string, key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const record of records) {
    for (const item of (record[field] as T[] | undefined) ?? []) if (!seen.has(key(item))) seen.set(key(item), item);
  }
  return [...seen.values()];
}

function mergePatient(revisions: readonly Revision[]): Resolution {
  const base = byRevDesc(revisions)[0];
  if (base === undefined) throw new Error('no revisions');
  const merged = mergePatientRecords(base, revisions);
  return {
    kind: 'resolved',
    rule: 'patient-fieldwise',
    merged,
    losers: byRevDesc(revisions).filter((revision) => revision._rev !== base._rev),
  };
}

function winnerTakesAll(revisions: readonly Revision[], rule: string, key: (revision: Revision) => number): Resolution {
  return winnerOf(revisions, rule, pickMax(revisions, key));
}

function winnerOf(revisions: readonly Revision[], rule: string, winner: Revision): Resolution {
  return {
    kind: 'resolved',
    rule,
    merged: winner,
    losers: byRevDesc(revisions).filter((revision) => revision._rev !== winner._rev),
  };
}

/** The earlier call of a called revision first (negated time); 0 for any other stage. */
function callPrecedence(revision: Revision): number {
  if (queueRank(revision) % 2 === 0) return 0;
  const extensions = Array.isArray(revision['extension']) ? (revision['extension'] as Extension[]) : [];
  const at = timeValue(extensions.find((item) => item.url === QUEUE_CALLED_EXT)?.valueInstant);
  return at === -Infinity ? -Number.MAX_SAFE_INTEGER : -at;
}

/**
 * The queue stage first (status order, a called visit above a waiting one); of two calls, a take-over made knowing
 * the other call (a higher round), else the earlier call, since the patient answered it first and that nurse may
 * already be measuring (a later call taking the visit would switch the patient under her hands); then the later change.
 */
function encounterWinner(revisions: readonly Revision[]): Revision {
  const keys = (revision: Revision): readonly number[] => [
    queueRank(revision),
    callRound(revision),
    callPrecedence(revision),
    timeValue(lastUpdated(revision)),
  ];
  return pickMaxBy(revisions, keys);
}

/** pickMax over keys compared in turn. */
function pickMaxBy(revisions: readonly Revision[], keys: (revision: Revision) => readonly number[]): Revision {
  const sorted = byRevDesc(revisions);
  let best = sorted[0];
  if (best === undefined) throw new Error('no revisions');
  for (const revision of sorted) if (compareKeys(keys(revision), keys(best)) > 0) best = revision;
  return best;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < a.length; index += 1) {
    const diff = (a[index] ?? 0) - (b[index] ?? 0);
    if (diff !== 0 && !Number.isNaN(diff)) return diff;
  }
  return 0;
}

function claimCodeIdentifier(revision: Revision): Identifier | undefined {
  const identifiers = Array.isArray(revision['identifier']) ? (revision['identifier'] as Identifier[]) : [];
  return identifiers.find((identifier) => identifier.system === TH_NHSO_CLAIM_CODE);
}

/** A winner without the visit's authen code takes it from the latest revision that has one. */
function keepClaimCode(resolution: Resolution, revisions: readonly Revision[]): Resolution {
  if (resolution.kind !== 'resolved' || claimCodeIdentifier(resolution.merged) !== undefined) return resolution;
  const carriers = revisions.filter((revision) => claimCodeIdentifier(revision) !== undefined);
  if (carriers.length === 0) return resolution;
  const code = claimCodeIdentifier(pickMax(carriers, (revision) => timeValue(lastUpdated(revision))));
  if (code === undefined) return resolution;
  const identifiers = Array.isArray(resolution.merged['identifier'])
    ? (resolution.merged['identifier'] as Identifier[])
    : [];
  return { ...resolution, merged: { ...resolution.merged, identifier: [...identifiers, code] } };
}

const IMMUTABLE_OBSERVATION_FIELDS = [
  'code',
  'subject',
  'encounter',
  'effectiveDateTime',
  'valueQuantity',
  'component',
  'device',
  'category',
  'valueString',
];

function observationCore(revision: Revision): string {
  return JSON.stringify(IMMUTABLE_OBSERVATION_FIELDS.map((field) => revision[field] ?? null));
}

export function resolveConflict(revisions: readonly Revision[]): Resolution {
  const revs = byRevDesc(revisions).map((revision) => revision._rev);
  if (revisions.length < 2) {
    const only = revisions[0];
    if (only === undefined) throw new Error('no revisions');
    return { kind: 'resolved', rule: 'single', merged: only, losers: [] };
  }
  const types = new Set(revisions.map((revision) => revision.resourceType));
  if (types.size !== 1) return { kind: 'manual', reason: 'mixed_types', revs };
  switch (revisions[0]?.resourceType) {
    case 'Patient':
      return mergePatient(revisions);
    case 'Encounter':
      return keepClaimCode(winnerOf(revisions, 'encounter-status-order', encounterWinner(revisions)), revisions);
    case 'Observation': {
      if (new Set(revisions.map(observationCore)).size !== 1)
        return { kind: 'manual', reason: 'observation_changed', revs };
      return winnerTakesAll(revisions, 'observation-status', (revision) =>
        revision['status'] === 'entered-in-error' ? 1 : 0,
      );
    }
    case 'Device':
      return winnerTakesAll(revisions, 'device-latest', (revision) => timeValue(lastUpdated(revision)));
    case 'AuditEvent':
      return { kind: 'manual', reason: 'audit_event', revs };
    // A content id: two revisions can only differ if one was forged.
    case 'Media':
      return { kind: 'manual', reason: 'photo_changed', revs };
    default:
      return { kind: 'manual', reason: 'unsupported_type', revs };
  }
}
