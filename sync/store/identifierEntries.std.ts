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
import { fragmentPosting, hashPosting, tokenPosting, type Posting } from './postings.std.js';
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

/** Hex characters kept of a fragment window's hash (32 bits: its group key; a collision merges two windows' lists, and every match is checked against the record). */
const FRAGMENT_HASH_CHARS = 8;
/** Window hashes kept by one hasher before it starts over (digits alone make 10,000). */
const FRAGMENT_MEMO = 50_000;

/** A row of the changes feed read with include_docs (the winning revision, or a deletion's stub). */
export interface ChangedDoc {
  readonly id: string;
  readonly deleted?: boolean;
  readonly doc?: unknown;
}

/** A visit as the visit index keeps it: today's queue reads it by start, a patient's last visit by subject. */
export interface VisitEntry {
  readonly id: string;
  readonly start: string;
  /** `Patient/<id>`, as the Encounter names it. */
  readonly subject: string;
}

/** A reading (Observation) as the reading index keeps it: a patient's readings, newest first. */
export interface ReadingEntry {
  readonly id: string;
  readonly subject: string;
  readonly at: string;
}

/**
 * What changes do to the index, by document id (a later change of one id replaces an earlier one): a live patient's
 * postings (postings.std.ts), or null when it is deleted; a visit's or reading's entry, or null when it has none.
 */
export interface IndexWrites {
  readonly patients: Map<string, readonly Posting[] | null>;
  readonly visits: Map<string, VisitEntry | null>;
  readonly readings: Map<string, ReadingEntry | null>;
}

export function noWrites(): IndexWrites {
  return { patients: new Map(), visits: new Map(), readings: new Map() };
}

const ENCOUNTER_PREFIX = docId('Encounter', '');
const OBSERVATION_PREFIX = docId('Observation', '');

function stringAt(doc: unknown, ...path: string[]): string | null {
  let at: unknown = doc;
  for (const key of path) at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
  return typeof at === 'string' ? at : null;
}

/** A live Encounter's entry (one with a start and a subject), null for anything else. */
export function visitEntry(id: string, doc: unknown): VisitEntry | null {
  if (stringAt(doc, 'resourceType') !== 'Encounter' || (doc as { _deleted?: unknown })._deleted === true) return null;
  const start = stringAt(doc, 'period', 'start');
  const subject = stringAt(doc, 'subject', 'reference');
  return start === null || subject === null ? null : { id, start, subject };
}

/** A live Observation's entry (one with a time and a subject), null for anything else. */
export function readingEntry(id: string, doc: unknown): ReadingEntry | null {
  if (stringAt(doc, 'resourceType') !== 'Observation' || (doc as { _deleted?: unknown })._deleted === true) return null;
  const at = stringAt(doc, 'effectiveDateTime');
  const subject = stringAt(doc, 'subject', 'reference');
  return at === null || subject === null ? null : { id, subject, at };
}

/** A live patient's postings: its identifier and phone hashes, number fragment windows, name and inner tokens. */
export function patientPostings(doc: unknown, hash: (pair: IdentifierPair) => string): Posting[] {
  const identifiers = indexedIdentifiers(doc);
  return [
    ...identifiers.map((pair) => hashPosting(hash(pair))),
    ...fragmentPairs(identifiers).map((pair) => fragmentPosting(hash(pair))),
    ...indexedNameTokens(doc).map((token) => tokenPosting(token, false)),
    ...indexedInnerTokens(doc).map((token) => tokenPosting(token, true)),
  ];
}

/**
 * Adds a page of changes to `into` (documents other than patients, visits and readings write nothing; a deletion
 * is told apart by its id, since its stub carries no resourceType). Entries replace whole, so a page is idempotent.
 */
export function indexWrites(
  rows: readonly ChangedDoc[],
  hash: (pair: IdentifierPair) => string,
  into: IndexWrites = noWrites(),
): IndexWrites {
  for (const row of rows) {
    const doc = row.deleted === true ? null : row.doc;
    if (row.id.startsWith(PATIENT_PREFIX))
      into.patients.set(row.id, doc === null || !isLivePatient(doc) ? null : patientPostings(doc, hash));
    else if (row.id.startsWith(ENCOUNTER_PREFIX)) into.visits.set(row.id, visitEntry(row.id, doc));
    else if (row.id.startsWith(OBSERVATION_PREFIX)) into.readings.set(row.id, readingEntry(row.id, doc));
  }
  return into;
}

function isLivePatient(doc: unknown): boolean {
  return stringAt(doc, 'resourceType') === 'Patient' && (doc as { _deleted?: unknown })._deleted !== true;
}
