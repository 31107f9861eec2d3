/**
 * The narrow views of the store that replication gets (DataContext implements them): replication runs, the
 * change sequence, its own station-only bookkeeping, conflict branches and the purge. Record writes are not in
 * them: those are DataContext's save/saveAll, validated.
 */
import type { DataContext } from './dataContext.dom.js';

/** The conflict resolver: reads a document's branches, validates and writes their settlement. */
export type ConflictStore = Pick<DataContext, 'branchesOf' | 'checked' | 'writeBranches'>;

/** The purge of what left the working set. */
export type PurgeStore = Pick<DataContext, 'pageAfter' | 'purge' | 'docCount'>;

/** The replicator: runs with a remote, tracks what is pending, keeps its state, settles and purges. */
export type ReplicationStore = ConflictStore &
  PurgeStore &
  Pick<
    DataContext,
    | 'syncWith'
    | 'pushTo'
    | 'pullFrom'
    | 'updateSeq'
    | 'watch'
    | 'changedSince'
    | 'revisionOf'
    | 'readLocal'
    | 'writeLocal'
    | 'conflictedIds'
    | 'storeReplicated'
    | 'holdWarmUps'
  >;
