/**
 * Starts the replication runner for the open record store and stops it when the store closes, the page
 * unmounts or unloads (a reload must not leave a live replication writing into a closing IndexedDB).
 */
import { useEffect } from 'react';
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import { Replicator } from '../../../sync/replication/replicator.dom.js';
import { HubFailover } from '../../../sync/replication/hubFailover.dom.js';
import { remoteDatabase } from '../../../sync/replication/remote.dom.js';
import { systemTimers } from '../../../sync/store/systemTimers.dom.js';
import { ReplicationRunner } from './replicationRunner.dom.js';
import type { SyncApi } from './syncApi.dom.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

export function useReplicationRunner(api: SyncApi, store: DataContext | null, newId: () => string): void {
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
    const onPageHide = (): void => void runner.stop();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      void runner.stop();
    };
  }, [api, store, newId]);
}
