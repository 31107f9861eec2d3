// A simulated station for integration tests and benchmarks: its own IndexedDB store and replicator, talking to
// central through a cuttable link with the station user's basic auth (main's cookie proxy is tested apart).
import { uniqueDbName } from '../../factories/idbShims.js';
import { sharedCentralUrl } from './centralServer.js';
import { randomBytes } from 'node:crypto';
import { DataContext } from '../../../sync/store/dataContext.dom.js';
import { Replicator } from '../../../sync/replication/replicator.dom.js';
import { HubFailover, type ReplicationHandle } from '../../../sync/replication/hubFailover.dom.js';
import { remoteDatabase } from '../../../sync/replication/remote.dom.js';
import { DEFAULT_WORKING_SET_DAYS } from '../../../sync/replication/workingSet.std.js';
import { createIdFactory } from '../../../sync/model/ids.std.js';
import { databaseName } from '../../../sync/central/designDocs.std.js';
import { basicAuth } from '../../../sync/central/centralHttp.node.js';
import type { ReplicationReport } from '../../../electron/contract/sync.std.js';

export interface Station {
  readonly user: string;
  /** The IndexedDB name: open a second Station on it to simulate a page reload. */
  readonly dbName: string;
  readonly store: DataContext;
  /** The Replicator, or with `hubUrl` the HubFailover running one over the hub or central. */
  readonly replicator: ReplicationHandle;
  readonly newId: () => string;
  /** The station's clock (ms). */
  readonly now: () => number;
  waitFor(
    predicate: (report: ReplicationReport) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<ReplicationReport>;
  close(): Promise<void>;
  /** A page reload: the store is closed under the running replication, nothing is flushed or destroyed. */
  crash(): Promise<void>;
}

export interface StationOptions {
  readonly centralUrl: string;
  readonly hcode: string;
  readonly user: string;
  readonly password: string;
  readonly label: string;
  readonly batchSize?: number;
  /** Reopen this store (a page reload) instead of a new one. */
  readonly dbName?: string;
  /** The station's clock, in ms since the epoch (a skewed clock in the clock tests). */
  readonly now?: () => number;
  readonly requestTimeoutMs?: number;
  /** Counts what crosses the link (test/bench/sync/wireCount.node.ts). */
  readonly fetchImpl?: typeof fetch;
  /** The pull's working set in days, as the app runs it (default); null pulls the whole hospital (tests dated in the past). */
  readonly workingSetDays?: number | null;
  /** A hospital hub (its base URL): the station replicates over it while it answers, else over central. */
  readonly hubUrl?: string;
  /** How often a station with a hub checks its two links. */
  readonly pathCheckMs?: number;
}

/** Whether a database answers the station within a second (the test's stand-in for main's probes). */
async function answers(db: string, headers: Record<string, string>): Promise<boolean> {
  try {
    const response = await fetch(db, { headers, signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

export async function openStation(options: StationOptions): Promise<Station> {
  const dbName = options.dbName ?? uniqueDbName(options.label);
  const store = await DataContext.open(dbName);
  const now = options.now ?? (() => Date.now());
  const newId = createIdFactory({ stationId: options.user, now, randomBytes: (n) => new Uint8Array(randomBytes(n)) });
  const headers = { Authorization: basicAuth(options.user, options.password) };
  const remoteAt = (base: string) =>
    remoteDatabase(`${base}/${databaseName(options.hcode)}`, {
      headers,
      ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
      ...(options.fetchImpl === undefined ? {} : { fetchImpl: options.fetchImpl }),
    });
  const common = {
    store,
    resolve: { stationId: options.user, hcode: options.hcode, newId, now: () => new Date(now()).toISOString() },
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.workingSetDays === null
      ? {}
      : { workingSetDays: options.workingSetDays ?? DEFAULT_WORKING_SET_DAYS, now: () => new Date(now()) }),
  };
  const { hubUrl } = options;
  const replicator: ReplicationHandle =
    hubUrl === undefined
      ? new Replicator({ ...common, remote: remoteAt(options.centralUrl) })
      : new HubFailover({
          ...common,
          remotes: { hub: remoteAt(hubUrl), central: remoteAt(options.centralUrl) },
          links: async () => {
            const [hub, central] = await Promise.all(
              [hubUrl, options.centralUrl].map((base) => answers(`${base}/${databaseName(options.hcode)}`, headers)),
            );
            return { hub: hub === true, central: central === true };
          },
          ...(options.pathCheckMs === undefined ? {} : { checkEveryMs: options.pathCheckMs }),
        });
  return {
    user: options.user,
    dbName,
    store,
    replicator,
    newId,
    now,
    async waitFor(predicate, what, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await replicator.idle();
        const report = replicator.report();
        if (predicate(report)) return report;
        if (Date.now() > deadline)
          throw new Error(
            `${options.label}: timed out waiting for ${what}; last report ${JSON.stringify({ ...report, conflicts: report.conflicts.length, rejections: report.rejections })}`,
          );
        await new Promise((done) => setTimeout(done, 50));
      }
    },
    async close() {
      await replicator.stop();
      await store.destroy();
    },
    async crash() {
      const stopping = replicator.stop();
      await Promise.allSettled([store.close(), stopping]);
    },
  };
}

/** A hospital code no other test in this run uses. */
export function uniqueHcode(): string {
  return String(10_000 + Math.floor(Math.random() * 89_999));
}

/** A station of a provisioned account on the shared central, kept in `opened` for the test's cleanup. */
export async function openAccountStation(
  account: { readonly stationUser: string; readonly stationPassword: string } | undefined,
  hcode: string,
  label: string,
  opened: Station[],
  extra: Partial<Omit<StationOptions, 'centralUrl' | 'hcode' | 'user' | 'password' | 'label'>> = {},
): Promise<Station> {
  if (account === undefined) throw new Error('not provisioned');
  const opening = await openStation({
    centralUrl: sharedCentralUrl(),
    hcode,
    user: account.stationUser,
    password: account.stationPassword,
    label,
    ...extra,
  });
  opened.push(opening);
  return opening;
}
