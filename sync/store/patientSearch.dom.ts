/**
 * Finding a returning patient who has no card with them: by HN, a CID typed in, a phone number, or a Thai or
 * English name (partial, any order; searchText.std.ts reads the query). Numbers go through the identifier
 * index's keyed hashes; names through its name tokens, read by the prefix of the query's longest word and
 * checked against every word. Records replaced by another (an earlier key's) are left out: the survivor holds
 * the same names. Bad input is an answer (`problem`), never an exception.
 */
import { TH_CID, thLocalSystem } from '../model/systems.std.js';
import type { PatientDoc } from '../model/patient.std.js';
import { replacedBy } from '../replication/patientMerge.std.js';
import type { DataContext } from './dataContext.dom.js';
import { leadingWord, matchesName, parseQuery, type SearchProblem } from './searchText.std.js';

/** At most this many patients are shown; the clerk types more to narrow. */
export const SEARCH_LIMIT = 20;
/** Index records read for a name: enough for SEARCH_LIMIT matches among common first syllables, bounded in time. */
export const NAME_CANDIDATES = 2_000;

export type SearchResult =
  | { readonly ok: true; readonly patients: readonly PatientDoc[]; /** More matched than are shown. */ readonly more: boolean }
  | { readonly ok: false; readonly problem: SearchProblem };

export interface SearchOptions {
  /** The hospital code the HN system is named by. */
  readonly hcode: string;
  readonly limit?: number;
}

function unique(patients: readonly PatientDoc[]): PatientDoc[] {
  const seen = new Map<string, PatientDoc>();
  for (const patient of patients) if (replacedBy(patient) === null && !seen.has(patient.id)) seen.set(patient.id, patient);
  return [...seen.values()];
}

function capped(patients: readonly PatientDoc[], limit: number, more = false): SearchResult {
  return { ok: true, patients: patients.slice(0, limit), more: more || patients.length > limit };
}

export async function searchPatients(records: DataContext, text: string, options: SearchOptions): Promise<SearchResult> {
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
      return capped(unique([...byHn, ...byPhone]), limit);
    }
    case 'name': {
      const candidates = await records.nameCandidates(leadingWord(query.words), NAME_CANDIDATES);
      const ids = [...new Set(candidates.filter((record) => matchesName(query.words, record.tokens)).map((record) => record.docId))];
      // One more than shown is read, so `more` is known; a full candidate page may hide further matches.
      const patients = unique(await records.patientsByDocIds(ids.slice(0, limit + 1)));
      return capped(patients, limit, candidates.length >= NAME_CANDIDATES);
    }
  }
}
