/**
 * The pure part of patient search (patientSearch.dom.ts): how names are normalised and cut into the tokens the
 * search index keeps, and what a typed query means (HN, CID, phone or name).
 *
 * Matching is by token prefix in any order: "ใจดี สม" finds สมชาย ใจดี. Thai is often typed without spaces, so a
 * name also indexes its parts run together both ways ("สมชายใจดี", "ใจดีสมชาย"). Normalising makes what clerks
 * type equal to what the card holds: Thai tone marks and other marks above the line (typed in either order
 * with the vowel, or left out) are dropped, sara am is one form whatever its encoding, a doubled sara e is sara ae,
 * Thai digits are ASCII, Latin is lower case without accents, and anything else separates words.
 *
 * Partial matches inside a word, ranked after the matches above: Thai runs syllables together with no space, so a
 * clerk's fragment of a Thai name ("ศรี" of วงศ์ศรีสุข) starts none of its words; `innerTokens` are the ends of each
 * Thai word from every later consonant or leading vowel on, so the same prefix read finds it. Numbers: a clerk
 * types the last digits of a phone or citizen ID, or an HN without its leading zeros; every 4-digit window of each
 * HN, CID and phone is indexed (keyed hashes, `fragmentWindows`) and a fragment of 4 digits or more finds the
 * patients holding all its windows, checked against the record.
 */
import { isValidCid } from '../model/cid.std.js';

/** Marks dropped before matching: mai taikhu, the four tone marks, thanthakhat, yamakkan. */
const THAI_DROPPED = /[\u0E47-\u0E4C\u0E4E]/g;
/** Combining marks left by NFD on Latin letters (é → e). */
const LATIN_MARKS = /[\u0300-\u036F]/g;
/** What a token is made of: Thai letters and vowels, Latin letters, digits. The rest separates. */
const NOT_TOKEN = /[^\u0E4D\u0E01-\u0E3A\u0E40-\u0E46a-z0-9]+/g;
/** A query needs this many characters (after normalising) to be looked up. */
export const MIN_QUERY_CHARS = 2;
/** Titles a clerk may type before a name; the index never holds them. */
const TITLE_WORDS = [
  'นาย',
  'นาง',
  'นางสาว',
  'น.ส.',
  'ด.ช.',
  'ด.ญ.',
  'เด็กชาย',
  'เด็กหญิง',
  'mr',
  'mrs',
  'ms',
  'miss',
  'master',
];

/** One string as the index compares it (may contain separators: see `words`). */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(LATIN_MARKS, '')
    .replace(/\u0E4D\u0E32/g, '\u0E33') // nikhahit + sara aa, as some keyboards and old data write sara am
    .replace(THAI_DROPPED, '')
    .replace(/\u0E4D\u0E32/g, '\u0E33') // again: a tone mark between the two (น้ํา) was just dropped
    .replace(/\u0E40\u0E40/g, '\u0E41') // เเ typed for แ
    .replace(/[\u0E50-\u0E59]/g, asciiDigit)
    .toLowerCase();
}

function asciiDigit(digit: string): string {
  return String(digit.charCodeAt(0) - 0x0e50);
}

/** The words of a text, normalised, in order; separators and empty words removed. */
export function words(text: string): string[] {
  // A dot joins (น.ส. is one title word); every other non-letter separates.
  return normalise(text)
    .replace(/\./g, '')
    .replace(NOT_TOKEN, ' ')
    .split(' ')
    .filter((word) => word !== '');
}

/** A name as the index keeps it: given names and family name (never the title). */
export interface NameParts {
  readonly given?: readonly string[] | undefined;
  readonly family?: string | undefined;
}

/**
 * The tokens one patient's names are found by: every word of every name, and each name's words run together
 * in order and reversed (for queries typed without spaces). Sorted, unique.
 */
export function nameTokens(names: readonly NameParts[]): string[] {
  const tokens = new Set<string>();
  for (const name of names) {
    const parts = [...(name.given ?? []), name.family ?? ''].flatMap(words);
    for (const part of parts) tokens.add(part);
    if (parts.length > 1) {
      tokens.add(parts.join(''));
      tokens.add([...parts].reverse().join(''));
    }
  }
  return [...tokens].sort();
}

/** Where an inner token may start: a Thai consonant or a leading vowel (never a following vowel or a mark). */
const THAI_START = /[\u0E01-\u0E2E\u0E40-\u0E44]/;
const THAI = /[\u0E01-\u0E5B]/;

/**
 * The ends of each Thai word of a name from every later consonant or leading vowel on, 2 characters or more
 * (วงศ์ศรีสุข, normalised วงศศรีสุข: "งศศรีสุข", "ศศรีสุข", "ศรีสุข", "รีสุข", "สุข"): a fragment read by prefix.
 * Latin words are spaced and typed from their start, so they add none. Sorted, unique, none a token already.
 */
