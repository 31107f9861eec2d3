/**
 * What the station's replication knows and reports: its state, the documents central refused, the conflicts
 * left for IT, and main's probes of the link. The contract carries these to main and the dashboard.
 */
import { z } from 'zod';
import { syncErrorCodes, type SyncErrorCode as SyncErrorCodeName } from './syncErrors.std.js';

export const SyncErrorCode = z.enum(syncErrorCodes as [SyncErrorCodeName, ...SyncErrorCodeName[]]);
export const SyncState = z.enum(['unconfigured', 'offline', 'connecting', 'syncing', 'up_to_date', 'error']);
export type SyncState = z.infer<typeof SyncState>;

export const Rejection = z.object({
  id: z.string(),
  rev: z.string().nullable(),
  status: z.number().int().nullable(),
  reason: z.string(),
  at: z.string(),
});
export type Rejection = z.infer<typeof Rejection>;

export const ConflictItem = z.object({
  id: z.string(),
  resourceType: z.string(),
  reason: z.string(),
  revs: z.array(z.string()),
});
export type ConflictItem = z.infer<typeof ConflictItem>;

/** The last purge of what left the working set (purge.dom.ts). */
export const PurgeReport = z.object({
  at: z.string(),
  /** The oldest clinical time kept. */
  cutoff: z.string(),
  candidates: z.number().int().nonnegative(),
  /** Outside the window but not on central at the station's revision: kept. */
  unconfirmed: z.number().int().nonnegative(),
  purged: z.number().int().nonnegative(),
  docsLeft: z.number().int().nonnegative(),
});
export type PurgeReport = z.infer<typeof PurgeReport>;

/** The station store as IT sees it: the working set, the browser's storage estimate and the last purge. */
export const StoreUse = z.object({
  workingSetDays: z.number().int().nullable(),
  usageBytes: z.number().nonnegative().nullable(),
  quotaBytes: z.number().nonnegative().nullable(),
  lastPurge: PurgeReport.nullable(),
});
export type StoreUse = z.infer<typeof StoreUse>;

/** What the renderer's replication knows (sent to main with sync.report, kept in the station database). */
export const ReplicationReport = z.object({
  state: SyncState,
  errorCode: SyncErrorCode.nullable(),
  pending: z.number().int().nonnegative(),
  docsUp: z.number().int().nonnegative(),
  docsDown: z.number().int().nonnegative(),
  lastSuccessAt: z.string().nullable(),
  conflictsResolved: z.number().int().nonnegative(),
  conflicts: z.array(ConflictItem).max(500),
  rejections: z.array(Rejection).max(500),
  /** Absent from replicators that pull the whole hospital. */
  store: StoreUse.optional(),
  /** A station with a hospital hub: the link this report's replication runs over (hubFailover.dom.ts). */
  path: z.enum(['hub', 'central']).optional(),
});
export type ReplicationReport = z.infer<typeof ReplicationReport>;

export const LinkProbe = z.object({
  up: z.boolean(),
  errorCode: SyncErrorCode.nullable(),
  at: z.string(),
  rttMs: z.number().nonnegative().nullable(),
});
export type LinkProbe = z.infer<typeof LinkProbe>;
