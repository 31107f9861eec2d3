/**
 * Whose a pending reading is, as the nurse must see it before it is charted. A reading belongs to the patient
 * the station was bound to when it arrived, or to whoever the nurse moved it to (`patientRef`); a record
 * `replaced-by` another (identity merge) counts as its survivor. A reading whose message names a patient
 * itself (HL7 PID: keyed id of the CID, HN) must name that same person, or the nurse must have chosen this
 * patient over it; anything else is a mismatch, shown and never charted. A reading with no patient is
 * unassigned: it is charted to nobody until the nurse moves it.
 */
import type { InboxItem } from '../../../electron/contract/devices.std.js';

/** What the store knows: the live record of an id (after replaced-by links), and the live records with an HN. */
export interface PeopleIndex {
  /** The surviving patient id of a record id; the id itself when the store does not hold it. */
  survivorOf(patientId: string): string;
  /** Live patient ids holding this HN; undefined when it was not looked up. */
  withHn(hn: string): readonly string[] | undefined;
}

/** Who the message names: a person, nobody we can find (an HN this store does not hold), or two people. */
export type Named =
  | { readonly kind: 'none' }
  | { readonly kind: 'patient'; readonly patientId: string }
  | { readonly kind: 'unknown'; readonly hn: string | null }
  | { readonly kind: 'disagree' };

export type ReadingVerdict =
  | { readonly kind: 'unassigned'; readonly named: Named }
  | { readonly kind: 'mismatch'; readonly owner: string; readonly named: Named }
  | { readonly kind: 'ok'; readonly owner: string; readonly named: Named };

export function namedBy(item: InboxItem, people: PeopleIndex): Named {
  const subject = item.subject;
  if (subject === null) return { kind: 'none' };
  if (subject.disagree) return { kind: 'disagree' };
  const byCid = subject.patientRef === null ? null : people.survivorOf(subject.patientRef);
  const byHn = subject.hn === null ? undefined : people.withHn(subject.hn);
  if (byHn !== undefined && byHn.length > 1) return { kind: 'disagree' };
  const hnPatient = byHn?.[0];
  if (byCid !== null && hnPatient !== undefined && hnPatient !== byCid) return { kind: 'disagree' };
  const patientId = byCid ?? hnPatient;
  if (patientId !== undefined) return { kind: 'patient', patientId };
  return subject.hn === null ? { kind: 'none' } : { kind: 'unknown', hn: subject.hn };
}

export function judgeReading(item: InboxItem, people: PeopleIndex): ReadingVerdict {
  const named = namedBy(item, people);
  if (item.patientRef === null) return { kind: 'unassigned', named };
  const owner = people.survivorOf(item.patientRef);
  const chosenOver = item.subjectOverride !== null && item.subjectOverride === item.patientRef;
  if (named.kind === 'none' || chosenOver) return { kind: 'ok', owner, named };
  if (named.kind === 'patient' && named.patientId === owner) return { kind: 'ok', owner, named };
  return { kind: 'mismatch', owner, named };
}

/** The patient a move to `target` goes against: the message names someone else, so the move records the choice. */
export function movesAgainstSubject(verdict: ReadingVerdict, target: string, people: PeopleIndex): boolean {
  const named = verdict.named;
  if (named.kind === 'none') return false;
  return named.kind !== 'patient' || named.patientId !== people.survivorOf(target);
}