export function innerTokens(names: readonly NameParts[]): string[] {
  const inner = new Set<string>();
  const tokens = new Set(nameTokens(names));
  for (const name of names) {
    for (const word of [...(name.given ?? []), name.family ?? ''].flatMap(words)) {
      if (!THAI.test(word)) continue;
      for (let at = 1; at <= word.length - 2; at += 1) {
        const rest = word.slice(at);
        if (THAI_START.test(word.charAt(at)) && !tokens.has(rest)) inner.add(rest);
      }
    }
  }
  return [...inner].sort();
}

/** Every query word is the start of one of the tokens (in any order). */
export function matchesName(queryWords: readonly string[], tokens: readonly string[]): boolean {
  return queryWords.length > 0 && queryWords.every((word) => tokens.some((token) => token.startsWith(word)));
}

/** A phone number as typed (spaces, dashes, +66, Thai digits) → 0 and 8-9 digits, or null. */
export function phoneDigits(text: string): string | null {
  const digits = normalise(text).replace(/[\s\-().]/g, '');
  const local = digits.startsWith('+66') ? `0${digits.slice(3)}` : digits;
  return /^0\d{8,9}$/.test(local) ? local : null;
}

/** A number fragment is looked up in windows of this many characters (and must be at least this long). */
export const FRAGMENT_CHARS = 4;

/** An identifier (HN, CID, phone) as fragments compare it: letters and digits only, lower case, Thai digits ASCII. */
export function fragmentText(value: string): string {
  return normalise(value).replace(/[^a-z0-9]/g, '');
}

/**
 * Every FRAGMENT_CHARS-digit window of an identifier's fragment text, unique: clerks type digits ("the last four of
 * the phone"), so windows with a letter (an HN's "HN" prefix) are not kept, and a fragment is digits only.
 */
export function fragmentWindows(value: string): string[] {
  const text = fragmentText(value);
  const windows = new Set<string>();
  for (let at = 0; at + FRAGMENT_CHARS <= text.length; at += 1) {
    const window = text.slice(at, at + FRAGMENT_CHARS);
    if (/^\d+$/.test(window)) windows.add(window);
  }
  return [...windows];
}

/**
 * The windows a fragment is looked up by: enough to cover every digit (from its start every FRAGMENT_CHARS, and the
 * last), since each candidate is checked against the record; fewer reads than every window.
 */
export function coveringWindows(fragment: string): string[] {
  const windows = new Set<string>();
  for (let at = 0; at + FRAGMENT_CHARS <= fragment.length; at += FRAGMENT_CHARS)
    windows.add(fragment.slice(at, at + FRAGMENT_CHARS));
  if (fragment.length >= FRAGMENT_CHARS) windows.add(fragment.slice(-FRAGMENT_CHARS));
  return [...windows];
}

export type SearchProblem = 'search_too_short' | 'search_unreadable' | 'search_cid_invalid';

/** What a typed query asks for. */
export type SearchQuery =
  | { readonly kind: 'cid'; readonly cid: string }
  /**
   * Digits (or letters with digits) that may be an HN or a phone number: both are looked up; `fragment` (4 digits
   * or more) is also looked for inside every HN, CID and phone.
   */
  | { readonly kind: 'number'; readonly hn: string; readonly phone: string | null; readonly fragment: string | null }
  | { readonly kind: 'name'; readonly words: readonly string[] }
  | { readonly kind: 'problem'; readonly problem: SearchProblem };

/**
 * Reads a query: 13 digits (dashes and spaces allowed) is a CID and must pass its checksum; anything else with a
 * digit is an HN or a phone number; the rest is a name, titles left out. Too short or nothing readable is a problem.
 */
export function parseQuery(text: string): SearchQuery {
  const trimmed = normalise(text).trim();
  if (/\d/.test(trimmed)) {
    const compact = trimmed.replace(/[\s-]/g, '');
    if (/^\d{13}$/.test(compact))
      return isValidCid(compact) ? { kind: 'cid', cid: compact } : { kind: 'problem', problem: 'search_cid_invalid' };
    if (compact.length < MIN_QUERY_CHARS) return { kind: 'problem', problem: 'search_too_short' };
    // An HN is compared as stored (case kept), Thai digits as ASCII.
    const fragment = /^[\d\s\-().+]+$/.test(trimmed) ? fragmentText(trimmed) : '';
    return {
      kind: 'number',
      hn: text
        .trim()
        .replace(/\s+/g, '')
        .replace(/[\u0E50-\u0E59]/g, asciiDigit),
      phone: phoneDigits(trimmed),
      fragment: fragment.length >= FRAGMENT_CHARS ? fragment : null,
    };
  }
  const all = words(text);
  if (all.length === 0) return { kind: 'problem', problem: trimmed === '' ? 'search_too_short' : 'search_unreadable' };
  const titles = new Set(TITLE_WORDS.flatMap(words));
  const named = all.filter((word) => !titles.has(word));
  const kept = named.length === 0 ? all : named;
  if (kept.join('').length < MIN_QUERY_CHARS) return { kind: 'problem', problem: 'search_too_short' };
  return { kind: 'name', words: kept };
}

/** The query word the index is read by: the longest (fewest candidates). */
export function leadingWord(queryWords: readonly string[]): string {
  return queryWords.reduce((best, word) => (word.length > best.length ? word : best), '');
}
