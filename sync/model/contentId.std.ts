/**
 * Content ids for the records that never change once written (Observation, AuditEvent, Media): the id ends in 40 hex
 * characters of SHA-256 over the record's sealed part (canonical JSON), so central's validate_doc_update can
 * refuse any other body under that id whatever revision it arrives on, even a foreign branch pushed with
 * `new_edits=false`, where CouchDB gives the rule no old document. The sealed part is the whole record less
 * the envelope and the id; an Observation also leaves out what marking it entered-in-error changes: `status`
 * and who/when (`meta.lastUpdated`, `meta.source`). Central computes the same hash in ES5
 * (sync/central/contentHashSource.std.ts); a unit test holds the two equal.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonicalJson.std.js';
import { docId } from './fhir.std.js';

/** Types whose ids are content ids. */
export const CONTENT_ID_TYPES = ['Observation', 'AuditEvent', 'Media'] as const;
/** Top-level keys outside the sealed part of every content-id record. */
export const UNSEALED_KEYS = [
  '_id',
  '_rev',
  '_revisions',
  '_revs_info',
  '_attachments',
  '_conflicts',
  '_deleted',
  'id',
] as const;
/** What marking an Observation entered-in-error may change besides `status`. */
export const OBSERVATION_UNSEALED_META = ['lastUpdated', 'source'] as const;
export const CONTENT_HASH_LENGTH = 40;

function without(record: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!keys.includes(key)) out[key] = value;
  return out;
}

/** The part of a record its content id covers. */
export function sealedPart(doc: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out = without(doc, UNSEALED_KEYS);
  if (doc['resourceType'] !== 'Observation') return out;
  delete out['status'];
  const meta = doc['meta'];
  if (typeof meta === 'object' && meta !== null && !Array.isArray(meta))
    out['meta'] = without(meta as Record<string, unknown>, OBSERVATION_UNSEALED_META);
  return out;
}

/** 40 hex characters of SHA-256 over the canonical JSON of the sealed part. */
export function contentHash(doc: Readonly<Record<string, unknown>>): string {
  return bytesToHex(sha256(new TextEncoder().encode(canonicalJson(sealedPart(doc))))).slice(0, CONTENT_HASH_LENGTH);
}

/** The record under its content id `<time id>-<hash>` (63 characters with a 22-character time id). */
export function withContentId<T extends { readonly _id: string; readonly id: string; readonly resourceType: string }>(
  doc: T,
  timeId: string,
): T {
  const id = `${timeId}-${contentHash(doc)}`;
  return { ...doc, id, _id: docId(doc.resourceType, id) };
}

/** Whether a record's id carries the hash of its content. */
export function hasContentId(doc: Readonly<Record<string, unknown>>): boolean {
  const id = doc['id'];
  return typeof id === 'string' && id.endsWith(`-${contentHash(doc)}`);
}
