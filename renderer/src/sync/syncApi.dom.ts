/**
 * What the sync screens and the replication runner need from main, as one small interface: the bridge
 * implements it (bridgeSyncApi.dom.ts) and the unit tests fake it.
 */
import type {
  HubSetting,
  ReplicationReport,
  SyncConfigureInput,
  SyncEndpoint,
  SyncState,
  SyncStatus,
  WorkingSet,
} from '../../../electron/contract/sync.std.js';
import type { Result } from '../../../electron/contract/result.std.js';

export interface SyncKick {
  readonly reason: 'link_up' | 'sync_now' | 'configured';
  readonly at: string;
}

export interface SyncApi {
  endpoint(): Promise<Result<SyncEndpoint>>;
  status(): Promise<Result<SyncStatus>>;
  report(report: ReplicationReport): Promise<Result<{ state: SyncState }>>;
  syncNow(): Promise<Result<{ requestedAt: string }>>;
  configure(input: SyncConfigureInput): Promise<Result<SyncStatus>>;
  workingSet(): Promise<Result<WorkingSet>>;
  setWorkingSet(days: number): Promise<Result<WorkingSet>>;
  hub(): Promise<Result<HubSetting>>;
  setHub(hubUrl: string | null): Promise<Result<SyncStatus>>;
  onStatus(listener: (status: SyncStatus) => void): () => void;
  onKick(listener: (kick: SyncKick) => void): () => void;
}
