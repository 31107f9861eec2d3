/**
 * Runs the station's replication while the record store is open. Asks main where to replicate
 * (`sync.endpoint`: main's `/central/` proxy, which adds the station's session to each request); while sync
 * is not configured it stays idle until a `sync.status` event says it is. Every replication report goes to
 * main (`sync.report`), at most twice a second and never dropping the last one; a `sync.kick` event (link
 * back, "sync now") restarts replication at once, and a kick after reconfiguration reconnects if the
 * endpoint changed. stop() leaves nothing running (unmount, reload, another hospital code).
 */
import type { ReplicationReport, SyncEndpoint } from '../../../electron/contract/sync.std.js';
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import type { Database } from '../../../sync/store/pouch.dom.js';
import type { ReplicatorOptions } from '../../../sync/replication/replicator.dom.js';
import type { HubFailoverOptions } from '../../../sync/replication/hubFailover.dom.js';
import type { PathLinks, SyncPath } from '../../../sync/replication/syncPath.std.js';
import type { SyncStatus } from '../../../electron/contract/sync.std.js';
import { latestThrottle, type LatestThrottle } from './latestThrottle.std.js';
import type { Timers } from '../../../sync/store/timers.std.js';
import type { SyncApi, SyncKick } from './syncApi.dom.js';

/** The part of the Replicator the runner uses (a fake in unit tests). */
export interface ReplicatorHandle {
  start(): Promise<void>;
  stop(): Promise<void>;
  kick(): void;
  report(): ReplicationReport;
}

/** The HubFailover as the runner uses it: a replicator that says which path it runs over. */
export interface FailoverHandle extends ReplicatorHandle {
  readonly path: SyncPath | null;
}

export interface RunnerOptions {
  readonly api: SyncApi;
  readonly store: DataContext;
  /** The store's time-ordered id factory (conflict archives get ids from it). */
  readonly newId: () => string;
  /** The page's origin, used when main's proxy is same-origin (the browser bridge). */
  readonly origin: string;
  readonly createRemote: (url: string, headers: Record<string, string>) => Database;
  readonly createReplicator: (options: ReplicatorOptions) => ReplicatorHandle;
  /** A station with a hospital hub: replication over the hub or central, whichever main's probes find (hubFailover.dom.ts). */
  readonly createFailover: (options: HubFailoverOptions) => FailoverHandle;
  readonly timers: Timers;
  /** Minimum gap between two reports to main. */
  readonly reportIntervalMs?: number;
  /** Wait before asking for the endpoint again after a failure other than "not configured". */
  readonly retryMs?: number;
  readonly onError?: (what: string, error: unknown) => void;
}

export type RunnerPhase = 'idle' | 'connecting' | 'running' | 'stopped';

export function centralUrl(endpoint: SyncEndpoint, origin: string): string {
  return `${(endpoint.proxyOrigin ?? origin).replace(/\/+$/, '')}/central/${encodeURIComponent(endpoint.database)}`;
}

/** The hospital hub's database through main's `/hub/` proxy. */
export function hubUrl(endpoint: SyncEndpoint, origin: string): string {
  return `${(endpoint.proxyOrigin ?? origin).replace(/\/+$/, '')}/hub/${encodeURIComponent(endpoint.database)}`;
}

function sameEndpoint(a: SyncEndpoint, b: SyncEndpoint): boolean {
  return (
    a.proxyOrigin === b.proxyOrigin &&
    a.database === b.database &&
    a.token === b.token &&
    a.stationId === b.stationId &&
    a.hcode === b.hcode &&
    a.workingSetDays === b.workingSetDays &&
    a.hub === b.hub
  );
}

/** Which links main's probes last found up (a station with a hub chooses its path by them). */
export function linksOf(status: SyncStatus | null): PathLinks {
  return { hub: status?.hub?.link?.up === true, central: status?.link?.up === true };
}

export class ReplicationRunner {
  readonly #options: RunnerOptions;
  readonly #throttle: LatestThrottle<ReplicationReport>;
  #phase: RunnerPhase = 'idle';
  #replicator: ReplicatorHandle | null = null;
  #endpoint: SyncEndpoint | null = null;
  /** The remote replication runs over now (with a hub: the hub's or central's, as the failover last chose). */
  #remote: () => Database | null = () => null;
  #connecting: Promise<void> | null = null;
  /** Asked to connect while an attempt was in flight (its answer may predate the change): go again after it. */
  #connectAgain = false;
  #retryTimer: unknown = null;
  #unsubscribe: (() => void)[] = [];
  /** Main's last status: its probes of central and of the hub. */
  #status: SyncStatus | null = null;

  constructor(options: RunnerOptions) {
    this.#options = options;
    this.#throttle = latestThrottle((report) => this.#send(report), options.reportIntervalMs ?? 500, options.timers);
  }

  get phase(): RunnerPhase {
    return this.#phase;
  }

  /** The remote the running replication uses (for read-only lookups such as older history), else null. */
  get remote(): Database | null {
    return this.#phase === 'running' ? this.#remote() : null;
  }

