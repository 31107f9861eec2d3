/**
 * A patient's history from before the working set (issue 15 §2): read from central (or the hub) when the link is
 * up, one Mango query per record id the patient has had, newest first, through an index central keeps for it.
 * Read-only: what comes back is shown, cached in memory, and never written to the station's store.
 */

/** The index central keeps for it (provisioning creates it; `_find` names it, so CouchDB never scans). */
export const OLDER_HISTORY_INDEX = {
  ddoc: 'idx-obs-subject-time',
  name: 'idx-obs-subject-time',
  index: { fields: ['subject.reference', 'effectiveDateTime'] },
  type: 'json',
} as const;

/** At most this many older observations per record id: a screen's worth of visits, not the whole archive. */
export const OLDER_HISTORY_LIMIT = 200;

/** The `_find` request for one record id's observations measured before `before`, newest first. */
export function olderHistoryQuery(
  recordId: string,
  before: string,
  limit: number = OLDER_HISTORY_LIMIT,
): {
  selector: Record<string, unknown>;
  sort: Record<string, 'desc'>[];
  use_index: string;
  limit: number;
} {
  return {
    selector: {
      'subject.reference': `Patient/${recordId}`,
      effectiveDateTime: { $lt: before },
      resourceType: 'Observation',
    },
    sort: [{ 'subject.reference': 'desc' }, { effectiveDateTime: 'desc' }],
    use_index: OLDER_HISTORY_INDEX.ddoc,
    limit,
  };
}
