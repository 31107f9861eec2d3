/**
 * Finding a returning patient who has no card with them: by HN, a CID typed in, a phone number, or a Thai or
 * English name (partial, any order; searchText.std.ts reads the query). Numbers go through the identifier
 * index's keyed hashes (whole HN and phone first, then a fragment inside any HN, CID or phone); names through its
 * name tokens, read by the prefix of the query's longest word and checked against every word, then through the
 * inner tokens (a fragment inside a Thai word), ranked after. Records replaced by another (an earlier key's) are
 * left out: the survivor holds the same names. Bad input is an answer (`problem`), never an exception.
 */
import { TH_CID, thLocalSystem } from '../model/systems.std.js';
import type { PatientDoc } from '../model/patient.std.js';
import { replacedBy } from '../replication/patientMerge.std.js';
import type { DataContext } from './dataContext.dom.js';
import { leadingWord, matchesName, parseQuery, type SearchProblem } from './searchText.std.js';
import { indexedInnerTokens, indexedNameTokens } from './identifierEntries.std.js';

/** Whether every word of a name query starts a name token or an inner token of the patient's record. */
function nameMatch(words: readonly string[], patient: PatientDoc): boolean {
  return matchesName(words, [...indexedNameTokens(patient), ...indexedInnerTokens(patient)]);
}

/** At most this many patients are shown; the clerk types more to narrow. */
export const SEARCH_LIMIT = 20;
/** Candidates read for a name of several words (by its longest), each checked: enough for SEARCH_LIMIT matches, bounded in time. */
export const NAME_CANDIDATES = 2_000;
/**
 * A patient's name tokens that can start with one prefix: two names (Thai, English), each with its words and the
 * two run-together forms. A one-word query reads this many postings per patient shown.
 */
const TOKENS_PER_PATIENT = 8;
/** A patient's inner tokens that can start with one prefix (a Thai name's word ends; a long word has several). */
const INNER_PER_PATIENT = 4;
/** Candidates read for a number fragment, so a few that hold its windows in different identifiers leave room. */
const FRAGMENT_CANDIDATES = 4;

export type SearchResult =
  | {
      readonly ok: true;
      readonly patients: readonly PatientDoc[];
      /** More matched than are shown. */ readonly more: boolean;
    }
  | { readonly ok: false; readonly problem: SearchProblem };

export interface SearchOptions {
  /** The hospital code the HN system is named by. */
  readonly hcode: string;
  readonly limit?: number;
}

function unique(patients: readonly PatientDoc[]): PatientDoc[] {
  const seen = new Map<string, PatientDoc>();
  for (const patient of patients)
    if (replacedBy(patient) === null && !seen.has(patient.id)) seen.set(patient.id, patient);
  return [...seen.values()];
}

function capped(patients: readonly PatientDoc[], limit: number, more = false): SearchResult {
  return { ok: true, patients: patients.slice(0, limit), more: more || patients.length > limit };
}

export async function searchPatients(
  records: DataContext,
  text: string,
  options: SearchOptions,
): Promise<SearchResult> {
  const limit = options.limit ?? SEARCH_LIMIT;
  const query = parseQuery(text);
  switch (query.kind) {
    case 'problem':
      return { ok: false, problem: query.problem };
    case 'cid':
      return capped(unique(await records.patientsByIdentifier(TH_CID, query.cid)), limit);
    case 'number': {
      const [byHn, byPhone] = await Promise.all([
        records.patientsByIdentifier(thLocalSystem(options.hcode, 'HN'), query.hn),
        query.phone === null ? Promise.resolve([]) : records.patientsByPhone(query.phone),
      ]);
      const whole = unique([...byHn, ...byPhone]);
      // A whole HN or phone found is what was meant; digits inside one only when nothing matched whole.
      if (query.fragment === null || whole.length > 0) return capped(whole, limit);
      const read = (limit + 1) * FRAGMENT_CANDIDATES;
      const inside = await records.patientsByFragment(query.fragment, read);
      return capped(unique(inside.patients), limit, inside.more);
    }
    case 'name': {
      const leading = leadingWord(query.words);
      if (query.words.length === 1) {
        // Every token under the prefix matches: the index keys name the patients (two letters match thousands).
        const wanted = (limit + 1) * TOKENS_PER_PATIENT;
        const keys = await records.nameCandidateIds(leading, wanted);
        let ids = [...new Set(keys)].slice(0, limit + 1);
        let more = keys.length >= wanted && ids.length <= limit;
        if (ids.length <= limit) {
          // Fewer than a page start a word: fragments inside a Thai word come after them.
          const innerWanted = (limit + 1) * INNER_PER_PATIENT;
          const inner = await records.nameCandidateIds(leading, innerWanted, true);
          ids = [...new Set([...ids, ...inner])].slice(0, limit + 1);
          more = more || (inner.length >= innerWanted && ids.length <= limit);
        }
        // An edited patient's old tokens stay in the index: each record is checked.
        const patients = (await records.patientsByDocIds(ids)).filter((patient) => nameMatch(query.words, patient));
        return capped(unique(patients), limit, more);
      }
      const starting = await records.nameCandidateIds(leading, NAME_CANDIDATES);
      const within =
        starting.length >= NAME_CANDIDATES
          ? []
          : await records.nameCandidateIds(leading, NAME_CANDIDATES - starting.length, true);
      const candidates = await records.patientsByDocIds([...new Set([...starting, ...within])]);
      const matched = candidates.filter((patient) => nameMatch(query.words, patient));
      // Every word starting a word of the name ranks before a match inside a word.
      const ranked = [...matched.filter((patient) => matchesName(query.words, indexedNameTokens(patient))), ...matched];
      // A full candidate page may hide further matches.
      return capped(unique(ranked), limit, starting.length + within.length >= NAME_CANDIDATES);
    }
  }
}