  start(): void {
    if (this.#phase !== 'idle' || this.#unsubscribe.length > 0) return;
    const { api } = this.#options;
    this.#unsubscribe = [
      api.onStatus((status) => {
        this.#status = status;
        if (status.configured && this.#replicator === null) this.#connect();
      }),
      api.onKick((kick) => this.#onKick(kick)),
    ];
    this.#connect();
  }

  async stop(): Promise<void> {
    this.#phase = 'stopped';
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    this.#clearRetry();
    await this.settled();
    const replicator = this.#replicator;
    this.#replicator = null;
    if (replicator !== null) {
      // The last word main hears is the state replication was in when it stopped.
      this.#throttle.push(replicator.report());
      this.#throttle.flush();
      await replicator.stop();
    }
    this.#throttle.cancel();
  }

  /** Resolves when a connection attempt in flight has finished (tests). */
  async settled(): Promise<void> {
    while (this.#connecting !== null) await this.#connecting.catch(() => undefined);
  }

  /** A method, not a field read, so TypeScript does not narrow it across the awaits where stop() may run. */
  #isStopped(): boolean {
    return this.#phase === 'stopped';
  }

  #onKick(kick: SyncKick): void {
    if (this.#phase === 'stopped') return;
    if (kick.reason === 'configured' || this.#replicator === null) {
      this.#connect();
      return;
    }
    this.#replicator.kick();
  }

  #connect(): void {
    if (this.#phase === 'stopped') return;
    if (this.#connecting !== null) {
      this.#connectAgain = true;
      return;
    }
    this.#clearRetry();
    const attempt = this.#attempt().catch((error: unknown) => {
      this.#options.onError?.('replication start', error);
      this.#scheduleRetry();
    });
    this.#connecting = attempt.finally(() => {
      this.#connecting = null;
      if (this.#connectAgain) {
        this.#connectAgain = false;
        this.#connect();
      }
    });
  }

  async #attempt(): Promise<void> {
    if (this.#replicator === null) this.#phase = 'connecting';
    const answer = await this.#options.api.endpoint();
    if (this.#isStopped()) return;
    if (!answer.ok) {
      if (this.#replicator === null) this.#phase = 'idle';
      // Not configured: a sync.status event saying configured (or a kick) brings us back; anything else retries.
      if (answer.error.code !== 'sync_not_configured') this.#scheduleRetry();
      return;
    }
    const endpoint = answer.value;
    const current = this.#replicator;
    if (current !== null && this.#endpoint !== null && sameEndpoint(this.#endpoint, endpoint)) {
      current.kick();
      return;
    }
    if (current !== null) {
      this.#replicator = null;
      await current.stop();
    }
    const { store, newId, createRemote, createReplicator, createFailover, origin } = this.#options;
    const headers = { 'X-Edge-Proxy-Token': endpoint.token };
    if (endpoint.hub && this.#status === null) {
      const status = await this.#options.api.status();
      if (status.ok) this.#status = status.value;
      if (this.#isStopped()) return;
    }
    let docsDown: number | null = null;
    const options: Omit<ReplicatorOptions, 'remote'> = {
      store,
      resolve: { stationId: endpoint.stationId, hcode: endpoint.hcode, newId, now: () => new Date().toISOString() },
      workingSetDays: endpoint.workingSetDays,
      onReport: (report) => {
        // A pull brought documents: index them in the background, not on a user's next search (the store throttles).
        if (docsDown !== null && report.docsDown > docsDown) store.requestWarm();
        docsDown = report.docsDown;
        this.#throttle.push(report);
      },
    };
    const central = createRemote(centralUrl(endpoint, origin), headers);
    let remote: () => Database | null = () => central;
    let replicator: ReplicatorHandle;
    if (endpoint.hub) {
      const remotes = { hub: createRemote(hubUrl(endpoint, origin), headers), central };
      const failover = createFailover({ ...options, remotes, links: () => Promise.resolve(linksOf(this.#status)) });
      remote = () => (failover.path === null ? null : remotes[failover.path]);
      replicator = failover;
    } else replicator = createReplicator({ ...options, remote: central });
    await replicator.start();
    if (this.#isStopped()) {
      await replicator.stop();
      return;
    }
    this.#replicator = replicator;
    this.#endpoint = endpoint;
    this.#remote = remote;
    this.#phase = 'running';
    this.#throttle.push(replicator.report());
  }

  #send(report: ReplicationReport): void {
    void this.#options.api.report(report).then(
      (result) => {
        if (!result.ok) this.#resendLater();
      },
      () => this.#resendLater(),
    );
  }

  /** Main missed a report (bridge reconnecting): send the current one again, still throttled. */
  #resendLater(): void {
    const { timers, retryMs = 5_000 } = this.#options;
    timers.setTimeout(
      () => {
        if (this.#phase === 'running' && this.#replicator !== null) this.#throttle.push(this.#replicator.report());
      },
      Math.min(retryMs, 1_000),
    );
  }

  #scheduleRetry(): void {
    if (this.#phase === 'stopped' || this.#retryTimer !== null) return;
    const { timers, retryMs = 5_000 } = this.#options;
    this.#retryTimer = timers.setTimeout(() => {
      this.#retryTimer = null;
      this.#connect();
    }, retryMs);
  }

  #clearRetry(): void {
    if (this.#retryTimer !== null) this.#options.timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }
}
