/**
 * The one DataContext (PouchDB over IndexedDB) of the page, opened once for the station's hospital
 * database `clinic_<hcode>`, and the station's time-ordered id factory. Workspaces read both from here.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DataContext } from '../../../sync/store/dataContext.dom.js';
import { createIdFactory, type IdFactory } from '../../../sync/model/ids.std.js';
import { useReplicationRunner, type OlderHistoryReader } from '../sync/useReplicationRunner.dom.js';
import { bridgeSyncApi } from '../sync/bridgeSyncApi.dom.js';
import { useIdentityReconcile } from './useIdentityReconcile.dom.js';
import { AuthenProvider } from '../frontdesk/AuthenProvider.dom.js';
import { errorMessage } from '../../../sync/model/errorMessage.std.js';
import { databaseName } from '../../../sync/central/designDocs.std.js';

export interface RecordsState {
  readonly records: DataContext | null;
  readonly ids: IdFactory;
  readonly error: string | null;
  /** A patient's history older than the station keeps, read from central when linked. */
  readonly readOlder: OlderHistoryReader;
}

const RecordsReact = createContext<RecordsState | null>(null);

/** `demo`: a demo station, whose every record carries the demo tag. */
export function RecordsProvider({
  hcode,
  stationId,
  demo,
  children,
}: {
  readonly hcode: string;
  readonly stationId: string;
  readonly demo: boolean;
  readonly children: ReactNode;
}) {
  const [records, setRecords] = useState<DataContext | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ids = useMemo(
    () =>
      createIdFactory({
        stationId,
        now: () => Date.now(),
        randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
      }),
    [stationId],
  );

  useEffect(() => {
    let live = true;
    let opened: DataContext | null = null;
    DataContext.open(databaseName(hcode), { demo }).then(
      (context) => {
        opened = context;
        // Indexes build lazily on the first query after writes (minutes after a large import): do it now, unawaited.
        context.requestWarm();
        if (live) setRecords(context);
      },
      (reason: unknown) => {
        if (live) setError(errorMessage(reason));
      },
    );
    return () => {
      live = false;
      // close() also closes the identifier index and leaves a warm-up in flight to stop on its own.
      opened?.close().catch((reason: unknown) => console.warn('records: close failed', errorMessage(reason)));
    };
  }, [hcode, demo]);

  // Replication runs while the store is open, whichever workspace is shown.
  const readOlder = useReplicationRunner(bridgeSyncApi, records, ids);
  useIdentityReconcile(records, stationId);

  const value = useMemo(() => ({ records, ids, error, readOlder }), [records, ids, error, readOlder]);
  return (
    <RecordsReact.Provider value={value}>
      <AuthenProvider records={records} stationId={stationId}>
        {children}
      </AuthenProvider>
    </RecordsReact.Provider>
  );
}

export function useRecordsState(): RecordsState {
  const state = useContext(RecordsReact);
  if (state === null) throw new Error('useRecords outside RecordsProvider');
  return state;
}

/** The station's record store, or null while it opens. */
export function useRecords(): DataContext | null {
  return useRecordsState().records;
}
