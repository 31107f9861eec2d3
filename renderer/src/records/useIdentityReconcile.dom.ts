/**
 * Keeps one person one patient on this station: at start and whenever main adopts the hospital's key, the
 * patients written under the earlier key are merged into their hospital-keyed records (identityMerge.dom.ts),
 * and each merge is audited in main. Runs one pass at a time.
 */
import { useEffect } from 'react';
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import { reconcileOncePerKey } from '../../../sync/store/identityMerge.dom.js';
import { invoke, on } from '../bridge/client.dom.js';
import { auditMerges, patientIdFor } from './identity.dom.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

export function useIdentityReconcile(records: DataContext | null, stationId: string): void {
  useEffect(() => {
    if (records === null) return;
    let running: Promise<void> = Promise.resolve();
    let live = true;
    const pass = (fingerprint: string): void => {
      running = running
        .then(async () => {
          if (!live) return;
          const plans = await reconcileOncePerKey(records, fingerprint, patientIdFor, {
            at: new Date().toISOString(),
            stationId,
          });
          await auditMerges(plans);
        })
        .catch((reason: unknown) => console.warn('identity: reconcile failed', errorMessage(reason)));
    };
    void invoke('identity.keyInfo', {}).then((result) => {
      if (result.ok) pass(result.value.fingerprint);
    });
    const stop = on('identity.keyChanged', (info) => pass(info.fingerprint));
    return () => {
      live = false;
      stop();
    };
  }, [records, stationId]);
}
