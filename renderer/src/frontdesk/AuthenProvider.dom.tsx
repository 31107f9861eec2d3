/**
 * This station's NHSO authen requests, kept current from `nhso.authen`, for the visit card and today's queue; and
 * the page's half of the queue: a request that has its code gets it written on its Encounter (the page owns the
 * clinical store), then main is told (`nhso.markStored`). Runs whichever workspace is shown; what main refused
 * while nobody was on duty is read again at the next sign-in.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AuthenRequest } from '../../../electron/contract/nhso.std.js';
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import { storeClaimCode } from '../../../sync/store/claimCodeStore.dom.js';
import { invoke, on, onBridgeConnection } from '../bridge/client.dom.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';

const AuthenReact = createContext<ReadonlyMap<string, AuthenRequest>>(new Map());

export function AuthenProvider({
  records,
  stationId,
  children,
}: {
  readonly records: DataContext | null;
  readonly stationId: string;
  readonly children: ReactNode;
}) {
  const [byEncounter, setByEncounter] = useState<ReadonlyMap<string, AuthenRequest>>(new Map());

  useEffect(() => {
    if (records === null) return;
    let live = true;
    let writing: Promise<void> = Promise.resolve();
    function store(request: AuthenRequest): void {
      const code = request.claimCode;
      if (request.state !== 'got_code' || request.storedOnEncounter || code === null) return;
      // One write at a time: an event and the list at start may name the same request.
      writing = writing
        .then(async () => {
          if (!live) return;
          const outcome = await storeClaimCode(records as DataContext, request.encounterId, code, {
            at: new Date().toISOString(),
            stationId,
          });
          // A visit not in this store yet (a reload mid-save) is tried again with the next list or event.
          if (outcome !== 'missing') await invoke('nhso.markStored', { id: request.id });
        })
        .catch((reason: unknown) => console.warn('authen: storing the code failed', errorMessage(reason)));
    }
    function accept(request: AuthenRequest): void {
      if (!live) return;
      setByEncounter((previous) => {
        const current = previous.get(request.encounterId);
        if (current !== undefined && current.updatedAt > request.updatedAt) return previous;
        return new Map(previous).set(request.encounterId, request);
      });
      store(request);
    }
    function load(): void {
      void invoke('nhso.authenRequests', {}).then((result) => {
        if (result.ok) for (const request of result.value) accept(request);
      });
    }
    const stop = on('nhso.authen', accept);
    // The list is the front desk's and nurses' (main checks): read it again whenever someone signs in or unlocks.
    const offStaff = on('staff.changed', () => load());
    // Events sent while the bridge was down are missed: read the list again when it is back.
    const offBridge = onBridgeConnection((up) => {
      if (up) load();
    });
    load();
    return () => {
      live = false;
      stop();
      offStaff();
      offBridge();
    };
  }, [records, stationId]);

  return <AuthenReact.Provider value={byEncounter}>{children}</AuthenReact.Provider>;
}

/** This station's authen requests by Encounter id. */
export function useAuthenRequests(): ReadonlyMap<string, AuthenRequest> {
  return useContext(AuthenReact);
}
