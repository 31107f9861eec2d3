/** The bound patient's observations from the store, newest first, live as new ones are written (here or by sync). */
import { useEffect, useState } from 'react';
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import type { ObservationDoc } from '../../../sync/model/observation.std.js';

export function usePatientObservations(
  records: DataContext | null,
  patientId: string | null,
  limit = 60,
): readonly ObservationDoc[] {
  const [observations, setObservations] = useState<readonly ObservationDoc[]>([]);
  useEffect(() => {
    setObservations([]);
    if (records === null || patientId === null) return;
    const store = records;
    const subject = patientId;
    let live = true;
    async function load(): Promise<void> {
      const found = await store.observationsOf(subject, limit);
      if (live) setObservations(found);
    }
    void load();
    const unwatch = store.watch(
      { resourceType: 'Observation', 'subject.reference': `Patient/${subject}` },
      () => void load(),
    );
    return () => {
      live = false;
      unwatch();
    };
  }, [records, patientId, limit]);
  return observations;
}
