/**
 * Sync with central, main-process side: the configuration (password in the keystore), the station's session,
 * the link monitor with its history, the hospital key, the `/central/` proxy route, and the one status the
 * dashboard, the header and the CLI show. The renderer runs PouchDB and replication; it tells main how that
 * went (sync.report) and main tells it when to start again (sync.kick).
 */
import { secureCentralUrl } from './centralUrl.std.js';
import { randomBytes } from 'node:crypto';
import { databaseName, stationUserName } from '../../../sync/central/designDocs.std.js';
import { queuePrefixFor } from '../../../sync/model/encounter.std.js';
import { DEFAULT_PROBE_POLICY, type ProbePolicy } from '../../../sync/replication/linkPolicy.std.js';
import { EdgeError } from '../../contract/result.std.js';
import type {
  HubSetting,
  ReplicationReport,
  SyncConfigureInput,
  SyncEndpoint,
  SyncState,
  SyncStatus,
  ConflictItem,
  Rejection,
  WorkingSet,
} from '../../contract/sync.std.js';
import type { SyncErrorCode } from '../../../sync/replication/syncErrors.std.js';
import type { StationDb } from '../db/stationDb.node.js';
import type { EventBus } from '../eventBus.node.js';
import type { Logger } from '../logging/logger.node.js';
import type { AuditLog } from '../audit/auditLog.node.js';
import type { SettingsService } from '../settings/settingsService.node.js';
import type { HospitalKey } from '../identity/hospitalKey.node.js';
import { checkCaBundle, failureCode } from './centralRequest.node.js';
import { probeSession } from './sessionProbe.node.js';
import { CentralSession, type SessionOptions } from './centralSession.node.js';
import { centralProxyRoute, type ProxyRoute } from './centralProxy.node.js';
import { HUB_PROXY_PREFIX } from './proxyRules.std.js';
import { HubLink } from './hubLink.node.js';
import type { CredentialKeystore } from './keystore.node.js';
import { HospitalKeySync } from './hospitalKeySync.node.js';
import { LinkMonitor } from './linkMonitor.node.js';
import { probeView, SyncStore, type ProbedLink, type ProbeRecord } from './syncStore.node.js';
import { LinkChartCache } from './linkChart.std.js';
import { foldStatus, linkStateOf, type StoredReport } from './syncStatus.std.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

export interface SyncServiceOptions {
  readonly db: StationDb;
  readonly events: EventBus;
  readonly log: Logger;
  readonly audit: AuditLog;
  readonly settings: SettingsService;
  readonly hospitalKey: HospitalKey;
  readonly keystore: CredentialKeystore;
  readonly policy?: ProbePolicy;
  readonly session?: SessionOptions;
  /** Start probing at once (default); tests may start it later. */
  readonly autoStart?: boolean;
}

/** Prune the probe table once per this many probes (about every 17 min while up). */
const PRUNE_EVERY = 100;

/** Link-up hooks (staff accounts) run at most this often when the link flaps. */
const LINK_HOOK_INTERVAL_MS = 60_000;

export class SyncService {
  /** Sent by the page as X-Edge-Proxy-Token; new for every process. */
  readonly proxyToken = randomBytes(24).toString('hex');
  readonly store: SyncStore;
  readonly #options: SyncServiceOptions;
  readonly #policy: ProbePolicy;
  readonly #keySync: HospitalKeySync;
  readonly #linkHooks: ((session: CentralSession, hcode: string) => Promise<unknown>)[] = [];
  #linkHookRun: Promise<void> | null = null;
  #linkHookAt = 0;
  readonly #monitor: LinkMonitor<ProbeRecord>;
  readonly #startedAt = new Date().toISOString();
  #session: CentralSession | null = null;
  /** The hospital hub, when IT set one and the station's password is at hand. */
  #hub: HubLink | null = null;
  #credentialsError: SyncErrorCode | null = null;
  #link: ProbeRecord | null = null;
  #report: StoredReport | null;
  #proxyOrigin: string | null = null;
  readonly #chart: LinkChartCache;
  /** The hub's link chart: its probes are stored beside central's (link 'hub'). */
  #hubChart: LinkChartCache;
  #lastEmitted = '';
  #probes = 0;
  #keyFetch: Promise<unknown> | null = null;
  #ready: Promise<void>;

