/**
 * Every pending device reading of this station, live from `devices.reading`: those for the bound patient,
 * and the others (unassigned or bound to another patient) so none is hidden. Readings already saved in the
 * store but not yet marked (the app stopped in between) are marked charted on load instead of being offered
 * again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import type { DeviceErrorEvent, InboxItem } from '../../../electron/contract/devices.std.js';
import { invokeOrThrow, on } from '../bridge/client.dom.js';
import { reconcilePending } from './charting.dom.js';

export interface PendingReadings {
  /** Every pending reading of the station, newest first (split with splitPending once its people are known). */
  readonly items: readonly InboxItem[];
  readonly lastDeviceError: DeviceErrorEvent | null;
  readonly problem: unknown;
  reload(): Promise<void>;
}

const PAGE = 200;
/** 10 pages: a station with more than 2000 readings waiting has a bigger problem than this list. */
const MAX_PAGES = 10;

async function allPending(): Promise<InboxItem[]> {
  const items: InboxItem[] = [];
  let beforeId: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const batch = await invokeOrThrow('devices.pending', {
      includeOtherPatients: true,
      limit: PAGE,
      ...(beforeId === undefined ? {} : { beforeId }),
    });
    items.push(...batch);
    if (batch.length < PAGE) break;
    beforeId = batch.at(-1)?.id;
  }
  return items;
}

export function usePendingReadings(records: DataContext | null): PendingReadings {
  const [items, setItems] = useState<readonly InboxItem[]>([]);
  const [lastDeviceError, setLastDeviceError] = useState<DeviceErrorEvent | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  // Reloads overlap (an event, then the nurse's click): only the newest one's answer is shown.
  const latest = useRef(0);
  const reload = useCallback(async () => {
    latest.current += 1;
    const mine = latest.current;
    try {
      let found = await allPending();
      if (records !== null && (await reconcilePending(records, found)) > 0) found = await allPending();
      if (mine !== latest.current) return;
      setProblem(null);
      setItems(found);
    } catch (error) {
      if (mine === latest.current) setProblem(error);
    }
  }, [records]);

  useEffect(() => {
    void reload();
    const offReading = on('devices.reading', () => void reload());
    const offError = on('devices.error', setLastDeviceError);
    return () => {
      offReading();
      offError();
    };
  }, [reload]);

  return { items, lastDeviceError, problem, reload };
}
