/**
 * Device readings waiting for the nurse: those for the bound patient and the unassigned ones, live from
 * `devices.reading`. Readings already saved in the store but not yet marked (the app stopped in between)
 * are marked charted on load instead of being offered again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DataContext } from '../../../sync/store/dataContext.dom.js';
import type { DeviceErrorEvent, InboxItem } from '../../../electron/contract/devices.std.js';
import { EdgeError } from '../../../electron/contract/result.std.js';
import { invoke, on } from '../bridge/client.dom.js';
import { reconcilePending, type StationContext } from './charting.dom.js';

export interface PendingReadings {
  readonly forPatient: readonly InboxItem[];
  readonly unassigned: readonly InboxItem[];
  readonly lastDeviceError: DeviceErrorEvent | null;
  readonly problem: unknown;
  reload(): Promise<void>;
}

export function usePendingReadings(records: DataContext | null, patientId: string | null, station: StationContext | null): PendingReadings {
  const [items, setItems] = useState<readonly InboxItem[]>([]);
  const [lastDeviceError, setLastDeviceError] = useState<DeviceErrorEvent | null>(null);
  const [problem, setProblem] = useState<unknown>(null);

  // Reloads overlap (an event, then the nurse's click): only the newest one's answer is shown.
  const latest = useRef(0);
  const reload = useCallback(async () => {
    latest.current += 1;
    const mine = latest.current;
    const filter = { ...(patientId === null ? {} : { patientRef: patientId }), includeUnassigned: true };
    let result = await invoke('devices.pending', filter);
    if (result.ok && records !== null && station !== null && (await reconcilePending(records, result.value, station)) > 0) {
      result = await invoke('devices.pending', filter);
    }
    if (mine !== latest.current) return;
    if (!result.ok) {
      setProblem(new EdgeError(result.error.code, result.error.message));
      return;
    }
    setProblem(null);
    setItems(result.value);
  }, [records, patientId, station]);

  useEffect(() => {
    void reload();
    const offReading = on('devices.reading', () => void reload());
    const offError = on('devices.error', setLastDeviceError);
    return () => {
      offReading();
      offError();
    };
  }, [reload]);

  return {
    forPatient: items.filter((item) => item.patientRef !== null && item.patientRef === patientId),
    unassigned: items.filter((item) => item.patientRef === null),
    lastDeviceError,
    problem,
    reload,
  };
}
