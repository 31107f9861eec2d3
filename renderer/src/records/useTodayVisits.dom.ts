/** Today's visits with their patients, kept current from the store's changes feed (saves here, syncs in). */
import { useEffect, useState } from 'react';
import type { DataContext, VisitWithPatient } from '../../../sync/store/dataContext.dom.js';

export interface TodayVisits {
  readonly rows: readonly VisitWithPatient[];
  /** False until the first read answered: an empty list before then is not "nobody in the queue". */
  readonly loaded: boolean;
}

export function useTodayVisitsState(records: DataContext | null, refreshKey = 0): TodayVisits {
  const [state, setState] = useState<TodayVisits>({ rows: [], loaded: false });
  useEffect(() => {
    if (records === null) return;
    const store = records;
    let live = true;
    async function load(): Promise<void> {
      const visits = await store.visitsWithPatients(new Date());
      if (live) setState({ rows: visits, loaded: true });
    }
    void load();
    const unwatch = store.watch({ resourceType: { $in: ['Encounter', 'Patient'] } }, () => void load());
    return () => {
      live = false;
      unwatch();
    };
  }, [records, refreshKey]);
  return state;
}

export function useTodayVisits(records: DataContext | null, refreshKey = 0): readonly VisitWithPatient[] {
  return useTodayVisitsState(records, refreshKey).rows;
}
