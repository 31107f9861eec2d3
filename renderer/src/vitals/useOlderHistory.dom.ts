/**
 * A patient's observations older than the station holds, read from central while the link is up (issue 15 §2):
 * asked again every minute while unreachable, so they appear when the link comes back.
 */
import { useEffect, useState } from 'react';
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import type { ObservationDoc } from '../../../sync/model/observation.std.js';
import { OlderHistoryOffline, type OlderHistoryReader } from '../sync/useReplicationRunner.dom.js';
import { olderCutoff } from './olderHistory.std.js';

export type OlderHistory =
  | { readonly kind: 'none' }
  | { readonly kind: 'offline' }
  | { readonly kind: 'failed' }
  | { readonly kind: 'loaded'; readonly observations: readonly ObservationDoc[] };

const RETRY_MS = 60_000;

export function useOlderHistory(
  records: DataContext | null,
  readOlder: OlderHistoryReader,
  patientId: string | null,
  local: readonly ObservationDoc[],
): OlderHistory {
  const [state, setState] = useState<OlderHistory>({ kind: 'none' });
  const before = olderCutoff(local, new Date()).slice(0, 10);
  useEffect(() => {
    setState({ kind: 'none' });
    if (records === null || patientId === null) return;
    const store = records;
    const subject = patientId;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    async function load(): Promise<void> {
      try {
        const ids = await store.recordIdsOf(subject);
        // The day before the oldest held: central's copies of what the station holds are merged once anyway.
        const observations = await readOlder(ids, `${before}T00:00:00.000Z`);
        if (live) setState({ kind: 'loaded', observations });
      } catch (error) {
        if (!live) return;
        setState({ kind: error instanceof OlderHistoryOffline ? 'offline' : 'failed' });
        timer = setTimeout(() => void load(), RETRY_MS);
      }
    }
    void load();
    return () => {
      live = false;
      if (timer !== null) clearTimeout(timer);
    };
  }, [records, readOlder, patientId, before]);
  return state;
}
