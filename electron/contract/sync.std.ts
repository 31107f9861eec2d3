/**
 * Sync with central: what IT configures, what the dashboard and `npm run sync -- status` show, and what the
 * renderer (which runs PouchDB and the replication) reports to main. The password goes in once with
 * `sync.configure` and never comes back out: the renderer replicates through main's `/central/` proxy, which
 * adds the session cookie.
 */
import { z } from 'zod';
import { command } from './define.std.js';
import {
  ConflictItem,
  LinkProbe,
  Rejection,
  ReplicationReport,
  SyncErrorCode,
  SyncState,
} from '../../sync/replication/report.std.js';
import { MAX_WORKING_SET_DAYS, MIN_WORKING_SET_DAYS } from '../../sync/replication/workingSet.std.js';

export {
  ConflictItem,
  LinkProbe,
  PurgeReport,
  Rejection,
  ReplicationReport,
  StoreUse,
  SyncErrorCode,
  SyncState,
} from '../../sync/replication/report.std.js';

/** One bucket of the link chart (15 min over 24 h, 1 min over the last hour): share of probes that reached central, and median round trip. */
export const LinkBucket = z.object({
  at: z.string(),
  upRatio: z.number().min(0).max(1).nullable(),
  rttMs: z.number().nullable(),
});

/** The link over the last 24 h in numbers, worked out once in main (the dashboard and the CLI say the same). */
export const LinkSummary = z.object({
  probes: z.number().int().nonnegative(),
  /** Share of probes that reached central (null with no probes). */
  upRatio: z.number().min(0).max(1).nullable(),
  /** Times the link went down (a window that starts down counts once). */
  outages: z.number().int().nonnegative(),
  longestOutageMs: z.number().nonnegative(),
  /** Median round trip of the probes that reached central. */
  medianRttMs: z.number().nonnegative().nullable(),
});
export type LinkSummary = z.infer<typeof LinkSummary>;

/** The summary of a window without probes. */
export const NO_PROBES: LinkSummary = { probes: 0, upRatio: null, outages: 0, longestOutageMs: 0, medianRttMs: null };

/** The hospital hub's link as main probes it: its address, the last probe and the same chart as central's. */
export const HubStatus = z.object({
  url: z.string(),
  link: LinkProbe.nullable(),
  linkHistory: z.array(LinkBucket),
  linkRecent: z.array(LinkBucket),
  linkSummary: LinkSummary,
});
export type HubStatus = z.infer<typeof HubStatus>;

export const SyncStatus = z.object({
  configured: z.boolean(),
  centralUrl: z.string().nullable(),
  database: z.string().nullable(),
  stationUser: z.string().nullable(),
  /** The one state to show: never up_to_date while the link or the last replication failed. */
  state: SyncState,
  errorCode: SyncErrorCode.nullable(),
  link: LinkProbe.nullable(),
  replication: ReplicationReport.extend({ reportedAt: z.string() }).nullable(),
  /** The last 24 h in 96 quarter hours. */
  linkHistory: z.array(LinkBucket),
  /** The last hour in 60 minutes: what the chart shows while the station has probed for about an hour or less. */
  linkRecent: z.array(LinkBucket),
  linkSummary: LinkSummary,
  /** The hospital hub on the LAN, when IT set one. */
  hub: HubStatus.nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncConfigureInput = z.object({
  centralUrl: z.url({ protocol: /^https?$/ }),
  username: z.string().trim().min(1).max(120),
  password: z.string().min(1).max(500),
  /** PEM text of the CA that signs central's certificate (the GIN CA); null = the system's trust store. */
  caBundlePem: z.string().max(200_000).nullable().optional(),
});
export type SyncConfigureInput = z.infer<typeof SyncConfigureInput>;

/** Where the renderer replicates: main's proxy (same origin in the browser bridge, a loopback port in Electron). */
export const SyncEndpoint = z.object({
  /** Absolute base of the proxy, or null for the page's own origin. */
  proxyOrigin: z.string().nullable(),
  database: z.string(),
  /** Sent as X-Edge-Proxy-Token; lets only this page use the proxy. */
  token: z.string(),
  hcode: z.string(),
  stationId: z.string(),
  /** The queue prefix of this station (its provisioned name). */
  queuePrefix: z.string(),
  /** Days of Encounters and Observations the station pulls (IT's setting; every Patient is pulled). */
  workingSetDays: z.number().int(),
  /** A hospital hub is set: replicate over `/hub/` while main's probe finds it, else over `/central/`. */
  hub: z.boolean(),
});
export type SyncEndpoint = z.infer<typeof SyncEndpoint>;

const empty = z.object({}).strict();

/** IT's setting: how many days of visits and readings a station keeps (sync/replication/workingSet.std.ts). */
export const WorkingSet = z
  .object({ days: z.number().int().min(MIN_WORKING_SET_DAYS).max(MAX_WORKING_SET_DAYS) })
  .strict();
export type WorkingSet = z.infer<typeof WorkingSet>;

/**
 * IT's setting: the hospital hub on the LAN (issue 15 §1), or null for none. `https://`, or `http://` on this
 * machine only, as for central: the station logs in to it with its central password.
 */
export const HubSetting = z
  .object({
    hubUrl: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable(),
  })
  .strict();
export type HubSetting = z.infer<typeof HubSetting>;

export const syncCommands = {
  'sync.configure': command(SyncConfigureInput.strict(), SyncStatus),
  'sync.status': command(empty, SyncStatus),
  'sync.now': command(empty, z.object({ requestedAt: z.string() })),
  'sync.conflicts': command(empty, z.array(ConflictItem)),
  'sync.rejections': command(empty, z.array(Rejection)),
  'sync.report': command(ReplicationReport.strict(), z.object({ state: SyncState })),
  'sync.endpoint': command(empty, SyncEndpoint),
  'sync.workingSet': command(empty, WorkingSet),
  'sync.setWorkingSet': command(WorkingSet, WorkingSet),
  'sync.hub': command(empty, HubSetting),
  'sync.setHub': command(HubSetting, SyncStatus),
} as const;

export const syncEvents = {
  'sync.status': SyncStatus,
  /** Main asks the renderer to restart replication now (link came back, or IT pressed "sync now"). */
  'sync.kick': z.object({ reason: z.enum(['link_up', 'sync_now', 'configured']), at: z.string() }),
} as const;
