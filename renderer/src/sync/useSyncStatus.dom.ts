/** The sync status from main, kept live from its `sync.status` events and re-read when the bridge reconnects. */
import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '../../../electron/contract/sync.std.js';
import { onBridgeConnection } from '../bridge/client.dom.js';
import type { SyncApi } from './syncApi.dom.js';

export interface SyncStatusView {
  readonly status: SyncStatus | null;
  /** Error code of the last failed read, null when the last read worked. */
  readonly loadError: string | null;
  replace(status: SyncStatus): void;
  refresh(): Promise<void>;
}

/** `pollMs`: also re-read on a timer (main sends events on changes only; the 24 h chart moves every 15 min). */
export function useSyncStatus(api: SyncApi, pollMs: number | null = null): SyncStatusView {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const result = await api.status();
    if (result.ok) {
      setStatus(result.value);
      setLoadError(null);
    } else setLoadError(result.error.code);
  }, [api]);

  useEffect(() => {
    let live = true;
    void api.status().then((result) => {
      if (!live) return;
      if (result.ok) setStatus(result.value);
      else setLoadError(result.error.code);
    });
    const offStatus = api.onStatus((next) => {
      setStatus(next);
      setLoadError(null);
    });
    const offBridge = onBridgeConnection((up) => {
      if (up && live) void refresh();
    });
    return () => {
      live = false;
      offStatus();
      offBridge();
    };
  }, [api, refresh]);

  useEffect(() => {
    if (pollMs === null) return;
    const timer = setInterval(() => void refresh(), pollMs);
    return () => clearInterval(timer);
  }, [pollMs, refresh]);

  return { status, loadError, replace: setStatus, refresh };
}

/** Re-renders every `everyMs` so "5 minutes ago" stays true while the screen is open. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
