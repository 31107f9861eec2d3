/**
 * Applies the pure conflict rules to the station's store: reads every live revision of a conflicted document
 * (with attachments, so a photo from a losing revision can win), writes the merged revision on top of CouchDB's
 * winner (so it outranks every revision this station saw, on central too), keeps each revision the result
 * differs from whole in an AuditEvent archive, and only then deletes the other branches, in one bulk write.
 * Central refuses a station's deletion of these types (it cannot tell a losing revision from the winner): the
 * deletions stay on the station (failures.std.ts `keptLocalDeletion`) and central keeps the losing revisions a
 * generation below the merged one. What the rules cannot settle is returned for the IT list and left untouched.
 */
import { conflictArchive } from '../model/auditEvent.std.js';
import { parseDocId } from '../model/fhir.std.js';
import { stationSource } from '../model/systems.std.js';
import type { BranchDeletion } from '../store/dataContext.dom.js';
import type { ConflictStore } from '../store/ports.dom.js';
import type { StoredDoc } from '../model/documents.std.js';
import { resolveConflict, settledConflict, type ManualReason, type Revision } from './conflictRules.std.js';

export interface ResolveContext {
  readonly stationId: string;
  readonly hcode: string;
  readonly newId: () => string;
  readonly now: () => string;
}

export interface UnresolvedConflict {
  readonly id: string;
  readonly resourceType: string;
  readonly reason: ManualReason;
  readonly revs: readonly string[];
}

export interface ResolveOutcome {
  readonly resolved: number;
  readonly archived: number;
  readonly unresolved: UnresolvedConflict[];
}

function sameContent(a: Revision, b: Revision): boolean {
  const strip = (doc: Revision): string =>
    JSON.stringify({ ...doc, _rev: undefined, _conflicts: undefined, _attachments: undefined });
  return strip(a) === strip(b);
}

/** Enough for a pull landing now and then; a document that keeps changing under the resolver is an error. */
const SETTLE_ATTEMPTS = 5;

/**
 * Settles one document, reading it again after each write: replication writes beside the resolver (a pulled
 * revision can land between its read and its write, or extend a branch it deletes), and a pulled id does not
 * come again to trigger a second try, so a conflict left here would stay on the station for good.
 */
export async function resolveDocument(
  store: ConflictStore,
  id: string,
  context: ResolveContext,
): Promise<'none' | 'resolved' | UnresolvedConflict> {
  let outcome: 'none' | 'resolved' = 'none';
  for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt += 1) {
    const step = await settleOnce(store, id, context);
    if (step === 'none') return outcome;
    if (step === 'resolved') outcome = 'resolved';
    else if (step !== 'raced') return step;
  }
  throw new Error(`could not settle conflict on ${id}`);
}

async function settleOnce(
  store: ConflictStore,
  id: string,
  context: ResolveContext,
): Promise<'none' | 'resolved' | 'raced' | UnresolvedConflict> {
  const resourceType = parseDocId(id)?.resourceType;
  const branches = await store.branchesOf(id);
  if (branches === null) return 'none';
  const revisions = branches as (Revision | null)[];
  // A branch gone between the two reads: a write landed meanwhile.
  if (revisions.some((revision) => revision === null)) return 'raced';
  const live = revisions.filter((revision): revision is Revision => revision !== null);
  const resolution = resolveConflict(live);
  if (resolution.kind === 'manual') {
    return { id, resourceType: resourceType ?? 'unknown', reason: resolution.reason, revs: resolution.revs };
  }
  const [winner, ...others] = live;
  if (winner === undefined) return 'none';
  // An equal-generation loser with the same content (two stations merged at once) is lifted above by the
  // winner's own author only: were every station to do it, each round would make a new tie.
  const settled = settledConflict(
    winner._rev,
    others.map((other) => other._rev),
  );
  const mine = winner.meta?.source === stationSource(context.stationId);
  const writesMerged = !sameContent(winner, resolution.merged) || (!settled && mine);
  // The merged revision first, on its own: if a pulled revision extended the winner meanwhile it is refused
  // (409) before anything is archived or deleted, and the next attempt reads the new state.
  if (writesMerged) {
    // Written by this station, so it carries this station as its author (central checks).
    const candidate = {
      ...resolution.merged,
      _rev: winner._rev,
      _conflicts: undefined,
      meta: { ...resolution.merged.meta, source: stationSource(context.stationId) },
    };
    let merged: StoredDoc;
    try {
      merged = store.checked(candidate);
    } catch {
      // Validated like every other write: a merge that is not a valid record goes to IT's list, unwritten.
      return {
        id,
        resourceType: resourceType ?? 'unknown',
        reason: 'invalid_merge',
        revs: live.map((revision) => revision._rev),
      };
    }
    const [result] = await store.writeBranches([merged]);
    if (result === undefined || result === 'raced') return 'raced';
    if (result === 'failed') throw new Error(`could not settle conflict on ${id}`);
  }
  const writes: (StoredDoc | BranchDeletion)[] = [];
  // Every revision the result does not equal is archived, the base of the merge too: its overwritten fields
  // survive otherwise only as an ancestor revision, which compaction on central deletes. Only by the station
  // that writes the merge: a station that pulls a conflict already settled (its losers kept on central below
  // the merged revision) would otherwise archive the same losers once more, every station once.
  const lost = writesMerged ? live.filter((revision) => !sameContent(revision, resolution.merged)) : [];
  if (lost.length > 0) {
    const archive = conflictArchive({
      id: context.newId(),
      stationId: context.stationId,
      hcode: context.hcode,
      at: context.now(),
      target: id,
      // The archive keeps the revision's content; attachment bodies stay in the database by digest.
      losers: lost.map((loser) => ({ ...loser, _attachments: undefined })),
      rule: resolution.rule,
    });
    writes.push(store.checked(archive));
  }
  for (const other of others)
    writes.push({ _id: id, _rev: other._rev, _deleted: true, ...(resourceType === undefined ? {} : { resourceType }) });
  const results = await store.writeBranches(writes);
  // A branch extended by a pull meanwhile is not deleted (409): the next attempt settles what is there now.
  if (results.includes('raced')) return 'raced';
  if (results.includes('failed')) throw new Error(`could not settle conflict on ${id}`);
  return 'resolved';
}

export async function resolveConflicts(
  store: ConflictStore,
  ids: Iterable<string>,
  context: ResolveContext,
): Promise<ResolveOutcome> {
  let resolved = 0;
  let archived = 0;
  const unresolved: UnresolvedConflict[] = [];
  for (const id of new Set(ids)) {
    if (id.startsWith('_')) continue;
    const outcome = await resolveDocument(store, id, context);
    if (outcome === 'resolved') {
      resolved += 1;
      archived += 1;
    } else if (outcome !== 'none') unresolved.push(outcome);
  }
  return { resolved, archived, unresolved };
}
