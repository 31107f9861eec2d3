/**
 * The pure part of the identifier index (see identifierIndex.dom.ts): which identifiers of a stored document
 * count, how they become the index database's ids, and what a change to a patient adds and removes.
 * Ids hold only keyed hashes and the patient's document id (itself a keyed hash of the CID): never a raw value.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** An entry: `i:<hash>:<patient doc id>`. A lookup is the allDocs range of one hash's prefix. */
const ENTRY = 'i:';
/** The hashes a patient's entries currently use (so an edit can remove the stale ones): `p:<patient doc id>`. */
const HOLDER = 'p:';

export interface IdentifierPair {
  readonly system: string;
  readonly value: string;
}

/**
 * The identifiers the index holds for one document as the changes feed hands it over (the winning revision):
 * a live Patient's identifiers with a system and a value, deduplicated; nothing for anything else.
 */
export function indexedIdentifiers(doc: unknown): IdentifierPair[] {
  if (typeof doc !== 'object' || doc === null) return [];
  const record = doc as { resourceType?: unknown; _deleted?: unknown; identifier?: unknown };
  if (record.resourceType !== 'Patient' || record._deleted === true || !Array.isArray(record.identifier)) return [];
  const seen = new Map<string, IdentifierPair>();
  for (const item of record.identifier as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { system, value } = item as { system?: unknown; value?: unknown };
    if (typeof system === 'string' && typeof value === 'string' && system !== '' && value !== '') seen.set(hashInput({ system, value }), { system, value });
  }
  return [...seen.values()];
}

/** The text hashed for a pair: JSON, so no system or value can run into the other (a `|` in a system). */
export function hashInput(pair: IdentifierPair): string {
  return JSON.stringify([pair.system, pair.value]);
}

/**
 * The keyed hash of a pair (HMAC-SHA256 under the index database's own random key): an unkeyed hash of a
 * 13-digit CID could be reversed by trying every CID, so the ids would hold the CID in all but name.
 * The keyed state is prepared once and cloned per pair (half the compressions of a fresh HMAC).
 */
export function identifierHasher(key: Uint8Array): (pair: IdentifierPair) => string {
  const keyed = hmac.create(sha256, key);
  const encoder = new TextEncoder();
  return (pair) => bytesToHex(keyed.clone().update(encoder.encode(hashInput(pair))).digest());
}

export function entryId(hash: string, docId: string): string {
  return `${ENTRY}${hash}:${docId}`;
}

/** allDocs bounds of one hash's entries (hashes are fixed-length hex, so the `:` ends the prefix exactly). */
export function entryRange(hash: string): { startkey: string; endkey: string } {
  return { startkey: `${ENTRY}${hash}:`, endkey: `${ENTRY}${hash}:\uffff` };
}

/** The patient document id an entry points at, or null for ids that are not entries. */
export function entryDocId(id: string): string | null {
  if (!id.startsWith(ENTRY)) return null;
  const colon = id.indexOf(':', ENTRY.length);
  return colon < 0 ? null : id.slice(colon + 1);
}

export function holderId(docId: string): string {
  return `${HOLDER}${docId}`;
}

/** What one document's change does to its entries: those of hashes it no longer has, those of hashes it gained. */
export function entryChanges(docId: string, before: readonly string[], after: readonly string[]): { remove: string[]; add: string[] } {
  const was = new Set(before);
  const now = new Set(after);
  return {
    remove: [...was].filter((hash) => !now.has(hash)).map((hash) => entryId(hash, docId)),
    add: [...now].filter((hash) => !was.has(hash)).map((hash) => entryId(hash, docId)),
  };
}