  constructor(options: SyncServiceOptions) {
    this.#options = options;
    this.#policy = options.policy ?? DEFAULT_PROBE_POLICY;
    this.store = new SyncStore(options.db);
    this.#chart = new LinkChartCache((from) => this.store.samples(from));
    this.#hubChart = this.#newHubChart();
    this.#report = this.store.report();
    this.#keySync = new HospitalKeySync(options.hospitalKey, options.audit, options.log);
    this.#monitor = new LinkMonitor(() => this.#probe(), this.#policy);
    this.#ready = this.#load().then(() => {
      if (options.autoStart !== false && this.#session !== null) this.#monitor.start();
      if (options.autoStart !== false) this.#hub?.start();
    });
  }

  /** Resolves once the stored configuration and password are loaded. */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** One probe now (when configured), e.g. for the doctor. */
  async probeNow(): Promise<void> {
    await this.#ready;
    if (this.#session !== null) await this.#monitor.wake();
  }

  start(): void {
    if (this.#session !== null) this.#monitor.start();
    this.#hub?.start();
  }

  /** The route that serves `/central/` and `/hub/` on the browser bridge (same origin). */
  proxyRoute(): ProxyRoute {
    return this.#routes(undefined);
  }

  /** The route for the Electron loopback proxy server: CORS for the app's own origins only. */
  loopbackProxyRoute(allowedOrigins: readonly string[]): ProxyRoute {
    return this.#routes(allowedOrigins);
  }

  #routes(allowedOrigins: readonly string[] | undefined): ProxyRoute {
    const common = {
      token: this.proxyToken,
      log: this.#options.log,
      ...(allowedOrigins === undefined ? {} : { allowedOrigins }),
    };
    const central = centralProxyRoute({ ...common, session: () => this.#session });
    const hub = centralProxyRoute({ ...common, prefix: HUB_PROXY_PREFIX, session: () => this.#hub?.session ?? null });
    return async (request, response) => (await central(request, response)) || hub(request, response);
  }

  /** Where the renderer reaches the proxy: null = the page's own origin (the browser bridge). */
  useProxyOrigin(origin: string | null): void {
    this.#proxyOrigin = origin;
  }

  status(): SyncStatus {
    // One clock for both links, so their buckets start at the same times.
    const now = Date.now();
    const config = this.store.config();
    const hcode = this.#options.settings.get().hcode;
    return foldStatus({
      config:
        config === null || hcode === null
          ? null
          : { centralUrl: config.centralUrl, username: config.username, database: databaseName(hcode) },
      credentialsError: this.#credentialsError,
      link: this.#link === null ? null : probeView(this.#link),
      report: this.#report,
      reportsValidFrom: this.#startedAt,
      history: this.#chart.buckets(now),
      recent: this.#chart.recent(now),
      summary: this.#chart.summary(now),
      hub:
        this.#hub === null
          ? null
          : {
              url: this.#hub.url,
              link: this.#hub.link === null ? null : probeView(this.#hub.link),
              linkHistory: this.#hubChart.buckets(now),
              linkRecent: this.#hubChart.recent(now),
              linkSummary: this.#hubChart.summary(now),
            },
    });
  }

  async configure(input: SyncConfigureInput): Promise<SyncStatus> {
    const hcode = this.#options.settings.get().hcode;
    if (hcode === null)
      throw new EdgeError('sync_not_configured', 'set up the station (hospital code) before the link to central');
    const caPem = input.caBundlePem ?? null;
    if (caPem !== null) checkCaBundle(caPem);
    const centralUrl = input.centralUrl.replace(/\/+$/, '');
    // Over GIN, credentials and records travel only over TLS; plain http is for a central on this machine (tests).
    if (!secureCentralUrl(centralUrl))
      throw new EdgeError('sync_insecure_url', 'central must be https:// unless it runs on this machine');
    const session = new CentralSession(
      { centralUrl, username: input.username, password: input.password, caPem, database: databaseName(hcode) },
      this.#options.session,
    );
    try {
      await session.open();
      // Every record this station wrote names its central user as author; another user would see them refused.
      const stationId = this.#options.settings.get().stationId;
      if (input.username !== stationId)
        throw new EdgeError('sync_station_mismatch', `this station writes as ${stationId}, not ${input.username}`);
      await this.#options.keystore.write({ centralUrl, username: input.username, password: input.password });
    } catch (error) {
      session.close();
      if (error instanceof EdgeError) throw error;
      throw new EdgeError(failureCode(error), error instanceof Error ? error.message : 'login to central failed');
    }
    this.store.saveConfig({ centralUrl, username: input.username, caPem, configuredAt: new Date().toISOString() });
    this.#session?.close();
    this.#session = session;
    this.#credentialsError = null;
    this.#options.audit.append({
      action: 'sync.configured',
      detail: { centralHost: new URL(centralUrl).host, stationUser: input.username, customCa: caPem !== null },
    });
    this.#options.log.info({ centralHost: new URL(centralUrl).host }, 'sync configured');
    await this.#keySync.sync(session, hcode);
    await this.#runLinkHooks(true);
    this.#monitor.start();
    await this.#monitor.wake();
    this.#kick('configured');
    return this.#publish(true);
  }

  /**
   * Runs `hook` with the logged-in central session after setup and each time the link comes back (other
   * features fetch their central data then: the staff accounts). A hook's failure is its own to report.
   */
  onLinkUp(hook: (session: CentralSession, hcode: string) => Promise<unknown>): void {
    this.#linkHooks.push(hook);
  }

  /** The logged-in central session and hospital, when sync is configured (for a fetch IT asks for now). */
  central(): { session: CentralSession; hcode: string } | null {
    const hcode = this.#options.settings.get().hcode;
    return this.#session === null || hcode === null ? null : { session: this.#session, hcode };
  }

  /**
   * One run at a time, and not again within LINK_HOOK_INTERVAL_MS of the last unless `force` (setup): a link
   * that flaps does not refetch every time, and the probe right after setup does not repeat setup's fetch.
   */
  #runLinkHooks(force: boolean): Promise<void> {
    const central = this.central();
    if (central === null || this.#linkHooks.length === 0) return Promise.resolve();
    if (this.#linkHookRun !== null) return this.#linkHookRun;
    if (!force && Date.now() - this.#linkHookAt < LINK_HOOK_INTERVAL_MS) return Promise.resolve();
    this.#linkHookAt = Date.now();
    this.#linkHookRun = Promise.allSettled(this.#linkHooks.map((hook) => hook(central.session, central.hcode))).then(
      () => {
        this.#linkHookRun = null;
      },
    );
    return this.#linkHookRun;
  }

  syncNow(): { requestedAt: string } {
    if (this.store.config() === null) throw new EdgeError('sync_not_configured', 'sync with central is not configured');
    const requestedAt = new Date().toISOString();
    this.#kick('sync_now');
    void this.#monitor.wake();
    return { requestedAt };
  }

  report(report: ReplicationReport): { state: SyncState } {
    const reportedAt = new Date().toISOString();
    // Each purge once in the audit trail (the page reports the last one with every report): counts only.
    const purge = report.store?.lastPurge ?? null;
    if (purge !== null && purge.purged > 0 && purge.at !== this.#report?.store?.lastPurge?.at) {
      this.#options.audit.append({
        actor: 'system',
        action: 'sync.records_purged',
        detail: {
          purged: purge.purged,
          unconfirmed: purge.unconfirmed,
          cutoff: purge.cutoff,
          docsLeft: purge.docsLeft,
        },
      });
    }
    this.store.saveReport(report, reportedAt);
    this.#report = { ...report, reportedAt };
    return { state: this.#publish().state };
  }

  conflicts(): ConflictItem[] {
    return this.#report?.conflicts ?? [];
  }

  rejections(): Rejection[] {
    return this.#report?.rejections ?? [];
  }

  endpoint(): SyncEndpoint {
    const settings = this.#options.settings.get();
    const config = this.store.config();
    if (config === null || settings.hcode === null || this.#session === null)
      throw new EdgeError('sync_not_configured', 'sync with central is not configured');
    const provisioned = config.username.startsWith(stationUserName(settings.hcode, ''))
      ? config.username.slice(stationUserName(settings.hcode, '').length)
      : null;
    return {
      proxyOrigin: this.#proxyOrigin,
      database: databaseName(settings.hcode),
      token: this.proxyToken,
      hcode: settings.hcode,
      // Central's validate_doc_update wants meta.source = the station user.
      stationId: config.username,
      queuePrefix: settings.queuePrefix ?? queuePrefixFor(provisioned ?? config.username),
      workingSetDays: this.#options.settings.workingSetDays(),
      hub: this.#hub !== null,
    };
  }

  hub(): HubSetting {
    return { hubUrl: this.#options.settings.hubUrl() };
  }

  /**
   * IT sets (or clears) the hospital hub: the station logs in to it with its central user and password first,
   * so a wrong address or a hub without this station is refused and nothing is stored. Audited; the page's
   * runner sees the new endpoint and replicates over the hub while it answers.
   */
  async setHub(input: HubSetting): Promise<SyncStatus> {
    const config = this.store.config();
    const hcode = this.#options.settings.get().hcode;
    if (config === null || hcode === null)
      throw new EdgeError('sync_not_configured', 'link the station to central before setting a hub');
    const before = this.#options.settings.hubUrl();
    let hub: HubLink | null = null;
    if (input.hubUrl !== null) {
      const url = input.hubUrl.replace(/\/+$/, '');
      if (!secureCentralUrl(url))
        throw new EdgeError('sync_insecure_url', 'the hub must be https:// unless it runs on this machine');
      const stored = await this.#options.keystore.read();
      if (stored === null) throw new EdgeError('sync_keystore_unavailable', 'no stored password for the station user');
      hub = this.#hubLink(url, config.username, stored.password, config.caPem, databaseName(hcode));
      try {
        await hub.session.open();
      } catch (error) {
        await hub.close();
        if (error instanceof EdgeError) throw error;
        throw new EdgeError(failureCode(error), errorMessage(error));
      }
    }
    this.#options.settings.setHubUrl(hub?.url ?? null);
    if ((hub?.url ?? null) !== before) {
      // Another hub is another link: the chart starts again with its first probe.
      this.store.clearProbes('hub');
      this.#hubChart = this.#newHubChart();
    }
    const old = this.#hub;
    this.#hub = hub;
    await old?.close();
    this.#options.audit.append({
      action: 'sync.hub_changed',
      detail: { from: before === null ? null : new URL(before).host, to: hub === null ? null : new URL(hub.url).host },
    });
    if (hub !== null) {
      hub.start();
      await hub.wake();
    }
    this.#kick('configured');
    return this.#publish(true);
  }

  #hubLink(url: string, username: string, password: string, caPem: string | null, database: string): HubLink {
    return new HubLink({
      url,
      username,
      password,
      caPem,
      database,
      policy: this.#policy,
      ...(this.#options.session === undefined ? {} : { session: this.#options.session }),
      onProbe: (record, before) => {
        this.#storeProbe(record, 'hub');
        if (before === null || before.up !== record.up || before.errorCode !== record.errorCode) {
          this.#options.log.info(
            { up: record.up, code: record.errorCode, rttMs: record.rttMs },
            record.up ? 'hub link up' : 'hub link down',
          );
        }
        if (record.up && before?.up !== true) this.#kick('link_up');
        this.#publish();
      },
    });
  }

  workingSet(): WorkingSet {
    return { days: this.#options.settings.workingSetDays() };
  }

  /** IT changes the window: audited; the page's runner sees a new endpoint and restarts the replication with it. */
  setWorkingSet(input: WorkingSet): WorkingSet {
    const before = this.#options.settings.workingSetDays();
    const days = this.#options.settings.setWorkingSetDays(input.days);
    if (days !== before) {
      this.#options.audit.append({ action: 'sync.working_set_changed', detail: { from: before, to: days } });
      this.#kick('configured');
    }
    return { days };
  }

  async close(): Promise<void> {
    await this.#monitor.stop();
    await this.#hub?.close();
    this.#hub = null;
    await this.#keyFetch;
    this.#session?.close();
    this.#session = null;
  }

  async #load(): Promise<void> {
    const config = this.store.config();
    const hcode = this.#options.settings.get().hcode;
    if (config === null || hcode === null) return;
    try {
      const stored = await this.#options.keystore.read();
      if (stored === null || stored.centralUrl !== config.centralUrl || stored.username !== config.username) {
        throw new EdgeError('sync_keystore_unavailable', 'no stored password for the configured central user');
      }
      this.#session = new CentralSession(
        {
          centralUrl: config.centralUrl,
          username: config.username,
          password: stored.password,
          caPem: config.caPem,
          database: databaseName(hcode),
        },
        this.#options.session,
      );
      const hubUrl = this.#options.settings.hubUrl();
      if (hubUrl !== null)
        this.#hub = this.#hubLink(hubUrl, config.username, stored.password, config.caPem, databaseName(hcode));
    } catch (error) {
      // Whatever went wrong (no password, damaged file, refused OS store), IT must configure sync again.
      this.#credentialsError = 'sync_keystore_unavailable';
      this.#options.log.warn({ err: errorMessage(error) }, 'central credentials unavailable');
    }
  }

  #newHubChart(): LinkChartCache {
    return new LinkChartCache((from) => this.store.samples(from, 'hub'));
  }

  /** Every probe of either link is stored for the 24 h chart; the table is pruned now and then. */
  #storeProbe(record: ProbeRecord, link: ProbedLink): void {
    this.store.addProbe(record, link);
    (link === 'hub' ? this.#hubChart : this.#chart).recorded(Date.parse(record.at));
    this.#probes += 1;
    if (this.#probes % PRUNE_EVERY === 1) this.store.pruneProbes(Date.now());
  }

  /** One cheap GET /_session: reachability, round trip and whether the session still holds (log in again if not). */
  async #probe(): Promise<ProbeRecord> {
    const session = this.#session;
    const record: ProbeRecord =
      session === null
        ? { at: new Date().toISOString(), reachable: false, up: false, errorCode: 'sync_not_configured', rttMs: null }
        : await probeSession(session, this.#policy.timeoutMs);
    this.#recordProbe(record);
    return record;
  }

  #recordProbe(record: ProbeRecord): void {
    if (record.errorCode === 'sync_not_configured') return;
    const before = this.#link;
    this.#link = record;
    this.#storeProbe(record, 'central');
    if (before === null || before.up !== record.up || before.errorCode !== record.errorCode) {
      this.#options.log.info(
        { up: record.up, code: record.errorCode, rttMs: record.rttMs },
        record.up ? 'central link up' : 'central link down',
      );
    }
    if (record.up && before?.up !== true) {
      this.#kick('link_up');
      void this.#runLinkHooks(false);
    }
    if (record.up && !this.#keySync.settled && this.#keyFetch === null && this.#session !== null) {
      const hcode = this.#options.settings.get().hcode;
      if (hcode !== null) {
        this.#keyFetch = this.#keySync.sync(this.#session, hcode).finally(() => {
          this.#keyFetch = null;
        });
      }
    }
    this.#publish();
  }

  #kick(reason: 'link_up' | 'sync_now' | 'configured'): void {
    this.#options.events.emit('sync.kick', { reason, at: new Date().toISOString() });
  }

  /** Emits sync.status and link.changed when what they show changed (or when forced). */
  #publish(force = false): SyncStatus {
    const status = this.status();
    const link = linkStateOf(status);
    const key = JSON.stringify([
      link,
      status.link?.up ?? null,
      status.link?.errorCode ?? null,
      status.hub?.link?.up ?? null,
      status.hub?.link?.errorCode ?? null,
    ]);
    if (force || key !== this.#lastEmitted) {
      this.#lastEmitted = key;
      this.#options.events.emit('sync.status', status);
      this.#options.events.emit('link.changed', link);
    }
    return status;
  }
}
