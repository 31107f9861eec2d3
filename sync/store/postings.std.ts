/**
 * The search index's layout, pure: postings grouped into few records. Chromium's IndexedDB keeps each record and
 * each index entry as LevelDB entries of about 55 bytes on disk whatever their size: a patient's 34 terms as
 * entries of their own (a multiEntry index) took 426 MiB for 100,000 patients. Grouped, a record holds every
 * posting of its group, and the whole index is some tens of thousands of records.
 * - `h` + 3 hex characters of an identifier's or phone's keyed hash (4,096 groups), term: the next 13;
 * - `f` + a number fragment window's keyed hash (8 hex, up to 10,000 groups), no term;
 * - `t` + a name token's first 3 letters, term: the token (a prefix read is one group, or a range of groups);
 * - `i` + an inner token's first 2 letters, term: the inner token.
 * A posting names a patient by its number in the index (`n`, given on first sight, kept over its edits). Postings
 * are added, never taken out: an edited patient's old terms stay behind, so every match is checked against the
 * patient's record before it is shown (the searches do: the index narrows, the record decides).
 */

export interface Posting {
  readonly group: string;
  readonly term: string;
}

/** A group's postings: parallel arrays, sorted by term then patient number, without repeats. */
export interface GroupValue {
  readonly t: string[];
  readonly n: number[];
}

export const HASH_GROUP_CHARS = 3;
const HASH_TERM_CHARS = 13;
export const TOKEN_GROUP_CHARS = 3;
export const INNER_GROUP_CHARS = 2;

export function hashPosting(hex: string): Posting {
  return {
    group: `h${hex.slice(0, HASH_GROUP_CHARS)}`,
    term: hex.slice(HASH_GROUP_CHARS, HASH_GROUP_CHARS + HASH_TERM_CHARS),
  };
}

export function fragmentPosting(hex: string): Posting {
  return { group: `f${hex}`, term: '' };
}

export function tokenPosting(token: string, inner: boolean): Posting {
  return inner
    ? { group: `i${token.slice(0, INNER_GROUP_CHARS)}`, term: token }
    : { group: `t${token.slice(0, TOKEN_GROUP_CHARS)}`, term: token };
}

/**
 * Where the postings of tokens starting with `prefix` are: one group when the prefix is at least a group key long,
 * else every group whose key starts with it (the groups of tokens shorter than a key included), in key order.
 */
export function tokenGroups(prefix: string, inner: boolean): { readonly from: string; readonly to: string } {
  const kind = inner ? 'i' : 't';
  const chars = inner ? INNER_GROUP_CHARS : TOKEN_GROUP_CHARS;
  if (prefix.length >= chars) {
    const group = `${kind}${prefix.slice(0, chars)}`;
    return { from: group, to: group };
  }
  return { from: `${kind}${prefix}`, to: `${kind}${prefix}\uffff` };
}

function compare(aTerm: string, aN: number, bTerm: string, bN: number): number {
  return aTerm < bTerm ? -1 : aTerm > bTerm ? 1 : aN - bN;
}

/** A group with `adds` merged in: sorted by term then number, each (term, number) once. */
export function mergeGroup(
  value: GroupValue | undefined,
  adds: readonly { readonly term: string; readonly n: number }[],
): GroupValue {
  const sorted = [...adds].sort((a, b) => compare(a.term, a.n, b.term, b.n));
  const t: string[] = [];
  const n: number[] = [];
  const push = (term: string, num: number): void => {
    const last = t.length - 1;
    if (last >= 0 && t[last] === term && n[last] === num) return;
    t.push(term);
    n.push(num);
  };
  const old = value ?? { t: [], n: [] };
  let i = 0;
  let j = 0;
  while (i < old.t.length || j < sorted.length) {
    const add = sorted[j];
    const oldTerm = old.t[i];
    const oldN = old.n[i];
    if (
      oldTerm !== undefined &&
      oldN !== undefined &&
      (add === undefined || compare(oldTerm, oldN, add.term, add.n) <= 0)
    ) {
      push(oldTerm, oldN);
      i += 1;
    } else if (add !== undefined) {
      push(add.term, add.n);
      j += 1;
    }
  }
  return { t, n };
}

/** The patient numbers of a group's postings whose term starts with `prefix` ('' for all), in term order. */
export function numbersUnder(value: GroupValue | undefined, prefix: string): number[] {
  if (value === undefined) return [];
  const out: number[] = [];
  value.t.forEach((term, i) => {
    const num = value.n[i];
    if (num !== undefined && term.startsWith(prefix)) out.push(num);
  });
  return out;
}

/** The patient numbers under one term exactly. */
export function numbersOf(value: GroupValue | undefined, term: string): number[] {
  if (value === undefined) return [];
  return value.n.filter((_, i) => value.t[i] === term);
}

/** The bucket of the document-id → number map a patient's id is kept in (4,096 buckets for `Patient/p<hex>` ids). */
export function numberBucket(docId: string): string {
  return docId.slice(0, 'Patient/p'.length + 3);
}

/** Patient numbers per record of the number → document-id table. */
export const ID_CHUNK = 256;
