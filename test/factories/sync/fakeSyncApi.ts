// A stand-in for main's sync commands and events, recording what the renderer sent.
import {
  NO_PROBES,
  type HubSetting,
  type HubStatus,
  type LinkProbe,
  type ReplicationReport,
  type SyncConfigureInput,
  type SyncEndpoint,
  type SyncStatus,
  type WorkingSet,
} from '../../../electron/contract/sync.std.js';
import { err, ok, type Result } from '../../../electron/contract/result.std.js';
import type { SyncApi, SyncKick } from '../../../renderer/src/sync/syncApi.dom.js';

export const testEndpoint: SyncEndpoint = {
  proxyOrigin: null,
  database: 'clinic_10953',
  token: 'proxy-token-1',
  hcode: '10953',
  stationId: 'st-10953-a',
  queuePrefix: 'A',
  workingSetDays: 30,
  hub: false,
};

/** A hub in the status with its last probe and no chart yet. */
export function hubStatus(url: string, link: LinkProbe | null): HubStatus {
  return { url, link, linkHistory: [], linkRecent: [], linkSummary: NO_PROBES };
}

export function unconfiguredStatus(): SyncStatus {
  return {
    configured: false,
    centralUrl: null,
    database: null,
    stationUser: null,
    state: 'unconfigured',
    errorCode: null,
    link: null,
    replication: null,
    linkHistory: [],
    linkRecent: [],
    linkSummary: NO_PROBES,
    hub: null,
  };
}

export class FakeSyncApi implements SyncApi {
  endpointAnswer: Result<SyncEndpoint> = err('sync_not_configured', 'not configured');
  endpointCalls = 0;
  readonly reports: ReplicationReport[] = [];
  failReports = false;
  readonly #statusListeners = new Set<(status: SyncStatus) => void>();
  readonly #kickListeners = new Set<(kick: SyncKick) => void>();

  endpoint(): Promise<Result<SyncEndpoint>> {
    this.endpointCalls += 1;
    return Promise.resolve(this.endpointAnswer);
  }
  status(): Promise<Result<SyncStatus>> {
    return Promise.resolve(ok(unconfiguredStatus()));
  }
  report(report: ReplicationReport): Promise<Result<{ state: ReplicationReport['state'] }>> {
    if (this.failReports) return Promise.resolve(err('internal', 'bridge down'));
    this.reports.push(report);
    return Promise.resolve(ok({ state: report.state }));
  }
  syncNow(): Promise<Result<{ requestedAt: string }>> {
    return Promise.resolve(ok({ requestedAt: new Date().toISOString() }));
  }
  configure(_input: SyncConfigureInput): Promise<Result<SyncStatus>> {
    return Promise.resolve(ok(unconfiguredStatus()));
  }
  workingSetDays = 30;
  workingSet(): Promise<Result<WorkingSet>> {
    return Promise.resolve(ok({ days: this.workingSetDays }));
  }
  setWorkingSet(days: number): Promise<Result<WorkingSet>> {
    this.workingSetDays = days;
    return Promise.resolve(ok({ days }));
  }
  hubUrl: string | null = null;
  hub(): Promise<Result<HubSetting>> {
    return Promise.resolve(ok({ hubUrl: this.hubUrl }));
  }
  setHub(hubUrl: string | null): Promise<Result<SyncStatus>> {
    this.hubUrl = hubUrl;
    return Promise.resolve(ok({ ...unconfiguredStatus(), hub: hubUrl === null ? null : hubStatus(hubUrl, null) }));
  }
  onStatus(listener: (status: SyncStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }
  onKick(listener: (kick: SyncKick) => void): () => void {
    this.#kickListeners.add(listener);
    return () => this.#kickListeners.delete(listener);
  }
  emitStatus(status: SyncStatus): void {
    for (const listener of this.#statusListeners) listener(status);
  }
  emitKick(reason: SyncKick['reason']): void {
    for (const listener of this.#kickListeners) listener({ reason, at: new Date().toISOString() });
  }
  get listenerCount(): number {
    return this.#statusListeners.size + this.#kickListeners.size;
  }
}
