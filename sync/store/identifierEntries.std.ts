/**
 * The pure part of the identifier index (see identifierIndex.dom.ts): which identifiers of a stored document
 * count, how they are hashed, and what a page of the main database's changes feed writes to the index.
 * The index holds only keyed hashes and the patient's document id (itself a keyed hash of the CID): never a raw value.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { docId } from '../model/fhir.std.js';
import { TH_CID } from '../model/systems.std.js';
import {
  fragmentText,
  fragmentWindows,
  innerTokens,
  nameTokens,
  phoneDigits,
  type NameParts,
} from './searchText.std.js';

const PATIENT_PREFIX = docId('Patient', '');

export interface IdentifierPair {
  readonly system: string;
  readonly value: string;
}

/** The pseudo-system a patient's phone numbers are hashed under (0 and 8-9 digits, as `phoneDigits` gives them). */
export const PHONE_KEY = 'urn:clinic-edge:index:phone';

/** The pseudo-system every 4-digit window of a patient's HN, CID and phone numbers is hashed under (searchText's fragmentWindows). */
export const FRAGMENT_KEY = 'urn:clinic-edge:index:fragment';

/** An HN's system, whatever the hospital code: `https://terms.sil-th.org/hcode/5/<hcode>/HN`. */
const HN_SYSTEM = /^https:\/\/terms\.sil-th\.org\/hcode\/5\/[^/]+\/HN$/;

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
    if (typeof system === 'string' && typeof value === 'string' && system !== '' && value !== '')
      seen.set(hashInput({ system, value }), { system, value });
  }
  for (const phone of phonesOf(doc))
    seen.set(hashInput({ system: PHONE_KEY, value: phone }), { system: PHONE_KEY, value: phone });
  return [...seen.values()];
}

/** The values a number fragment is looked for in: a live Patient's HNs, CID and phone numbers. */
function fragmentSources(identifiers: readonly IdentifierPair[]): string[] {
  return identifiers
    .filter(({ system }) => system === TH_CID || system === PHONE_KEY || HN_SYSTEM.test(system))
    .map(({ value }) => value);
}

/** The window pairs hashed for a patient's number fragments (every 4 digits of each HN, CID and phone). */
export function fragmentPairs(identifiers: readonly IdentifierPair[]): IdentifierPair[] {
  return [...new Set(fragmentSources(identifiers).flatMap(fragmentWindows))].map((window) => ({
    system: FRAGMENT_KEY,
    value: window,
  }));
}

/** Whether a patient's HN, CID or a phone number holds `fragment` (fragmentText form): the check after a window lookup. */
export function holdsFragment(doc: unknown, fragment: string): boolean {
  return fragmentSources(indexedIdentifiers(doc)).some((value) => fragmentText(value).includes(fragment));
}

/** A Patient's phone numbers, normalised (telecom entries of system phone). */
export function phonesOf(doc: unknown): string[] {
  const telecom = (doc as { telecom?: unknown }).telecom;
  if (!Array.isArray(telecom)) return [];
  return telecom
    .map((item: unknown) =>
      typeof item === 'object' && item !== null && (item as { system?: unknown }).system === 'phone'
        ? (item as { value?: unknown }).value
        : null,
    )
    .map((value) => (typeof value === 'string' ? phoneDigits(value) : null))
    .filter((value): value is string => value !== null);
}

/** The names of a live Patient as the index cuts them, nothing for anything else. */
function indexedNames(doc: unknown): NameParts[] {
  if (typeof doc !== 'object' || doc === null) return [];
  const record = doc as { resourceType?: unknown; _deleted?: unknown; name?: unknown };
  if (record.resourceType !== 'Patient' || record._deleted === true || !Array.isArray(record.name)) return [];
  const names = (record.name as unknown[]).filter(
    (name): name is NameParts => typeof name === 'object' && name !== null,
  );
  return names.map((name) => ({
    given: Array.isArray(name.given) ? name.given.filter((part): part is string => typeof part === 'string') : [],
    family: typeof name.family === 'string' ? name.family : '',
  }));
}

/** The name tokens of a live Patient (search by name), nothing for anything else. */
export function indexedNameTokens(doc: unknown): string[] {
  return nameTokens(indexedNames(doc));
}

