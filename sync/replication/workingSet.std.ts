/**
 * A station's bounded working set: every Patient and Device of the hospital, Encounters and Observations of the
 * last N days (IT sets N, default 30), and whatever the station wrote itself until central confirms it (the
 * push is never filtered; purging spares what central has not confirmed). The pull is filtered on central by a
 * Mango selector, so what lies outside the window never crosses the link.
 */

export const DEFAULT_WORKING_SET_DAYS = 30;
export const MIN_WORKING_SET_DAYS = 1;
export const MAX_WORKING_SET_DAYS = 3_650;
const DAY_MS = 86_400_000;

/** The pull's window: `since` is the selector's cutoff, kept fixed while N stays (see pullWindow). */
export interface PullWindow {
  readonly days: number;
  readonly since: string;
}

/** The start of the UTC day `days` days before `now`: the oldest clinical time in the window. */
export function windowCutoff(now: Date, days: number): string {
  const dayStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return new Date(dayStart - days * DAY_MS).toISOString();
}

/**
 * The cutoff the pull asks central for. PouchDB names a replication's checkpoint after its selector, so a cutoff
 * that moved every day would read central's whole changes feed again every day: it stays where it was set, and
 * what later leaves the window is purged on the station instead. Only a wider window (N raised) moves it back,
 * which starts the pull over from a new checkpoint (documents already held are not fetched again).
 */
export function pullWindow(stored: PullWindow | null, days: number, now: Date): PullWindow {
  const cutoff = windowCutoff(now, days);
  if (stored === null) return { days, since: cutoff };
  if (stored.days === days || cutoff >= stored.since) return { days, since: stored.since };
  return { days, since: cutoff };
}

/**
 * The Mango selector of the pull. Deletions carry no body, so they match `_deleted` (central refuses deleting
 * a Patient, Encounter, Observation or AuditEvent; a Device may be deleted). AuditEvents are conflict archives
 * for central, never read on a station. Times are ISO instants, compared as strings (the same offset style
 * throughout: the app writes UTC).
 */
export function pullSelector(since: string): Record<string, unknown> {
  return {
    $or: [
      { resourceType: { $in: ['Patient', 'Device'] } },
      { resourceType: 'Encounter', 'period.start': { $gte: since } },
      { resourceType: 'Observation', effectiveDateTime: { $gte: since } },
      { _deleted: true },
    ],
  };
}

interface WindowedDoc {
  readonly resourceType?: unknown;
  readonly period?: { readonly start?: unknown } | undefined;
  readonly effectiveDateTime?: unknown;
}

/** What the pull selector keeps, for a live document (the purge's test of "left the window"). */
export function inWorkingSet(doc: WindowedDoc, since: string): boolean {
  switch (doc.resourceType) {
    case 'Patient':
    case 'Device':
      return true;
    case 'Encounter':
      return typeof doc.period?.start === 'string' && doc.period.start >= since;
    case 'Observation':
      return typeof doc.effectiveDateTime === 'string' && doc.effectiveDateTime >= since;
    default:
      return false;
  }
}

interface StoredRow extends WindowedDoc {
  readonly _id: string;
  readonly _rev: string;
  readonly _conflicts?: readonly string[] | undefined;
  readonly _deleted?: boolean | undefined;
}

/**
 * What the window bounds, and the photos this station wrote (never pulled: they leave once central holds
 * them). The station's own conflict archives (AuditEvents, rare) are kept.
 */
const PURGED_TYPES: readonly unknown[] = ['Encounter', 'Observation', 'Media'];

/**
 * Documents a purge may consider: live Encounters, Observations and photos without conflicts (the resolver settles
 * them first), outside the window. Whether central holds their revision is asked separately
 * (purgeConfirmed): this never decides alone.
 */
export function purgeCandidates(docs: readonly StoredRow[], since: string): { id: string; rev: string }[] {
  return docs
    .filter(
      (doc) =>
        PURGED_TYPES.includes(doc.resourceType) &&
        doc._deleted !== true &&
        (doc._conflicts?.length ?? 0) === 0 &&
        !inWorkingSet(doc, since),
    )
    .map((doc) => ({ id: doc._id, rev: doc._rev }));
}

/** The candidates central holds at the same revision: `missing` is central's revs_diff answer (id → revs it lacks). */
export function purgeConfirmed(
  candidates: readonly { id: string; rev: string }[],
  missing: Readonly<Record<string, { readonly missing?: readonly string[] }>>,
): { id: string; rev: string }[] {
  return candidates.filter((candidate) => !(missing[candidate.id]?.missing ?? []).includes(candidate.rev));
}
