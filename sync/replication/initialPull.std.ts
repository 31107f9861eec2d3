/**
 * A new station's first pull of its working set (issue 15 §2, §4), read by index instead of from the changes
 * feed. The filtered pull (workingSet.std.ts) makes central test its selector on every change since the
 * hospital began: at a five-year-old site that is millions of changes before the first patient arrives. So a
 * station whose window has no checkpoint yet first notes central's update sequence, then reads every Patient
 * and Device by id range (`_all_docs`) and the window's Encounters and Observations through two Mango indexes
 * central keeps, stores them as central's revisions, and starts the filtered pull from the noted sequence:
 * whatever changed meanwhile comes through the feed, and a document read twice is stored once (same revision).
 * This is the idea of cht-core's initial replication (ids from the server, then the feed from a checkpoint).
 */

/** Pages of this many documents: big enough that requests do not dominate, small enough for a 4 GB PC. */
export const INITIAL_PULL_PAGE = 2_000;

/** Types read whole by id range (`<ResourceType>/…`): the working set holds every one of them. */
export const RANGE_TYPES = ['Patient', 'Device'] as const;

/** The Mango indexes central keeps for the window's queries (provisioning creates them; idempotent). */
export const WINDOW_INDEXES = [
  {
    ddoc: 'idx-window-encounter',
    name: 'idx-window-encounter',
    index: { fields: ['resourceType', 'period.start'] },
    type: 'json',
  },
  {
    ddoc: 'idx-window-observation',
    name: 'idx-window-observation',
    index: { fields: ['resourceType', 'effectiveDateTime'] },
    type: 'json',
  },
] as const;

export interface WindowQuery {
  readonly selector: Record<string, unknown>;
  readonly use_index: string;
  readonly limit: number;
}

/** The window's two queries, the same test as pullSelector's for these types. */
export function windowQueries(since: string, limit: number = INITIAL_PULL_PAGE): WindowQuery[] {
  const [encounters, observations] = WINDOW_INDEXES;
  return [
    {
      selector: { resourceType: 'Encounter', 'period.start': { $gte: since } },
      use_index: encounters.ddoc,
      limit,
    },
    {
      selector: { resourceType: 'Observation', effectiveDateTime: { $gte: since } },
      use_index: observations.ddoc,
      limit,
    },
  ];
}

/** The id range of one type in `_all_docs` (ids are `<ResourceType>/<id>`). */
export function typeRange(type: string): { startkey: string; endkey: string } {
  return { startkey: `${type}/`, endkey: `${type}/\ufff0` };
}

/**
 * Where a station stands with its first pull of the current window, kept with the window (workingSet):
 * `pending` until the read is done; then the remote it read from and that remote's sequence before the read,
 * from which the filtered pull starts (a sequence means nothing on another server: the hub's is not
 * central's). Removed once a verified sync has passed it.
 */
export type InitialPullState =
  | { readonly state: 'pending' }
  | {
      readonly state: 'pulled';
      readonly remote: string;
      readonly seq: number | string;
      /** Where the push starts: the station's own feed up to here holds only what the read stored (pushStart). */
      readonly pushSince?: number | string | undefined;
    };

/** The marker of a read done on `remote`; null when none was (or it was done on another server). */
function pulledOn(
  initial: InitialPullState | undefined,
  remote: string,
): Extract<InitialPullState, { state: 'pulled' }> | null {
  return initial?.state === 'pulled' && initial.remote === remote ? initial : null;
}

/** The sequence the pull starts from on `remote`; null when the read must be (re)done first or is behind us. */
export function pullStart(initial: InitialPullState | undefined, remote: string): number | string | null {
  return pulledOn(initial, remote)?.seq ?? null;
}

/** Whether the first read must run before the pull on `remote`. */
export function needsInitialPull(initial: InitialPullState | undefined, remote: string): boolean {
  return initial !== undefined && pullStart(initial, remote) === null;
}

/** A remote's name without credentials (the marker is kept in the store; a URL may carry a password). */
export function remoteKey(name: string): string {
  try {
    const url = new URL(name);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return name;
  }
}

interface RemoteRow {
  readonly _id?: unknown;
  readonly _rev?: unknown;
  readonly resourceType?: unknown;
}

/**
 * Whether a document a remote returned for `type` is one to store: central's revision of a `<type>/…` record
 * of that type. Anything else (a design document, a row without a revision) is skipped, never stored.
 */
export function isPulledRecord(doc: RemoteRow, type: string): boolean {
  return (
    typeof doc._id === 'string' &&
    doc._id.startsWith(`${type}/`) &&
    typeof doc._rev === 'string' &&
    /^\d+-[0-9a-f]+$/.test(doc._rev) &&
    doc.resourceType === type
  );
}

/** Where the push starts on `remote`, while the marker stands; null: from its own checkpoint. */
export function pushStartOf(initial: InitialPullState | undefined, remote: string): number | string | null {
  return pulledOn(initial, remote)?.pushSince ?? null;
}

/**
 * The push need not read what the first read stored (every station's records, 130,000 at a large site: reading
 * them back only to filter them out costs a minute). The station's own feed is walked in order while every change
 * is a revision the read stored (or a design document, which is never pushed); the push starts after the last such
 * change. The first change the station made itself (a registration during the read, an edit of a record the read
 * stored) ends the walk, so everything from it on is pushed. Null when the walk ends at once.
 */
export function pushStart(
  changes: readonly { readonly seq: number | string; readonly id: string; readonly revs: readonly string[] }[],
  stored: ReadonlySet<string>,
): number | string | null {
  let last: number | string | null = null;
  for (const change of changes) {
    const fromRead = change.id.startsWith('_design/') || change.revs.every((rev) => stored.has(`${change.id}@${rev}`));
    if (!fromRead) break;
    last = change.seq;
  }
  return last;
}