/** The inner tokens of a live Patient's Thai names (a fragment inside a word), nothing for anything else. */
export function indexedInnerTokens(doc: unknown): string[] {
  return innerTokens(indexedNames(doc));
}

/** The text hashed for a pair: JSON, so no system or value can run into the other (a `|` in a system). */
export function hashInput(pair: IdentifierPair): string {
  return JSON.stringify([pair.system, pair.value]);
}

/**
 * The keyed hash of a pair (HMAC-SHA256 under the index database's own random key): an unkeyed hash of a
 * 13-digit CID could be reversed by trying every CID, so the index would hold the CID in all but name.
 * The keyed state is prepared once and cloned per pair (half the compressions of a fresh HMAC).
 */
export function identifierHasher(key: Uint8Array): (pair: IdentifierPair) => string {
  const keyed = hmac.create(sha256, key);
  const encoder = new TextEncoder();
  const full = (pair: IdentifierPair): string =>
    bytesToHex(
      keyed
        .clone()
        .update(encoder.encode(hashInput(pair)))
        .digest(),
    );
  // A fragment window is one of few values (10,000 for digits) repeated in every patient's record: each is hashed
  // once and kept, and stored short, since every match is checked against the record (a collision costs one read).
  const windows = new Map<string, string>();
  return (pair) => {
    if (pair.system !== FRAGMENT_KEY) return full(pair);
    let found = windows.get(pair.value);
    if (found === undefined) {
      if (windows.size >= FRAGMENT_MEMO) windows.clear();
      found = full(pair).slice(0, FRAGMENT_HASH_CHARS);
      windows.set(pair.value, found);
    }
    return found;
  };
}

/** Hex characters kept of a fragment window's hash (64 bits: collisions stay rare, each one costs a checked read). */
const FRAGMENT_HASH_CHARS = 16;
/** Window hashes kept by one hasher before it starts over (digits alone make 10,000). */
const FRAGMENT_MEMO = 50_000;

/**
 * One patient's record in the index: the hashes of its winning revision's identifiers and phone numbers (sorted,
 * unique), and its name tokens in plain text (a name search reads them by prefix; the names are in the main
 * database as they are, so this holds nothing it does not).
 */
export interface PatientHashes {
  readonly docId: string;
  readonly hashes: string[];
  readonly tokens: string[];
  /** Ends of its Thai name words (searchText's innerTokens), read by prefix after the tokens. */
  readonly inner: string[];
  /** Keyed hashes of every 4-digit window of its HNs, CID and phone numbers (fragmentPairs), sorted. */
  readonly fragments: string[];
}

/** A row of the changes feed read with include_docs (the winning revision, or a deletion's stub). */
export interface ChangedDoc {
  readonly id: string;
  readonly deleted?: boolean;
  readonly doc?: unknown;
}

/** One write to the index: a patient's record replaced whole, or removed. */
export type IndexWrite = { readonly put: PatientHashes } | { readonly remove: string };

/**
 * What a page of changes does to the index: each patient's record replaced by the hashes it holds now (the
 * store's multiEntry indexes then drop the stale ones themselves), or removed when it holds none and no name (deleted). Rows of
 * other documents (visits and observations, most of the feed) write nothing; a deletion is told apart by its
 * id, since its stub carries no resourceType. Replacing whole records makes a page idempotent.
 */
export function indexWrites(rows: readonly ChangedDoc[], hash: (pair: IdentifierPair) => string): IndexWrite[] {
  const writes: IndexWrite[] = [];
  for (const row of rows) {
    const identifiers = row.deleted === true ? [] : indexedIdentifiers(row.doc);
    const tokens = row.deleted === true ? [] : indexedNameTokens(row.doc);
    if (identifiers.length === 0 && tokens.length === 0 && !row.id.startsWith(PATIENT_PREFIX)) continue;
    const hashes = identifiers.map(hash).sort();
    const inner = row.deleted === true ? [] : indexedInnerTokens(row.doc);
    const fragments = fragmentPairs(identifiers).map(hash).sort();
    writes.push(
      hashes.length === 0 && tokens.length === 0
        ? { remove: row.id }
        : { put: { docId: row.id, hashes, tokens, inner, fragments } },
    );
  }
  return writes;
}
