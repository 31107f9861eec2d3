/** Today's visits with their patients, kept current from the store's changes feed (saves here, syncs in). */
import { useEffect, useState } from 'react';
import type { DataContext, VisitWithPatient } from '../../../sync/store/dataContext.dom.js';

export function useTodayVisits(records: DataContext | null, refreshKey = 0): readonly VisitWithPatient[] {
  const [rows, setRows] = useState<readonly VisitWithPatient[]>([]);
  useEffect(() => {
    if (records === null) return;
    const store = records;
    let live = true;
    async function load(): Promise<void> {
      const visits = await store.visitsWithPatients(new Date());
      if (live) setRows(visits);
    }
    void load();
    const feed = store.db.changes({ since: 'now', live: true, selector: { resourceType: { $in: ['Encounter', 'Patient'] } } }).on('change', () => void load());
    return () => {
      live = false;
      feed.cancel();
    };
  }, [records, refreshKey]);
  return rows;
}
