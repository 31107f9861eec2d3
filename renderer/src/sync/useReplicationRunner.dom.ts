/**
 * Starts the replication runner for the open record store and stops it when the store closes, the page
 * unmounts or unloads (a reload must not leave a live replication writing into a closing IndexedDB). Returns the
 * reader of a patient's older history through the running replication's remote (read-only, cached).
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import { Replicator } from '../../../sync/replication/replicator.dom.js';
import { HubFailover } from '../../../sync/replication/hubFailover.dom.js';
import { remoteDatabase } from '../../../sync/replication/remote.dom.js';
import { systemTimers } from '../../../sync/store/systemTimers.dom.js';
import { ReplicationRunner } from './replicationRunner.dom.js';
import type { SyncApi } from './syncApi.dom.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';
import { OlderHistoryCache } from '../../../sync/replication/olderHistory.dom.js';
import type { ObservationDoc } from '../../../sync/model/observation.std.js';

/** A patient's observations measured before `before`, from central; rejects with OlderHistoryOffline when not linked. */
export type OlderHistoryReader = (recordIds: readonly string[], before: string) => Promise<ObservationDoc[]>;

export class OlderHistoryOffline extends Error {
  constructor() {
    super('no link to central: older history is read from there');
  }
}

export function useReplicationRunner(api: SyncApi, store: DataContext | null, newId: () => string): OlderHistoryReader {
  const running = useRef<ReplicationRunner | null>(null);
  const cache = useMemo(() => new OlderHistoryCache(), [store]);
  useEffect(() => {
    if (store === null) return;
    const runner = new ReplicationRunner({
      api,
      store,
      newId,
      origin: window.location.origin,
      timers: systemTimers,
      createRemote: (url, headers) => remoteDatabase(url, { headers }),
      createReplicator: (options) => new Replicator(options),
      createFailover: (options) => new HubFailover(options),
      onError: (what, error) => console.warn(`sync: ${what} failed`, errorMessage(error)),
    });
    runner.start();
    running.current = runner;
    const onPageHide = (): void => void runner.stop();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      if (running.current === runner) running.current = null;
      void runner.stop();
    };
  }, [api, store, newId]);
  return useCallback(
    (recordIds, before) => {
      const remote = running.current?.remote ?? null;
      return remote === null ? Promise.reject(new OlderHistoryOffline()) : cache.get(remote, recordIds, before);
    },
    [cache],
  );
}
